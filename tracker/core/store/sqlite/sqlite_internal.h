/* sqlite_internal.h - what the SQLite engine's files share: the
 * connection, the statement cache, binding and reading helpers. The only
 * place besides store/pg/ that knows a database is there. */
#ifndef TRK_SQLITE_INTERNAL_H
#define TRK_SQLITE_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/store_engine.h"
#include "util/arena.h"

#define STMT_CACHE_MAX 96
#define BUSY_TIMEOUT_MS 30000

struct stmt_slot {
	const char *sql;          /* static string: compared by address */
	sqlite3_stmt *stmt;
};

/* A prepared commitment scan, kept for the next scan of the same shape
 * (which filters are set, which order): a key lookup repeated for every
 * commitment of an import would otherwise parse the query each time.
 * busy while a scan steps it, so a scan nested in another's callback
 * prepares its own. */
#define SCAN_CACHE_MAX 8
struct scan_slot {
	unsigned conds;
	int order;
	bool summary;
	bool merged;               /* its lists come from passes of their own */
	bool busy;
	sqlite3_stmt *stmt;
};

struct store_engine {
	sqlite3 *db;
	char *path;               /* as given (for messages) */
	bool readonly;
	bool holds_writer;         /* this connection holds the process's writer lock */
	bool left_wal;             /* a bulk write runs with a rollback journal */
	struct stmt_slot cache[STMT_CACHE_MAX];
	int ncache;
	struct scan_slot scans[SCAN_CACHE_MAX];
	int nscans;
	bool bulk_mode;            /* inside a bulk write: writes may be queued */
	int scanning;              /* scans stepping here: their callbacks' writes
				    * are stepped at once */
	struct bulk_writer *bulk;  /* the writer thread, once a row was queued */
	struct bulk_known *known;  /* inside a bulk write: answers it already has */
};

/* ---- writes, stepped at once or queued for a bulk write's second thread ------------ */

/* One INSERT's values: bound to a cached statement and stepped by
 * sq_write_end(), or, when may_queue and inside a bulk write (outside any
 * scan), copied into a row the writer thread steps later (sqlite_bulk.c).
 * Texts are bound as they are, so they must outlive sq_write_end(). Only a
 * write whose outcome is known may queue: a queued row that fails is
 * reported later, by another write or the commit. */
struct bulk_row;
struct sq_write {
	sqlite3_stmt *stmt;        /* stepped at once */
	struct bulk_row *row;      /* or queued */
	const char *what;          /* for the error: "adding a check-in" */
};
int sq_write_begin(struct store_engine *e, const char *sql, const char *what, bool may_queue,
		   struct sq_write *w, struct trk_error *err);
int sq_write_end(struct store_engine *e, struct sq_write *w, struct trk_error *err);
void sqw_text(struct sq_write *w, int idx, const char *text);    /* NULL and "" bind NULL */
void sqw_value(struct sq_write *w, int idx, const char *text);   /* "" stays "" */
void sqw_int(struct sq_write *w, int idx, int64_t v);
void sqw_double(struct sq_write *w, int idx, double v);
void sqw_date(struct sq_write *w, int idx, int32_t date);        /* DATE_NONE: NULL */
void sqw_null(struct sq_write *w, int idx);

/* Whether writes queue now (starts the writer on the first). */
bool sq_bulk_defers(struct store_engine *e);
/* Waits until every queued row is stepped. */
void sq_bulk_wait(struct store_engine *e);
/* The end of a bulk write: the rest stepped and the writer stopped; the
 * first queued row that failed, if one did. */
int sq_bulk_end(struct store_engine *e, struct trk_error *err);
/* The same, the queued rows dropped (the write is being rolled back). */
void sq_bulk_abandon(struct store_engine *e);

/* What a bulk write knows without asking (sqlite_bulk_known.c): all
 * false / no-ops outside one. sq_known_free_key: true when no commitment
 * surely has key (the store was empty and the key was not added). */
void sq_known_begin(struct store_engine *e, bool store_empty);
void sq_known_end(struct store_engine *e);
bool sq_known_free_key(struct store_engine *e, const char *key);
/* Whether c's key and uid are surely free, so its INSERT cannot be refused. */
bool sq_known_unique(struct store_engine *e, const struct commitment *c);
/* The id SQLite would give the next commitment (only where keys are known). */
int64_t sq_known_next_id(struct store_engine *e);
/* c was written: its key and uid are taken, its id used. */
void sq_known_added(struct store_engine *e, const struct commitment *c);
/* An owner by alias; *name is borrowed until the write ends. */
bool sq_known_owner(struct store_engine *e, const char *alias, int64_t *id, const char **name);
void sq_known_owner_put(struct store_engine *e, const char *alias, int64_t id, const char *name);
bool sq_known_letter(struct store_engine *e, const char *doc_no, int64_t *id);
void sq_known_letter_put(struct store_engine *e, const char *doc_no, int64_t id);

/* Every use of the connection on the caller's thread starts here: the
 * writer must have stepped all it was given (the connection has no mutex). */
static inline void sq_quiesce(struct store_engine *e)
{
	if (e->bulk)
		sq_bulk_wait(e);
}

/* A scan steps its statements between callbacks, which may write: those
 * writes are stepped at once, not queued. */
static inline void sq_scan_begin(struct store_engine *e)
{
	sq_quiesce(e);
	e->scanning++;
}

static inline void sq_scan_end(struct store_engine *e)
{
	e->scanning--;
}

/* A prepared statement for sql, reset and ready to bind. sql must be a
 * string literal: the cache keys on its address. The statement belongs to
 * the engine; stmt_done() resets it so it holds no read lock. */
int sq_stmt(struct store_engine *e, const char *sql, sqlite3_stmt **out, struct trk_error *err);
void stmt_done(sqlite3_stmt *stmt);
/* The statement for sql in cache[0, *n) of max slots, prepared and added
 * there on first use (sq_stmt's cache, and the bulk writer's own). */
int sq_cached(struct store_engine *e, struct stmt_slot *cache, int *n, int max, const char *sql,
	      sqlite3_stmt **out, struct trk_error *err);
/* A statement of its own for a scan that calls back between rows (the
 * callback may query or write meanwhile): an SQLite result code; once
 * prepared it counts in e->scanning until sq_scan_finish(), which
 * finalizes it (s may be NULL). */
int sq_scan_prepare(struct store_engine *e, const char *sql, sqlite3_stmt **out);
void sq_scan_finish(struct store_engine *e, sqlite3_stmt *s);

/* Sets err from the connection's last error: TRK_EIO for a full disk or an
 * I/O error, TRK_ECONFLICT for a constraint, TRK_EDB otherwise (with a hint
 * to run `tracker check` when the file is damaged). */
int sq_err(struct store_engine *e, struct trk_error *err, const char *what);

/* Steps a statement that returns no rows. */
int sq_exec(struct store_engine *e, sqlite3_stmt *s, const char *what, struct trk_error *err);
/* Runs fixed SQL text (pragmas, migrations) that has no parameters. */
int sq_script(struct store_engine *e, const char *sql, const char *what,
	      struct trk_error *err);
/* Reads one integer from a fixed query (a PRAGMA). */
int sq_int(struct store_engine *e, const char *sql, int *out, struct trk_error *err);

/* Binders: NULL text and DATE_NONE bind SQL NULL; "" binds NULL too (the
 * record does not tell an empty text from an absent one). */
void bind_text(sqlite3_stmt *s, int idx, const char *text);
/* The same, not copied: text must stay as it is until the statement is
 * reset, so only for a write bound and stepped at once (sq_exec). SQLite's
 * copy of each text was a tenth of an import's allocations. */
void bind_text_held(sqlite3_stmt *s, int idx, const char *text);
void bind_date(sqlite3_stmt *s, int idx, int32_t date);

/* Readers: a malloc'd copy of a text column (NULL for NULL; caller frees),
 * a copy in the arena, and a date column (DATE_NONE for NULL). */
char *column_strdup(sqlite3_stmt *s, int col);
char *column_arena(struct arena *a, sqlite3_stmt *s, int col);
int32_t column_date(sqlite3_stmt *s, int col);

/* The "zh" collation (pinyin order) for ORDER BY name COLLATE zh. */
int sq_register_collation(struct store_engine *e, struct trk_error *err);

/* Migrations: to version upto, each in one BEGIN IMMEDIATE that re-reads
 * the version, so concurrent first commands all succeed. */
int sq_migrate(struct store_engine *e, int upto, struct trk_error *err);
int sq_schema_version(struct store_engine *e, int *out, struct trk_error *err);

/* The engine's operations, by file. */
int sq_owner_lookup(struct store_engine *e, const char *alias, int64_t *id, char **canonical,
		    struct trk_error *err);
int sq_owner_insert(struct store_engine *e, const char *name, int64_t *id,
		    struct trk_error *err);
int sq_alias_insert(struct store_engine *e, int64_t owner_id, const char *alias,
		    struct trk_error *err);
int sq_owners_scan(struct store_engine *e, owner_fn fn, void *ctx, struct trk_error *err);

int sq_letter_lookup(struct store_engine *e, const char *doc_no, const char *sha256,
		     bool with_text, struct letter *out, struct trk_error *err);
int sq_letter_insert(struct store_engine *e, struct letter *l, struct trk_error *err);
int sq_letters_scan(struct store_engine *e, bool with_text, letter_fn fn, void *ctx,
		    struct trk_error *err);
int sq_quotes_scan(struct store_engine *e, const char *doc_no,
		   int (*fn)(const char *key, const char *quote, void *ctx, struct trk_error *err),
		   void *ctx, struct trk_error *err);

int sq_commitment_lookup(struct store_engine *e, const char *key, struct commitment *out,
			 struct trk_error *err);
int sq_commitment_insert(struct store_engine *e, struct commitment *c, struct trk_error *err);
int sq_commitment_update(struct store_engine *e, const struct commitment *c,
			 struct trk_error *err);
int sq_scan(struct store_engine *e, const struct engine_scan *q, engine_row_fn fn, void *ctx,
	    struct trk_error *err);

int sq_chain_links(struct store_engine *e, const char *known_at, chain_link_fn fn, void *ctx,
		   struct trk_error *err);
int sq_checkin_insert(struct store_engine *e, int64_t cid, const struct checkin *k,
		      struct trk_error *err);
int sq_summary_put(struct store_engine *e, int64_t cid, const struct progress_digest *d,
		   struct trk_error *err);
int sq_history_insert(struct store_engine *e, int64_t cid, const struct history *h,
		      struct trk_error *err);
int sq_journal_tail(struct store_engine *e, struct journal_entry *out, struct trk_error *err);
int sq_journal_insert(struct store_engine *e, const struct journal_entry *j,
		      struct trk_error *err);
int sq_journal_scan(struct store_engine *e, journal_fn fn, void *ctx, struct trk_error *err);
int sq_setting_get(struct store_engine *e, const char *key, char **out, struct trk_error *err);
int sq_setting_put(struct store_engine *e, const char *key, const char *value,
		   struct trk_error *err);
int sq_settings_scan(struct store_engine *e, engine_setting_fn fn, void *ctx,
		     struct trk_error *err);

/* Users, tokens, sessions (sqlite_user.c). */
extern const struct user_ops sqlite_user_ops;

int sq_integrity(struct store_engine *e, check_fn fn, void *ctx, struct trk_error *err);
int sq_integrity_start(struct store_engine *e, struct engine_check **out,
		       struct trk_error *err);
int sq_integrity_finish(struct engine_check *c, check_fn fn, void *ctx, struct trk_error *err);

/* A second connection to e's file, read-only, for work run beside e on
 * another thread (sqlite_check.c); NULL for a database in memory or a file
 * that cannot be opened again. Closed with sq_close(). */
struct store_engine *sq_open_beside(const struct store_engine *e);
void sq_close(struct store_engine *e);
int sq_backup(struct store_engine *e, const char *path, struct trk_error *err);
int sq_restore(struct store_engine *e, const char *path, struct trk_error *err);
int sq_reset(struct store_engine *e, struct trk_error *err);

/* Shared by lookups and scans: the commitment columns and how to read them. */
#define COMMITMENT_OWN_FIELDS \
	"c.id, c.key, c.uid, l.doc_no, c.section, c.quote, c.title, o.name, c.kind, " \
	"c.target_value, c.target_unit, c.target_cmp, c.target_baseline, c.window_start, " \
	"c.due, c.status, c.health_override, c.health_override_reason, c.sequence, " \
	"c.created_at, c.updated_at, "
/* Co-owners and tags, each list joined with char(31). */
#define COMMITMENT_LISTS \
	"(SELECT group_concat(name, char(31)) FROM (SELECT o2.name FROM commitment_coowner co " \
	" JOIN owner o2 ON o2.id = co.owner_id WHERE co.commitment_id = c.id ORDER BY co.position)), " \
	"(SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM commitment_tag t " \
	" WHERE t.commitment_id = c.id ORDER BY t.position)) "
#define COMMITMENT_FIELDS COMMITMENT_OWN_FIELDS COMMITMENT_LISTS
/* The owner's short name: its shortest alias. */
#define COMMITMENT_COLUMNS COMMITMENT_FIELDS ", " \
	"(SELECT alias FROM owner_alias a WHERE a.owner_id = c.owner_id " \
	" ORDER BY length(alias), alias LIMIT 1) "
/* A merged scan of many commitments (sqlite_scan.c) reads the lists from
 * passes of their own, and the owner's id in place of the short name, which
 * it takes from every owner's, read once: the three subqueries on every
 * row were a third of a whole-store list. */
#define COMMITMENT_MERGED_COLUMNS COMMITMENT_OWN_FIELDS "NULL, NULL, c.owner_id "
#define COMMITMENT_FROM \
	"FROM commitment c JOIN letter l ON l.id = c.letter_id JOIN owner o ON o.id = c.owner_id "
#define COMMITMENT_NCOLUMNS 24

/* Fills c from a row of COMMITMENT_COLUMNS: strings malloc'd (arena NULL;
 * caller releases c) or in the arena (borrowed). commitment_fields_from_row
 * reads all but the last column (the short name), for COMMITMENT_MERGED_COLUMNS. */
void commitment_from_row(sqlite3_stmt *s, struct arena *a, struct commitment *c);
void commitment_fields_from_row(sqlite3_stmt *s, struct arena *a, struct commitment *c);

#endif
