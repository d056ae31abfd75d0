/* ics_printer.c - a calendar's components printed beside their building
 * (see ics_printer.h). */
#include "calendar/ics_printer.h"

#include <string.h>

#include "util/banned.h"

#define RING (ICS_PRINTER_BATCHES + 1)

void ics_printer_init(struct ics_printer *p, ics_print_fn print, ics_free_fn free_fn,
		      void *ctx)
{
	memset(p, 0, sizeof(*p));
	p->print = print;
	p->free = free_fn;
	p->ctx = ctx;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->changed, NULL);
}

static void ring_push(struct ics_batches *r, const struct ics_batch *b)
{
	r->b[(r->first + r->n++) % RING] = *b;
}

static struct ics_batch ring_pop(struct ics_batches *r)
{
	struct ics_batch b = r->b[r->first];

	r->first = (r->first + 1) % RING;
	r->n--;
	return b;
}

static void free_batch(struct ics_printer *p, struct ics_batch *b)
{
	for (size_t i = 0; i < b->n; i++)
		p->free(p->ctx, b->items[i]);
	b->n = 0;
}

static void print_batch(struct ics_printer *p, const struct ics_batch *b)
{
	for (size_t i = 0; i < b->n; i++)
		p->print(p->ctx, b->items[i]);
}

/* The thread: takes the oldest batch, prints it outside the lock and gives
 * it back, until closing with nothing queued. */
static void *print_beside(void *arg)
{
	struct ics_printer *p = arg;
	struct ics_batch b;

	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (!p->queued.n && !p->closing)
			pthread_cond_wait(&p->changed, &p->lock);
		if (!p->queued.n)
			break;
		b = ring_pop(&p->queued);
		pthread_cond_signal(&p->changed);   /* room in the queue */
		pthread_mutex_unlock(&p->lock);
		print_batch(p, &b);
		pthread_mutex_lock(&p->lock);
		ring_push(&p->printed, &b);
		pthread_cond_signal(&p->changed);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/* Frees the batches given back (under the lock: taken, then freed
 * outside it). */
static void free_printed(struct ics_printer *p, struct ics_batches *taken)
{
	while (taken->n) {
		struct ics_batch b = ring_pop(taken);
		free_batch(p, &b);
	}
}

/* Hands the filling batch to the thread (started on the first), waiting
 * while the queue is full; prints it here if there is no thread. */
static void hand_over(struct ics_printer *p)
{
	struct ics_batches taken;

	if (!p->started) {
		p->closing = false;
		p->started = pthread_create(&p->thread, NULL, print_beside, p) == 0;
		if (!p->started) {
			print_batch(p, &p->filling);
			free_batch(p, &p->filling);
			return;
		}
	}
	pthread_mutex_lock(&p->lock);
	while (p->queued.n == ICS_PRINTER_BATCHES)
		pthread_cond_wait(&p->changed, &p->lock);
	ring_push(&p->queued, &p->filling);
	pthread_cond_signal(&p->changed);
	taken = p->printed;
	p->printed.n = 0;
	pthread_mutex_unlock(&p->lock);
	p->filling.n = 0;
	free_printed(p, &taken);
}

void ics_printer_put(struct ics_printer *p, void *component)
{
	p->filling.items[p->filling.n++] = component;
	if (p->filling.n == ICS_PRINTER_BATCH)
		hand_over(p);
}

void ics_printer_drain(struct ics_printer *p)
{
	if (!p->started) {   /* less than a batch in all: no thread */
		print_batch(p, &p->filling);
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
	free_printed(p, &p->printed);
}

void ics_printer_release(struct ics_printer *p)
{
	ics_printer_drain(p);
	pthread_cond_destroy(&p->changed);
	pthread_mutex_destroy(&p->lock);
}
