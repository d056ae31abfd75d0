/* store_user.c - the door for users, tokens, sessions and failed sign-ins.
 *
 * Users and tokens are part of the record: written inside the caller's
 * store_write(), checked by model/rules.c, journaled (without secrets), so
 * `tracker check` can tell who could write when. Sessions and failed
 * sign-ins are working state: each call below runs its own short
 * transaction and nothing of them is journaled. */
#include "store/door.h"

#include <stdlib.h>
#include <string.h>

#include "model/canonical.h"
#include "model/rules.h"
#include "util/secret.h"
#include "util/strbuf.h"
#include "util/banned.h"

#define BAD_CREDENTIALS "invalid, revoked or expired credentials"
#define SECRET_MAX 256        /* longer than any token or session id */
#define TOUCH_EVERY_SECONDS 60

static const struct user_ops *uops(struct store *st)
{
	return st->ops->users;
}

static int bad_credentials(struct trk_error *err)
{
	return trk_err(err, TRK_EAUTH, BAD_CREDENTIALS);
}

/* ---- users ---------------------------------------------------------------------- */

static int by_bytes(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void push_unique(struct strlist *l, char *s)
{
	if (!strlist_has(l, s))
		strlist_push(l, s);
	free(s);
}

/* A copy of in with owners and letters named canonically, each once, in
 * byte order (so the journal text of the same scope is always the same). */
static int canonical_scope(struct store *st, const struct user *in, struct user *out,
			   struct trk_error *err)
{
	char *name;
	int rc = 0;

	user_init(out);
	out->name = xstrdup(in->name ? in->name : "");
	out->role = in->role;
	out->disabled = in->disabled;
	for (size_t i = 0; i < in->owners.n && !rc; i++)
		if (!(rc = store_owner_resolve(st, in->owners.items[i], &name, err)))
			push_unique(&out->owners, name);
	for (size_t i = 0; i < in->letters.n && !rc; i++)
		if (!(rc = store_letter_resolve(st, in->letters.items[i], &name, err)))
			push_unique(&out->letters, name);
	if (out->owners.n > 1)
		qsort(out->owners.items, out->owners.n, sizeof(char *), by_bytes);
	if (out->letters.n > 1)
		qsort(out->letters.items, out->letters.n, sizeof(char *), by_bytes);
	return rc;
}

static int journal_user(struct store *st, const struct actor *a, const struct user *u,
			struct trk_error *err)
{
	char *content = user_journal_text(u);
	int rc = door_journal(st, "user", u->name, content, a->name, NULL, err);

	free(content);
	return rc;
}

static int journal_password(struct store *st, const struct actor *a, const char *name,
			    const char *encoded, struct trk_error *err)
{
	char *content = password_journal_text(name, encoded);
	int rc = door_journal(st, "password", name, content, a->name, NULL, err);

	free(content);
	return rc;
}

int store_user_add(struct store *st, const struct actor *a, const struct user *in,
		   const char *password, struct trk_error *err)
{
	char at[TIMESTAMP_BUFSZ], *hash = NULL;
	struct user u, old;
	int rc;

	user_init(&u);
	user_init(&old);
	if ((rc = door_need_write(st, "adding a user", err)) ||
	    (rc = door_admin_only(a, "adding a user", err)) ||
	    (rc = canonical_scope(st, in, &u, err)) ||
	    (rc = rules_user(&u, err)))
		goto out;
	if (uops(st)->user_lookup(st->e, u.name, &old, NULL, NULL) == 0) {
		rc = trk_err_field(err, TRK_ECONFLICT, "user", "user '%s' exists already", u.name);
		goto out;
	}
	if ((password && (rc = secret_password_hash(password, &hash, err))) ||
	    (rc = door_stamp(NULL, at, err)))
		goto out;
	u.created_at = xstrdup(at);
	if (!(rc = uops(st)->user_insert(st->e, &u, hash, err)) &&
	    !(rc = journal_user(st, a, &u, err)) && hash)
		rc = journal_password(st, a, u.name, hash, err);
out:
	free(hash);
	user_release(&u);
	user_release(&old);
	return rc;
}

int store_user_disable(struct store *st, const struct actor *a, const char *name,
		       bool disabled, struct trk_error *err)
{
	struct user u;
	int rc;

	user_init(&u);
	if ((rc = door_need_write(st, "disabling a user", err)) ||
	    (rc = door_admin_only(a, "disabling a user", err)) ||
	    (rc = uops(st)->user_lookup(st->e, name, &u, NULL, err)) ||
	    u.disabled == disabled)
		goto out;
	u.disabled = disabled;
	if ((rc = uops(st)->user_update(st->e, &u, err)) ||
	    (disabled && (rc = uops(st)->sessions_prune(st->e, "", u.name, err))))
		goto out;
	rc = journal_user(st, a, &u, err);
out:
	user_release(&u);
	return rc;
}

/* An administrator manages everyone; anyone else only themselves. */
static int self_or_admin(const struct actor *a, const char *name, const char *what,
			 struct trk_error *err)
{
	if (a->role == ROLE_ADMIN || (a->name && name && strcmp(a->name, name) == 0))
		return 0;
	return door_admin_only(a, what, err);
}

int store_user_password(struct store *st, const struct actor *a, const char *name,
			const char *password, struct trk_error *err)
{
	char *hash = NULL;
	struct user u;
	int rc;

	user_init(&u);
	if ((rc = door_need_write(st, "setting a password", err)) ||
	    (rc = self_or_admin(a, name, "setting another user's password", err)) ||
	    (rc = uops(st)->user_lookup(st->e, name, &u, NULL, err)) ||
	    (rc = secret_password_hash(password, &hash, err)) ||
	    (rc = uops(st)->user_password(st->e, u.name, hash, err)))
		goto out;
	rc = journal_password(st, a, u.name, hash, err);
out:
	free(hash);
	user_release(&u);
	return rc;
}

int store_user_get(struct store *st, const char *name, struct user *out,
		   struct trk_error *err)
{
	user_init(out);
	if (!name || !*name)
		return trk_err_field(err, TRK_EINPUT, "user", "missing");
	return uops(st)->user_lookup(st->e, name, out, NULL, err);
}

int store_users(struct store *st, user_fn fn, void *ctx, struct trk_error *err)
{
	return uops(st)->users_scan(st->e, fn, ctx, err);
}

int store_user_password_digest(struct store *st, const char *name, char hex[DIGEST_HEXSZ],
			       struct trk_error *err)
{
	struct user u;
	char *hash = NULL;
	int rc = uops(st)->user_lookup(st->e, name, &u, &hash, err);

	hex[0] = '\0';
	if (!rc && hash)
		sha256_hex(hash, strlen(hash), hex);
	free(hash);
	if (!rc)
		user_release(&u);
	return rc;
}

void store_user_actor(struct actor *a, const struct user *u)
{
	a->name = u->name;
	a->role = u->role;
	a->owners = u->role == ROLE_DEPARTMENT ? &u->owners : NULL;
	a->letters = u->role == ROLE_VIEWER && u->letters.n ? &u->letters : NULL;
}

/* ---- tokens --------------------------------------------------------------------- */

static int journal_token(struct store *st, const struct actor *a, const struct token *t,
			 struct trk_error *err)
{
	char *content = token_journal_text(t);
	int rc = door_journal(st, "token", t->id, content, a->name, NULL, err);

	free(content);
	return rc;
}

int store_token_issue(struct store *st, const struct actor *a, const char *name,
		      enum token_kind kind, char **secret, char **id, struct trk_error *err)
{
	char at[TIMESTAMP_BUFSZ], hash[DIGEST_HEXSZ];
	struct token t = { 0 };
	struct user u;
	int rc;

	*secret = *id = NULL;
	user_init(&u);
	if ((rc = door_need_write(st, "issuing a token", err)) ||
	    (rc = self_or_admin(a, name, "issuing a token for another user", err)) ||
	    (rc = uops(st)->user_lookup(st->e, name, &u, NULL, err)) ||
	    (rc = door_stamp(NULL, at, err)) ||
	    (rc = secret_token(kind == TOKEN_FEED ? "trkf_" : "trk_", secret, err)))
		goto out;
	secret_digest(*secret, hash);
	t = (struct token){ .id = xstrndup(hash, TOKEN_ID_LEN), .user = u.name, .kind = kind,
			    .created_at = at, .hash = hash };
	if ((rc = uops(st)->token_insert(st->e, &t, err)) ||
	    (rc = journal_token(st, a, &t, err)))
		goto out;
	*id = t.id;
	t.id = NULL;
out:
	free(t.id);
	user_release(&u);
	if (rc) {
		free(*secret);
		*secret = NULL;
	}
	return rc;
}

int store_token_revoke(struct store *st, const struct actor *a, const char *id,
		       struct trk_error *err)
{
	char at[TIMESTAMP_BUFSZ];
	struct token t = { 0 };
	int rc;

	if ((rc = door_need_write(st, "revoking a token", err)) ||
	    (rc = uops(st)->token_by_id(st->e, id ? id : "", &t, err)) ||
	    (rc = self_or_admin(a, t.user, "revoking another user's token", err)) ||
	    t.revoked_at || (rc = door_stamp(NULL, at, err)) ||
	    (rc = uops(st)->token_revoke(st->e, t.id, at, err)))
		goto out;
	t.revoked_at = xstrdup(at);
	rc = journal_token(st, a, &t, err);
out:
	token_release(&t);
	return rc;
}

int store_tokens(struct store *st, const char *name, token_fn fn, void *ctx,
		 struct trk_error *err)
{
	return uops(st)->tokens_scan(st->e, name, fn, ctx, err);
}

/* ---- signing in ----------------------------------------------------------------- */

/* The live user called name, or TRK_EAUTH. */
static int live_user(struct store *st, const char *name, struct user *out,
		     struct trk_error *err)
{
	if (uops(st)->user_lookup(st->e, name, out, NULL, NULL) || out->disabled) {
		user_release(out);
		return bad_credentials(err);
	}
	return 0;
}

int store_auth_token(struct store *st, const char *secret, enum token_kind kind,
		     struct user *out, struct trk_error *err)
{
	char hash[DIGEST_HEXSZ];
	struct token t = { 0 };
	int rc;

	user_init(out);
	if (!secret || !*secret || strlen(secret) > SECRET_MAX)
		return bad_credentials(err);
	secret_digest(secret, hash);
	if (uops(st)->token_lookup(st->e, hash, &t, NULL) || t.kind != kind || t.revoked_at)
		rc = bad_credentials(err);
	else
		rc = live_user(st, t.user, out, err);
	token_release(&t);
	return rc;
}

int store_auth_password(struct store *st, const char *name, const char *password,
			struct user *out, struct trk_error *err)
{
	/* A hash of an unguessable password, verified when the user is unknown,
	 * so an unknown name takes as long as a wrong password. */
	static const char decoy[] = "$argon2id$v=19$m=19456,t=2,p=1$dHJhY2tlci1kZWNveS0xNg$"
				    "YmAW8y7VbpkdErmNMcVJJc/BPGcKoclxgVwCz+KoSUw";
	char *hash = NULL;
	bool known, matches;

	user_init(out);
	if (!name || !*name || strlen(name) > SECRET_MAX || !password)
		return bad_credentials(err);
	known = uops(st)->user_lookup(st->e, name, out, &hash, NULL) == 0 && hash;
	matches = secret_password_matches(known ? hash : decoy, password);
	free(hash);
	if (known && matches && !out->disabled)
		return 0;
	user_release(out);
	return bad_credentials(err);
}

/* ---- sessions: each call its own short transaction ------------------------------ */

struct session_call {
	const char *hash;
	const char *user;
	const char *csrf;
	long idle_seconds;
	struct user *out;
	char **csrf_out;
	const char *address;
	long window_seconds;
	int *count;
	long *since_last;
};

static int now_epoch(int64_t *now, char at[TIMESTAMP_BUFSZ], struct trk_error *err)
{
	int rc = clock_now_epoch(now, err);

	if (!rc)
		timestamp_format(*now, at);
	return rc;
}

static int session_open_txn(struct store *st, void *arg, struct trk_error *err)
{
	struct session_call *c = arg;
	struct session_row row = { .user = (char *)c->user, .csrf = (char *)c->csrf };
	char at[TIMESTAMP_BUFSZ];
	int64_t now;
	int rc;

	if ((rc = now_epoch(&now, at, err)))
		return rc;
	row.created_at = row.last_seen = at;
	return uops(st)->session_insert(st->e, c->hash, &row, err);
}

int store_session_open(struct store *st, const char *name, char **sid, char **csrf,
		       struct trk_error *err)
{
	char hash[DIGEST_HEXSZ];
	struct session_call c = { .hash = hash, .user = name };
	int rc;

	*sid = *csrf = NULL;
	if ((rc = secret_token("", sid, err)) || (rc = secret_token("", csrf, err)))
		goto out;
	secret_digest(*sid, hash);
	c.csrf = *csrf;
	rc = store_write(st, session_open_txn, &c, err);
out:
	if (rc) {
		free(*sid);
		free(*csrf);
		*sid = *csrf = NULL;
	}
	return rc;
}

/* Expired sessions are removed, live ones touched when a minute has passed
 * since they were last, so reading pages is not a write every time. */
static int session_check_txn(struct store *st, void *arg, struct trk_error *err)
{
	struct session_call *c = arg;
	struct session_row row = { 0 };
	char at[TIMESTAMP_BUFSZ], before[TIMESTAMP_BUFSZ];
	int64_t now, seen;
	int rc;

	if ((rc = now_epoch(&now, at, err)))
		return rc;
	timestamp_format(now - c->idle_seconds, before);
	if ((rc = uops(st)->sessions_prune(st->e, before, NULL, err)))
		return rc;
	if (uops(st)->session_lookup(st->e, c->hash, &row, NULL) ||
	    timestamp_parse(row.last_seen, &seen, "last_seen", NULL)) {
		session_row_release(&row);
		return bad_credentials(err);
	}
	if (now - seen >= TOUCH_EVERY_SECONDS)
		rc = uops(st)->session_touch(st->e, c->hash, at, err);
	if (!rc)
		rc = live_user(st, row.user, c->out, err);
	if (!rc)
		*c->csrf_out = xstrdup(row.csrf);
	session_row_release(&row);
	return rc;
}

int store_session_check(struct store *st, const char *sid, long idle_seconds,
			struct user *out, char **csrf, struct trk_error *err)
{
	char hash[DIGEST_HEXSZ];
	struct session_call c = { .hash = hash, .idle_seconds = idle_seconds, .out = out,
				  .csrf_out = csrf };

	user_init(out);
	*csrf = NULL;
	if (!sid || !*sid || strlen(sid) > SECRET_MAX)
		return bad_credentials(err);
	secret_digest(sid, hash);
	return store_write(st, session_check_txn, &c, err);
}

static int session_close_txn(struct store *st, void *arg, struct trk_error *err)
{
	return uops(st)->session_delete(st->e, ((struct session_call *)arg)->hash, err);
}

int store_session_close(struct store *st, const char *sid, struct trk_error *err)
{
	char hash[DIGEST_HEXSZ];
	struct session_call c = { .hash = hash };

	if (!sid || !*sid || strlen(sid) > SECRET_MAX)
		return 0;
	secret_digest(sid, hash);
	return store_write(st, session_close_txn, &c, err);
}

/* ---- failed sign-ins ------------------------------------------------------------ */

static int failures_count_txn(struct store *st, void *arg, struct trk_error *err)
{
	struct session_call *c = arg;
	char at[TIMESTAMP_BUFSZ], since[TIMESTAMP_BUFSZ], *last = NULL;
	int64_t now, then;
	int rc;

	if ((rc = now_epoch(&now, at, err)))
		return rc;
	timestamp_format(now - c->window_seconds, since);
	rc = uops(st)->login_failures_count(st->e, c->address, since, c->count, &last, err);
	if (!rc && last && !timestamp_parse(last, &then, "at", NULL))
		*c->since_last = (long)(now - then);
	free(last);
	return rc;
}

int store_login_failures(struct store *st, const char *address, long window_seconds,
			 int *count, long *seconds_since_last, struct trk_error *err)
{
	struct session_call c = { .address = address, .window_seconds = window_seconds,
				  .count = count, .since_last = seconds_since_last };

	*count = 0;
	*seconds_since_last = window_seconds;
	return store_read(st, failures_count_txn, &c, err);
}

/* A day of failures is kept (for the back-off and the log); older ones go
 * with each new failure, so the table stays small under a long attack. */
static int failed_txn(struct store *st, void *arg, struct trk_error *err)
{
	struct session_call *c = arg;
	char at[TIMESTAMP_BUFSZ], day_ago[TIMESTAMP_BUFSZ];
	int64_t now;
	int rc;

	if ((rc = now_epoch(&now, at, err)))
		return rc;
	timestamp_format(now - 86400, day_ago);
	if ((rc = uops(st)->login_failures_clear(st->e, NULL, day_ago, err)))
		return rc;
	return uops(st)->login_failure_insert(st->e, c->address, at, err);
}

int store_login_failed(struct store *st, const char *address, struct trk_error *err)
{
	struct session_call c = { .address = address ? address : "" };

	return store_write(st, failed_txn, &c, err);
}

static int succeeded_txn(struct store *st, void *arg, struct trk_error *err)
{
	return uops(st)->login_failures_clear(st->e, ((struct session_call *)arg)->address, "",
					      err);
}

int store_login_succeeded(struct store *st, const char *address, struct trk_error *err)
{
	struct session_call c = { .address = address ? address : "" };

	return store_write(st, succeeded_txn, &c, err);
}

void session_row_release(struct session_row *s)
{
	free(s->user);
	free(s->csrf);
	free(s->created_at);
	free(s->last_seen);
	memset(s, 0, sizeof(*s));
}
