/* sqlite_user.c - users, their tokens and sessions, failed sign-ins
 * (migration 005). Owners and letters are named canonically by the door;
 * the rows refer to them by id. */
#include "store/sqlite/sqlite_internal.h"

#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/banned.h"

/* ---- users ---------------------------------------------------------------------- */

static int link_scope(struct store_engine *e, const struct user *u, struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = 0;

	for (size_t i = 0; i < u->owners.n && !rc; i++) {
		if ((rc = sq_stmt(e, "INSERT INTO user_owner (user_id, owner_id) SELECT u.id, o.id "
				  "FROM app_user u, owner o WHERE u.name = ?1 AND o.name = ?2", &s, err)))
			return rc;
		bind_text(s, 1, u->name);
		bind_text(s, 2, u->owners.items[i]);
		rc = sq_exec(e, s, "giving a user an owner", err);
	}
	for (size_t i = 0; i < u->letters.n && !rc; i++) {
		if ((rc = sq_stmt(e, "INSERT INTO user_letter (user_id, letter_id) SELECT u.id, l.id "
				  "FROM app_user u, letter l WHERE u.name = ?1 AND l.doc_no = ?2", &s,
				  err)))
			return rc;
		bind_text(s, 1, u->name);
		bind_text(s, 2, u->letters.items[i]);
		rc = sq_exec(e, s, "giving a user a letter", err);
	}
	return rc;
}

static int sq_user_insert(struct store_engine *e, const struct user *u, const char *password_hash,
		   struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = sq_stmt(e, "INSERT INTO app_user (name, role, password_hash, disabled, created_at) "
			 "VALUES (?1, ?2, ?3, ?4, ?5)", &s, err);

	if (rc)
		return rc;
	bind_text(s, 1, u->name);
	bind_text(s, 2, role_name(u->role));
	bind_text(s, 3, password_hash);
	sqlite3_bind_int(s, 4, u->disabled);
	bind_text(s, 5, u->created_at);
	if ((rc = sq_exec(e, s, "adding a user", err)))
		return rc;
	return link_scope(e, u, err);
}

static int sq_user_update(struct store_engine *e, const struct user *u, struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = sq_stmt(e, "UPDATE app_user SET role = ?2, disabled = ?3 WHERE name = ?1", &s, err);

	if (rc)
		return rc;
	bind_text(s, 1, u->name);
	bind_text(s, 2, role_name(u->role));
	sqlite3_bind_int(s, 3, u->disabled);
	if ((rc = sq_exec(e, s, "changing a user", err)) ||
	    (rc = sq_stmt(e, "DELETE FROM user_owner WHERE user_id = "
			  "(SELECT id FROM app_user WHERE name = ?1)", &s, err)))
		return rc;
	bind_text(s, 1, u->name);
	if ((rc = sq_exec(e, s, "changing a user", err)) ||
	    (rc = sq_stmt(e, "DELETE FROM user_letter WHERE user_id = "
			  "(SELECT id FROM app_user WHERE name = ?1)", &s, err)))
		return rc;
	bind_text(s, 1, u->name);
	if ((rc = sq_exec(e, s, "changing a user", err)))
		return rc;
	return link_scope(e, u, err);
}

static int sq_user_password(struct store_engine *e, const char *name, const char *password_hash,
		     struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = sq_stmt(e, "UPDATE app_user SET password_hash = ?2 WHERE name = ?1", &s, err);

	if (rc)
		return rc;
	bind_text(s, 1, name);
	bind_text(s, 2, password_hash);
	return sq_exec(e, s, "setting a password", err);
}

static void split_list(const char *t, struct strlist *out)
{
	while (t && *t) {
		const char *sep = strchr(t, '\x1f');
		size_t n = sep ? (size_t)(sep - t) : strlen(t);
		char *item = xstrndup(t, n);

		strlist_push(out, item);
		free(item);
		t = sep ? sep + 1 : t + n;
	}
}

/* name, role, disabled, created_at, owners, letters, password_hash */
#define USER_COLUMNS \
	"u.name, u.role, u.disabled, u.created_at, " \
	"(SELECT group_concat(name, char(31)) FROM (SELECT o.name FROM user_owner x JOIN owner o " \
	" ON o.id = x.owner_id WHERE x.user_id = u.id ORDER BY o.name)), " \
	"(SELECT group_concat(doc_no, char(31)) FROM (SELECT l.doc_no FROM user_letter x JOIN " \
	" letter l ON l.id = x.letter_id WHERE x.user_id = u.id ORDER BY l.doc_no)), " \
	"u.password_hash "

static void user_from_row(sqlite3_stmt *s, struct user *u)
{
	int role = role_parse((const char *)sqlite3_column_text(s, 1));

	user_init(u);
	u->name = column_strdup(s, 0);
	u->role = role < 0 ? ROLE_VIEWER : (enum role)role;   /* the check reports it */
	u->disabled = sqlite3_column_int(s, 2) != 0;
	u->created_at = column_strdup(s, 3);
	split_list((const char *)sqlite3_column_text(s, 4), &u->owners);
	split_list((const char *)sqlite3_column_text(s, 5), &u->letters);
	u->has_password = sqlite3_column_type(s, 6) != SQLITE_NULL;
}

static int sq_user_lookup(struct store_engine *e, const char *name, struct user *out,
		   char **password_hash, struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = sq_stmt(e, "SELECT " USER_COLUMNS "FROM app_user u WHERE u.name = ?1", &s, err);

	if (rc)
		return rc;
	bind_text(s, 1, name);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		user_from_row(s, out);
		if (password_hash)
			*password_hash = column_strdup(s, 6);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		rc = trk_err_field(err, TRK_ENOTFOUND, "user", "no user '%s' (see 'tracker user "
				   "list')", name);
	} else {
		rc = sq_err(e, err, "looking up a user");
	}
	stmt_done(s);
	return rc;
}

static int sq_users_scan(struct store_engine *e, user_fn fn, void *ctx, struct trk_error *err)
{
	sqlite3_stmt *s = NULL;
	struct user u;
	int rc;

	if (sq_scan_prepare(e, "SELECT " USER_COLUMNS "FROM app_user u ORDER BY u.id", &s) !=
	    SQLITE_OK)
		return sq_err(e, err, "listing users");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		user_from_row(s, &u);
		rc = fn(&u, ctx, err);
		user_release(&u);
		if (rc)
			goto out;
	}
	rc = rc == SQLITE_DONE ? 0 : sq_err(e, err, "listing users");
out:
	sq_scan_finish(e, s);
	return rc;
}

/* ---- tokens --------------------------------------------------------------------- */

#define TOKEN_COLUMNS "t.id, u.name, t.kind, t.created_at, t.revoked_at, t.hash "

static void token_from_row(sqlite3_stmt *s, struct token *t)
{
	const char *kind = (const char *)sqlite3_column_text(s, 2);

	t->id = column_strdup(s, 0);
	t->user = column_strdup(s, 1);
	t->kind = kind && strcmp(kind, "feed") == 0 ? TOKEN_FEED : TOKEN_API;
	t->created_at = column_strdup(s, 3);
	t->revoked_at = column_strdup(s, 4);
	t->hash = column_strdup(s, 5);
}

static int sq_token_insert(struct store_engine *e, const struct token *t, struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = sq_stmt(e, "INSERT INTO token (id, user_id, kind, hash, created_at) SELECT ?1, "
			 "u.id, ?3, ?4, ?5 FROM app_user u WHERE u.name = ?2", &s, err);

	if (rc)
		return rc;
	bind_text(s, 1, t->id);
	bind_text(s, 2, t->user);
	bind_text(s, 3, token_kind_name(t->kind));
	bind_text(s, 4, t->hash);
	bind_text(s, 5, t->created_at);
	if ((rc = sq_exec(e, s, "adding a token", err)))
		return rc;
	return sqlite3_changes(e->db) == 1 ? 0
	       : trk_err_field(err, TRK_ENOTFOUND, "user", "no user '%s'", t->user);
}

static int token_one(struct store_engine *e, sqlite3_stmt *s, const char *what,
		     struct token *out, struct trk_error *err)
{
	int rc = sqlite3_step(s);

	memset(out, 0, sizeof(*out));
	if (rc == SQLITE_ROW) {
		token_from_row(s, out);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		rc = trk_err(err, TRK_ENOTFOUND, "no token %s", what);
	} else {
		rc = sq_err(e, err, "looking up a token");
	}
	stmt_done(s);
	return rc;
}

static int sq_token_lookup(struct store_engine *e, const char *hash, struct token *out,
		    struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = sq_stmt(e, "SELECT " TOKEN_COLUMNS "FROM token t JOIN app_user u ON u.id = "
			 "t.user_id WHERE t.hash = ?1", &s, err);

	if (rc)
		return rc;
	bind_text(s, 1, hash);
	return token_one(e, s, "with that value", out, err);
}

static int sq_token_by_id(struct store_engine *e, const char *id, struct token *out,
		   struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = sq_stmt(e, "SELECT " TOKEN_COLUMNS "FROM token t JOIN app_user u ON u.id = "
			 "t.user_id WHERE t.id = ?1", &s, err);

	if (rc)
		return rc;
	bind_text(s, 1, id);
	return token_one(e, s, id, out, err);
}

static int sq_token_revoke(struct store_engine *e, const char *id, const char *at,
		    struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = sq_stmt(e, "UPDATE token SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
			 &s, err);

	if (rc)
		return rc;
	bind_text(s, 1, id);
	bind_text(s, 2, at);
	return sq_exec(e, s, "revoking a token", err);
}

static int sq_tokens_scan(struct store_engine *e, const char *user, token_fn fn, void *ctx,
		   struct trk_error *err)
{
	sqlite3_stmt *s = NULL;
	struct token t;
	int rc;

	if (sq_scan_prepare(e, "SELECT " TOKEN_COLUMNS "FROM token t JOIN app_user u ON "
			    "u.id = t.user_id WHERE ?1 IS NULL OR u.name = ?1 "
			    "ORDER BY t.created_at, u.id, t.kind, t.id", &s) != SQLITE_OK)
		return sq_err(e, err, "listing tokens");
	bind_text(s, 1, user);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		token_from_row(s, &t);
		rc = fn(&t, ctx, err);
		token_release(&t);
		if (rc)
			goto out;
	}
	rc = rc == SQLITE_DONE ? 0 : sq_err(e, err, "listing tokens");
out:
	sq_scan_finish(e, s);
	return rc;
}

/* ---- sessions ------------------------------------------------------------------- */

static int sq_session_insert(struct store_engine *e, const char *hash, const struct session_row *r,
		      struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = sq_stmt(e, "INSERT INTO session (hash, user_id, csrf, created_at, last_seen) "
			 "SELECT ?1, u.id, ?3, ?4, ?4 FROM app_user u WHERE u.name = ?2", &s, err);

	if (rc)
		return rc;
	bind_text(s, 1, hash);
	bind_text(s, 2, r->user);
	bind_text(s, 3, r->csrf);
	bind_text(s, 4, r->created_at);
	return sq_exec(e, s, "opening a session", err);
}

static int sq_session_lookup(struct store_engine *e, const char *hash, struct session_row *out,
		      struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = sq_stmt(e, "SELECT u.name, x.csrf, x.created_at, x.last_seen FROM session x "
			 "JOIN app_user u ON u.id = x.user_id WHERE x.hash = ?1", &s, err);

	if (rc)
		return rc;
	bind_text(s, 1, hash);
	memset(out, 0, sizeof(*out));
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		out->user = column_strdup(s, 0);
		out->csrf = column_strdup(s, 1);
		out->created_at = column_strdup(s, 2);
		out->last_seen = column_strdup(s, 3);
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		rc = trk_err(err, TRK_ENOTFOUND, "no such session");
	} else {
		rc = sq_err(e, err, "looking up a session");
	}
	stmt_done(s);
	return rc;
}

static int sq_session_touch(struct store_engine *e, const char *hash, const char *at,
		     struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = sq_stmt(e, "UPDATE session SET last_seen = ?2 WHERE hash = ?1", &s, err);

	if (rc)
		return rc;
	bind_text(s, 1, hash);
	bind_text(s, 2, at);
	return sq_exec(e, s, "keeping a session", err);
}

static int sq_session_delete(struct store_engine *e, const char *hash, struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = sq_stmt(e, "DELETE FROM session WHERE hash = ?1", &s, err);

	if (rc)
		return rc;
	bind_text(s, 1, hash);
	return sq_exec(e, s, "closing a session", err);
}

static int sq_sessions_prune(struct store_engine *e, const char *before, const char *user,
		      struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = sq_stmt(e, "DELETE FROM session WHERE last_seen < ?1 OR user_id = "
			 "(SELECT id FROM app_user WHERE name = ?2)", &s, err);

	if (rc)
		return rc;
	bind_text(s, 1, before);
	bind_text(s, 2, user);
	return sq_exec(e, s, "closing old sessions", err);
}

/* ---- failed sign-ins ------------------------------------------------------------ */

static int sq_login_failure_insert(struct store_engine *e, const char *address, const char *at,
			    struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = sq_stmt(e, "INSERT INTO login_failure (address, at) VALUES (?1, ?2)", &s, err);

	if (rc)
		return rc;
	bind_text(s, 1, address);
	bind_text(s, 2, at);
	return sq_exec(e, s, "recording a failed sign-in", err);
}

static int sq_login_failures_count(struct store_engine *e, const char *address,
				   const char *since, int *count, char **last,
				   struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = sq_stmt(e, "SELECT count(*), max(at) FROM login_failure WHERE address = ?1 "
			 "AND at >= ?2", &s, err);

	*last = NULL;
	if (rc)
		return rc;
	bind_text(s, 1, address);
	bind_text(s, 2, since);
	rc = sqlite3_step(s);
	*count = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
	if (rc == SQLITE_ROW)
		*last = column_strdup(s, 1);
	rc = rc == SQLITE_ROW ? 0 : sq_err(e, err, "counting failed sign-ins");
	stmt_done(s);
	return rc;
}

static int sq_login_failures_clear(struct store_engine *e, const char *address, const char *before,
			    struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = sq_stmt(e, "DELETE FROM login_failure WHERE address = ?1 OR (?1 IS NULL AND "
			 "at < ?2)", &s, err);

	if (rc)
		return rc;
	bind_text(s, 1, address);
	bind_text(s, 2, before);
	return sq_exec(e, s, "forgetting failed sign-ins", err);
}

const struct user_ops sqlite_user_ops = {
	.user_insert = sq_user_insert,
	.user_update = sq_user_update,
	.user_password = sq_user_password,
	.user_lookup = sq_user_lookup,
	.users_scan = sq_users_scan,
	.token_insert = sq_token_insert,
	.token_lookup = sq_token_lookup,
	.token_by_id = sq_token_by_id,
	.token_revoke = sq_token_revoke,
	.tokens_scan = sq_tokens_scan,
	.session_insert = sq_session_insert,
	.session_lookup = sq_session_lookup,
	.session_touch = sq_session_touch,
	.session_delete = sq_session_delete,
	.sessions_prune = sq_sessions_prune,
	.login_failure_insert = sq_login_failure_insert,
	.login_failures_count = sq_login_failures_count,
	.login_failures_clear = sq_login_failures_clear,
};
