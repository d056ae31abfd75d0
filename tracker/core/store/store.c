#include "store/store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/collate.h"
#include "util/date.h"
#include "util/embedded.h"
#include "model/settings.h"
#include "store/store_internal.h"
#include "util/strbuf.h"
#include "util/banned.h"

#define BUSY_TIMEOUT_MS 30000

char *store_default_path(void)
{
	const char *env = getenv("TRACKER_DB");
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	struct strbuf sb = STRBUF_INIT;

	if (env && *env)
		return xstrdup(env);
	if (xdg && *xdg)
		strbuf_addf(&sb, "%s/tracker/tracker.db", xdg);
	else
		strbuf_addf(&sb, "%s/.local/share/tracker/tracker.db", home ? home : ".");
	return strbuf_detach(&sb);
}

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

int store_sqlite_err(struct store *st, struct trk_error *err, const char *what)
{
	int code = sqlite3_extended_errcode(st->db);
	int primary = code & 0xff;
	int ours = primary == SQLITE_FULL || primary == SQLITE_IOERR ? TRK_EIO : TRK_EDB;

	if (primary == SQLITE_CONSTRAINT)
		ours = TRK_ECONFLICT;
	return trk_err(err, ours, "%s: %s (database '%s')", what, sqlite3_errmsg(st->db), st->path);
}

/* Runs fixed SQL text (pragmas, migrations) that has no parameters. */
static int exec_script(struct store *st, const char *sql, const char *what,
		       struct trk_error *err)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return 0;
	sqlite3_free(msg);
	return store_sqlite_err(st, err, what);
}

static int pragma_int(struct store *st, const char *sql, int *out, struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = store_stmt(st, sql, &s, err);

	if (rc)
		return rc;
	if (sqlite3_step(s) != SQLITE_ROW) {
		rc = store_sqlite_err(st, err, "cannot read the database header");
		stmt_done(s);
		return rc;
	}
	*out = sqlite3_column_int(s, 0);
	stmt_done(s);
	return 0;
}

int store_schema_latest(void)
{
	int n = 0;

	while (embedded_migrations[n].sql)
		n++;
	return n;
}

int store_schema_version(struct store *st, int *out, struct trk_error *err)
{
	return pragma_int(st, "PRAGMA user_version", out, err);
}

/* Applies one migration in its own transaction. The version number is
 * formatted into the PRAGMA because PRAGMA takes no bound parameters; it is
 * an integer from the embedded table, never user text. */
static int apply_migration(struct store *st, const struct embedded_migration *m,
			   struct trk_error *err)
{
	char pragma[64];
	int rc = store_begin(st, err);

	if (rc)
		return rc;
	snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", m->number);
	if ((rc = exec_script(st, m->sql, m->name, err)) ||
	    (rc = exec_script(st, pragma, m->name, err)) ||
	    (rc = store_commit(st, err))) {
		store_rollback(st);
		return trk_err_prefix(err, "migration %s", m->name);
	}
	return 0;
}

int store_migrate(struct store *st, int upto, struct trk_error *err)
{
	int version, rc, latest = store_schema_latest();

	if ((rc = store_schema_version(st, &version, err)))
		return rc;
	if (version > latest)
		return trk_err(err, TRK_EVERSION,
			       "database '%s' has schema version %d, newer than this tracker "
			       "(knows up to %d): upgrade tracker", st->path, version, latest);
	for (int i = version; i < upto && i < latest; i++)
		if ((rc = apply_migration(st, &embedded_migrations[i], err)))
			return rc;
	return 0;
}

/* Marks a new database as ours, or refuses a database of another program. */
static int check_application_id(struct store *st, bool writable, struct trk_error *err)
{
	int app, version, rc;

	if ((rc = pragma_int(st, "PRAGMA application_id", &app, err)) ||
	    (rc = store_schema_version(st, &version, err)))
		return rc;
	if (app == TRACKER_APPLICATION_ID)
		return 0;
	if (app != 0 || version != 0)
		return trk_err(err, TRK_EDB, "'%s' is not a tracker database", st->path);
	if (!writable)
		return 0;
	/* A constant, formatted for the same reason as user_version. */
	return exec_script(st, "PRAGMA application_id = 1414679345", "marking database", err);
}

static int configure(struct store *st, int flags, struct trk_error *err)
{
	int rc;

	sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
	if ((rc = collate_register(st->db, err)))
		return rc;
	sqlite3_extended_result_codes(st->db, 1);
	/* 64 MB of page cache: a large import touches the indexes everywhere. */
	if ((rc = exec_script(st, "PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536; "
			      "PRAGMA temp_store = MEMORY",
			      "configuring", err)))
		return rc;
	if ((rc = check_application_id(st, !(flags & STORE_READONLY), err)))
		return rc;
	if (flags & STORE_READONLY)
		return 0;
	/* WAL lets readers go on while one writer commits; synchronous=FULL
	 * makes each commit durable before the command reports success. */
	if ((rc = exec_script(st, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL",
			      "configuring", err)))
		return rc;
	if (flags & STORE_NO_MIGRATE)
		return 0;
	return store_migrate(st, store_schema_latest(), err);
}

static void stmt_cache_clear(struct store *st)
{
	for (int i = 0; i < st->ncache; i++)
		sqlite3_finalize(st->cache[i].stmt);
	st->ncache = 0;
}

static int open_connection(struct store *st, const char *path, int flags,
			   struct trk_error *err)
{
	int oflags = flags & STORE_READONLY ? SQLITE_OPEN_READONLY
					    : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;

	if (sqlite3_open_v2(path, &st->db, oflags | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI,
			    NULL) == SQLITE_OK)
		return 0;
	return trk_err(err, TRK_EDB, "cannot open database '%s': %s", st->path,
		       st->db ? sqlite3_errmsg(st->db) : "out of memory");
}

/* A reader who may not create the WAL index beside a database cannot open
 * it normally; it can still read the file as it stands (immutable). */
static int reopen_immutable(struct store *st, int flags, struct trk_error *err)
{
	struct strbuf uri = STRBUF_INIT;
	int rc;

	stmt_cache_clear(st);
	sqlite3_close(st->db);
	st->db = NULL;
	strbuf_addstr(&uri, "file:");
	for (const char *p = st->path; *p; p++) {
		if (*p == '?' || *p == '#' || *p == '%')
			strbuf_addf(&uri, "%%%02X", (unsigned char)*p);
		else
			strbuf_addch(&uri, *p);
	}
	strbuf_addstr(&uri, "?immutable=1");
	if (!(rc = open_connection(st, uri.buf, STORE_READONLY, err)))
		rc = configure(st, flags, err);
	strbuf_release(&uri);
	return rc;
}

int store_open(const char *path, int flags, struct store **out, struct trk_error *err)
{
	struct store *st = xcalloc(1, sizeof(*st));
	int rc;

	/* A database this user may read but not write still answers reads. */
	if (!(flags & STORE_READONLY) && access(path, F_OK) == 0 && access(path, W_OK) != 0)
		flags |= STORE_READONLY;
	st->path = xstrdup(path);
	if (!(flags & STORE_READONLY) && strcmp(path, ":memory:") &&
	    (rc = make_parent_dirs(path, err)))
		goto fail;
	if ((rc = open_connection(st, path, flags, err)))
		goto fail;
	rc = configure(st, flags, err);
	if (rc && (flags & STORE_READONLY) &&
	    ((sqlite3_errcode(st->db) & 0xff) == SQLITE_READONLY ||
	     (sqlite3_errcode(st->db) & 0xff) == SQLITE_CANTOPEN))
		rc = reopen_immutable(st, flags, err);
	if (rc)
		goto fail;
	*out = st;
	return 0;
fail:
	store_close(st);
	return rc;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	stmt_cache_clear(st);
	sqlite3_close(st->db);
	free(st->path);
	free(st);
}

sqlite3 *store_db(struct store *st)
{
	return st->db;
}

int store_stmt(struct store *st, const char *sql, sqlite3_stmt **out, struct trk_error *err)
{
	for (int i = 0; i < st->ncache; i++) {
		if (st->cache[i].sql == sql) {
			sqlite3_reset(st->cache[i].stmt);
			sqlite3_clear_bindings(st->cache[i].stmt);
			*out = st->cache[i].stmt;
			return 0;
		}
	}
	if (st->ncache == STMT_CACHE_MAX)
		return trk_err(err, TRK_EINTERNAL, "statement cache full");
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, out, NULL) != SQLITE_OK)
		return store_sqlite_err(st, err, "preparing a query");
	st->cache[st->ncache].sql = sql;
	st->cache[st->ncache++].stmt = *out;
	return 0;
}

void stmt_done(sqlite3_stmt *stmt)
{
	sqlite3_reset(stmt);
}

int stmt_exec(struct store *st, sqlite3_stmt *s, const char *what, struct trk_error *err)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_DONE || rc == SQLITE_ROW) {
		stmt_done(s);
		return 0;
	}
	rc = store_sqlite_err(st, err, what);
	stmt_done(s);
	return rc;
}

void bind_text(sqlite3_stmt *s, int idx, const char *text)
{
	if (text)
		sqlite3_bind_text(s, idx, text, -1, SQLITE_TRANSIENT);
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
	sqlite3_bind_text(s, idx, buf, -1, SQLITE_TRANSIENT);
}

char *column_strdup(sqlite3_stmt *s, int col)
{
	const unsigned char *t = sqlite3_column_text(s, col);

	return t ? xstrndup((const char *)t, (size_t)sqlite3_column_bytes(s, col)) : NULL;
}

int32_t column_date(sqlite3_stmt *s, int col)
{
	const char *t = (const char *)sqlite3_column_text(s, col);
	int32_t d;

	if (!t || date_parse(t, &d, "date", NULL))
		return DATE_NONE;
	return d;
}

int store_begin(struct store *st, struct trk_error *err)
{
	if (sqlite3_db_readonly(st->db, "main") == 1)
		return trk_err(err, TRK_EDB, "database '%s' is read-only: cannot write", st->path);
	/* The busy timeout covers most waits; BEGIN IMMEDIATE can still see
	 * SQLITE_BUSY when a reader upgrades in WAL mode, so retry a while. */
	for (int attempt = 0; attempt < 50; attempt++) {
		int rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			return 0;
		if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
			break;
		usleep(20000);
	}
	return store_sqlite_err(st, err, "cannot start a write");
}

int store_commit(struct store *st, struct trk_error *err)
{
	if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
		return 0;
	return store_sqlite_err(st, err, "cannot commit");
}

void store_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

int store_setting_get(struct store *st, const char *key, char **out, struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = store_stmt(st, "SELECT value FROM setting WHERE key = ?1", &s, err);

	if (rc)
		return rc;
	bind_text(s, 1, key);
	*out = NULL;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = column_strdup(s, 0);
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_sqlite_err(st, err, "reading settings");
	stmt_done(s);
	return rc;
}

int store_setting_set(struct store *st, const char *key, const char *value,
		      struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = store_stmt(st, "INSERT INTO setting (key, value) VALUES (?1, ?2) "
			    "ON CONFLICT (key) DO UPDATE SET value = excluded.value", &s, err);

	if (rc)
		return rc;
	bind_text(s, 1, key);
	bind_text(s, 2, value);
	return stmt_exec(st, s, "writing settings", err);
}

static int setting_double(struct store *st, const char *key, double *out,
			  struct trk_error *err)
{
	char *v = NULL;
	int rc = store_setting_get(st, key, &v, err);

	if (rc || !v)
		return rc;
	/* The same check `tracker config` makes, for a value set by other means. */
	if (!(rc = setting_find(key)->check(key, v, err)))
		*out = strtod(v, NULL);
	free(v);
	return rc;
}

int store_health_config(struct store *st, struct health_config *cfg, struct trk_error *err)
{
	int rc;

	health_config_default(cfg);
	if ((rc = setting_double(st, "health.at_risk_gap", &cfg->at_risk_gap, err)))
		return rc;
	return setting_double(st, "health.off_track_gap", &cfg->off_track_gap, err);
}

int store_write(struct store *st, store_write_fn fn, void *ctx, struct trk_error *err)
{
	int rc = store_begin(st, err);

	if (rc)
		return rc;
	if (!(rc = fn(st, ctx, err)))
		rc = store_commit(st, err);
	if (rc)
		store_rollback(st);
	return rc;
}
