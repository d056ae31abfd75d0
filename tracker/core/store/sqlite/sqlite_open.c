/* sqlite_open.c - the SQLite engine: its table of operations, opening a
 * database file, transactions, and the helpers its other files share. */
#include "store/sqlite/sqlite_internal.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/collate.h"
#include "util/date.h"
#include "util/strbuf.h"
#include "util/banned.h"

/* 'TRK1' (0x54524b31 = 1414679345) in PRAGMA application_id marks a file as
 * a tracker database, so open and restore can refuse the files of other
 * programs; classify_file and the migrations write it out in decimal. */

/* ---- errors and statements ------------------------------------------------------ */

int sq_err(struct store_engine *e, struct trk_error *err, const char *what)
{
	int primary = sqlite3_extended_errcode(e->db) & 0xff;

	if (primary == SQLITE_FULL || primary == SQLITE_IOERR)
		return trk_err(err, TRK_EIO, "%s: %s (database '%s')", what, sqlite3_errmsg(e->db),
			       e->path);
	if (primary == SQLITE_CONSTRAINT)
		return trk_err(err, TRK_ECONFLICT, "%s: %s (database '%s')", what,
			       sqlite3_errmsg(e->db), e->path);
	if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
		return trk_err(err, TRK_EDB, "%s: the database '%s' is damaged (%s): run 'tracker "
			       "check', and 'tracker restore' from a backup", what, e->path,
			       sqlite3_errmsg(e->db));
	return trk_err(err, TRK_EDB, "%s: %s (database '%s')", what, sqlite3_errmsg(e->db),
		       e->path);
}

int sq_cached(struct store_engine *e, struct stmt_slot *cache, int *n, int max, const char *sql,
	      sqlite3_stmt **out, struct trk_error *err)
{
	for (int i = 0; i < *n; i++) {
		if (cache[i].sql == sql) {
			*out = cache[i].stmt;
			return 0;
		}
	}
	if (*n == max)
		return trk_err(err, TRK_EINTERNAL, "statement cache full");
	if (sqlite3_prepare_v3(e->db, sql, -1, SQLITE_PREPARE_PERSISTENT, out, NULL) != SQLITE_OK)
		return sq_err(e, err, "preparing a query");
	cache[*n].sql = sql;
	cache[(*n)++].stmt = *out;
	return 0;
}

int sq_stmt(struct store_engine *e, const char *sql, sqlite3_stmt **out, struct trk_error *err)
{
	int rc;

	sq_quiesce(e);
	if ((rc = sq_cached(e, e->cache, &e->ncache, STMT_CACHE_MAX, sql, out, err)))
		return rc;
	sqlite3_reset(*out);
	sqlite3_clear_bindings(*out);
	return 0;
}

int sq_scan_prepare(struct store_engine *e, const char *sql, sqlite3_stmt **out)
{
	int rc;

	sq_quiesce(e);
	if ((rc = sqlite3_prepare_v2(e->db, sql, -1, out, NULL)) == SQLITE_OK)
		e->scanning++;
	return rc;
}

void sq_scan_finish(struct store_engine *e, sqlite3_stmt *s)
{
	if (!s)
		return;
	sqlite3_finalize(s);
	e->scanning--;
}

void stmt_done(sqlite3_stmt *stmt)
{
	sqlite3_reset(stmt);
}

int sq_exec(struct store_engine *e, sqlite3_stmt *s, const char *what, struct trk_error *err)
{
	int rc = sqlite3_step(s);

	rc = rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : sq_err(e, err, what);
	stmt_done(s);
	return rc;
}

int sq_script(struct store_engine *e, const char *sql, const char *what, struct trk_error *err)
{
	char *msg = NULL;

	sq_quiesce(e);
	if (sqlite3_exec(e->db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return 0;
	sqlite3_free(msg);
	return sq_err(e, err, what);
}

int sq_int(struct store_engine *e, const char *sql, int *out, struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = sq_stmt(e, sql, &s, err);

	if (rc)
		return rc;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = sqlite3_column_int(s, 0);
		rc = 0;
	} else {
		rc = sq_err(e, err, "reading the database header");
	}
	stmt_done(s);
	return rc;
}

void bind_text(sqlite3_stmt *s, int idx, const char *text)
{
	if (text && *text)
		sqlite3_bind_text(s, idx, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, idx);
}

void bind_text_held(sqlite3_stmt *s, int idx, const char *text)
{
	if (text && *text)
		sqlite3_bind_text(s, idx, text, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, idx);
}

void bind_date(sqlite3_stmt *s, int idx, int32_t date)
{
	char buf[DATE_BUFSZ];

	if (date == DATE_NONE) {
		sqlite3_bind_null(s, idx);
		return;
	}
	date_format(date, buf);
	sqlite3_bind_text(s, idx, buf, 10, SQLITE_TRANSIENT);
}

char *column_strdup(sqlite3_stmt *s, int col)
{
	const unsigned char *t = sqlite3_column_text(s, col);

	return t ? xstrndup((const char *)t, (size_t)sqlite3_column_bytes(s, col)) : NULL;
}

char *column_arena(struct arena *a, sqlite3_stmt *s, int col)
{
	const unsigned char *t = sqlite3_column_text(s, col);

	return t ? arena_strndup(a, (const char *)t, (size_t)sqlite3_column_bytes(s, col)) : NULL;
}

int32_t column_date(sqlite3_stmt *s, int col)
{
	const char *t = (const char *)sqlite3_column_text(s, col);
	int32_t d;

	if (!t || date_parse(t, &d, "date", NULL))
		return DATE_NONE;
	return d;
}

static int zh_compare(void *ctx, int alen, const void *a, int blen, const void *b)
{
	(void)ctx;
	return collate_zhn(a, alen, b, blen);
}

int sq_register_collation(struct store_engine *e, struct trk_error *err)
{
	if (sqlite3_create_collation(e->db, "zh", SQLITE_UTF8, NULL, zh_compare) != SQLITE_OK)
		return sq_err(e, err, "registering the zh collation");
	return 0;
}

/* ---- transactions ------------------------------------------------------------------ */

/* SQLite lets one connection write at a time. The threads of one process
 * (the server's, one connection each) take turns on a mutex first: a
 * waiting thread wakes when the writer is done, where SQLite's busy
 * handler would sleep and poll (and p99 would be its sleeps). Recursive:
 * one thread may write two databases at once (tracker migrate). */
static pthread_mutex_t writer_lock;
static pthread_once_t writer_lock_once = PTHREAD_ONCE_INIT;

static void writer_lock_init(void)
{
	pthread_mutexattr_t attr;

	pthread_mutexattr_init(&attr);
	pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&writer_lock, &attr);
	pthread_mutexattr_destroy(&attr);
}

static void writer_release(struct store_engine *e)
{
	if (e->holds_writer) {
		e->holds_writer = false;
		pthread_mutex_unlock(&writer_lock);
	}
}

static int begin_immediate(struct store_engine *e, struct trk_error *err)
{
	/* The busy timeout covers most waits (other processes); BEGIN
	 * IMMEDIATE can still see SQLITE_BUSY when a reader upgrades in WAL
	 * mode, so retry a while. */
	for (int attempt = 0; attempt < 50; attempt++) {
		int rc = sqlite3_exec(e->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			return 0;
		if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
			break;
		usleep(20000);
	}
	return sq_err(e, err, "cannot start a write");
}

static int take_writer(struct store_engine *e, struct trk_error *err)
{
	if (e->readonly || sqlite3_db_readonly(e->db, "main") == 1)
		return trk_err(err, TRK_EDB, "database '%s' is read-only: cannot write", e->path);
	pthread_once(&writer_lock_once, writer_lock_init);
	pthread_mutex_lock(&writer_lock);
	e->holds_writer = true;
	return 0;
}

static int sq_begin(struct store_engine *e, bool write, struct trk_error *err)
{
	int rc;

	if (!write)
		return sq_script(e, "BEGIN", "starting a read", err);
	if ((rc = take_writer(e, err)))
		return rc;
	if ((rc = begin_immediate(e, err)))
		writer_release(e);
	return rc;
}

/* Runs a PRAGMA journal_mode statement: true when the mode it answers with
 * is want (SQLite answers with the old mode when it cannot switch). */
static bool set_journal_mode(struct store_engine *e, const char *sql, const char *want)
{
	sqlite3_stmt *s;
	bool ok = false;

	if (sqlite3_prepare_v2(e->db, sql, -1, &s, NULL) != SQLITE_OK)
		return false;
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
		ok = !strcmp((const char *)sqlite3_column_text(s, 0), want);
	sqlite3_finalize(s);
	return ok;
}

#define SQ_NO_COMMITMENT_SQL "SELECT NOT EXISTS (SELECT 1 FROM commitment)"

/* A first load into an empty store writes through a rollback journal: each
 * new page then reaches the file once, where WAL writes it to the log,
 * reads it back and writes it again at the checkpoint (at 100,000
 * commitments: 8 % of the import's CPU time, a fifth of its wall time,
 * three quarters of its writes). The journal holds the few pages the
 * store had, so a killed import is rolled back by the next open as
 * before. Leaving WAL needs the file to itself: while another connection
 * has it open the journal mode stays WAL, and so does this write. */
static void leave_wal_if_empty(struct store_engine *e)
{
	int empty = 0;
	struct trk_error ignored;

	if (sq_int(e, SQ_NO_COMMITMENT_SQL, &empty, &ignored) || !empty)
		return;
	e->left_wal = set_journal_mode(e, "PRAGMA journal_mode = DELETE", "delete");
}

/* Back to WAL once the load has ended. Should another connection have
 * opened the file meanwhile, the switch waits for it; failing that, the
 * next open switches (every open does). */
static void back_to_wal(struct store_engine *e)
{
	if (!e->left_wal)
		return;
	e->left_wal = false;
	for (int attempt = 0; attempt < 50; attempt++) {
		if (set_journal_mode(e, "PRAGMA journal_mode = WAL", "wal"))
			return;
		usleep(20000);
	}
}

static void sq_rollback(struct store_engine *e);

static int sq_begin_bulk(struct store_engine *e, struct trk_error *err)
{
	int empty = 0, rc;

	if ((rc = take_writer(e, err)))
		return rc;
	leave_wal_if_empty(e);
	if ((rc = begin_immediate(e, err)) ||
	    (rc = sq_int(e, SQ_NO_COMMITMENT_SQL, &empty, err))) {
		sq_rollback(e);
		return rc;
	}
	/* Read inside the write: no one else can add a commitment now. */
	e->bulk_mode = true;
	sq_known_begin(e, empty);
	return 0;
}

static int sq_commit(struct store_engine *e, struct trk_error *err)
{
	int rc = sq_bulk_end(e, err);

	if (rc == 0)
		rc = sq_script(e, "COMMIT", "cannot commit", err);
	if (rc == 0) {
		back_to_wal(e);
		writer_release(e);
	}
	return rc;   /* on failure the door rolls back, which releases */
}

static void sq_rollback(struct store_engine *e)
{
	sq_bulk_abandon(e);
	if (!sqlite3_get_autocommit(e->db))
		sqlite3_exec(e->db, "ROLLBACK", NULL, NULL, NULL);
	back_to_wal(e);
	writer_release(e);
}

/* ---- opening ------------------------------------------------------------------------- */

/* mkdir -p for the directory part of path. */
static int make_parent_dirs(const char *path, struct trk_error *err)
{
	char *dir = xstrdup(path);
	int rc = 0;

	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0755) && errno != EEXIST)
			rc = trk_err(err, TRK_EIO, "cannot create directory '%s': %s", dir,
				     strerror(errno));
		*p = '/';
		if (rc)
			break;
	}
	free(dir);
	return rc;
}

static bool is_memory(const char *path)
{
	return !strcmp(path, ":memory:") || !strncmp(path, "file:", 5);
}

/* A database this user may read but not write, or whose directory they may
 * not write (where SQLite keeps its -wal and -shm files), is opened
 * read-only: reads still work. */
static bool must_read_only(const char *path)
{
	char *dir;
	const char *slash;
	bool ro;

	if (is_memory(path))
		return false;
	if (access(path, W_OK) != 0)
		return true;
	slash = strrchr(path, '/');
	dir = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup(".");
	ro = access(dir, W_OK) != 0;
	free(dir);
	return ro;
}

static int open_connection(struct store_engine *e, const char *name, bool create,
			   struct trk_error *err)
{
	int oflags = e->readonly ? SQLITE_OPEN_READONLY
				 : SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);

	if (sqlite3_open_v2(name, &e->db, oflags | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI,
			    NULL) == SQLITE_OK)
		return 0;
	return trk_err(err, TRK_EDB, "cannot open database '%s': %s", e->path,
		       e->db ? sqlite3_errmsg(e->db) : "out of memory");
}

static void stmt_cache_clear(struct store_engine *e)
{
	for (int i = 0; i < e->ncache; i++)
		sqlite3_finalize(e->cache[i].stmt);
	e->ncache = 0;
	for (int i = 0; i < e->nscans; i++)
		sqlite3_finalize(e->scans[i].stmt);
	e->nscans = 0;
}

/* A reader who can create neither -wal nor -shm beside the database can
 * still read the file as it stands (immutable: nobody else may be writing
 * it then, which a directory nobody can write makes likely). */
static int reopen_immutable(struct store_engine *e, struct trk_error *err)
{
	struct strbuf uri = STRBUF_INIT;
	int rc;

	stmt_cache_clear(e);
	sqlite3_close(e->db);
	e->db = NULL;
	strbuf_addstr(&uri, "file:");
	for (const char *p = e->path; *p; p++) {
		if (*p == '?' || *p == '#' || *p == '%')
			strbuf_addf(&uri, "%%%02X", (unsigned char)*p);
		else
			strbuf_addch(&uri, *p);
	}
	strbuf_addstr(&uri, "?immutable=1");
	rc = open_connection(e, uri.buf, false, err);
	strbuf_release(&uri);
	return rc;
}

static int configure_connection(struct store_engine *e, struct trk_error *err)
{
	int rc;

	sqlite3_busy_timeout(e->db, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(e->db, 1);
	if ((rc = sq_register_collation(e, err)))
		return rc;
	/* A page cache sized for a whole-store pass (tracker's indexes are
	 * read in order), not for random access to everything. */
	return sq_script(e, "PRAGMA foreign_keys = ON; PRAGMA cache_size = -16384; "
			 "PRAGMA temp_store = MEMORY", "configuring", err);
}

/* Ours, empty (a new file), or another program's. One statement reads both
 * the mark and the tables, so a process creating the same new file cannot
 * commit between the two reads (it would look like another program's). */
static int classify_file(struct store_engine *e, bool *empty, struct trk_error *err)
{
	int kind, rc;

	if ((rc = sq_int(e, "SELECT CASE WHEN a.application_id = 1414679345 THEN 1 "
			 "WHEN a.application_id = 0 AND (SELECT count(*) FROM sqlite_schema) = 0 "
			 "THEN 0 ELSE 2 END FROM pragma_application_id AS a", &kind, err)))
		return rc;
	*empty = kind == 0;
	if (kind != 2)
		return 0;
	return trk_err(err, TRK_EDB, "'%s' is a SQLite database of another program, not a "
		       "tracker database: not touching it", e->path);
}

/* WAL lets readers go on while one writer commits; synchronous=FULL makes
 * each commit durable before the command reports success. Changing the
 * journal mode answers "locked" at once, without the busy handler, while
 * another process is opening the same new file: so retry a while. */
static int use_wal(struct store_engine *e, struct trk_error *err)
{
	int rc = SQLITE_BUSY;

	for (int attempt = 0; attempt < 250; attempt++) {
		rc = sqlite3_exec(e->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
		if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
			break;
		usleep(20000);
	}
	if (rc != SQLITE_OK)
		return sq_err(e, err, "configuring");
	return sq_script(e, "PRAGMA synchronous = FULL", "configuring", err);
}

static int prepare_schema(struct store_engine *e, unsigned flags, bool empty,
			  struct trk_error *err)
{
	int version, rc;

	if (empty && (e->readonly || !(flags & STORE_CREATE)))
		return trk_err(err, TRK_ENOTFOUND, "no tracker database at %s (create one with "
			       "`tracker init`)", e->path);
	if ((rc = sq_schema_version(e, &version, err)))
		return rc;
	if (version > store_schema_latest())
		return trk_err(err, TRK_EVERSION, "database '%s' has schema version %d, newer than "
			       "this tracker (knows up to %d): upgrade tracker", e->path, version,
			       store_schema_latest());
	if (flags & STORE_NO_MIGRATE)
		return 0;
	if (e->readonly)
		return version < store_schema_latest()
		       ? trk_err(err, TRK_EDB, "database '%s' has schema version %d and is read-only "
				 "here: open it once with write access to upgrade it", e->path, version)
		       : 0;
	if ((rc = use_wal(e, err)))
		return rc;
	return version < store_schema_latest() ? sq_migrate(e, store_schema_latest(), err) : 0;
}

static int open_file(struct store_engine *e, unsigned flags, struct trk_error *err)
{
	bool exists = is_memory(e->path) || access(e->path, F_OK) == 0, empty;
	int rc;

	if (!exists && !(flags & STORE_CREATE))
		return trk_err(err, TRK_ENOTFOUND, "no tracker database at %s (create one with "
			       "`tracker init`)", e->path);
	if (!exists && (rc = make_parent_dirs(e->path, err)))
		return rc;
	e->readonly = (flags & STORE_READONLY) || (exists && must_read_only(e->path));
	if ((rc = open_connection(e, e->path, !exists, err)))
		return rc;
	rc = configure_connection(e, err);
	if (rc && e->readonly && ((sqlite3_errcode(e->db) & 0xff) == SQLITE_CANTOPEN ||
				  (sqlite3_errcode(e->db) & 0xff) == SQLITE_READONLY))
		rc = reopen_immutable(e, err) || configure_connection(e, err);
	if (rc || (rc = classify_file(e, &empty, err)))
		return rc;
	return prepare_schema(e, flags, empty, err);
}

void sq_close(struct store_engine *e)
{
	if (!e)
		return;
	sq_bulk_abandon(e);
	stmt_cache_clear(e);
	sqlite3_close(e->db);   /* rolls back a write left open (the server's 503) */
	writer_release(e);
	free(e->path);
	free(e);
}

/* SQLite counts every allocation for sqlite3_memory_used(), under a
 * global mutex: a lock and an unlock per malloc and per free, in every
 * thread. Nothing here asks for the count. Before the library starts, so
 * once per process, before the first connection. */
static pthread_once_t library_once = PTHREAD_ONCE_INIT;

static void library_configure(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static int sq_open(const char *location, unsigned flags, struct store_engine **out,
		   struct trk_error *err)
{
	struct store_engine *e;
	int rc;

	pthread_once(&library_once, library_configure);
	e = xcalloc(1, sizeof(*e));

	e->path = xstrdup(location);
	if ((rc = open_file(e, flags, err))) {
		if (rc == TRK_EDB && !strstr(err->msg, e->path))
			trk_err_prefix(err, "%s", e->path);
		sq_close(e);
		return rc;
	}
	*out = e;
	return 0;
}

struct store_engine *sq_open_beside(const struct store_engine *e)
{
	struct store_engine *r;
	struct trk_error ignored;

	if (is_memory(e->path) ||
	    sq_open(e->path, STORE_READONLY | STORE_NO_MIGRATE, &r, &ignored))
		return NULL;
	/* SQLite's default: the check reads each page once, in order. */
	sqlite3_exec(r->db, "PRAGMA cache_size = -2000", NULL, NULL, NULL);
	return r;
}

static bool sq_claims(const char *location)
{
	(void)location;
	return true;
}

const struct store_ops sqlite_store_ops = {
	.name = "sqlite",
	.claims = sq_claims,
	.open = sq_open,
	.close = sq_close,
	.begin = sq_begin,
	.begin_bulk = sq_begin_bulk,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.schema_version = sq_schema_version,
	.migrate = sq_migrate,
	.journal_tail = sq_journal_tail,
	.journal_insert = sq_journal_insert,
	.journal_scan = sq_journal_scan,
	.setting_get = sq_setting_get,
	.setting_put = sq_setting_put,
	.settings_scan = sq_settings_scan,
	.owner_lookup = sq_owner_lookup,
	.owner_insert = sq_owner_insert,
	.alias_insert = sq_alias_insert,
	.owners_scan = sq_owners_scan,
	.letter_lookup = sq_letter_lookup,
	.letter_insert = sq_letter_insert,
	.letters_scan = sq_letters_scan,
	.commitment_lookup = sq_commitment_lookup,
	.commitment_insert = sq_commitment_insert,
	.commitment_update = sq_commitment_update,
	.quotes_scan = sq_quotes_scan,
	.scan = sq_scan,
	.chain_links = sq_chain_links,
	.checkin_insert = sq_checkin_insert,
	.summary_put = sq_summary_put,
	.history_insert = sq_history_insert,
	.users = &sqlite_user_ops,
	.open_beside = sq_open_beside,
	.integrity = sq_integrity,
	.integrity_start = sq_integrity_start,
	.integrity_finish = sq_integrity_finish,
	.backup = sq_backup,
	.restore = sq_restore,
	.reset = sq_reset,
};
