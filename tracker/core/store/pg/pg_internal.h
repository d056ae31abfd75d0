/* pg_internal.h - what the PostgreSQL engine's files share: the
 * connection, its prepared statements, parameters and result readers, and
 * the locks a writer takes. The only place besides store/sqlite/ that
 * knows a database is there.
 *
 * Every value travels as text both ways, so nothing depends on the
 * server's DateStyle or float formatting: dates and timestamps are the
 * program's own text, figures the shortest text that reads back as the
 * same double (NUMERIC columns keep it digit for digit).
 *
 * Concurrency: a write transaction runs at READ COMMITTED, so each
 * statement sees what others committed before it, and takes row locks
 * before it reads what it will extend:
 *   - a commitment's row (SELECT ... FOR UPDATE) before its records are
 *     read to append a check-in or a change: writers of one commitment go
 *     one at a time, writers of different commitments in parallel;
 *   - the 'record' row of tracker_lock before the journal's tail is read,
 *     before settings or the lists of owners, letters and users are read,
 *     and when a lookup of a letter, owner, alias, commitment key or user
 *     finds nothing (the writer may be about to add it; looked up again
 *     under the lock, it is found if another writer just added it). These
 *     rows are only ever added, never changed, so a lookup that finds one
 *     needs no lock.
 * A read transaction is one REPEATABLE READ READ ONLY snapshot. */
#ifndef TRK_PG_INTERNAL_H
#define TRK_PG_INTERNAL_H

#include "store/pg/pg_libpq.h"
#include <stdbool.h>
#include <stdint.h>

#include "store/store_engine.h"
#include "util/arena.h"
#include "util/date.h"

#define PG_STMT_MAX 128
/* Rows written by one transaction after which the tables are analyzed. */
#define PG_BULK_ROWS 5000
#define PG_PARAMS_MAX 24
#define PG_BATCH 256              /* commitments read per round of a scan */

struct pg_stmt_slot {
	const char *sql;          /* static string: compared by address */
	char name[16];
};

struct store_engine {
	PGconn *conn;
	char *where;              /* "database D on H" for messages: no password */
	bool readonly;
	bool in_txn;              /* a transaction (read or write) is open */
	bool in_write;            /* a write transaction is open */
	bool record_locked;       /* it holds the 'record' lock */
	long rows_written;        /* by the open write transaction */
	char last_state[6];       /* SQLSTATE of the last error ("" if none) */
	struct pg_stmt_slot stmts[PG_STMT_MAX];
	int nstmts;
};

/* Parameters of one statement, all text: NULL is SQL NULL. Numbers and
 * dates are formatted into the struct's own buffers. */
struct pg_params {
	const char *v[PG_PARAMS_MAX];
	char buf[PG_PARAMS_MAX][40];
	int n;
};
void pgp_init(struct pg_params *p);
/* Text; "" is NULL too (the record does not tell an empty text from an
 * absent one, and does not rely on the database telling them apart). */
void pgp_text(struct pg_params *p, const char *s);
void pgp_int(struct pg_params *p, int64_t v);
void pgp_date(struct pg_params *p, int32_t date);   /* DATE_NONE: NULL */
void pgp_num(struct pg_params *p, double v);        /* shortest exact text */
void pgp_null(struct pg_params *p);

/* The code of a failure whose err may be NULL (a caller that only asks). */
static inline int pg_code(const struct trk_error *err)
{
	return err ? err->code : TRK_EDB;
}

/* Runs a cached prepared statement (sql must be a string literal: the cache
 * keys on its address) and returns its result, or NULL with err set. The
 * caller sym_PQclear()s the result. */
PGresult *pg_run(struct store_engine *e, const char *sql, const struct pg_params *p,
		 const char *what, struct trk_error *err);
/* The same, not prepared: for statements whose plan should see the values
 * (the scan's optional filters). */
PGresult *pg_run_once(struct store_engine *e, const char *sql, const struct pg_params *p,
		      const char *what, struct trk_error *err);
/* Runs a statement that returns no rows we need; 0 or an error. */
int pg_exec(struct store_engine *e, const char *sql, const struct pg_params *p,
	    const char *what, struct trk_error *err);
/* Runs fixed SQL text without parameters (transactions, migrations). */
int pg_script(struct store_engine *e, const char *sql, const char *what,
	      struct trk_error *err);

/* Sets err from a failed result (NULL: the connection's error): the
 * SQLSTATE decides the code (23xxx TRK_ECONFLICT, disk full TRK_EIO, a
 * deadlock or serialisation failure TRK_EDB with "run it again"). */
int pg_err(struct store_engine *e, const PGresult *res, const char *what,
	   struct trk_error *err);
/* The SQLSTATE of a failed result ("" if none). */
const char *pg_sqlstate(const PGresult *res);

/* Readers of a result cell: NULL for SQL NULL; copies malloc'd (caller
 * frees) or in an arena; a date (DATE_NONE for NULL), a number. */
const char *pg_cell(const PGresult *r, int row, int col);
char *pg_strdup(const PGresult *r, int row, int col);
char *pg_arena(struct arena *a, const PGresult *r, int row, int col);
int32_t pg_date(const PGresult *r, int row, int col);
int64_t pg_int(const PGresult *r, int row, int col);
double pg_double(const PGresult *r, int row, int col);
/* A chain's prev_hash: NULL (the first link) reads as "". */
char *pg_hash_arena(struct arena *a, const PGresult *r, int row, int col);
char *pg_hash_strdup(const PGresult *r, int row, int col);

/* Transactions (the engine's begin, commit and rollback). */
int pg_begin(struct store_engine *e, bool write, struct trk_error *err);
int pg_commit(struct store_engine *e, struct trk_error *err);
void pg_rollback(struct store_engine *e);

/* Locks (see the top of this file); nothing outside a write transaction. */
int pg_lock_record(struct store_engine *e, struct trk_error *err);
int pg_lock_commitment(struct store_engine *e, const char *key, struct trk_error *err);

/* The shortest text that strtod() reads back as v ("0" for zero and -0). */
void pg_number_text(double v, char out[40]);

/* Migrations: to version upto, in one transaction that takes the schema's
 * lock, so concurrent first commands all succeed. */
int pg_migrate(struct store_engine *e, int upto, struct trk_error *err);
int pg_schema_version(struct store_engine *e, int *out, struct trk_error *err);
/* 0 and *exists false when the schema has no tracker_meta (new or
 * another program's: *empty tells). */
int pg_classify(struct store_engine *e, bool *ours, bool *empty, struct trk_error *err);

/* The engine's operations, by file. */
int pg_owner_lookup(struct store_engine *e, const char *alias, int64_t *id, char **canonical,
		    struct trk_error *err);
int pg_owner_insert(struct store_engine *e, const char *name, int64_t *id,
		    struct trk_error *err);
int pg_alias_insert(struct store_engine *e, int64_t owner_id, const char *alias,
		    struct trk_error *err);
int pg_owners_scan(struct store_engine *e, owner_fn fn, void *ctx, struct trk_error *err);

int pg_letter_lookup(struct store_engine *e, const char *doc_no, const char *sha256,
		     bool with_text, struct letter *out, struct trk_error *err);
int pg_letter_insert(struct store_engine *e, struct letter *l, struct trk_error *err);
int pg_letters_scan(struct store_engine *e, bool with_text, letter_fn fn, void *ctx,
		    struct trk_error *err);
int pg_quotes_scan(struct store_engine *e, const char *doc_no,
		   int (*fn)(const char *key, const char *quote, void *ctx, struct trk_error *err),
		   void *ctx, struct trk_error *err);

int pg_commitment_lookup(struct store_engine *e, const char *key, struct commitment *out,
			 struct trk_error *err);
int pg_commitment_insert(struct store_engine *e, struct commitment *c, struct trk_error *err);
int pg_commitment_update(struct store_engine *e, const struct commitment *c,
			 struct trk_error *err);
int pg_scan(struct store_engine *e, const struct engine_scan *q, engine_row_fn fn, void *ctx,
	    struct trk_error *err);

int pg_summary_put(struct store_engine *e, int64_t cid, const struct progress_digest *d,
		   struct trk_error *err);
int pg_checkin_insert(struct store_engine *e, int64_t cid, const struct checkin *k,
		      struct trk_error *err);
int pg_history_insert(struct store_engine *e, int64_t cid, const struct history *h,
		      struct trk_error *err);
int pg_journal_tail(struct store_engine *e, struct journal_entry *out, struct trk_error *err);
int pg_journal_insert(struct store_engine *e, const struct journal_entry *j,
		      struct trk_error *err);
int pg_journal_scan(struct store_engine *e, journal_fn fn, void *ctx, struct trk_error *err);
int pg_setting_get(struct store_engine *e, const char *key, char **out, struct trk_error *err);
int pg_setting_put(struct store_engine *e, const char *key, const char *value,
		   struct trk_error *err);
int pg_settings_scan(struct store_engine *e, engine_setting_fn fn, void *ctx,
		     struct trk_error *err);

extern const struct user_ops pg_user_ops;

int pg_integrity(struct store_engine *e, check_fn fn, void *ctx, struct trk_error *err);
int pg_backup(struct store_engine *e, const char *path, struct trk_error *err);
int pg_restore(struct store_engine *e, const char *path, struct trk_error *err);
int pg_reset(struct store_engine *e, struct trk_error *err);

/* The commitment row's columns (without co-owners and tags, read apart). */
#define PG_COMMITMENT_COLUMNS \
	"c.id, c.key, c.uid, l.doc_no, c.section, c.quote, c.title, o.name, c.kind, " \
	"c.target_value, c.target_unit, c.target_cmp, c.target_baseline, c.window_start, " \
	"c.due, c.status, c.health_override, c.health_override_reason, c.sequence, " \
	"c.created_at, c.updated_at, " \
	"(SELECT alias FROM owner_alias a WHERE a.owner_id = c.owner_id " \
	" ORDER BY length(alias), alias LIMIT 1) "
#define PG_COMMITMENT_FROM \
	"FROM commitment c JOIN letter l ON l.id = c.letter_id JOIN owner o ON o.id = c.owner_id "

/* Fills c from row `row` of PG_COMMITMENT_COLUMNS: strings in the arena
 * (borrowed) or malloc'd (arena NULL: the caller releases c). Co-owners and
 * tags are left empty. */
void pg_commitment_from_row(const PGresult *r, int row, struct arena *a, struct commitment *c);
/* Co-owners and tags of c (by id), malloc'd into c. */
int pg_commitment_lists(struct store_engine *e, struct commitment *c, struct trk_error *err);

#endif
