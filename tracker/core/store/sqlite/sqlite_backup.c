/* sqlite_backup.c - copies of the database file with SQLite's online
 * backup API, which reads one snapshot while others go on writing. */
#include "store/sqlite/sqlite_internal.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/outfile.h"
#include "util/strbuf.h"
#include "util/banned.h"

#define STEP_RETRIES 200          /* x 50 ms beyond the busy timeout */

static int code_of(int rc)
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
		return trk_err(err, code_of(sqlite3_errcode(dst)), "%s: %s", what,
			       sqlite3_errmsg(dst));
	for (int attempt = 0; attempt < STEP_RETRIES; attempt++) {
		rc = sqlite3_backup_step(b, -1);
		if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
			break;
		usleep(50000);
	}
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE)
		return trk_err(err, code_of(rc), "%s: %s", what, sqlite3_errstr(rc));
	return 0;
}

/* ---- refusing to overwrite the live database ---------------------------------- */

/* path made absolute through its directory (the file itself may not exist). */
static char *resolved(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup(".");
	char real[PATH_MAX];
	struct strbuf sb = STRBUF_INIT;

	if (realpath(dir, real))
		strbuf_addf(&sb, "%s/%s", real, slash ? slash + 1 : path);
	else
		strbuf_addstr(&sb, path);
	free(dir);
	return strbuf_detach(&sb);
}

static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

/* True when writing path would write over the database or one of the files
 * SQLite keeps beside it (by name, or by device and inode through a link). */
static bool is_live(struct store_engine *e, const char *path)
{
	static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
	char *target = resolved(path), *live = resolved(e->path);
	struct strbuf name = STRBUF_INIT;
	bool hit = false;

	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]) && !hit; i++) {
		strbuf_reset(&name);
		strbuf_addf(&name, "%s%s", live, suffixes[i]);
		hit = !strcmp(name.buf, target) || same_file(name.buf, path);
	}
	strbuf_release(&name);
	free(target);
	free(live);
	return hit;
}

static int quick_check(struct store_engine *e, struct trk_error *err)
{
	sqlite3_stmt *s = NULL;
	const char *msg;
	int rc;

	sq_quiesce(e);
	if (sqlite3_prepare_v2(e->db, "PRAGMA quick_check", -1, &s, NULL) != SQLITE_OK)
		return sq_err(e, err, "checking before the backup");
	rc = sqlite3_step(s);
	msg = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(s, 0) : sqlite3_errmsg(e->db);
	rc = rc == SQLITE_ROW && msg && !strcmp(msg, "ok") ? 0
	     : trk_err(err, TRK_EDB, "the database '%s' is damaged (%.200s): not copying it; run "
		       "'tracker check', and 'tracker restore' from an earlier backup", e->path,
		       msg ? msg : "?");
	sqlite3_finalize(s);
	return rc;
}

/* ---- backup ------------------------------------------------------------------------ */

/* The copy in tmp: one snapshot, then rollback-journal mode so the file
 * stands alone (a WAL-mode copy would need its -wal beside it). */
static int write_copy(struct store_engine *e, const char *tmp, struct trk_error *err)
{
	sqlite3 *dst = NULL;
	int rc = 0;

	if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		rc = trk_err(err, TRK_EIO, "%s", dst ? sqlite3_errmsg(dst) : "out of memory");
	if (!rc)
		sqlite3_busy_timeout(dst, BUSY_TIMEOUT_MS);
	if (!rc && !(rc = copy_db(dst, e->db, "backup", err)) &&
	    sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK)
		rc = trk_err(err, code_of(sqlite3_extended_errcode(dst)), "backup: %s",
			     sqlite3_errmsg(dst));
	if (sqlite3_close(dst) != SQLITE_OK && !rc)
		rc = trk_err(err, TRK_EIO, "backup: cannot close the copy");
	return rc;
}

int sq_backup(struct store_engine *e, const char *path, struct trk_error *err)
{
	struct strbuf journal = STRBUF_INIT;
	char *tmp;
	int rc;

	if (is_live(e, path))
		return trk_err(err, TRK_EINPUT, "'%s' is the live database (or a file of it): a "
			       "backup goes to another file", path);
	if ((rc = quick_check(e, err)) || !(tmp = outfile_temp_name(path, err)))
		return rc ? rc : err->code;
	if ((rc = write_copy(e, tmp, err))) {
		trk_err_prefix(err, "cannot write '%s'", path);
		unlink(tmp);
		strbuf_addf(&journal, "%s-journal", tmp);
		unlink(journal.buf);
	} else {
		rc = outfile_commit_name(tmp, path, err);
	}
	strbuf_release(&journal);
	free(tmp);
	return rc;
}

/* ---- restore ---------------------------------------------------------------------- */

/* Why not a rename like backup: the live database has -wal and -shm files
 * and may be open in other processes; a file renamed under them would
 * strand their writes or replay a stale WAL into it. Copying into it as one
 * write transaction is atomic for everyone. */
int sq_restore(struct store_engine *e, const char *path, struct trk_error *err)
{
	sqlite3 *src = NULL;
	int rc = 0;

	if (e->readonly)
		return trk_err(err, TRK_EDB, "database '%s' is read-only: cannot restore into it",
			       e->path);
	if (sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		rc = trk_err(err, TRK_EDB, "cannot open '%s': %s", path,
			     src ? sqlite3_errmsg(src) : "out of memory");
	if (!rc) {
		sqlite3_busy_timeout(src, BUSY_TIMEOUT_MS);
		if ((rc = copy_db(e->db, src, "restore", err)))
			trk_err_prefix(err, "cannot restore into '%s'", e->path);
	}
	sqlite3_close(src);
	return rc;
}

/* ---- emptying, for a copy -------------------------------------------------------- */

/* The guards are dropped for the deletes and made again as the migrations
 * made them, all in the caller's transaction: nobody sees the record
 * unguarded, and a failure leaves it as it was. */
static const char reset_sql[] =
	"DROP TRIGGER checkin_append_only_update; DROP TRIGGER checkin_append_only_delete; "
	"DROP TRIGGER history_append_only_update; DROP TRIGGER history_append_only_delete; "
	"DROP TRIGGER journal_append_only_update; DROP TRIGGER journal_append_only_delete; "
	"DELETE FROM checkin_summary; DELETE FROM checkin; DELETE FROM history; DELETE FROM journal; "
	"DELETE FROM commitment_tag; DELETE FROM commitment_coowner; DELETE FROM commitment; "
	"DELETE FROM letter_cohandler; DELETE FROM user_letter; DELETE FROM user_owner; "
	"DELETE FROM token; DELETE FROM session; DELETE FROM login_failure; "
	"DELETE FROM app_user; DELETE FROM letter; DELETE FROM owner_alias; DELETE FROM owner; "
	"DELETE FROM setting; "
	"CREATE TRIGGER checkin_append_only_update BEFORE UPDATE ON checkin "
	"BEGIN SELECT RAISE(ABORT, 'check-ins are append-only'); END; "
	"CREATE TRIGGER checkin_append_only_delete BEFORE DELETE ON checkin "
	"BEGIN SELECT RAISE(ABORT, 'check-ins are append-only'); END; "
	"CREATE TRIGGER history_append_only_update BEFORE UPDATE ON history "
	"BEGIN SELECT RAISE(ABORT, 'history is append-only'); END; "
	"CREATE TRIGGER history_append_only_delete BEFORE DELETE ON history "
	"BEGIN SELECT RAISE(ABORT, 'history is append-only'); END; "
	"CREATE TRIGGER journal_append_only_update BEFORE UPDATE ON journal "
	"BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END; "
	"CREATE TRIGGER journal_append_only_delete BEFORE DELETE ON journal "
	"BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;";

int sq_reset(struct store_engine *e, struct trk_error *err)
{
	if (sqlite3_get_autocommit(e->db))
		return trk_err(err, TRK_EINTERNAL, "emptying the record outside a transaction");
	return sq_script(e, reset_sql, "emptying the record", err);
}
