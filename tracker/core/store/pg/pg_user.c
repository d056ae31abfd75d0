/* pg_user.c - users, their tokens and sessions, failed sign-ins
 * (migration 005), as store/sqlite/sqlite_user.c. Users and tokens change
 * (disabled, revoked), so their writes are ordered by the row locks of the
 * UPDATE itself and the journal's lock after it; a lookup that finds no
 * user is looked up again under the record's lock (the writer may be about
 * to add one), and a token about to be revoked is read under it, so two
 * revocations cannot both be journaled. Sessions and failed sign-ins are
 * the servers' working state and take no lock beyond their rows: every
 * request may write them. */
#include "store/pg/pg_internal.h"

#include <stdlib.h>
#include <string.h>

#include "util/banned.h"

/* ---- users ---------------------------------------------------------------------- */

static int link_scope(struct store_engine *e, const struct user *u, struct trk_error *err)
{
	struct pg_params p;
	int rc = 0;

	for (size_t i = 0; i < u->owners.n && !rc; i++) {
		pgp_init(&p);
		pgp_text(&p, u->name);
		pgp_text(&p, u->owners.items[i]);
		rc = pg_exec(e, "INSERT INTO user_owner (user_id, owner_id) SELECT u.id, o.id "
			     "FROM app_user u, owner o WHERE u.name = $1 AND o.name = $2", &p,
			     "giving a user an owner", err);
	}
	for (size_t i = 0; i < u->letters.n && !rc; i++) {
		pgp_init(&p);
		pgp_text(&p, u->name);
		pgp_text(&p, u->letters.items[i]);
		rc = pg_exec(e, "INSERT INTO user_letter (user_id, letter_id) SELECT u.id, l.id "
			     "FROM app_user u, letter l WHERE u.name = $1 AND l.doc_no = $2", &p,
			     "giving a user a letter", err);
	}
	return rc;
}

static int pg_user_insert(struct store_engine *e, const struct user *u,
			  const char *password_hash, struct trk_error *err)
{
	struct pg_params p;
	int rc;

	if ((rc = pg_lock_record(e, err)))
		return rc;
	pgp_init(&p);
	pgp_text(&p, u->name);
	pgp_text(&p, role_name(u->role));
	pgp_text(&p, password_hash);
	pgp_int(&p, u->disabled);
	pgp_text(&p, u->created_at);
	if ((rc = pg_exec(e, "INSERT INTO app_user (name, role, password_hash, disabled, "
			  "created_at) VALUES ($1, $2, $3, $4, $5)", &p, "adding a user", err)))
		return rc;
	return link_scope(e, u, err);
}

static int pg_user_update(struct store_engine *e, const struct user *u, struct trk_error *err)
{
	struct pg_params p;
	int rc;

	pgp_init(&p);
	pgp_text(&p, u->name);
	pgp_text(&p, role_name(u->role));
	pgp_int(&p, u->disabled);
	if ((rc = pg_exec(e, "UPDATE app_user SET role = $2, disabled = $3 WHERE name = $1", &p,
			  "changing a user", err)))
		return rc;
	pgp_init(&p);
	pgp_text(&p, u->name);
	if ((rc = pg_exec(e, "DELETE FROM user_owner WHERE user_id = "
			  "(SELECT id FROM app_user WHERE name = $1)", &p, "changing a user", err)) ||
	    (rc = pg_exec(e, "DELETE FROM user_letter WHERE user_id = "
			  "(SELECT id FROM app_user WHERE name = $1)", &p, "changing a user", err)))
		return rc;
	return link_scope(e, u, err);
}

static int pg_user_password(struct store_engine *e, const char *name, const char *password_hash,
			    struct trk_error *err)
{
	struct pg_params p;

	pgp_init(&p);
	pgp_text(&p, name);
	pgp_text(&p, password_hash);
	return pg_exec(e, "UPDATE app_user SET password_hash = $2 WHERE name = $1", &p,
		       "setting a password", err);
}

/* name, role, disabled, created_at, password_hash, id; owners and letters
 * are read apart (no aggregate functions, which differ across the family). */
#define USER_COLUMNS "u.name, u.role, u.disabled, u.created_at, u.password_hash, u.id "

static int user_lists(struct store_engine *e, int64_t id, struct user *u,
		      struct trk_error *err)
{
	struct pg_params p;
	PGresult *res;

	pgp_init(&p);
	pgp_int(&p, id);
	if (!(res = pg_run(e, "SELECT o.name FROM user_owner x JOIN owner o ON o.id = x.owner_id "
			   "WHERE x.user_id = $1 ORDER BY o.name", &p, "reading a user", err)))
		return pg_code(err);
	for (int i = 0; i < sym_PQntuples(res); i++)
		strlist_push(&u->owners, sym_PQgetvalue(res, i, 0));
	sym_PQclear(res);
	if (!(res = pg_run(e, "SELECT l.doc_no FROM user_letter x JOIN letter l ON "
			   "l.id = x.letter_id WHERE x.user_id = $1 ORDER BY l.doc_no", &p,
			   "reading a user", err)))
		return pg_code(err);
	for (int i = 0; i < sym_PQntuples(res); i++)
		strlist_push(&u->letters, sym_PQgetvalue(res, i, 0));
	sym_PQclear(res);
	return 0;
}

static int user_from_row(struct store_engine *e, const PGresult *r, int row, struct user *u,
			 struct trk_error *err)
{
	const char *role_text = pg_cell(r, row, 1);
	int role = role_text ? role_parse(role_text) : -1;

	user_init(u);
	u->name = pg_strdup(r, row, 0);
	u->role = role < 0 ? ROLE_VIEWER : (enum role)role;   /* the check reports it */
	u->disabled = pg_int(r, row, 2) != 0;
	u->created_at = pg_strdup(r, row, 3);
	u->has_password = !sym_PQgetisnull(r, row, 4);
	return user_lists(e, pg_int(r, row, 5), u, err);
}

static int user_once(struct store_engine *e, const char *name, struct user *out,
		     char **password_hash, bool *found, struct trk_error *err)
{
	struct pg_params p;
	PGresult *res;
	int rc = 0;

	pgp_init(&p);
	pgp_text(&p, name);
	if (!(res = pg_run(e, "SELECT " USER_COLUMNS "FROM app_user u WHERE u.name = $1", &p,
			   "looking up a user", err)))
		return pg_code(err);
	*found = sym_PQntuples(res) == 1;
	if (*found) {
		rc = user_from_row(e, res, 0, out, err);
		if (password_hash)
			*password_hash = pg_strdup(res, 0, 4);
	}
	sym_PQclear(res);
	return rc;
}

static int pg_user_lookup(struct store_engine *e, const char *name, struct user *out,
			  char **password_hash, struct trk_error *err)
{
	bool found = false;
	int rc;

	if (password_hash)
		*password_hash = NULL;
	rc = user_once(e, name, out, password_hash, &found, err);
	if (!rc && !found && e->in_write && !e->record_locked &&
	    !(rc = pg_lock_record(e, err)))
		rc = user_once(e, name, out, password_hash, &found, err);
	if (!rc && !found)
		rc = trk_err_field(err, TRK_ENOTFOUND, "user", "no user '%s' (see 'tracker user "
				   "list')", name);
	return rc;
}

static int pg_users_scan(struct store_engine *e, user_fn fn, void *ctx, struct trk_error *err)
{
	PGresult *res;
	struct user u;
	int rc;

	if ((rc = pg_lock_record(e, err)))
		return rc;
	if (!(res = pg_run(e, "SELECT " USER_COLUMNS "FROM app_user u ORDER BY u.id", NULL,
			   "listing users", err)))
		return pg_code(err);
	for (int i = 0; i < sym_PQntuples(res) && !rc; i++) {
		if (!(rc = user_from_row(e, res, i, &u, err)))
			rc = fn(&u, ctx, err);
		user_release(&u);
	}
	sym_PQclear(res);
	return rc;
}

/* ---- tokens --------------------------------------------------------------------- */

#define TOKEN_COLUMNS "t.id, u.name, t.kind, t.created_at, t.revoked_at, t.hash "

static void token_from_row(const PGresult *r, int row, struct token *t)
{
	const char *kind = pg_cell(r, row, 2);

	t->id = pg_strdup(r, row, 0);
	t->user = pg_strdup(r, row, 1);
	t->kind = kind && strcmp(kind, "feed") == 0 ? TOKEN_FEED : TOKEN_API;
	t->created_at = pg_strdup(r, row, 3);
	t->revoked_at = pg_strdup(r, row, 4);
	t->hash = pg_strdup(r, row, 5);
}

static int pg_token_insert(struct store_engine *e, const struct token *t, struct trk_error *err)
{
	struct pg_params p;
	PGresult *res;
	int rc;

	pgp_init(&p);
	pgp_text(&p, t->id);
	pgp_text(&p, t->user);
	pgp_text(&p, token_kind_name(t->kind));
	pgp_text(&p, t->hash);
	pgp_text(&p, t->created_at);
	if (!(res = pg_run(e, "INSERT INTO token (id, user_id, kind, hash, created_at) SELECT $1, "
			   "u.id, $3, $4, $5 FROM app_user u WHERE u.name = $2", &p,
			   "adding a token", err)))
		return pg_code(err);
	rc = strcmp(sym_PQcmdTuples(res), "1") == 0 ? 0
	     : trk_err_field(err, TRK_ENOTFOUND, "user", "no user '%s'", t->user);
	sym_PQclear(res);
	return rc;
}

static int token_one(struct store_engine *e, const char *sql, const char *value,
		     const char *what, struct token *out, struct trk_error *err)
{
	struct pg_params p;
	PGresult *res;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	pgp_init(&p);
	pgp_text(&p, value);
	if (!(res = pg_run(e, sql, &p, "looking up a token", err)))
		return pg_code(err);
	if (sym_PQntuples(res) == 1)
		token_from_row(res, 0, out);
	else
		rc = trk_err(err, TRK_ENOTFOUND, "no token %s", what);
	sym_PQclear(res);
	return rc;
}

static int pg_token_lookup(struct store_engine *e, const char *hash, struct token *out,
			   struct trk_error *err)
{
	return token_one(e, "SELECT " TOKEN_COLUMNS "FROM token t JOIN app_user u ON u.id = "
			 "t.user_id WHERE t.hash = $1", hash, "with that value", out, err);
}

/* Read before a revocation: under the record's lock in a write. */
static int pg_token_by_id(struct store_engine *e, const char *id, struct token *out,
			  struct trk_error *err)
{
	int rc = pg_lock_record(e, err);

	if (rc)
		return rc;
	return token_one(e, "SELECT " TOKEN_COLUMNS "FROM token t JOIN app_user u ON u.id = "
			 "t.user_id WHERE t.id = $1", id, id, out, err);
}

static int pg_token_revoke(struct store_engine *e, const char *id, const char *at,
			   struct trk_error *err)
{
	struct pg_params p;

	pgp_init(&p);
	pgp_text(&p, id);
	pgp_text(&p, at);
	return pg_exec(e, "UPDATE token SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL",
		       &p, "revoking a token", err);
}

static int pg_tokens_scan(struct store_engine *e, const char *user, token_fn fn, void *ctx,
			  struct trk_error *err)
{
	struct pg_params p;
	struct token t;
	PGresult *res;
	int rc = 0;

	pgp_init(&p);
	pgp_text(&p, user);
	if (!(res = pg_run(e, "SELECT " TOKEN_COLUMNS "FROM token t JOIN app_user u ON "
			   "u.id = t.user_id WHERE $1::text IS NULL OR u.name = $1 "
			   "ORDER BY t.created_at, u.id, t.kind, t.id", &p, "listing tokens", err)))
		return pg_code(err);
	for (int i = 0; i < sym_PQntuples(res) && !rc; i++) {
		memset(&t, 0, sizeof(t));
		token_from_row(res, i, &t);
		rc = fn(&t, ctx, err);
		token_release(&t);
	}
	sym_PQclear(res);
	return rc;
}

/* ---- sessions ------------------------------------------------------------------- */

static int pg_session_insert(struct store_engine *e, const char *hash,
			     const struct session_row *r, struct trk_error *err)
{
	struct pg_params p;

	pgp_init(&p);
	pgp_text(&p, hash);
	pgp_text(&p, r->user);
	pgp_text(&p, r->csrf);
	pgp_text(&p, r->created_at);
	return pg_exec(e, "INSERT INTO session (hash, user_id, csrf, created_at, last_seen) "
		       "SELECT $1, u.id, $3, $4, $4 FROM app_user u WHERE u.name = $2", &p,
		       "opening a session", err);
}

static int pg_session_lookup(struct store_engine *e, const char *hash, struct session_row *out,
			     struct trk_error *err)
{
	struct pg_params p;
	PGresult *res;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	pgp_init(&p);
	pgp_text(&p, hash);
	if (!(res = pg_run(e, "SELECT u.name, x.csrf, x.created_at, x.last_seen FROM session x "
			   "JOIN app_user u ON u.id = x.user_id WHERE x.hash = $1", &p,
			   "looking up a session", err)))
		return pg_code(err);
	if (sym_PQntuples(res) == 1) {
		out->user = pg_strdup(res, 0, 0);
		out->csrf = pg_strdup(res, 0, 1);
		out->created_at = pg_strdup(res, 0, 2);
		out->last_seen = pg_strdup(res, 0, 3);
	} else {
		rc = trk_err(err, TRK_ENOTFOUND, "no such session");
	}
	sym_PQclear(res);
	return rc;
}

static int pg_session_touch(struct store_engine *e, const char *hash, const char *at,
			    struct trk_error *err)
{
	struct pg_params p;

	pgp_init(&p);
	pgp_text(&p, hash);
	pgp_text(&p, at);
	return pg_exec(e, "UPDATE session SET last_seen = $2 WHERE hash = $1", &p,
		       "keeping a session", err);
}

static int pg_session_delete(struct store_engine *e, const char *hash, struct trk_error *err)
{
	struct pg_params p;

	pgp_init(&p);
	pgp_text(&p, hash);
	return pg_exec(e, "DELETE FROM session WHERE hash = $1", &p, "closing a session", err);
}

static int pg_sessions_prune(struct store_engine *e, const char *before, const char *user,
			     struct trk_error *err)
{
	struct pg_params p;

	pgp_init(&p);
	pgp_text(&p, before);
	pgp_text(&p, user);
	return pg_exec(e, "DELETE FROM session WHERE last_seen < $1 OR user_id = "
		       "(SELECT id FROM app_user WHERE name = $2)", &p, "closing old sessions",
		       err);
}

/* ---- failed sign-ins ------------------------------------------------------------ */

static int pg_login_failure_insert(struct store_engine *e, const char *address, const char *at,
				   struct trk_error *err)
{
	struct pg_params p;

	pgp_init(&p);
	pgp_text(&p, address);
	pgp_text(&p, at);
	return pg_exec(e, "INSERT INTO login_failure (address, at) VALUES ($1, $2)", &p,
		       "recording a failed sign-in", err);
}

static int pg_login_failures_count(struct store_engine *e, const char *address,
				   const char *since, int *count, char **last,
				   struct trk_error *err)
{
	struct pg_params p;
	PGresult *res;

	*last = NULL;
	*count = 0;
	pgp_init(&p);
	pgp_text(&p, address);
	pgp_text(&p, since);
	if (!(res = pg_run(e, "SELECT count(*), max(at) FROM login_failure WHERE address = $1 "
			   "AND at >= $2", &p, "counting failed sign-ins", err)))
		return pg_code(err);
	*count = (int)pg_int(res, 0, 0);
	*last = pg_strdup(res, 0, 1);
	sym_PQclear(res);
	return 0;
}

static int pg_login_failures_clear(struct store_engine *e, const char *address,
				   const char *before, struct trk_error *err)
{
	struct pg_params p;

	pgp_init(&p);
	pgp_text(&p, address);
	pgp_text(&p, before);
	return pg_exec(e, "DELETE FROM login_failure WHERE address = $1 OR ($1::text IS NULL AND "
		       "at < $2)", &p, "forgetting failed sign-ins", err);
}

const struct user_ops pg_user_ops = {
	.user_insert = pg_user_insert,
	.user_update = pg_user_update,
	.user_password = pg_user_password,
	.user_lookup = pg_user_lookup,
	.users_scan = pg_users_scan,
	.token_insert = pg_token_insert,
	.token_lookup = pg_token_lookup,
	.token_by_id = pg_token_by_id,
	.token_revoke = pg_token_revoke,
	.tokens_scan = pg_tokens_scan,
	.session_insert = pg_session_insert,
	.session_lookup = pg_session_lookup,
	.session_touch = pg_session_touch,
	.session_delete = pg_session_delete,
	.sessions_prune = pg_sessions_prune,
	.login_failure_insert = pg_login_failure_insert,
	.login_failures_count = pg_login_failures_count,
	.login_failures_clear = pg_login_failures_clear,
};
