/* migrate.h - moving a record from one store to another (`tracker
 * migrate`): a SQLite office's file onto a PostgreSQL server, or back.
 * Everything is copied row for row with its own times and hashes
 * (store/store_copy.h) in one transaction of the target, and verified
 * before that transaction commits: the copy checks clean, its chain head is
 * the source's, and its export is byte for byte the source's. A failure
 * anywhere leaves the target as it was. */
#ifndef TRK_MIGRATE_H
#define TRK_MIGRATE_H

#include "util/digest.h"
#include "util/error.h"

struct migrate_result {
	int commitments;                 /* copied */
	char head[DIGEST_HEXSZ];         /* the chain head of both */
	char export_sha256[DIGEST_HEXSZ];  /* of both exports */
};

/* Copies the record at `from` into the store at `to` (created and brought
 * to this schema when missing; it must hold no record yet). TRK_ECONFLICT
 * when `to` holds a record, TRK_EFINDING when the copy does not verify. */
int record_migrate(const char *from, const char *to, struct migrate_result *out,
		   struct trk_error *err);

#endif
