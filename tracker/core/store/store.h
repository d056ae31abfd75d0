/* store.h - the SQLite database behind tracker.
 *
 * The store opens (creating and migrating on first use) one database file,
 * and offers read queries and write operations on the model. Every write
 * operation runs in one BEGIN IMMEDIATE ... COMMIT transaction and rolls
 * back on any error, so a failed command leaves nothing half-written.
 * All SQL runs through prepared statements with bound parameters. */
#ifndef TRK_STORE_H
#define TRK_STORE_H

#include <stdbool.h>
#include <stdint.h>
#include <sqlite3.h>

#include "util/error.h"
#include "model/model.h"

struct store;  /* opaque */

/* 'TRK1' in PRAGMA application_id marks a file as a tracker database, so
 * open and restore can refuse the files of other programs. */
#define TRACKER_APPLICATION_ID 0x54524b31

enum store_open_flags {
	STORE_READONLY = 1,       /* open an existing database, never create */
	STORE_NO_MIGRATE = 2,     /* tests: leave the schema as it is */
};

/* Opens path, creating it and its directory and migrating it to the newest
 * schema. A database of a newer schema is refused (TRK_EVERSION). On success
 * *out is the caller's, closed with store_close(). */
int store_open(const char *path, int flags, struct store **out, struct trk_error *err);
void store_close(struct store *st);   /* NULL is fine */

/* The default path: $TRACKER_DB, else $XDG_DATA_HOME/tracker/tracker.db,
 * else ~/.local/share/tracker/tracker.db. Caller frees. */
char *store_default_path(void);

/* Migrations: the number of the newest schema this program knows, the
 * schema version of an open store, and migrating to version `upto`
 * (tests build older schemas with it). */
int store_schema_latest(void);
int store_schema_version(struct store *st, int *out, struct trk_error *err);
int store_migrate(struct store *st, int upto, struct trk_error *err);

/* The raw connection, borrowed for as long as st is open. For modules that
 * run their own read queries (report, calendar); they must prepare and bind. */
sqlite3 *store_db(struct store *st);

/* Column readers for those modules: a malloc'd copy of a text column
 * (NULL for SQL NULL; the caller frees), and a date column (DATE_NONE for
 * NULL or text that is not a date). */
char *column_strdup(sqlite3_stmt *s, int col);
int32_t column_date(sqlite3_stmt *s, int col);

/* Transactions. store_begin() takes the write lock at once (BEGIN
 * IMMEDIATE), retrying while another writer holds it. */
int store_begin(struct store *st, struct trk_error *err);
int store_commit(struct store *st, struct trk_error *err);
void store_rollback(struct store *st);

/* Runs fn in one write transaction: committed when fn returns 0, rolled
 * back otherwise, so a failed command leaves nothing half-written. */
typedef int (*store_write_fn)(struct store *st, void *ctx, struct trk_error *err);
int store_write(struct store *st, store_write_fn fn, void *ctx, struct trk_error *err);

/* Sets err from the connection's last SQLite error, with context. */
int store_sqlite_err(struct store *st, struct trk_error *err, const char *what);

/* Settings (key/value text), e.g. "health.at_risk_gap". *out is the
 * caller's (NULL when unset). */
int store_setting_get(struct store *st, const char *key, char **out, struct trk_error *err);
int store_setting_set(struct store *st, const char *key, const char *value,
		      struct trk_error *err);
/* Health thresholds from the settings, defaults where unset. */
int store_health_config(struct store *st, struct health_config *cfg, struct trk_error *err);

/* ---- owners ---------------------------------------------------------- */

/* Resolves a name or alias to the canonical owner name (caller frees);
 * TRK_ENOTFOUND names the unknown owner. */
int store_owner_resolve(struct store *st, const char *name_or_alias, char **canonical,
			struct trk_error *err);
/* Creates an owner (no-op if it exists with that name). Inside a
 * transaction of the caller. */
int store_owner_add(struct store *st, const char *name, struct trk_error *err);
/* Adds alias to the owner that `owner` resolves to. Conflicts when the alias
 * already names another owner. Inside a transaction of the caller. */
int store_owner_alias_add(struct store *st, const char *owner, const char *alias,
			  struct trk_error *err);

/* ---- letters --------------------------------------------------------- */

/* Loads the letter with doc_no into *out (caller releases). */
int store_letter_get(struct store *st, const char *doc_no, bool with_text,
		     struct letter *out, struct trk_error *err);
/* Inserts a letter; if one with the same doc_no (or text hash) exists and
 * agrees, *id is set to it and *created is false. Inside a transaction. */
int store_letter_put(struct store *st, const struct letter *l, int64_t *id, bool *created,
		     struct trk_error *err);

/* ---- commitments ----------------------------------------------------- */

struct filter {
	const char *key;          /* one commitment */
	const char *owner;        /* canonical name (resolve aliases first) */
	const char *letter;       /* doc_no */
	const char *tag;
	int kind;                 /* enum kind or -1 */
	unsigned status_mask;     /* bits of enum status, 0 = all */
	unsigned health_mask;     /* bits of enum health, 0 = all */
	int32_t due_before;       /* inclusive bounds, DATE_NONE = no bound */
	int32_t due_after;
	bool open_only;           /* leave out done and cancelled */
};
void filter_init(struct filter *f);

enum sort_order { SORT_DUE, SORT_KEY, SORT_OWNER, SORT_STATUS, SORT_TITLE, SORT_ADDED };
int sort_order_parse(const char *s);   /* -1 if unknown */

/* What a query is asked about: the as-of date for progress and health, and
 * optionally a moment (UTC timestamp text): only check-ins and changes
 * recorded at or before it count, and the commitment is shown as it was. */
struct view {
	int32_t as_of;
	const char *known_at;     /* NULL = everything recorded */
	struct health_config health;
	bool skip_progress;       /* the caller needs no progress (export) */
};

/* Called once per commitment; the structs are borrowed for the call only.
 * A non-zero return stops the query and is returned by store_query(). */
typedef int (*commitment_fn)(const struct commitment *c, const struct checkin_summary *s,
			     const struct progress *p, void *ctx, struct trk_error *err);

/* Streams the commitments that match f, in order, with their progress as
 * of v. Memory does not grow with the number of rows. */
int store_query(struct store *st, const struct filter *f, enum sort_order order,
		const struct view *v, commitment_fn fn, void *ctx, struct trk_error *err);

/* The row id of a commitment key; TRK_ENOTFOUND names an unknown key. */
int store_commitment_id(struct store *st, const char *key, int64_t *id, struct trk_error *err);

/* Loads one commitment by key as it stands now (caller releases *out). */
int store_commitment_get(struct store *st, const char *key, struct commitment *out,
			 struct trk_error *err);

/* Inserts a new commitment (key must be unused, letter and owners known).
 * Assigns uid, created_at. Inside a transaction. */
int store_commitment_insert(struct store *st, struct commitment *c, struct trk_error *err);

/* Records a change of one field with a reason, updating the commitment and
 * appending a history record. `field` as in struct history; new_value in the
 * field's canonical text form. Inside a transaction. */
int store_commitment_change(struct store *st, const char *key, const char *field,
			    const char *new_value, const char *author, const char *reason,
			    struct trk_error *err);

/* ---- check-ins and history ------------------------------------------- */

/* Appends a check-in: assigns seq, recorded_at (unless set), the hash
 * chain. Inside a transaction. */
int store_checkin_append(struct store *st, struct checkin *k, struct trk_error *err);

/* The end of a commitment's check-in chain, for appending many check-ins
 * without looking it up each time (import). */
struct chain_cursor {
	int64_t cid;
	int seq;
	char hash[65];
};
int store_checkin_cursor(struct store *st, const char *key, struct chain_cursor *cur,
			 struct trk_error *err);
/* Appends k at the cursor and advances it. Inside a transaction. */
int store_checkin_append_at(struct store *st, struct chain_cursor *cur, struct checkin *k,
			    struct trk_error *err);

typedef int (*checkin_fn)(const struct checkin *k, void *ctx, struct trk_error *err);
typedef int (*history_fn)(const struct history *h, void *ctx, struct trk_error *err);

/* Streams the check-ins (by seq) / history (by seq) of c, a commitment
 * from this store (its id and key are used); known_at as in struct view.
 * The callback must not call the same function again. */
int store_checkins(struct store *st, const struct commitment *c, const char *known_at,
		   checkin_fn fn, void *ctx, struct trk_error *err);
int store_history(struct store *st, const struct commitment *c, const char *known_at,
		  history_fn fn, void *ctx, struct trk_error *err);

/* Appends records as they are (import of an export): verifies seq and the
 * hash chain. Inside a transaction. */
int store_checkin_put(struct store *st, const struct checkin *k, bool *created,
		      struct trk_error *err);
int store_history_put(struct store *st, const struct history *h, bool *created,
		      struct trk_error *err);

#endif
