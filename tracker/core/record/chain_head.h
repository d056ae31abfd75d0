/* chain_head.h - one hash that stands for the whole record.
 *
 * The head is a SHA-256 over the journal's last hash and, for every
 * commitment in key order, its key, the hash of its creation record and the
 * last hashes of its history and check-ins: everything a report depends on
 * (commitment fields, letters, owners, settings, figures) is on one of
 * these chains, so no record can change without changing the head. A
 * report carries the head it was made from; `tracker check --report`
 * recomputes it later. */
#ifndef TRK_CHAIN_HEAD_H
#define TRK_CHAIN_HEAD_H

#include "store/store.h"
#include "util/digest.h"
#include "util/error.h"

/* The head as the record stood at known_at (a UTC timestamp; NULL: now),
 * computed in one read snapshot. */
int chain_head(struct store *st, const char *known_at, char out[DIGEST_HEXSZ],
	       struct trk_error *err);

/* The same, read beside the caller's work: on a second connection and a
 * thread of its own where the engine gives one (store_open_beside), else
 * at once. The head is defined by known_at, not by a snapshot, so the two
 * ways give the same. out is filled once chain_head_wait() returns 0 and
 * must outlive the job; *job is the caller's, freed by chain_head_free()
 * (which waits), whatever chain_head_start() returns. */
struct chain_head_job;
int chain_head_start(struct store *st, const char *known_at, char out[DIGEST_HEXSZ],
		     struct chain_head_job **job, struct trk_error *err);
int chain_head_wait(struct chain_head_job *j, struct trk_error *err);
void chain_head_free(struct chain_head_job *j);

#endif
