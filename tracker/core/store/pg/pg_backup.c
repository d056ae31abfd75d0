/* pg_backup.c - copies of a PostgreSQL record. PostgreSQL has no
 * counterpart of SQLite's online-backup API that a client can drive, so a
 * backup is the record copied row for row (store_copy.h) from one read
 * snapshot into a SQLite file: the same kind of file a SQLite store's
 * backup is, checked and restored the same way, into either engine.
 * pg_dump remains the administrator's tool for the database as a whole. */
#include "store/pg/pg_internal.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store_copy.h"
#include "util/outfile.h"
#include "util/strbuf.h"
#include "util/banned.h"

/* The record into a new SQLite store at tmp, from one snapshot. */
static int copy_out(struct store_engine *e, const char *tmp, struct trk_error *err)
{
	const struct store_ops *sq = &sqlite_store_ops;
	struct store_engine *file = NULL;
	int rc;

	if ((rc = sq->open(tmp, STORE_CREATE, &file, err)))
		return rc;
	if (!(rc = pg_script(e, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
			     "starting a read", err))) {
		e->in_txn = true;
		if (!(rc = sq->begin(file, true, err))) {
			if (!(rc = sq->reset(file, err)))
				rc = engine_copy(&pg_store_ops, e, sq, file, NULL, err);
			rc = rc ? rc : sq->commit(file, err);
			if (rc)
				sq->rollback(file);
		}
		sym_PQclear(sym_PQexec(e->conn, "ROLLBACK"));
		e->in_txn = false;
	}
	/* The SQLite engine's own backup makes the file stand alone (no -wal)
	 * and checks it; into the final path, atomically. */
	sq->close(file);
	return rc;
}

static void remove_db_files(const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s%s", path, suffixes[i]);
		unlink(sb.buf);
	}
	strbuf_release(&sb);
}

int pg_backup(struct store_engine *e, const char *path, struct trk_error *err)
{
	const struct store_ops *sq = &sqlite_store_ops;
	struct store_engine *file = NULL;
	char *tmp = outfile_temp_name(path, err);
	int rc;

	if (!tmp)
		return pg_code(err);
	/* The copy goes to a temporary store first; the SQLite engine's backup
	 * then writes it to path whole or not at all, in a file of its own. */
	if (!(rc = copy_out(e, tmp, err)) && !(rc = sq->open(tmp, 0, &file, err))) {
		rc = sq->backup(file, path, err);
		sq->close(file);
	}
	if (rc)
		trk_err_prefix(err, "cannot write '%s'", path);
	remove_db_files(tmp);
	free(tmp);
	return rc;
}

/* Every table, emptied in one statement that takes each table's lock
 * until the commit: readers see the old record or the new, never a mix. */
static const char truncate_sql[] =
	"TRUNCATE checkin_summary, checkin, history, journal, commitment_tag, commitment_coowner, commitment, "
	"letter_cohandler, user_letter, user_owner, token, session, login_failure, app_user, "
	"letter, owner_alias, owner, setting RESTART IDENTITY";

/* TRUNCATE fires no row trigger: the guards stay as they are. */
int pg_reset(struct store_engine *e, struct trk_error *err)
{
	int rc;

	if (!e->in_write)
		return trk_err(err, TRK_EINTERNAL, "emptying the record outside a write");
	if ((rc = pg_lock_record(e, err)))
		return rc;
	return pg_script(e, truncate_sql, "emptying the record", err);
}

/* path has been checked in full by the caller (record/backup.c). */
int pg_restore(struct store_engine *e, const char *path, struct trk_error *err)
{
	const struct store_ops *sq = &sqlite_store_ops;
	struct store_engine *file = NULL;
	int rc;

	if (e->readonly)
		return trk_err(err, TRK_EDB, "%s is opened read-only: cannot restore into it",
			       e->where);
	if ((rc = sq->open(path, STORE_READONLY, &file, err)))
		return rc;
	if (!(rc = sq->begin(file, false, err))) {
		if (!(rc = pg_begin(e, true, err))) {
			if (!(rc = pg_reset(e, err)))
				rc = engine_copy(sq, file, &pg_store_ops, e, NULL, err);
			rc = rc ? rc : pg_commit(e, err);
			if (rc)
				pg_rollback(e);
		}
		sq->rollback(file);
	}
	sq->close(file);
	return rc ? trk_err_prefix(err, "cannot restore into %s", e->where) : 0;
}
