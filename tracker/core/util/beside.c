/* beside.c - items worked on by a thread beside the caller's (see
 * beside.h). */
#include "util/beside.h"

#include <string.h>

#include "util/banned.h"

#define RING (BESIDE_BATCHES + 1)

void beside_init(struct beside *p, beside_fn work, beside_free_fn free_fn, void *ctx)
{
	memset(p, 0, sizeof(*p));
	p->work = work;
	p->free = free_fn;
	p->ctx = ctx;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->changed, NULL);
	atomic_init(&p->failed, false);
}

static void ring_push(struct beside_batches *r, const struct beside_batch *b)
{
	r->b[(r->first + r->n++) % RING] = *b;
}

static struct beside_batch ring_pop(struct beside_batches *r)
{
	struct beside_batch b = r->b[r->first];

	r->first = (r->first + 1) % RING;
	r->n--;
	return b;
}

static void free_batch(struct beside *p, struct beside_batch *b)
{
	for (size_t i = 0; i < b->n; i++)
		p->free(p->ctx, b->items[i]);
	b->n = 0;
}

/* After a failure, the items are only given back. */
static void work_batch(struct beside *p, const struct beside_batch *b)
{
	for (size_t i = 0; i < b->n; i++)
		if (!atomic_load_explicit(&p->failed, memory_order_relaxed) &&
		    p->work(p->ctx, b->items[i], &p->err))
			atomic_store_explicit(&p->failed, true, memory_order_release);
}

int beside_error(struct beside *p, struct trk_error *err)
{
	if (!atomic_load_explicit(&p->failed, memory_order_acquire))
		return 0;
	if (err)
		*err = p->err;
	return p->err.code;
}

/* The thread: takes the oldest batch, works on it outside the lock and gives
 * it back, until closing with nothing queued. */
static void *work_beside(void *arg)
{
	struct beside *p = arg;
	struct beside_batch b;

	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (!p->queued.n && !p->closing)
			pthread_cond_wait(&p->changed, &p->lock);
		if (!p->queued.n)
			break;
		b = ring_pop(&p->queued);
		pthread_cond_signal(&p->changed);   /* room in the queue */
		pthread_mutex_unlock(&p->lock);
		work_batch(p, &b);
		pthread_mutex_lock(&p->lock);
		ring_push(&p->done, &b);
		pthread_cond_signal(&p->changed);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/* Frees the batches given back (under the lock: taken, then freed
 * outside it). */
static void give_back_done(struct beside *p, struct beside_batches *taken)
{
	while (taken->n) {
		struct beside_batch b = ring_pop(taken);
		free_batch(p, &b);
	}
}

/* Hands the filling batch to the thread (started on the first), waiting
 * while the queue is full; works on it here if there is no thread. */
static void hand_over(struct beside *p)
{
	struct beside_batches taken;

	if (!p->started) {
		p->closing = false;
		p->started = pthread_create(&p->thread, NULL, work_beside, p) == 0;
		if (!p->started) {
			work_batch(p, &p->filling);
			free_batch(p, &p->filling);
			return;
		}
	}
	pthread_mutex_lock(&p->lock);
	while (p->queued.n == BESIDE_BATCHES)
		pthread_cond_wait(&p->changed, &p->lock);
	ring_push(&p->queued, &p->filling);
	pthread_cond_signal(&p->changed);
	taken = p->done;
	p->done.n = 0;
	pthread_mutex_unlock(&p->lock);
	p->filling.n = 0;
	give_back_done(p, &taken);
}

void beside_put(struct beside *p, void *item)
{
	p->filling.items[p->filling.n++] = item;
	if (p->filling.n == BESIDE_BATCH)
		hand_over(p);
}

void beside_drain(struct beside *p)
{
	if (!p->started) {   /* less than a batch in all: no thread */
		work_batch(p, &p->filling);
		free_batch(p, &p->filling);
		return;
	}
	if (p->filling.n)
		hand_over(p);
	pthread_mutex_lock(&p->lock);
	p->closing = true;
	pthread_cond_signal(&p->changed);
	pthread_mutex_unlock(&p->lock);
	pthread_join(p->thread, NULL);
	p->started = false;
	give_back_done(p, &p->done);
}

void beside_release(struct beside *p)
{
	beside_drain(p);
	pthread_cond_destroy(&p->changed);
	pthread_mutex_destroy(&p->lock);
}
