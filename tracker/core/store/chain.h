/* chain.h - one hash that stands for the whole record (the chain head).
 *
 * Every commitment's check-ins and history are hash chains (model.h); the
 * head is a SHA-256 over the ordered (key, last check-in hash, last history
 * hash) of every commitment. A report that carries the head it was made from
 * lets a reader recompute it later and see whether the record behind the
 * report was rewritten since. */
#ifndef TRK_CHAIN_H
#define TRK_CHAIN_H

#include "util/error.h"
#include "store/store.h"

#define CHAIN_HEAD_HEXSZ 65       /* 64 hex digits + NUL */

/* Computes the head into out (64 lowercase hex digits and a NUL). When
 * known_at (a UTC timestamp "YYYY-MM-DDTHH:MM:SSZ") is not NULL, only
 * commitments created and records recorded at or before it count, so the
 * head of an earlier report can be recomputed. Reads only; runs in one read
 * transaction so concurrent writers cannot tear it. Returns 0 or TRK_EDB. */
int store_chain_head(struct store *st, const char *known_at, char out[65],
		     struct trk_error *err);

#endif
