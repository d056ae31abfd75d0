/* backup.h - putting a backup back, only after checking it in full.
 *
 * `tracker backup` is store_backup() (store/store_admin.h). Restore is
 * here because it needs the whole check (record/check.h): the backup is
 * copied aside, brought to this program's schema, and checked; only a copy
 * with no finding at all (integrity, guards, journal, chains, rows) replaces
 * the live record. */
#ifndef TRK_BACKUP_H
#define TRK_BACKUP_H

#include "store/store.h"

/* Replaces st's record with the backup at path. TRK_ENOTFOUND when path is
 * missing; TRK_EDB ("…: not restoring") when it fails a check, naming the
 * first finding; TRK_EVERSION when it is newer than this program. */
int record_restore(struct store *st, const char *path, struct trk_error *err);

#endif
