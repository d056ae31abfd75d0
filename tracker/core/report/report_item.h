/* report_item.h - the figures of one commitment for a report period, from
 * its records as the query delivered them (known at the report's moment):
 * the check-ins and changes of the period, the percent at the end of the
 * previous period, and why it needs attention. Internal to the report. */
#ifndef TRK_REPORT_ITEM_H
#define TRK_REPORT_ITEM_H

#include "report/report.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/date.h"

/* Buffers reused from one commitment to the next, so memory is bounded by
 * the largest commitment, not by the number of check-ins. The records in
 * them are shallow copies, borrowed from the query's record. */
struct report_item_ctx {
	const struct report_params *p;
	char from_ts[TIMESTAMP_BUFSZ], to_ts[TIMESTAMP_BUFSZ], prev_ts[TIMESTAMP_BUFSZ];
	struct series_point *series;
	size_t aseries;
	struct checkin *period;
	size_t aperiod;
	struct history *changes, *status_changes;
	size_t achanges;
	struct report_correction *corrections;
	size_t acorrections;
};

void report_item_ctx_init(struct report_item_ctx *x, const struct report_params *p);
void report_item_ctx_release(struct report_item_ctx *x);

/* Fills *it for the record r; it borrows r and the buffers of x until the
 * next call. */
int report_item_build(struct report_item_ctx *x, const struct commitment_record *r,
		      struct report_item *it, struct trk_error *err);

/* A report item that outlives the record and buffers it was built from,
 * for a writer that turns items into text on a thread beside the pass
 * (report_json.c): every text and list it points to is copied into its
 * own arena, except the letter (the run's list of letters moves as it
 * grows: NULL here). Freed with report_item_copy_free(). */
struct report_item_copy {
	struct report_item it;    /* points into the rest */
	struct commitment c;
	struct progress p;
	struct arena a;
};

struct report_item_copy *report_item_copy(const struct report_item *it);
void report_item_copy_free(struct report_item_copy *x);

#endif
