/* ics_printer.h - a calendar's components printed on a thread of their own.
 *
 * libical spends about half of a whole-store calendar turning components
 * into text (icalcomponent_as_ical_string_r), the other half goes to
 * reading the store and building them. The printer takes each built
 * component and hands it, in batches, to a second thread that prints it
 * (the caller's print function, which also frees it), so the two halves
 * run side by side. Order is kept. Memory stays bounded: at most
 * ICS_PRINTER_BATCHES batches of ICS_PRINTER_BATCH components are waiting.
 *
 * libical keeps its error code and ring buffer per thread and locks its
 * time zone cache; a component is only ever touched by one thread at a
 * time (built here, then printed there), which is what it allows.
 *
 * Components are freed on the caller's thread, the one that built them:
 * freed on the printer's, each would take glibc's lock of the arena it came
 * from, against the caller's next allocations (that contention cost more
 * than the second thread saved). Printed batches come back for it.
 *
 * A calendar of less than one batch never starts the thread; when the
 * thread cannot be started the printer prints on the caller's thread. */
#ifndef TRK_ICS_PRINTER_H
#define TRK_ICS_PRINTER_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#define ICS_PRINTER_BATCH 8
#define ICS_PRINTER_BATCHES 4

/* Prints one component; runs on the printer's thread, or on the caller's. */
typedef void (*ics_print_fn)(void *ctx, void *component);
/* Takes back one printed component (frees or keeps it); runs on the
 * caller's thread. */
typedef void (*ics_free_fn)(void *ctx, void *component);

struct ics_batch {
	void *items[ICS_PRINTER_BATCH];
	size_t n;
};

/* A ring of batches. */
struct ics_batches {
	struct ics_batch b[ICS_PRINTER_BATCHES + 1];
	size_t first, n;
};

struct ics_printer {
	ics_print_fn print;
	ics_free_fn free;
	void *ctx;
	struct ics_batch filling;   /* the caller's */
	struct ics_batches queued;  /* handed over, to print (at most ICS_PRINTER_BATCHES) */
	struct ics_batches printed; /* printed, for the caller to free */
	bool started, closing;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t changed;   /* a batch queued or taken, or closing */
};

void ics_printer_init(struct ics_printer *p, ics_print_fn print, ics_free_fn free_fn,
		      void *ctx);
/* Takes one component to print after those put before it. */
void ics_printer_put(struct ics_printer *p, void *component);
/* Prints everything put, and returns when it is printed; the printer can
 * then be put to again, or released. */
void ics_printer_drain(struct ics_printer *p);
/* Drains, and frees what init set up. */
void ics_printer_release(struct ics_printer *p);

#endif
