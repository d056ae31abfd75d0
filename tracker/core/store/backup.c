/* backup.c - `tracker backup` and `tracker restore` on SQLite's online
 * backup API. */
#include "store/backup.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/strbuf.h"
#include "util/banned.h"

/* 'TRK1', as store.c marks every tracker database. */
#define BUSY_TIMEOUT_MS 30000
#define STEP_RETRIES 200          /* x 50 ms beyond the busy timeout */

static int sqlite_code(int rc)
{
	int primary = rc & 0xff;

	return primary == SQLITE_FULL || primary == SQLITE_IOERR ? TRK_EIO : TRK_EDB;
}

/* Copies all of src into dst in one step: one read snapshot of src and one
 * write transaction on dst, retried while another writer holds dst. */
static int copy_db(sqlite3 *dst, sqlite3 *src, const char *what, struct trk_error *err)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	int rc = SQLITE_BUSY;

	if (!b)
		return trk_err(err, sqlite_code(sqlite3_errcode(dst)), "%s: %s", what,
			       sqlite3_errmsg(dst));
	for (int attempt = 0; attempt < STEP_RETRIES; attempt++) {
		rc = sqlite3_backup_step(b, -1);
		if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
			break;
		usleep(50000);
	}
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE)
		return trk_err(err, sqlite_code(rc), "%s: %s", what, sqlite3_errstr(rc));
	return 0;
}

static int open_db(const char *path, int flags, sqlite3 **db, struct trk_error *err)
{
	if (sqlite3_open_v2(path, db, flags, NULL) == SQLITE_OK) {
		sqlite3_busy_timeout(*db, BUSY_TIMEOUT_MS);
		sqlite3_extended_result_codes(*db, 1);
		return 0;
	}
	trk_err(err, TRK_EDB, "cannot open '%s': %s", path,
		*db ? sqlite3_errmsg(*db) : "out of memory");
	sqlite3_close(*db);
	*db = NULL;
	return err->code;
}

/* fsync of a file or directory by name, so a rename survives a crash. */
static int sync_path(const char *path, int flags)
{
	int fd = open(path, flags), rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	return slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path));
}

/* The copy in tmp: one snapshot, then rollback-journal mode so the file
 * stands alone (a WAL-mode copy would need its -wal beside it). */
static int write_copy(struct store *st, const char *tmp, const char *path,
		      struct trk_error *err)
{
	sqlite3 *dst = NULL;
	int rc;

	if ((rc = open_db(tmp, SQLITE_OPEN_READWRITE, &dst, err)))
		return rc;
	if (!(rc = copy_db(dst, store_db(st), "backup", err)) &&
	    sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK)
		rc = trk_err(err, sqlite_code(sqlite3_extended_errcode(dst)), "backup: %s",
			     sqlite3_errmsg(dst));
	if (sqlite3_close(dst) != SQLITE_OK && !rc)
		rc = trk_err(err, TRK_EIO, "backup: cannot close the copy");
	if (rc)
		return trk_err_prefix(err, "cannot write '%s'", path);
	if (sync_path(tmp, O_RDONLY) < 0)
		return trk_err(err, TRK_EIO, "cannot write '%s': %s", path, strerror(errno));
	return 0;
}

int backup_to_file(struct store *st, const char *path, struct trk_error *err)
{
	struct strbuf tmp = STRBUF_INIT;
	char *dir = dir_of(path);
	int fd, rc;

	strbuf_addf(&tmp, "%s.tmp-XXXXXX", path);
	if ((fd = mkstemp(tmp.buf)) < 0) {
		rc = trk_err(err, TRK_EIO, "cannot write '%s': %s", path, strerror(errno));
		goto out;
	}
	close(fd);
	if (!(rc = write_copy(st, tmp.buf, path, err)) && rename(tmp.buf, path) < 0)
		rc = trk_err(err, TRK_EIO, "cannot write '%s': %s", path, strerror(errno));
	if (rc) {
		unlink(tmp.buf);
		strbuf_addstr(&tmp, "-journal");
		unlink(tmp.buf);
		goto out;
	}
	sync_path(dir, O_RDONLY | O_DIRECTORY);
out:
	strbuf_release(&tmp);
	free(dir);
	return rc;
}

/* Reads one integer from a PRAGMA (fixed text, no parameters). */
static int pragma_int(sqlite3 *db, const char *sql, int *out)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &s, NULL);

	if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = sqlite3_column_int(s, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(s);
	return rc;
}

/* integrity_check's first line: "ok", or the first problem (caller frees). */
static char *integrity(sqlite3 *db)
{
	sqlite3_stmt *s = NULL;
	char *msg = NULL;

	if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &s, NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			msg = xstrdup((const char *)sqlite3_column_text(s, 0));
	}
	if (!msg)
		msg = xstrdup(sqlite3_errmsg(db));
	sqlite3_finalize(s);
	/* The report spans lines; an error message is one. */
	for (char *p = msg; *p; p++)
		if (*p == '\n')
			*p = ' ';
	return msg;
}

static int verify_open(sqlite3 *db, const char *path, struct trk_error *err)
{
	int app = 0, version = 0, rc;
	char *check;

	if (pragma_int(db, "PRAGMA application_id", &app) != SQLITE_OK ||
	    app != TRACKER_APPLICATION_ID)
		return trk_err(err, TRK_EDB, "'%s' is not a tracker database", path);
	if (pragma_int(db, "PRAGMA user_version", &version) != SQLITE_OK)
		return trk_err(err, TRK_EDB, "'%s': %s", path, sqlite3_errmsg(db));
	if (version > store_schema_latest())
		return trk_err(err, TRK_EVERSION, "'%s' has schema version %d, newer than this "
			       "tracker (knows up to %d): upgrade tracker", path, version,
			       store_schema_latest());
	check = integrity(db);
	rc = strcmp(check, "ok") ? trk_err(err, TRK_EDB, "'%s' is damaged: %.200s", path, check) : 0;
	free(check);
	return rc;
}

int backup_verify(const char *path, struct trk_error *err)
{
	sqlite3 *db = NULL;
	int rc;

	if (access(path, R_OK) < 0)
		return trk_err(err, errno == ENOENT ? TRK_ENOTFOUND : TRK_EIO, "cannot read '%s': %s",
			       path, strerror(errno));
	if ((rc = open_db(path, SQLITE_OPEN_READONLY, &db, err)))
		return rc;
	rc = verify_open(db, path, err);
	sqlite3_close(db);
	return rc;
}

/* Restore writes over a tracker database or an empty file, never over
 * another program's database. */
static int check_target(sqlite3 *db, const char *db_path, struct trk_error *err)
{
	int app = 0, version = 0;

	if (pragma_int(db, "PRAGMA application_id", &app) != SQLITE_OK ||
	    pragma_int(db, "PRAGMA user_version", &version) != SQLITE_OK)
		return trk_err(err, TRK_EDB, "cannot restore into '%s': %s", db_path,
			       sqlite3_errmsg(db));
	if (app != TRACKER_APPLICATION_ID && (app != 0 || version != 0))
		return trk_err(err, TRK_EDB, "'%s' is not a tracker database: not replacing it",
			       db_path);
	return 0;
}

/* Why not a rename like backup: the live database has -wal and -shm files
 * and may be open in other processes; a file renamed under them would
 * strand their writes or replay a stale WAL into it. Copying into it as one
 * write transaction is atomic for everyone. */
int backup_restore(const char *db_path, const char *path, struct trk_error *err)
{
	sqlite3 *src = NULL, *dst = NULL;
	int rc;

	if ((rc = backup_verify(path, err)) ||
	    (rc = open_db(path, SQLITE_OPEN_READONLY, &src, err)) ||
	    (rc = open_db(db_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &dst, err)) ||
	    (rc = check_target(dst, db_path, err)))
		goto out;
	if ((rc = copy_db(dst, src, "restore", err)))
		trk_err_prefix(err, "cannot restore into '%s'", db_path);
out:
	sqlite3_close(src);
	sqlite3_close(dst);
	return rc;
}
