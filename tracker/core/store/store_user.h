/* store_user.h - the people who sign in to `tracker serve`, their
 * credentials and sessions. Secrets are never stored: passwords as argon2id
 * hashes, tokens and session ids as SHA-256 hashes of random values (the
 * value is shown once, to its owner). Every change of a user or a token is
 * journaled, without its secret; sessions and failed sign-ins are the
 * server's working state, not the record.
 *
 * Conventions as in store.h: 0 or a negative TRK_E* code with err set.
 * Strings handed out are the caller's to free (user_release, token_release,
 * free). Credentials that do not name a live user are TRK_EAUTH, with one
 * message for every cause, so a caller cannot learn which part was wrong. */
#ifndef TRK_STORE_USER_H
#define TRK_STORE_USER_H

#include <stdbool.h>
#include <stdint.h>

#include "model/model.h"
#include "util/digest.h"
#include "util/error.h"

struct store;
struct store_engine;

/* ---- users (admin only; `a` must be an administrator) ---- */

/* Adds u (name, role, owners for a department, letters for a viewer) with
 * an optional password; owners and letters may be named as the CLI names
 * them (any alias, any form of a 文号) and are stored canonical. */
int store_user_add(struct store *st, const struct actor *a, const struct user *u,
		   const char *password, struct trk_error *err);
/* Disables (or enables) a user: its tokens and sessions stop working. */
int store_user_disable(struct store *st, const struct actor *a, const char *name,
		       bool disabled, struct trk_error *err);
/* Sets a password; an administrator for anyone, a user for itself. */
int store_user_password(struct store *st, const struct actor *a, const char *name,
			const char *password, struct trk_error *err);
int store_user_get(struct store *st, const char *name, struct user *out,
		   struct trk_error *err);
typedef int (*user_fn)(const struct user *u, void *ctx, struct trk_error *err);
int store_users(struct store *st, user_fn fn, void *ctx, struct trk_error *err);
/* The SHA-256 of name's stored password hash ("" without a password), for
 * `tracker check` to compare with the journal. */
int store_user_password_digest(struct store *st, const char *name, char hex[DIGEST_HEXSZ],
			       struct trk_error *err);

/* A new random token for name; *secret (the only copy, shown once) and *id
 * are the caller's. Old tokens keep working until revoked. */
int store_token_issue(struct store *st, const struct actor *a, const char *name,
		      enum token_kind kind, char **secret, char **id, struct trk_error *err);
int store_token_revoke(struct store *st, const struct actor *a, const char *id,
		       struct trk_error *err);
typedef int (*token_fn)(const struct token *t, void *ctx, struct trk_error *err);
/* name NULL: every user's. */
int store_tokens(struct store *st, const char *name, token_fn fn, void *ctx,
		 struct trk_error *err);

/* ---- signing in: outside store_write() (each call below that writes
 * runs its own short transaction) ---- */

/* The live user a token of this kind belongs to. */
int store_auth_token(struct store *st, const char *secret, enum token_kind kind,
		     struct user *out, struct trk_error *err);
/* The live user with this name and password. */
int store_auth_password(struct store *st, const char *name, const char *password,
			struct user *out, struct trk_error *err);

/* A new session for name: *sid and *csrf (random) are the caller's. */
int store_session_open(struct store *st, const char *name, char **sid, char **csrf,
		       struct trk_error *err);
/* The live user of a session not idle longer than idle_seconds, and its
 * CSRF token; touches the session (at most once a minute, so reading pages
 * is not a write each time). Expired sessions are removed. */
int store_session_check(struct store *st, const char *sid, long idle_seconds,
			struct user *out, char **csrf, struct trk_error *err);
int store_session_close(struct store *st, const char *sid, struct trk_error *err);

/* Failed sign-ins from an address: how many in the last window_seconds
 * and how many seconds ago the last was (for the back-off), recorded, and
 * forgotten after a success. */
int store_login_failures(struct store *st, const char *address, long window_seconds,
			 int *count, long *seconds_since_last, struct trk_error *err);
int store_login_failed(struct store *st, const char *address, struct trk_error *err);
int store_login_succeeded(struct store *st, const char *address, struct trk_error *err);

/* The actor of a signed-in user (borrows u). */
void store_user_actor(struct actor *a, const struct user *u);

/* ---- engine side: filled by each engine (store_engine.h) ----
 * Rows are found by name (users), by hash (tokens, sessions) and by id
 * (tokens). Users come with owners (canonical names) and letters (doc_no).
 * The door checks every rule, computes every hash and reads the clock. */
struct session_row {
	char *user;
	char *csrf;
	char *created_at;
	char *last_seen;
};
void session_row_release(struct session_row *s);

struct user_ops {
	int (*user_insert)(struct store_engine *e, const struct user *u,
			   const char *password_hash, struct trk_error *err);
	/* role, owners, letters, disabled as in u (found by u->name). */
	int (*user_update)(struct store_engine *e, const struct user *u, struct trk_error *err);
	int (*user_password)(struct store_engine *e, const char *name, const char *password_hash,
			     struct trk_error *err);
	/* *password_hash may be NULL (no password); caller frees. */
	int (*user_lookup)(struct store_engine *e, const char *name, struct user *out,
			   char **password_hash, struct trk_error *err);
	int (*users_scan)(struct store_engine *e, user_fn fn, void *ctx, struct trk_error *err);

	int (*token_insert)(struct store_engine *e, const struct token *t, struct trk_error *err);
	int (*token_lookup)(struct store_engine *e, const char *hash, struct token *out,
			    struct trk_error *err);
	int (*token_by_id)(struct store_engine *e, const char *id, struct token *out,
			   struct trk_error *err);
	int (*token_revoke)(struct store_engine *e, const char *id, const char *at,
			    struct trk_error *err);
	int (*tokens_scan)(struct store_engine *e, const char *user, token_fn fn, void *ctx,
			   struct trk_error *err);

	int (*session_insert)(struct store_engine *e, const char *hash,
			      const struct session_row *s, struct trk_error *err);
	int (*session_lookup)(struct store_engine *e, const char *hash, struct session_row *out,
			      struct trk_error *err);
	int (*session_touch)(struct store_engine *e, const char *hash, const char *at,
			     struct trk_error *err);
	int (*session_delete)(struct store_engine *e, const char *hash, struct trk_error *err);
	/* Removes sessions last seen before `before` (and a user's, when
	 * user is not NULL, whatever their age). */
	int (*sessions_prune)(struct store_engine *e, const char *before, const char *user,
			      struct trk_error *err);

	int (*login_failure_insert)(struct store_engine *e, const char *address, const char *at,
				    struct trk_error *err);
	/* How many since `since`, and the time of the last (NULL if none;
	 * caller frees). */
	int (*login_failures_count)(struct store_engine *e, const char *address,
				    const char *since, int *count, char **last,
				    struct trk_error *err);
	/* address NULL: every failure before `before` (kept small). */
	int (*login_failures_clear)(struct store_engine *e, const char *address,
				    const char *before, struct trk_error *err);
};

#endif
