#include "report/report_item.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/date.h"
#include "util/strbuf.h"
#include "util/banned.h"

#define LAST_DATE 376199   /* 2999-12-31: no forecast beyond the dates we print */

static void day_ts(int32_t d, const char *time, char *out)
{
	date_format(d, out);
	snprintf(out + 10, TIMESTAMP_BUFSZ - 10, "T%sZ", time);
}

int report_item_ctx_init(struct report_item_ctx *x, struct store *st,
			 const struct report_params *p, struct trk_error *err)
{
	sqlite3 *db = store_db(st);

	memset(x, 0, sizeof(*x));
	x->st = st;
	x->p = p;
	day_ts(p->from, "00:00:00", x->from_ts);
	day_ts(p->to, "23:59:59", x->to_ts);
	day_ts(p->from - 1, "23:59:59", x->prev_ts);
	/* Newest first, so a correction is seen before what it corrects. */
	if (sqlite3_prepare_v2(db, "SELECT seq, as_of, value, supersedes, recorded_at, note, "
			       "evidence, author FROM checkin WHERE commitment_id = ?1 AND "
			       "(?2 IS NULL OR recorded_at <= ?2) ORDER BY seq DESC",
			       -1, &x->checkins, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT seq, field, old_value, new_value, author, changed_at, "
			       "reason FROM history WHERE commitment_id = ?1 AND "
			       "(?2 IS NULL OR changed_at <= ?2) ORDER BY seq",
			       -1, &x->history, NULL) != SQLITE_OK)
		return store_sqlite_err(st, err, "preparing the report queries");
	return 0;
}

void report_item_ctx_release(struct report_item_ctx *x)
{
	report_item_clear(x);
	sqlite3_finalize(x->checkins);
	sqlite3_finalize(x->history);
	free(x->cks);
	free(x->series);
	free(x->period);
	free(x->changes);
	memset(x, 0, sizeof(*x));
}

void report_item_clear(struct report_item_ctx *x)
{
	for (size_t i = 0; i < x->nperiod; i++)
		checkin_release(&x->period[i]);
	for (size_t i = 0; i < x->nchanges; i++)
		history_release(&x->changes[i]);
	x->ncks = x->nseries = x->nperiod = x->nchanges = 0;
}

static void add_period_checkin(struct report_item_ctx *x, sqlite3_stmt *s,
			       const struct commitment *c, const struct report_ck *ck)
{
	struct checkin *k;

	if (x->nperiod == x->aperiod) {
		x->aperiod = x->aperiod ? 2 * x->aperiod : 8;
		x->period = xrealloc(x->period, x->aperiod * sizeof(*x->period));
	}
	k = &x->period[x->nperiod++];
	checkin_init(k);
	k->commitment_key = xstrdup(c->key);
	k->seq = ck->seq;
	k->as_of = ck->as_of;
	k->has_value = ck->has_value;
	k->value = ck->value;
	k->supersedes = ck->supersedes;
	k->recorded_at = column_strdup(s, 4);
	k->note = column_strdup(s, 5);
	k->evidence = column_strdup(s, 6);
	k->author = column_strdup(s, 7);
}

static int read_ck(sqlite3_stmt *s, struct report_ck *ck, struct trk_error *err)
{
	memset(ck, 0, sizeof(*ck));
	ck->seq = sqlite3_column_int(s, 0);
	ck->has_value = sqlite3_column_type(s, 2) != SQLITE_NULL;
	ck->value = sqlite3_column_double(s, 2);
	ck->supersedes = sqlite3_column_int(s, 3);
	return date_parse((const char *)sqlite3_column_text(s, 1), &ck->as_of, "check-in as_of",
			  err);
}

static int load_checkins(struct report_item_ctx *x, const struct commitment *c,
			 struct trk_error *err)
{
	sqlite3_stmt *s = x->checkins;
	struct report_ck ck;
	int rc;

	sqlite3_bind_int64(s, 1, c->id);
	sqlite3_bind_text(s, 2, x->p->known_at, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if ((rc = read_ck(s, &ck, err)))
			goto out;
		if (x->ncks == x->acks) {
			x->acks = x->acks ? 2 * x->acks : 16;
			x->cks = xrealloc(x->cks, x->acks * sizeof(*x->cks));
		}
		x->cks[x->ncks++] = ck;
		if (ck.as_of >= x->p->from && ck.as_of <= x->p->to)
			add_period_checkin(x, s, c, &ck);
	}
	rc = rc == SQLITE_DONE ? 0 : store_sqlite_err(x->st, err, "reading check-ins");
out:
	sqlite3_reset(s);
	return rc;
}

/* Rows came newest first: a correction marks the earlier check-in it
 * corrects, which comes later in the array. */
static void mark_superseded(struct report_item_ctx *x)
{
	for (size_t i = 0; i < x->ncks; i++) {
		if (!x->cks[i].supersedes)
			continue;
		for (size_t j = i + 1; j < x->ncks; j++)
			if (x->cks[j].seq == x->cks[i].supersedes)
				x->cks[j].superseded = true;
	}
}

static int cmp_ck(const void *a, const void *b)
{
	const struct report_ck *x = a, *y = b;

	if (x->as_of != y->as_of)
		return x->as_of < y->as_of ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int cmp_checkin(const void *a, const void *b)
{
	const struct checkin *x = a, *y = b;

	if (x->as_of != y->as_of)
		return x->as_of < y->as_of ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The effective values up to the period end, one per date (the latest
 * seq of that date wins, as in the store's summary). */
static void build_series(struct report_item_ctx *x)
{
	if (x->ncks > 1)   /* qsort(NULL, 0, ...) is undefined */
		qsort(x->cks, x->ncks, sizeof(*x->cks), cmp_ck);
	if (x->aseries < x->ncks) {
		x->aseries = x->ncks;
		x->series = xrealloc(x->series, x->aseries * sizeof(*x->series));
	}
	for (size_t i = 0; i < x->ncks; i++) {
		const struct report_ck *ck = &x->cks[i];
		if (!ck->has_value || ck->superseded || ck->as_of > x->p->to)
			continue;
		if (x->nseries && x->series[x->nseries - 1].as_of == ck->as_of)
			x->nseries--;
		x->series[x->nseries++] = (struct report_point){ ck->as_of, ck->value };
	}
	if (x->nperiod > 1)
		qsort(x->period, x->nperiod, sizeof(*x->period), cmp_checkin);
}

struct status_walk {
	int first_old, at_prev, at_to;   /* enum status, -1 = not known */
};

static void add_change(struct report_item_ctx *x, sqlite3_stmt *s, const struct commitment *c)
{
	struct history *h;

	if (x->nchanges == x->achanges) {
		x->achanges = x->achanges ? 2 * x->achanges : 4;
		x->changes = xrealloc(x->changes, x->achanges * sizeof(*x->changes));
	}
	h = &x->changes[x->nchanges++];
	history_init(h);
	h->commitment_key = xstrdup(c->key);
	h->seq = sqlite3_column_int(s, 0);
	h->field = column_strdup(s, 1);
	h->old_value = column_strdup(s, 2);
	h->new_value = column_strdup(s, 3);
	h->author = column_strdup(s, 4);
	h->changed_at = column_strdup(s, 5);
	h->reason = column_strdup(s, 6);
}

static void walk_row(struct report_item_ctx *x, sqlite3_stmt *s, const struct commitment *c,
		     struct status_walk *w)
{
	const char *field = (const char *)sqlite3_column_text(s, 1);
	const char *at = (const char *)sqlite3_column_text(s, 5);
	bool in_period = strcmp(at, x->from_ts) >= 0 && strcmp(at, x->to_ts) <= 0;

	if (!strcmp(field, "status")) {
		int now = status_parse((const char *)sqlite3_column_text(s, 3));
		if (w->first_old == -2)
			w->first_old = status_parse((const char *)sqlite3_column_text(s, 2));
		if (strcmp(at, x->prev_ts) <= 0)
			w->at_prev = now;
		if (strcmp(at, x->to_ts) <= 0)
			w->at_to = now;
	} else if (in_period && (!strcmp(field, "target") || !strcmp(field, "due"))) {
		add_change(x, s, c);
	}
}

/* Walks the known history: the status at the end of the previous period
 * and of this one, and the target and due changes of the period. */
static int load_history(struct report_item_ctx *x, const struct commitment *c,
			struct status_walk *w, struct trk_error *err)
{
	sqlite3_stmt *s = x->history;
	int rc;

	w->first_old = w->at_prev = w->at_to = -2;
	sqlite3_bind_int64(s, 1, c->id);
	sqlite3_bind_text(s, 2, x->p->known_at, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		walk_row(x, s, c, w);
	rc = rc == SQLITE_DONE ? 0 : store_sqlite_err(x->st, err, "reading history");
	sqlite3_reset(s);
	if (w->first_old == -2)
		w->first_old = (int)c->status;
	if (w->at_prev == -2)
		w->at_prev = w->first_old;
	if (w->at_to == -2)
		w->at_to = w->first_old;
	return rc;
}

/* The percent at the end of the previous period, computed as the store
 * would have then: the check-ins up to that day and the status it had. */
static void previous_percent(struct report_item_ctx *x, const struct commitment *c,
			     const struct status_walk *w, struct report_item *it)
{
	struct commitment then = *c;   /* shallow: only read by progress_compute */
	struct checkin_summary s = { .last_as_of = DATE_NONE, .value_as_of = DATE_NONE };
	struct progress pp;
	int32_t prev_end = x->p->from - 1;

	for (size_t i = 0; i < x->ncks && x->cks[i].as_of <= prev_end; i++) {
		s.n++;
		s.last_as_of = x->cks[i].as_of;
	}
	for (size_t i = 0; i < x->nseries && x->series[i].as_of <= prev_end; i++) {
		s.has_value = true;
		s.value = x->series[i].value;
		s.value_as_of = x->series[i].as_of;
	}
	if (w->at_prev >= 0)
		then.status = (enum status)w->at_prev;
	progress_compute(&then, &s, prev_end, &x->p->health, &pp);
	it->has_prev_percent = pp.has_percent;
	it->prev_percent = pp.percent;
	if (it->has_prev_percent && it->p->has_percent) {
		it->has_change = true;
		it->change = it->p->percent - it->prev_percent;
	}
}

/* Least-squares slope of value over days through the series, then the
 * days from the latest point to the target at that pace. */
static void forecast(struct report_item_ctx *x, const struct commitment *c,
		     struct report_item *it)
{
	const struct report_point *pt = x->series;
	size_t n = x->nseries;
	double mx = 0, my = 0, sxy = 0, sxx = 0, slope, days;

	if (c->kind != KIND_QUANTITATIVE || !c->target.present || n < 2 ||
	    c->status == ST_DONE || c->status == ST_CANCELLED ||
	    (it->p->has_percent && it->p->percent >= 100))
		return;
	for (size_t i = 0; i < n; i++) {
		mx += (double)(pt[i].as_of - pt[0].as_of);
		my += pt[i].value;
	}
	mx /= (double)n, my /= (double)n;
	for (size_t i = 0; i < n; i++) {
		double dx = (double)(pt[i].as_of - pt[0].as_of) - mx;
		sxy += dx * (pt[i].value - my);
		sxx += dx * dx;
	}
	if (sxx == 0 || (slope = sxy / sxx) == 0)
		return;
	days = ceil((c->target.value - pt[n - 1].value) / slope);
	if (!isfinite(days) || days < 0 || days > LAST_DATE - pt[n - 1].as_of)
		return;
	it->has_forecast = true;
	it->forecast = pt[n - 1].as_of + (int32_t)days;
}

static unsigned attention(const struct report_item *it, const struct status_walk *w)
{
	const struct commitment *c = it->c;
	enum health h = it->p->health;
	unsigned a = 0;
	bool closed = c->status == ST_DONE || c->status == ST_CANCELLED;

	if (h == H_OVERDUE)
		a |= 1u << ATTN_OVERDUE;
	if (h == H_AT_RISK || h == H_OFF_TRACK)
		a |= 1u << ATTN_AT_RISK;
	if (!closed && h != H_NOT_STARTED && it->ncheckins == 0)
		a |= 1u << ATTN_NO_CHECKIN;
	if (it->nchanges)
		a |= 1u << ATTN_CHANGED;
	if (w->at_to == ST_DONE && w->at_prev != ST_DONE)
		a |= 1u << ATTN_DONE;
	return a;
}

int report_item_build(struct report_item_ctx *x, const struct commitment *c,
		      const struct progress *p, struct report_item *it,
		      struct trk_error *err)
{
	struct status_walk w;
	int rc;

	memset(it, 0, sizeof(*it));
	it->c = c;
	it->p = p;
	it->last_checkin = DATE_NONE;
	if ((rc = load_checkins(x, c, err)) || (rc = load_history(x, c, &w, err)))
		return rc;
	mark_superseded(x);
	build_series(x);
	for (size_t i = 0; i < x->ncks && x->cks[i].as_of <= x->p->to; i++)
		it->last_checkin = x->cks[i].as_of;
	it->series = x->series, it->nseries = x->nseries;
	it->checkins = x->period, it->ncheckins = x->nperiod;
	it->changes = x->changes, it->nchanges = x->nchanges;
	previous_percent(x, c, &w, it);
	forecast(x, c, it);
	it->attention = attention(it, &w);
	return 0;
}
