/* pg_open.c - the PostgreSQL engine: its table of operations, which
 * locations it claims, connecting, transactions and locks, and the helpers
 * its other files share. */
#include "store/pg/pg_internal.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/banned.h"

/* ---- parameters ----------------------------------------------------------------- */

void pgp_init(struct pg_params *p)
{
	p->n = 0;
}

static char *pgp_slot(struct pg_params *p)
{
	if (p->n == PG_PARAMS_MAX)   /* a bug: the statements are fixed */
		abort();
	return p->buf[p->n];
}

void pgp_text(struct pg_params *p, const char *s)
{
	pgp_slot(p);
	p->v[p->n++] = s && *s ? s : NULL;
}

void pgp_null(struct pg_params *p)
{
	pgp_slot(p);
	p->v[p->n++] = NULL;
}

void pgp_int(struct pg_params *p, int64_t v)
{
	char *b = pgp_slot(p);

	snprintf(b, sizeof(p->buf[0]), "%lld", (long long)v);
	p->v[p->n++] = b;
}

void pgp_date(struct pg_params *p, int32_t date)
{
	char *b = pgp_slot(p);

	if (date == DATE_NONE) {
		p->v[p->n++] = NULL;
		return;
	}
	date_format(date, b);
	p->v[p->n++] = b;
}

void pg_number_text(double v, char out[40])
{
	if (v == 0 || !isfinite(v)) {   /* -0 is 0, as SQLite stores it */
		out[0] = '0', out[1] = '\0';
		return;
	}
	for (int digits = 15; digits <= 17; digits++) {
		snprintf(out, 40, "%.*g", digits, v);
		if (strtod(out, NULL) == v)
			return;
	}
}

void pgp_num(struct pg_params *p, double v)
{
	char *b = pgp_slot(p);

	pg_number_text(v, b);
	p->v[p->n++] = b;
}

/* ---- errors and statements -------------------------------------------------------- */

const char *pg_sqlstate(const PGresult *res)
{
	const char *s = res ? sym_PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;

	return s ? s : "";
}

/* The first line of a server or libpq message. */
static void first_line(const char *msg, char *out, size_t size)
{
	size_t n = 0;

	while (msg && msg[n] && msg[n] != '\n' && n + 1 < size) {
		out[n] = msg[n];
		n++;
	}
	out[n] = '\0';
}

int pg_err(struct store_engine *e, const PGresult *res, const char *what,
	   struct trk_error *err)
{
	const char *state = pg_sqlstate(res);
	const char *primary = res ? sym_PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	char msg[400];

	snprintf(e->last_state, sizeof(e->last_state), "%s", state);
	first_line(primary ? primary : sym_PQerrorMessage(e->conn), msg, sizeof(msg));
	if (!strncmp(state, "23", 2))
		return trk_err(err, TRK_ECONFLICT, "%s: %s (%s)", what, msg, e->where);
	if (!strcmp(state, "53100") || !strcmp(state, "58030"))
		return trk_err(err, TRK_EIO, "%s: %s (%s)", what, msg, e->where);
	if (!strcmp(state, "40001") || !strcmp(state, "40P01"))
		return trk_err(err, TRK_EDB, "%s: another writer held the same records (%s): "
			       "nothing was written; run it again (%s)", what, msg, e->where);
	if (!strcmp(state, "25006"))
		return trk_err(err, TRK_EDB, "%s: %s is read-only (a standby?): cannot write",
			       what, e->where);
	if (sym_PQstatus(e->conn) != CONNECTION_OK)
		return trk_err(err, TRK_EDB, "%s: lost the connection to %s: %s", what, e->where,
			       msg);
	return trk_err(err, TRK_EDB, "%s: %s (%s)", what, msg, e->where);
}

static PGresult *checked(struct store_engine *e, PGresult *res, const char *what,
			 struct trk_error *err)
{
	ExecStatusType st = res ? sym_PQresultStatus(res) : PGRES_FATAL_ERROR;

	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
		return res;
	pg_err(e, res, what, err);
	sym_PQclear(res);
	return NULL;
}

/* The server's notices (NOTICE, WARNING outside an error) are not the
 * program's output: only the CLI prints, and never a server's words
 * unasked. Errors come with their results. */
static void ignore_notice(void *arg, const char *message)
{
	(void)arg, (void)message;
}

/* The session's settings that a new connection must be given again. */
static int pg_session(struct store_engine *e, struct trk_error *err)
{
	sym_PQsetNoticeProcessor(e->conn, ignore_notice, NULL);
	if (sym_PQsetClientEncoding(e->conn, "UTF8"))
		return trk_err(err, TRK_EDB, "%s cannot speak UTF-8", e->where);
	if (e->readonly)
		return pg_script(e, "SET default_transaction_read_only = on", "configuring", err);
	return 0;
}

/* A connection the server dropped (a restart, a failover to the standby,
 * an administrator's pg_terminate_backend) is opened again before the next
 * transaction, when nothing is in flight: a long-lived process such as
 * `tracker serve` outlives its database server's restarts. */
static int pg_revive(struct store_engine *e, struct trk_error *err)
{
	char msg[400];

	if (sym_PQstatus(e->conn) == CONNECTION_OK)
		return 0;
	sym_PQreset(e->conn);
	e->nstmts = 0;   /* the server forgot the prepared statements */
	if (sym_PQstatus(e->conn) != CONNECTION_OK) {
		first_line(sym_PQerrorMessage(e->conn), msg, sizeof(msg));
		return trk_err(err, TRK_EDB, "lost the connection to %s and cannot connect "
			       "again: %s", e->where, msg);
	}
	return pg_session(e, err);
}

/* The name of sql's prepared statement, preparing it the first time. */
static const char *statement(struct store_engine *e, const char *sql, int nparams,
			     struct trk_error *err)
{
	PGresult *res;

	for (int i = 0; i < e->nstmts; i++)
		if (e->stmts[i].sql == sql)
			return e->stmts[i].name;
	if (e->nstmts == PG_STMT_MAX) {
		trk_err(err, TRK_EINTERNAL, "statement cache full");
		return NULL;
	}
	snprintf(e->stmts[e->nstmts].name, sizeof(e->stmts[0].name), "t%d", e->nstmts);
	res = sym_PQprepare(e->conn, e->stmts[e->nstmts].name, sql, nparams, NULL);
	if (!(res = checked(e, res, "preparing a query", err)))
		return NULL;
	sym_PQclear(res);
	e->stmts[e->nstmts].sql = sql;
	return e->stmts[e->nstmts++].name;
}

static PGresult *run_prepared(struct store_engine *e, const char *sql,
			      const struct pg_params *p, const char *what, struct trk_error *err)
{
	int n = p ? p->n : 0;
	const char *name = statement(e, sql, n, err);

	if (!name)
		return NULL;
	return checked(e, sym_PQexecPrepared(e->conn, name, n, p ? p->v : NULL, NULL, NULL, 0),
		       what, err);
}

static PGresult *run_params(struct store_engine *e, const char *sql,
			    const struct pg_params *p, const char *what, struct trk_error *err)
{
	int n = p ? p->n : 0;

	return checked(e, sym_PQexecParams(e->conn, sql, n, NULL, p ? p->v : NULL, NULL, NULL, 0),
		       what, err);
}

typedef PGresult *run_fn(struct store_engine *e, const char *sql, const struct pg_params *p,
			 const char *what, struct trk_error *err);

/* Outside a transaction a statement stands alone (the door's lookups of a
 * token or a user): on a connection found dead it runs once more on a new
 * one. Inside a transaction a lost connection lost the transaction too,
 * and the error goes up. */
static PGresult *run(struct store_engine *e, run_fn *fn, const char *sql,
		     const struct pg_params *p, const char *what, struct trk_error *err)
{
	PGresult *res;

	if (!e->in_txn && pg_revive(e, err))
		return NULL;
	res = fn(e, sql, p, what, err);
	if (!res && !e->in_txn && sym_PQstatus(e->conn) != CONNECTION_OK && !pg_revive(e, err))
		res = fn(e, sql, p, what, err);
	if (res && e->in_write)   /* "" for a SELECT */
		e->rows_written += strtol(sym_PQcmdTuples(res), NULL, 10);
	return res;
}

PGresult *pg_run(struct store_engine *e, const char *sql, const struct pg_params *p,
		 const char *what, struct trk_error *err)
{
	return run(e, run_prepared, sql, p, what, err);
}

PGresult *pg_run_once(struct store_engine *e, const char *sql, const struct pg_params *p,
		      const char *what, struct trk_error *err)
{
	return run(e, run_params, sql, p, what, err);
}

int pg_exec(struct store_engine *e, const char *sql, const struct pg_params *p,
	    const char *what, struct trk_error *err)
{
	PGresult *res = pg_run(e, sql, p, what, err);

	if (!res)
		return err ? err->code : TRK_EDB;
	sym_PQclear(res);
	return 0;
}

int pg_script(struct store_engine *e, const char *sql, const char *what,
	      struct trk_error *err)
{
	PGresult *res = checked(e, sym_PQexec(e->conn, sql), what, err);

	if (!res)
		return err ? err->code : TRK_EDB;
	sym_PQclear(res);
	return 0;
}

/* ---- reading results ----------------------------------------------------------------- */

const char *pg_cell(const PGresult *r, int row, int col)
{
	return sym_PQgetisnull(r, row, col) ? NULL : sym_PQgetvalue(r, row, col);
}

char *pg_strdup(const PGresult *r, int row, int col)
{
	return xstrdup(pg_cell(r, row, col));
}

char *pg_arena(struct arena *a, const PGresult *r, int row, int col)
{
	const char *s = pg_cell(r, row, col);

	return s ? arena_strndup(a, s, (size_t)sym_PQgetlength(r, row, col)) : NULL;
}

char *pg_hash_arena(struct arena *a, const PGresult *r, int row, int col)
{
	return sym_PQgetisnull(r, row, col) ? arena_strndup(a, "", 0) : pg_arena(a, r, row, col);
}

char *pg_hash_strdup(const PGresult *r, int row, int col)
{
	return xstrdup(sym_PQgetisnull(r, row, col) ? "" : sym_PQgetvalue(r, row, col));
}

int32_t pg_date(const PGresult *r, int row, int col)
{
	const char *t = pg_cell(r, row, col);
	int32_t d;

	if (!t || date_parse(t, &d, "date", NULL))
		return DATE_NONE;
	return d;
}

int64_t pg_int(const PGresult *r, int row, int col)
{
	const char *t = pg_cell(r, row, col);

	return t ? strtoll(t, NULL, 10) : 0;
}

double pg_double(const PGresult *r, int row, int col)
{
	const char *t = pg_cell(r, row, col);

	return t ? strtod(t, NULL) : 0;
}

/* ---- transactions and locks ---------------------------------------------------------- */

/* BEGIN, once more on a new connection when the old one turns out to be
 * dead: libpq learns that only when a statement fails, and a failed BEGIN
 * had nothing to lose. */
static int pg_begin_sql(struct store_engine *e, const char *sql, const char *what,
			struct trk_error *err)
{
	int rc;

	if ((rc = pg_revive(e, err)))
		return rc;
	rc = pg_script(e, sql, what, err);
	if (rc && sym_PQstatus(e->conn) != CONNECTION_OK && !(rc = pg_revive(e, err)))
		rc = pg_script(e, sql, what, err);
	return rc;
}

int pg_begin(struct store_engine *e, bool write, struct trk_error *err)
{
	int rc;

	if (!write) {
		rc = pg_begin_sql(e, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
				  "starting a read", err);
		e->in_txn = !rc;
		return rc;
	}
	if (e->readonly)
		return trk_err(err, TRK_EDB, "%s is opened read-only: cannot write", e->where);
	if ((rc = pg_begin_sql(e, "BEGIN ISOLATION LEVEL READ COMMITTED", "cannot start a write",
			       err)))
		return rc;
	e->in_txn = e->in_write = true;
	e->record_locked = false;
	e->rows_written = 0;
	return 0;
}

/* After a bulk write (an import, a restore, a migration) the planner's
 * statistics are of the tables as they were; until autovacuum comes by
 * (a minute or more) a plan made from them can scan a table per row
 * (export json at 4,000 commitments: 8.3 s before, 1.4 s after). A
 * failure here loses nothing: statistics are an optimisation. */
static void analyze_after_bulk(struct store_engine *e)
{
	static const char *const tables[] = {
		"ANALYZE commitment", "ANALYZE checkin", "ANALYZE history", "ANALYZE commitment_tag",
		"ANALYZE commitment_coowner", "ANALYZE letter", "ANALYZE letter_cohandler",
		"ANALYZE owner", "ANALYZE owner_alias", "ANALYZE journal", NULL
	};

	if (e->rows_written < PG_BULK_ROWS)
		return;
	for (int i = 0; tables[i]; i++)
		sym_PQclear(sym_PQexec(e->conn, tables[i]));
}

int pg_commit(struct store_engine *e, struct trk_error *err)
{
	PGresult *res = checked(e, sym_PQexec(e->conn, "COMMIT"), "cannot commit", err);
	int rc = 0;

	/* COMMIT of a transaction that failed earlier rolls back and says so. */
	if (res && strcmp(sym_PQcmdStatus(res), "COMMIT"))
		rc = trk_err(err, TRK_EDB, "cannot commit: the transaction had failed and was "
			     "rolled back (%s)", e->where);
	else if (!res)
		rc = err ? err->code : TRK_EDB;
	sym_PQclear(res);
	e->in_txn = e->in_write = e->record_locked = false;
	if (!rc)
		analyze_after_bulk(e);
	return rc;
}

void pg_rollback(struct store_engine *e)
{
	if (sym_PQtransactionStatus(e->conn) != PQTRANS_IDLE)
		sym_PQclear(sym_PQexec(e->conn, "ROLLBACK"));
	e->in_txn = e->in_write = e->record_locked = false;
}

int pg_lock_record(struct store_engine *e, struct trk_error *err)
{
	PGresult *res;

	if (!e->in_write || e->record_locked)
		return 0;
	if (!(res = pg_run(e, "SELECT name FROM tracker_lock WHERE name = 'record' FOR UPDATE",
			   NULL, "locking the record", err)))
		return err ? err->code : TRK_EDB;
	if (sym_PQntuples(res) != 1) {
		sym_PQclear(res);
		return trk_err(err, TRK_EDB, "%s: the writers' lock row is missing (altered outside "
			       "tracker?): run 'tracker check'", e->where);
	}
	sym_PQclear(res);
	e->record_locked = true;
	return 0;
}

int pg_lock_commitment(struct store_engine *e, const char *key, struct trk_error *err)
{
	struct pg_params p;
	PGresult *res;

	if (!e->in_write)
		return 0;
	pgp_init(&p);
	pgp_text(&p, key);
	if (!(res = pg_run(e, "SELECT id FROM commitment WHERE key = $1 FOR UPDATE", &p,
			   "locking a commitment", err)))
		return err ? err->code : TRK_EDB;
	sym_PQclear(res);
	return 0;
}

/* ---- opening ------------------------------------------------------------------------- */

/* A URI, or a conninfo that starts with one of these keywords: a SQLite
 * path never looks like either. */
static bool pg_claims(const char *location)
{
	static const char *const keywords[] = { "host", "hostaddr", "dbname", "service", "user",
						"port", NULL };

	if (!strncmp(location, "postgresql://", 13) || !strncmp(location, "postgres://", 11))
		return true;
	while (isspace((unsigned char)*location))
		location++;
	for (int i = 0; keywords[i]; i++) {
		size_t n = strlen(keywords[i]);
		const char *p = location + n;
		if (strncmp(location, keywords[i], n))
			continue;
		while (isspace((unsigned char)*p))
			p++;
		if (*p == '=')
			return true;
	}
	return false;
}

/* "database D on H" from what libpq parsed (never the password). */
static char *describe(const char *location)
{
	PQconninfoOption *opts = sym_PQconninfoParse(location, NULL);
	const char *db = NULL, *host = NULL, *port = NULL;
	struct strbuf sb = STRBUF_INIT;

	for (PQconninfoOption *o = opts; o && o->keyword; o++) {
		if (!o->val || !*o->val)
			continue;
		if (!strcmp(o->keyword, "dbname"))
			db = o->val;
		else if (!strcmp(o->keyword, "host"))
			host = o->val;
		else if (!strcmp(o->keyword, "port"))
			port = o->val;
	}
	strbuf_addf(&sb, "PostgreSQL database '%s'", db ? db : "(default)");
	if (host)
		strbuf_addf(&sb, " on %s%s%s", host, port ? ":" : "", port ? port : "");
	sym_PQconninfoFree(opts);
	return strbuf_detach(&sb);
}

static int connect_db(struct store_engine *e, const char *location, struct trk_error *err)
{
	const char *const keys[] = { "dbname", "fallback_application_name", NULL };
	const char *const values[] = { location, "tracker", NULL };
	char msg[400];

	e->conn = sym_PQconnectdbParams(keys, values, 1);
	if (e->conn && sym_PQstatus(e->conn) == CONNECTION_OK)
		return pg_session(e, err);
	first_line(e->conn ? sym_PQerrorMessage(e->conn) : "out of memory", msg, sizeof(msg));
	return trk_err(err, TRK_EDB, "cannot connect to %s: %s", e->where, msg);
}

static int prepare_schema(struct store_engine *e, unsigned flags, struct trk_error *err)
{
	bool ours, empty;
	int version = 0, rc;

	if ((rc = pg_classify(e, &ours, &empty, err)))
		return rc;
	if (!ours && !empty)
		return trk_err(err, TRK_EDB, "%s holds tables of another program, not a tracker "
			       "record: not touching it (use an empty database or schema)", e->where);
	if (!ours && (e->readonly || !(flags & STORE_CREATE)))
		return trk_err(err, TRK_ENOTFOUND, "no tracker database at %s (create one with "
			       "`tracker init`)", e->where);
	if (ours && (rc = pg_schema_version(e, &version, err)))
		return rc;
	if (version > store_schema_latest())
		return trk_err(err, TRK_EVERSION, "%s has schema version %d, newer than this "
			       "tracker (knows up to %d): upgrade tracker", e->where, version,
			       store_schema_latest());
	if (flags & STORE_NO_MIGRATE || version == store_schema_latest())
		return 0;
	if (e->readonly)
		return trk_err(err, TRK_EDB, "%s has schema version %d and is opened read-only: "
			       "open it once with write access to upgrade it", e->where, version);
	return pg_migrate(e, store_schema_latest(), err);
}

static void pg_close(struct store_engine *e)
{
	if (!e)
		return;
	sym_PQfinish(e->conn);
	free(e->where);
	free(e);
}

static int pg_open(const char *location, unsigned flags, struct store_engine **out,
		   struct trk_error *err)
{
	struct store_engine *e;
	int rc;

	if ((rc = pg_libpq_load(err)))
		return rc;
	e = xcalloc(1, sizeof(*e));
	e->where = describe(location);
	e->readonly = flags & STORE_READONLY;
	if ((rc = connect_db(e, location, err)) || (rc = prepare_schema(e, flags, err))) {
		pg_close(e);
		return rc;
	}
	*out = e;
	return 0;
}

const struct store_ops pg_store_ops = {
	.name = "postgresql",
	.claims = pg_claims,
	.open = pg_open,
	.close = pg_close,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.schema_version = pg_schema_version,
	.migrate = pg_migrate,
	.journal_tail = pg_journal_tail,
	.journal_insert = pg_journal_insert,
	.journal_scan = pg_journal_scan,
	.setting_get = pg_setting_get,
	.setting_put = pg_setting_put,
	.settings_scan = pg_settings_scan,
	.owner_lookup = pg_owner_lookup,
	.owner_insert = pg_owner_insert,
	.alias_insert = pg_alias_insert,
	.owners_scan = pg_owners_scan,
	.letter_lookup = pg_letter_lookup,
	.letter_insert = pg_letter_insert,
	.letters_scan = pg_letters_scan,
	.commitment_lookup = pg_commitment_lookup,
	.commitment_insert = pg_commitment_insert,
	.commitment_update = pg_commitment_update,
	.quotes_scan = pg_quotes_scan,
	.scan = pg_scan,
	.checkin_insert = pg_checkin_insert,
	.summary_put = pg_summary_put,
	.history_insert = pg_history_insert,
	.users = &pg_user_ops,
	.integrity = pg_integrity,
	.backup = pg_backup,
	.restore = pg_restore,
	.reset = pg_reset,
};
