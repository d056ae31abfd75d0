/* backup.h - consistent copies of the database, and putting one back.
 *
 * Both use SQLite's online backup API, so they run while other processes
 * read and write the database. */
#ifndef TRK_BACKUP_H
#define TRK_BACKUP_H

#include "util/error.h"
#include "store/store.h"

/* Copies the database of st to path as one self-contained file (rollback
 * journal mode, no -wal beside it). The copy is one snapshot of the
 * database even while others write. It is written to a temporary file
 * beside path, synced, and renamed over path only when complete, so path
 * holds either its old content or the whole backup. Returns 0, TRK_EIO
 * (cannot write path, disk full) or TRK_EDB. */
int backup_to_file(struct store *st, const char *path, struct trk_error *err);

/* Checks that path is a backup this program can restore: a SQLite file
 * whose application_id marks a tracker database, whose schema is not newer
 * than this program, and that passes PRAGMA integrity_check. Opens path
 * read-only and never changes it. Returns 0, TRK_ENOTFOUND, TRK_EDB (not a
 * tracker database, damaged) or TRK_EVERSION. */
int backup_verify(const char *path, struct trk_error *err);

/* Replaces the content of the database at db_path (created if missing) by
 * the backup at path, after backup_verify(). The copy is one write
 * transaction on the live database: other processes see the old or the new
 * content, never a mix, and a crash leaves one or the other. */
int backup_restore(const char *db_path, const char *path, struct trk_error *err);

#endif
