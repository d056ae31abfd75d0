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

#endif
