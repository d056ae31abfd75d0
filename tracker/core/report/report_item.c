/* report_item.c - one commitment's figures for a report period. */
#include "report/report_item.h"

#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/banned.h"

void report_item_ctx_init(struct report_item_ctx *x, const struct report_params *p)
{
	memset(x, 0, sizeof(*x));
	x->p = p;
	/* The period's days are local days: a change made at 07:00 Beijing
	 * time on 1 October belongs to the fourth quarter. */
	timestamp_format(local_day_end(p->from - 1) + 1, x->from_ts);
	timestamp_format(local_day_end(p->to), x->to_ts);
	timestamp_format(local_day_end(p->from - 1), x->prev_ts);
}

void report_item_ctx_release(struct report_item_ctx *x)
{
	free(x->series);
	free(x->period);
	free(x->changes);
	free(x->status_changes);
	free(x->corrections);
	memset(x, 0, sizeof(*x));
}

static int cmp_checkin(const void *a, const void *b)
{
	const struct checkin *x = a, *y = b;

	if (x->as_of != y->as_of)
		return x->as_of < y->as_of ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The check-ins whose figure describes a day of the period, by date. */
static size_t period_checkins(struct report_item_ctx *x, const struct commitment_record *r)
{
	size_t n = 0;

	if (x->aperiod < r->ncheckins) {
		x->aperiod = r->ncheckins;
		x->period = xrealloc(x->period, x->aperiod * sizeof(*x->period));
	}
	for (size_t i = 0; i < r->ncheckins; i++)
		if (r->checkins[i].as_of >= x->p->from && r->checkins[i].as_of <= x->p->to)
			x->period[n++] = r->checkins[i];
	if (n > 1)
		qsort(x->period, n, sizeof(*x->period), cmp_checkin);
	return n;
}

struct status_walk {
	int at_prev, at_to;       /* enum status at the end of each period, -1 unknown */
};

static bool in_period(const struct report_item_ctx *x, const char *at)
{
	return strcmp(at, x->from_ts) >= 0 && strcmp(at, x->to_ts) <= 0;
}

/* The status at moment `at`: that of the last status change recorded by
 * then; before the first change, the one it changed from; with no change
 * at all, the status it has. */
static int status_at(const struct commitment_record *r, const char *at)
{
	const struct history *first = NULL, *last = NULL;

	for (size_t i = 0; i < r->nhistory; i++) {
		const struct history *h = &r->history[i];
		if (h->seq == 0 || strcmp(h->field, "status"))
			continue;
		if (!first)
			first = h;
		if (strcmp(h->changed_at, at) <= 0)
			last = h;
	}
	if (last)
		return status_parse(last->new_value);
	return first ? status_parse(first->old_value) : (int)r->c->status;
}

static bool is_field(const struct history *h, const char *a, const char *b, const char *c)
{
	return !strcmp(h->field, a) || !strcmp(h->field, b) || (c && !strcmp(h->field, c));
}

/* The status at the end of the previous period and of this one; the
 * target, due and start changes of the period into it->changes, and its
 * status changes and judgements (with their reasons) into
 * it->status_changes. */
static void walk_history(struct report_item_ctx *x, const struct commitment_record *r,
			 struct status_walk *w, struct report_item *it)
{
	size_t n = 0, m = 0;

	w->at_prev = status_at(r, x->prev_ts);
	w->at_to = status_at(r, x->to_ts);
	if (x->achanges < r->nhistory) {
		x->achanges = r->nhistory;
		x->changes = xrealloc(x->changes, x->achanges * sizeof(*x->changes));
		x->status_changes = xrealloc(x->status_changes,
					     x->achanges * sizeof(*x->status_changes));
	}
	for (size_t i = 0; i < r->nhistory; i++) {
		const struct history *h = &r->history[i];
		if (!strcmp(h->field, "status") && h->new_value &&
		    status_parse(h->new_value) == (int)r->c->status)
			it->status_reason = h->reason;
		if (h->seq == 0 || !in_period(x, h->changed_at))
			continue;
		if (is_field(h, "target", "due", "window_start"))
			x->changes[n++] = *h;
		else if (is_field(h, "status", "health_override", NULL))
			x->status_changes[m++] = *h;
	}
	it->changes = x->changes;
	it->nchanges = n;
	it->status_changes = x->status_changes;
	it->nstatus_changes = m;
}

/* The corrections recorded in the period (whatever day their figure
 * describes), each with the figure it corrects: a reader of the last
 * report learns which of its figures changed. */
static void period_corrections(struct report_item_ctx *x, const struct commitment_record *r,
			       struct report_item *it)
{
	size_t n = 0;

	if (x->acorrections < r->ncheckins) {
		x->acorrections = r->ncheckins;
		x->corrections = xrealloc(x->corrections, x->acorrections * sizeof(*x->corrections));
	}
	for (size_t i = 0; i < r->ncheckins; i++) {
		const struct checkin *k = &r->checkins[i];
		int s = k->supersedes;
		if (s <= 0 || !k->recorded_at || !in_period(x, k->recorded_at))
			continue;
		x->corrections[n].k = k;
		/* Check-ins come in seq order, 1..n (the chains make it so). */
		x->corrections[n].old = (size_t)s <= r->ncheckins && r->checkins[s - 1].seq == s
					? &r->checkins[s - 1] : NULL;
		n++;
	}
	it->corrections = x->corrections;
	it->ncorrections = n;
}

/* The percent at the end of the previous period, as it was then: the
 * check-ins up to that day and the status it had. */
static void previous_percent(struct report_item_ctx *x, const struct commitment_record *r,
			     const struct status_walk *w, struct report_item *it)
{
	struct commitment then = *r->c;   /* shallow: only read by progress_compute */
	struct progress pp;

	if (w->at_prev >= 0)
		then.status = (enum status)w->at_prev;
	progress_compute(&then, r->checkins, r->ncheckins, x->p->from - 1, &x->p->health, &pp);
	it->has_prev_percent = pp.has_percent;
	it->prev_percent = pp.percent;
	if (it->has_prev_percent && it->p->has_percent) {
		it->has_change = true;
		it->change = it->p->percent - it->prev_percent;
	}
}

static unsigned attention(const struct report_item *it, const struct status_walk *w)
{
	const struct commitment *c = it->c;
	enum health h = it->p->health;
	unsigned a = 0;
	bool closed = c->status == ST_DONE || c->status == ST_CANCELLED;

	if (h == H_OVERDUE || h == H_DUE)
		a |= 1u << ATTN_OVERDUE;
	if (h == H_AT_RISK || h == H_OFF_TRACK)
		a |= 1u << ATTN_AT_RISK;
	if (!closed && h != H_NOT_STARTED && it->ncheckins == 0)
		a |= 1u << ATTN_NO_CHECKIN;
	if (it->nchanges)
		a |= 1u << ATTN_CHANGED;
	if (it->nstatus_changes)
		a |= 1u << ATTN_STATUS;
	if (it->ncorrections)
		a |= 1u << ATTN_CORRECTED;
	if (w->at_to == ST_DONE && w->at_prev != ST_DONE)
		a |= 1u << ATTN_DONE;
	return a;
}

int report_item_build(struct report_item_ctx *x, const struct commitment_record *r,
		      struct report_item *it, struct trk_error *err)
{
	struct status_walk w;

	(void)err;
	memset(it, 0, sizeof(*it));
	it->c = r->c;
	it->p = r->p;
	it->last_checkin = r->p->last_as_of;
	if (x->aseries < r->ncheckins) {
		x->aseries = r->ncheckins;
		x->series = xrealloc(x->series, x->aseries * sizeof(*x->series));
	}
	it->series = x->series;
	it->nseries = effective_series(r->checkins, r->ncheckins, x->p->to, x->series);
	/* The counts first: they grow the buffers the pointers then name. */
	it->ncheckins = period_checkins(x, r);
	it->checkins = x->period;
	walk_history(x, r, &w, it);
	period_corrections(x, r, it);
	previous_percent(x, r, &w, it);
	it->attention = attention(it, &w);
	return 0;
}
