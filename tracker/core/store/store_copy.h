/* store_copy.h - one record copied into another store, row for row: every
 * setting, owner and alias, letter, commitment with its creation record,
 * history and check-ins, user and token, and the journal, with their own
 * times and hashes,
 * so the copy verifies and its chain head is the original's. This is how a
 * record moves between engines (`tracker migrate`), and how the PostgreSQL
 * engine backs up into, and restores from, a SQLite file. */
#ifndef TRK_STORE_COPY_H
#define TRK_STORE_COPY_H

#include "store/store.h"

struct store_ops;
struct store_engine;

/* Copies everything from `from` into `to`, which must hold no record yet
 * (nothing but what its creation wrote: no owner, letter, commitment, user
 * or journal entry of its own; TRK_ECONFLICT otherwise), and is emptied
 * first.
 * `from` must be inside store_read() (or store_write()) and `to` inside
 * store_write(), so the copy is one state of the one, written all or
 * nothing into the other. *ncommitments counts what was copied (may be
 * NULL). */
int store_copy(struct store *from, struct store *to, int *ncommitments, struct trk_error *err);

/* The same between two engines' connections (inside store/ only): the
 * caller has a read transaction open on `from` and a write transaction on
 * `to`, and has emptied `to` (its ops->reset). */
int engine_copy(const struct store_ops *from_ops, struct store_engine *from,
		const struct store_ops *to_ops, struct store_engine *to, int *ncommitments,
		struct trk_error *err);

#endif
