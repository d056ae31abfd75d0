/* check.h - `tracker check` as a library: is the database sound, and is its
 * record still the one that was written?
 *
 * The checks, over the store's door (so the same for every engine), plus
 * the engine's own (store_admin.h):
 *   - the journal: one unbroken chain (seq 1, 2, ... each prev_hash the last
 *     hash, each hash its content's, time never going back), and the owners,
 *     aliases, letters and settings tables exactly what it says;
 *   - each letter's text against its text_sha256, each quote in its letter;
 *   - each commitment: its creation record, its history and check-in chains
 *     unbroken as above, and its row exactly what those records give.
 * Of a broken chain only the first broken link is reported: everything
 * after it follows from it. A part that cannot be read (a damaged page) is
 * itself a finding, and the check goes on with the rest. */
#ifndef TRK_CHECK_H
#define TRK_CHECK_H

#include "store/store.h"
#include "store/store_admin.h"

/* Runs every check, calling fn per finding; *nfindings counts them. Returns
 * 0 when the checks ran (whatever they found), an error when they could not
 * run at all. */
int check_run(struct store *st, check_fn fn, void *ctx, int *nfindings, struct trk_error *err);

/* `tracker check --report FILE`: the JSON report at path (as it was sent)
 * is made again from the record as known when it was made; every member
 * that comes out different is a finding (kind CHECK_REPORT, the commitment
 * key where there is one), up to ten; *nfindings counts all. A record
 * truncated, rewritten or backdated after the report shows here even when
 * its chains still verify. TRK_EINPUT when path is not a JSON report. */
int check_report(struct store *st, const char *path, check_fn fn, void *ctx, int *nfindings,
		 struct trk_error *err);

#endif
