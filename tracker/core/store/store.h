/* store.h - the one door to the record.
 *
 * Every read and write of letters, owners, commitments, check-ins, history,
 * settings and users goes through these functions; nothing outside store/
 * speaks SQL or knows which database holds the record. The door keeps the
 * record's rules whatever the front end: it checks every write against
 * model/rules.h, stamps it with the actor and the time (which only moves
 * forward), hashes it into its chain (model/canonical.h), and writes it in
 * the transaction of the caller's store_write(). Behind the door an engine
 * (store/store_engine.h: SQLite in store/sqlite/, PostgreSQL in store/pg/)
 * only keeps and finds rows.
 *
 * Errors follow util/error.h; messages name fields, never command-line
 * flags. Structs handed to callbacks are borrowed for the call. */
#ifndef TRK_STORE_H
#define TRK_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/model.h"
#include "model/progress.h"
#include "model/settings.h"
#include "util/error.h"

struct store;  /* opaque */

/* ---- opening ---------------------------------------------------------------- */

enum store_flags {
	STORE_CREATE = 1,         /* create a missing database (and its directory) */
	STORE_READONLY = 2,       /* never write; open read-only */
	STORE_NO_MIGRATE = 4,     /* tests: leave the schema as it is */
};

/* Opens the record at location: a PostgreSQL URI or conninfo
 * ("postgresql://...", "host=... dbname=...") or else a SQLite file path.
 * Without STORE_CREATE a missing database is TRK_ENOTFOUND ("no tracker
 * database at PATH (create one with `tracker init`)"); a database of
 * another program is TRK_EDB; one of a newer schema TRK_EVERSION. A new
 * or older database is migrated, safely against others doing the same.
 * On success *out is the caller's, closed with store_close(). */
int store_open(const char *location, unsigned flags, struct store **out, struct trk_error *err);
void store_close(struct store *st);   /* NULL is fine */
/* The same record through a second connection, read-only, for reads run
 * on another thread beside st's (a store is one thread's at a time). *out
 * is NULL where the engine has none to give (a database in memory, or an
 * engine without it); else the caller's, closed with store_close(). */
void store_open_beside(struct store *st, struct store **out);

/* $TRACKER_DB, else $XDG_DATA_HOME/tracker/tracker.db, else
 * ~/.local/share/tracker/tracker.db. Caller frees. */
char *store_default_location(void);
/* Borrowed for as long as st is open. */
const char *store_location(const struct store *st);
/* location as it may be shown or logged: a password in a URI or conninfo
 * replaced by "***". Caller frees. */
char *store_location_shown(const char *location);
/* False only when location is a file that does not exist: a database on a
 * server may be there, and opening it tells. */
bool store_location_may_exist(const char *location);
/* True when store_open() created the database (STORE_CREATE on a missing
 * one): a command that then fails can remove it again, so a refused first
 * import leaves nothing behind. */
bool store_was_created(const struct store *st);
const char *store_engine_name(const struct store *st);   /* "sqlite", "postgresql" */

/* The newest schema this program knows, the schema of an open store, and
 * migrating to version upto (tests build older schemas with it). */
int store_schema_latest(void);
int store_schema_version(struct store *st, int *out, struct trk_error *err);
int store_migrate(struct store *st, int upto, struct trk_error *err);

/* ---- transactions ------------------------------------------------------------- */

/* Runs fn in one write transaction: committed when fn returns 0, rolled back
 * otherwise, so a failed command leaves nothing half-written. Every write
 * function below must run inside one. */
typedef int (*store_txn_fn)(struct store *st, void *ctx, struct trk_error *err);
int store_write(struct store *st, store_txn_fn fn, void *ctx, struct trk_error *err);
/* store_write for a load of many records (import): into a store that holds
 * no commitment yet, the engine may write them a cheaper way that is as
 * safe (SQLite: through a rollback journal, not the WAL). */
int store_write_bulk(struct store *st, store_txn_fn fn, void *ctx, struct trk_error *err);
/* Runs fn in one read snapshot: what it reads is one state of the record,
 * however many queries it makes while others write. */
int store_read(struct store *st, store_txn_fn fn, void *ctx, struct trk_error *err);

/* The actor of a local command-line user: an administrator named name (the
 * store is theirs: they can open its file). */
void store_local_actor(struct actor *a, const char *name);

/* ---- settings ------------------------------------------------------------------- */

/* The settings as they were at known_at (NULL: now), defaults where unset. */
int store_settings(struct store *st, const char *known_at, struct settings *out,
		   struct trk_error *err);
/* The settings table as it is stored, key by key (for `tracker check`). */
typedef int (*setting_fn)(const char *key, const char *value, void *ctx, struct trk_error *err);
int store_setting_rows(struct store *st, setting_fn fn, void *ctx, struct trk_error *err);
/* Changes one setting (checked alone and with the others), journaled.
 * Administrators only. */
int store_setting_set(struct store *st, const struct actor *a, const char *key,
		      const char *value, const char *reason, struct trk_error *err);

/* ---- owners ----------------------------------------------------------------------- */

/* Resolves a name or alias to the canonical name (caller frees);
 * TRK_ENOTFOUND names the unknown owner. */
int store_owner_resolve(struct store *st, const char *name_or_alias, char **canonical,
			struct trk_error *err);
/* Adds an owner (nothing when the name already names one). */
int store_owner_add(struct store *st, const struct actor *a, const char *name,
		    struct trk_error *err);
/* Adds alias to the owner that `owner` resolves to; TRK_ECONFLICT when the
 * alias names another owner. */
int store_owner_alias_add(struct store *st, const struct actor *a, const char *owner,
			  const char *alias, struct trk_error *err);
typedef int (*owner_fn)(const struct owner *o, void *ctx, struct trk_error *err);
/* Every owner in pinyin order, with aliases and counts. */
int store_owners(struct store *st, owner_fn fn, void *ctx, struct trk_error *err);

/* ---- letters ------------------------------------------------------------------------ */

/* Loads the letter with doc_no (caller releases *out). */
int store_letter_get(struct store *st, const char *doc_no, bool with_text,
		     struct letter *out, struct trk_error *err);
/* The doc_no of the letter a person means by name: its 文号 in any bracket
 * style (〔〕 [] （） ()), its suggestion number, or a unique prefix of
 * either. Caller frees. TRK_ENOTFOUND, or TRK_EINPUT when ambiguous. */
int store_letter_resolve(struct store *st, const char *name, char **doc_no,
			 struct trk_error *err);
/* Stores a letter; if one with its doc_no (or text) exists and agrees,
 * *created is false; if it disagrees, TRK_ECONFLICT. */
int store_letter_put(struct store *st, const struct actor *a, const struct letter *l,
		     bool *created, struct trk_error *err);
typedef int (*letter_fn)(const struct letter *l, void *ctx, struct trk_error *err);
/* Every letter in the order they were stored. */
int store_letters(struct store *st, bool with_text, letter_fn fn, void *ctx,
		  struct trk_error *err);
/* The key of the commitment of letter doc_no that quotes exactly these
 * words (caller frees), or NULL. */
int store_quote_tracked(struct store *st, const char *doc_no, const char *quote, char **key,
			struct trk_error *err);

/* ---- commitments -------------------------------------------------------------------- */

/* Loads one commitment by key as it stands now (caller releases *out). */
int store_commitment_get(struct store *st, const char *key, struct commitment *out,
			 struct trk_error *err);
bool store_commitment_exists(struct store *st, const char *key);
/* True when actor a may write to c (an administrator, or a department that
 * leads or co-owns it): the rule the store applies to every write, for a
 * front end that offers a form only to those it would accept. */
bool store_may_write(const struct actor *a, const struct commitment *c);

/* Adds a new commitment (its letter and owners known, the key unused, the
 * quote in the letter's text); assigns uid and created_at and writes its
 * creation record. */
int store_commitment_add(struct store *st, const struct actor *a, struct commitment *c,
			 struct trk_error *err);

/* One field to change, in the field's text form (commitment_field.h);
 * value NULL clears it. */
struct field_change {
	const char *field;
	const char *value;
};
/* Changes fields of a commitment, all or none: each change becomes a
 * history record with the reason; the result must meet the rules (checked
 * once, on the final state). */
int store_commitment_change(struct store *st, const struct actor *a, const char *key,
			    const struct field_change *changes, size_t n, const char *reason,
			    struct trk_error *err);

/* Appends a check-in to k->commitment_key: checked against the rules and
 * the check-ins before it; assigns seq, recorded_at, author (the actor's
 * name unless k->author is set) and the hash. */
int store_checkin_add(struct store *st, const struct actor *a, struct checkin *k,
		      struct trk_error *err);

/* ---- reading the record --------------------------------------------------------------- */

struct filter {
	const char *key;          /* one commitment */
	const char *owner;        /* canonical name: lead or co-owner */
	const struct strlist *owners_any;  /* any of these lead or co-own */
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
/* Whether f narrows by an index (key, owner, letter, tag, due dates)
 * rather than reading most of the store: what WANT_BULK is for. */
bool filter_selects_few(const struct filter *f);

enum sort_order { SORT_DUE, SORT_KEY, SORT_OWNER, SORT_STATUS, SORT_TITLE, SORT_ADDED,
		  SORT__COUNT };
int sort_order_parse(const char *s);   /* -1 if unknown */
const char *sort_order_name(enum sort_order o);

/* What a query needs beyond the commitment and its progress. */
enum query_want {
	WANT_CHECKINS = 1,        /* the check-ins, with their texts and hashes */
	WANT_HISTORY = 2,         /* the history, creation record included */
	WANT_BULK = 4,            /* most of the store, and the callback writes
				   * nothing: the engine may read the records in
				   * one pass beside the commitments (faster for
				   * the whole store, slower for a few) */
	WANT_NO_HASHES = 8,       /* with WANT_CHECKINS: the caller shows the
				   * check-ins and never reads their prev_hash and
				   * hash, which an engine may leave NULL (the
				   * hashes are most of a check-in's bytes) */
	WANT_SUMMARY = 16,        /* the stored summary of the check-ins too
				   * (commitment_record.summary), to verify it;
				   * not with known_at */
	WANT_LATEST_CHECKINS = 32,  /* with WANT_CHECKINS: the caller reads only
				   * the check-in whose figure counts, those of
				   * the latest date and the last appended (a
				   * calendar); where the stored summary answers
				   * for as_of, the engine may give just those,
				   * with the summary (commitment_record) */
	WANT_LEAN_HISTORY = 64,   /* with WANT_HISTORY: the caller reads the
				   * changes (seq 1 on), never the creation record
				   * (the whole commitment as JSON), which an engine
				   * may leave out, nor a record's prev_hash and
				   * hash, which it may leave NULL; not with
				   * known_at, which replays the creation record */
};

/* The check-ins whose texts (note, evidence, author, reason) a reader of a
 * period shows: those dated on or after `from`, and the corrections
 * recorded at or after `since` (UTC). The others' texts are not read. */
struct texts_window {
	int32_t from;
	const char *since;
};

struct query {
	struct filter f;
	enum sort_order order;
	int32_t as_of;            /* progress and health as of this date */
	const char *known_at;     /* NULL, or only what was recorded by then (UTC) */
	struct health_config health;
	unsigned want;            /* enum query_want bits */
	const struct actor *reader;  /* a viewer limited to letters sees only them */
	const struct texts_window *texts;  /* with WANT_CHECKINS: NULL for every
					    * check-in's texts, else these only */
};
/* A query of every commitment as of today, as now, ordered by key. */
int query_init(struct query *q, struct trk_error *err);

/* One commitment as a query sees it; all borrowed for the call. checkins and
 * history are those known at the query's moment, by seq (empty unless
 * wanted; history starts with the creation record, seq 0, except under
 * WANT_LEAN_HISTORY). */
struct commitment_record {
	const struct commitment *c;
	const struct progress *p;
	const struct checkin *checkins;
	size_t ncheckins;
	const struct history *history;
	size_t nhistory;
	const struct progress_digest *summary;   /* WANT_SUMMARY: as stored, NULL
						  * when it has no row; with
						  * WANT_LATEST_CHECKINS: the
						  * digest of all the check-ins
						  * when those given may be only
						  * the latest, else NULL */
};
typedef int (*record_fn)(const struct commitment_record *r, void *ctx, struct trk_error *err);

/* Streams the commitments that match q, in order. Memory follows the
 * largest commitment, not the number of rows. A non-zero return of fn stops
 * the query and is returned. */
int store_query(struct store *st, const struct query *q, record_fn fn, void *ctx,
		struct trk_error *err);

/* The last links of one commitment's chains, all borrowed for the call:
 * its creation record's hash, and the hashes of its last check-in and last
 * change (history seq >= 1), "" where there is none. */
struct chain_links {
	const char *key;
	const char *genesis;
	const char *last_checkin;
	const char *last_change;
};
typedef int (*chain_link_fn)(const struct chain_links *l, void *ctx, struct trk_error *err);

/* For every commitment created at or before known_at (NULL: all, as now),
 * in key order (bytes), its chains' last links among the records recorded
 * at or before known_at: what store_query() with WANT_CHECKINS |
 * WANT_HISTORY gives, without reading the records themselves (the chain
 * head, record/chain_head.h). A non-zero return of fn stops and is
 * returned. */
int store_chain_links(struct store *st, const char *known_at, chain_link_fn fn, void *ctx,
		      struct trk_error *err);

/* The earliest letter date and the number of letters known at known_at
 * (of letter doc_no only, when given): what a report period is checked
 * against. */
int store_letters_span(struct store *st, const char *doc_no, const char *known_at,
		       int *count, int32_t *first_date, struct trk_error *err);

/* ---- the journal ------------------------------------------------------------------------ */

typedef int (*journal_fn)(const struct journal_entry *e, void *ctx, struct trk_error *err);
/* The journal in order, entries recorded at or before known_at (NULL: all). */
int store_journal(struct store *st, const char *known_at, journal_fn fn, void *ctx,
		  struct trk_error *err);

/* ---- importing another store's records ---------------------------------------------------- */

/* A commitment with its history and check-ins as another store exported
 * it (c holds its fields as they stand after that history). New: stored
 * with the creation record derived from c and the history, each record's
 * chain verified. Known: the records not yet here are appended, and the
 * result must equal c (else TRK_ECONFLICT). *created says which.
 * Check-ins with a hash must fit the chain (present already, or its next
 * link); without one they are new progress, checked by the rules and
 * appended, unless one with the same as-of date, value, note and
 * recorded_at is there already. *added counts the check-ins written. */
int store_commitment_import(struct store *st, const struct actor *a, struct commitment *c,
			    const struct history *h, size_t nh, struct checkin *k, size_t nk,
			    bool *created, int *added, struct trk_error *err);
/* One check-in from a file without hashes (a ledger row) on
 * k->commitment_key: checked by the rules and appended like a new one,
 * unless one with the same as-of date, value and note is there already
 * (then *added is false and nothing is written). The error is the door's
 * own, naming the field; nothing is written when it fails. */
int store_checkin_import(struct store *st, const struct actor *a, struct checkin *k,
			 bool *added, struct trk_error *err);

#endif
