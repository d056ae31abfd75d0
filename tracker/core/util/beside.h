/* beside.h - items handed, in order, to a thread beside the caller's.
 *
 * A whole-store calendar or report is two halves of about the same size:
 * reading the store and building each item, then turning it into text and
 * writing it (libical's printing; a report's JSON lines). The caller puts
 * each built item; batches go to a second thread that runs the caller's
 * function on each, in the order put, so the two halves run side by side.
 * Memory stays bounded: at most BESIDE_BATCHES batches of BESIDE_BATCH
 * items are waiting.
 *
 * An item is touched by one thread at a time: built on the caller's, then
 * worked on there, then given back. Items are given back (freed, or kept
 * for reuse) on the caller's thread, the one that allocated them: freed on
 * the other, each free would take glibc's lock of the arena the item came
 * from, against the caller's next allocations (for the calendar that
 * contention cost more than the second thread saved). Done batches come
 * back for it.
 *
 * Fewer items than one batch never start the thread; when the thread
 * cannot be started the work is done on the caller's thread. */
#ifndef TRK_BESIDE_H
#define TRK_BESIDE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

#define BESIDE_BATCH 16
#define BESIDE_BATCHES 4

/* Works on one item; runs on the thread beside, or on the caller's. A
 * non-zero return (with err set) is the first failure: no item after it
 * is worked on, and beside_error() reports it to the caller. */
typedef int (*beside_fn)(void *ctx, void *item, struct trk_error *err);
/* Takes back one item worked on (frees or keeps it); runs on the caller's
 * thread. */
typedef void (*beside_free_fn)(void *ctx, void *item);

struct beside_batch {
	void *items[BESIDE_BATCH];
	size_t n;
};

/* A ring of batches. */
struct beside_batches {
	struct beside_batch b[BESIDE_BATCHES + 1];
	size_t first, n;
};

struct beside {
	beside_fn work;
	beside_free_fn free;
	void *ctx;
	struct beside_batch filling;   /* the caller's */
	struct beside_batches queued;  /* handed over, to work on (at most BESIDE_BATCHES) */
	struct beside_batches done;    /* worked on, for the caller to take back */
	bool started, closing;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t changed;   /* a batch queued or taken, or closing */
	/* The first failure of the work: err is written before failed is set
	 * (release) and read after it is seen (acquire). */
	atomic_bool failed;
	struct trk_error err;
};

void beside_init(struct beside *p, beside_fn work, beside_free_fn free_fn, void *ctx);
/* Takes one item to work on after those put before it. */
void beside_put(struct beside *p, void *item);
/* Works on everything put, and returns when it is done; more can then be
 * put, or the beside released. */
void beside_drain(struct beside *p);
/* The first failure of the work so far (its code, *err set), or 0: the
 * caller stops putting on one, and checks once more after draining. */
int beside_error(struct beside *p, struct trk_error *err);
/* Drains, and frees what init set up. */
void beside_release(struct beside *p);

#endif
