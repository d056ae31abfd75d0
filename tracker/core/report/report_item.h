/* report_item.h - the figures of one commitment for a report period: its
 * check-ins and changes known at the chosen moment, the percent at the end
 * of the previous period, the forecast at the current pace, and why it
 * needs attention. Internal to report.c. */
#ifndef TRK_REPORT_ITEM_H
#define TRK_REPORT_ITEM_H

#include <sqlite3.h>

#include "util/date.h"
#include "report/report.h"

/* One known check-in, reduced to what the figures need. */
struct report_ck {
	int seq;
	int32_t as_of;
	bool has_value;
	bool superseded;
	double value;
	int supersedes;
};

/* Buffers reused from one commitment to the next, so memory is bounded by
 * the largest commitment, not by the number of check-ins. */
struct report_item_ctx {
	struct store *st;
	const struct report_params *p;
	char from_ts[TIMESTAMP_BUFSZ], to_ts[TIMESTAMP_BUFSZ], prev_ts[TIMESTAMP_BUFSZ];
	sqlite3_stmt *checkins, *history;
	struct report_ck *cks;
	size_t ncks, acks;
	struct report_point *series;
	size_t nseries, aseries;
	struct checkin *period;
	size_t nperiod, aperiod;
	struct history *changes;
	size_t nchanges, achanges;
};

int report_item_ctx_init(struct report_item_ctx *x, struct store *st,
			 const struct report_params *p, struct trk_error *err);
void report_item_ctx_release(struct report_item_ctx *x);

/* Fills *it for c (with p, its progress at the period end). it borrows c,
 * p and the buffers of x until report_item_clear(). */
int report_item_build(struct report_item_ctx *x, const struct commitment *c,
		      const struct progress *p, struct report_item *it,
		      struct trk_error *err);
void report_item_clear(struct report_item_ctx *x);

#endif
