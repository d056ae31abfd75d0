/* progress.h - what a commitment's records say on a date.
 *
 * From a commitment and its check-ins (as known at some moment), for an
 * as-of date: the figure that counts after corrections, its share of the
 * target, the expected share by then (序时进度), a forecast at the current
 * pace, and the health. Every front end and every report reads these
 * functions, so a list, a calendar and a report can never disagree. The
 * rules, with examples, are the README's "Progress and health" table, which
 * tests/report/health_table.c runs as data. Pure functions; nothing here
 * reads a store. */
#ifndef TRK_PROGRESS_H
#define TRK_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/model.h"

struct health_config {
	double at_risk_gap;       /* points behind expected: default 16.5 */
	double off_track_gap;     /* default 33 */
};
void health_config_default(struct health_config *cfg);

/* A figure that counts: the value of a check-in no correction supersedes. */
struct effective_value {
	bool present;
	double value;
	int32_t as_of;
	int seq;
};

/* The correction rule, written once: a check-in's value counts unless a
 * check-in in the list corrects it (names its seq in `supersedes`); of the
 * values that count, the latest by (as_of, seq) on or before the date is
 * the figure. k is a commitment's check-ins in seq order (1..n). */
void effective_at(const struct checkin *k, size_t n, int32_t as_of, struct effective_value *out);
/* The figures that count just before-or-on and just after a date. */
void effective_around(const struct checkin *k, size_t n, int32_t as_of,
		      struct effective_value *before, struct effective_value *after);

/* One point of a burn-up series. */
struct series_point {
	int32_t as_of;
	double value;
};
/* The figures that count up to `to`, one per as-of date (the latest check-in
 * of a date wins), in date order, into out (room for n points); returns how
 * many. */
size_t effective_series(const struct checkin *k, size_t n, int32_t to, struct series_point *out);

struct progress {
	int n;                    /* check-ins with as_of on or before the date */
	int32_t last_as_of;       /* the latest of them, or DATE_NONE */
	bool has_current;
	double current;           /* the figure that counts */
	int32_t current_as_of;
	bool has_percent;
	double percent;           /* 0..100 of the way from baseline to target */
	bool has_expected;
	double expected;          /* 0..100, 序时进度 */
	bool milestone;           /* done or not, never paced (a single unit too) */
	bool target_met;          /* the figure meets the target; done work
				   * without a target has met it */
	bool has_forecast;
	int32_t forecast;         /* the date the target is met at the current pace */
	enum health health;
	bool overridden;          /* health is a person's judgement */
};

/* Computes p for commitment c from its check-ins k (seq order, those known
 * at the moment asked about) on as_of. */
void progress_compute(const struct commitment *c, const struct checkin *k, size_t n,
		      int32_t as_of, const struct health_config *cfg, struct progress *p);

/* All that progress_compute() takes from the check-ins on a date: the
 * store keeps one per commitment, of all its check-ins as now (the
 * checkin_summary table, kept with every append and verified by `tracker
 * check`), so a list of the whole store reads one row per commitment
 * instead of all the check-ins. A digest of every check-in answers for
 * any date on or after last_as_of exactly as the check-ins would: none of
 * them lies beyond it. */
#define PROGRESS_ALL_DATES INT32_MAX   /* a digest of every check-in */
struct progress_digest {
	int n;                    /* check-ins with as_of on or before the date */
	int32_t last_as_of;       /* the latest as_of among them, or DATE_NONE */
	struct effective_value current;   /* the figure that counts */
	bool has_slope;           /* the pace of the figures (least squares, per
				   * day), when there are two dates or more and
				   * they move */
	double slope;
};
/* The digest of k (seq order) on as_of. */
void progress_digest_of(const struct checkin *k, size_t n, int32_t as_of,
			struct progress_digest *d);
/* progress_compute() from a digest made on as_of, or on an earlier date
 * not before d->last_as_of. */
void progress_from_digest(const struct commitment *c, const struct progress_digest *d,
			  int32_t as_of, const struct health_config *cfg, struct progress *p);
/* Whether two digests say the same, to the bit. */
bool progress_digest_equal(const struct progress_digest *a, const struct progress_digest *b);

/* The elapsed share (0..100) of [start, due] on as_of, counting both ends;
 * false when the window has no start or no due date. */
bool progress_expected(int32_t start, int32_t due, int32_t as_of, double *out);

/* True when c's target is a single unit (>= 1 from 0: 零的突破, 一家): it is
 * met or not, and has no pace. */
bool target_is_single_unit(const struct commitment *c);

#endif
