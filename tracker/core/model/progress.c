/* progress.c - figures, pace, forecast and health (see progress.h). */
#include "model/progress.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/date.h"
#include "util/strbuf.h"
#include "util/banned.h"

#define LAST_DATE 376199   /* 2999-12-31: no forecast beyond the dates we print */
#define STACK_SEQS 128

void health_config_default(struct health_config *cfg)
{
	cfg->at_risk_gap = 16.5;
	cfg->off_track_gap = 33.0;
}

/* ---- the correction rule ------------------------------------------------ */

/* Which seqs a later check-in corrects: marks[seq] for seq 1..n. Seqs are
 * 1..n in order (the chains guarantee it); an out-of-range `supersedes`
 * corrects nothing. Ordinary chains fit on the stack. */
struct superseded {
	bool stack[STACK_SEQS];
	bool *marks;
	size_t n;
};

static void superseded_init(struct superseded *s, const struct checkin *k, size_t n)
{
	s->n = n;
	s->marks = n < STACK_SEQS ? s->stack : xmalloc((n + 1) * sizeof(bool));
	memset(s->marks, 0, (n + 1) * sizeof(bool));
	for (size_t i = 0; i < n; i++)
		if (k[i].supersedes > 0 && (size_t)k[i].supersedes <= n)
			s->marks[k[i].supersedes] = true;
}

static void superseded_release(struct superseded *s)
{
	if (s->marks != s->stack)
		free(s->marks);
}

static bool counts(const struct checkin *k, const struct superseded *s)
{
	return k->has_value && !(k->seq > 0 && (size_t)k->seq <= s->n && s->marks[k->seq]);
}

static bool later(const struct checkin *a, const struct effective_value *b)
{
	return !b->present || a->as_of > b->as_of || (a->as_of == b->as_of && a->seq > b->seq);
}

static bool earlier(const struct checkin *a, const struct effective_value *b)
{
	return !b->present || a->as_of < b->as_of || (a->as_of == b->as_of && a->seq > b->seq);
}

static void take(struct effective_value *v, const struct checkin *k)
{
	v->present = true;
	v->value = k->value;
	v->as_of = k->as_of;
	v->seq = k->seq;
}

void effective_around(const struct checkin *k, size_t n, int32_t as_of,
		      struct effective_value *before, struct effective_value *after)
{
	struct superseded sup;

	memset(before, 0, sizeof(*before));
	memset(after, 0, sizeof(*after));
	superseded_init(&sup, k, n);
	for (size_t i = 0; i < n; i++) {
		if (!counts(&k[i], &sup))
			continue;
		if (k[i].as_of <= as_of && later(&k[i], before))
			take(before, &k[i]);
		else if (k[i].as_of > as_of && earlier(&k[i], after))
			take(after, &k[i]);
	}
	superseded_release(&sup);
}

void effective_at(const struct checkin *k, size_t n, int32_t as_of, struct effective_value *out)
{
	struct effective_value after;

	effective_around(k, n, as_of, out, &after);
}

static int cmp_point(const void *a, const void *b)
{
	const struct series_point *x = a, *y = b;

	return x->as_of < y->as_of ? -1 : x->as_of > y->as_of;
}

size_t effective_series(const struct checkin *k, size_t n, int32_t to, struct series_point *out)
{
	size_t m = 0, w = 0;

	struct superseded sup;

	/* In seq order the last check-in of a date is its latest, so after a
	 * stable ordering by date the last point of each date wins. */
	superseded_init(&sup, k, n);
	for (size_t i = 0; i < n; i++)
		if (counts(&k[i], &sup) && k[i].as_of <= to)
			out[m++] = (struct series_point){ k[i].as_of, k[i].value };
	superseded_release(&sup);
	/* insertion sort keeps equal dates in seq order (qsort is not stable) */
	for (size_t i = 1; i < m; i++) {
		struct series_point p = out[i];
		size_t j = i;
		while (j > 0 && cmp_point(&out[j - 1], &p) > 0) {
			out[j] = out[j - 1];
			j--;
		}
		out[j] = p;
	}
	for (size_t i = 0; i < m; i++) {
		if (w && out[w - 1].as_of == out[i].as_of)
			w--;
		out[w++] = out[i];
	}
	return w;
}

/* ---- pace ------------------------------------------------------------------ */

bool progress_expected(int32_t start, int32_t due, int32_t as_of, double *out)
{
	if (start == DATE_NONE || due == DATE_NONE || due < start)
		return false;
	double span = (double)(due - start) + 1;
	double done = (double)(as_of - start) + 1;
	*out = done <= 0 ? 0 : done >= span ? 100 : 100.0 * done / span;
	return true;
}

bool target_is_single_unit(const struct commitment *c)
{
	const struct target *t = &c->target;

	return t->present && t->cmp == CMP_GE && t->value == 1 && t->baseline == 0;
}

static bool met(const struct target *t, double current)
{
	return t->cmp == CMP_LE ? current <= t->value
	     : t->cmp == CMP_GE ? current >= t->value : current == t->value;
}

/* Share of the way from baseline to target, clamped to 0..100. One formula
 * for >= and <=: (current - baseline) and (target - baseline) change sign
 * together when the target lies below the baseline. */
static double target_percent(const struct target *t, double current)
{
	double span = t->value - t->baseline;
	double pct;

	if (span == 0)
		return met(t, current) ? 100 : 0;
	pct = 100.0 * (current - t->baseline) / span;
	return pct < 0 ? 0 : pct > 100 ? 100 : pct;
}

/* Least-squares slope of the figures over days; false when it has none
 * (fewer than two dates, or figures that do not move). */
static bool series_slope(const struct series_point *pt, size_t n, double *slope)
{
	double mx = 0, my = 0, sxy = 0, sxx = 0;

	if (n < 2)
		return false;
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
	if (sxx == 0 || (*slope = sxy / sxx) == 0)
		return false;
	return true;
}

/* The days from the latest figure to the target at the digest's pace. The
 * latest point of the series is the figure that counts: both are the
 * counting check-in latest by (as_of, seq). */
static void forecast(const struct commitment *c, const struct progress_digest *d,
		     struct progress *p)
{
	double days;

	if (!d->has_slope || !d->current.present)
		return;
	days = ceil((c->target.value - d->current.value) / d->slope);
	if (!isfinite(days) || days < 0 || days > LAST_DATE - d->current.as_of)
		return;
	p->has_forecast = true;
	p->forecast = d->current.as_of + (int32_t)days;
}

static bool paced(const struct commitment *c)
{
	return c->kind == KIND_QUANTITATIVE && c->target.present && !target_is_single_unit(c);
}

/* The slope of the figures up to as_of. */
static void digest_slope(const struct checkin *k, size_t n, int32_t as_of,
			 struct progress_digest *d)
{
	struct series_point stack[STACK_SEQS], *pts;
	size_t npts;

	pts = n < STACK_SEQS ? stack : xmalloc(n * sizeof(*pts));
	npts = effective_series(k, n, as_of, pts);
	d->has_slope = series_slope(pts, npts, &d->slope);
	if (pts != stack)
		free(pts);
}

/* The digest; the slope only when with_slope (the series is most of the
 * work, and only a paced target uses it). */
static void digest_fill(const struct checkin *k, size_t n, int32_t as_of, bool with_slope,
			struct progress_digest *d)
{
	memset(d, 0, sizeof(*d));
	d->last_as_of = DATE_NONE;
	for (size_t i = 0; i < n; i++) {
		if (k[i].as_of > as_of)
			continue;
		d->n++;
		if (d->last_as_of == DATE_NONE || k[i].as_of > d->last_as_of)
			d->last_as_of = k[i].as_of;
	}
	effective_at(k, n, as_of, &d->current);
	if (with_slope)
		digest_slope(k, n, as_of, d);
}

void progress_digest_of(const struct checkin *k, size_t n, int32_t as_of,
			struct progress_digest *d)
{
	digest_fill(k, n, as_of, true, d);
}

static bool same_double(double a, double b)
{
	return !memcmp(&a, &b, sizeof(a));
}

bool progress_digest_equal(const struct progress_digest *a, const struct progress_digest *b)
{
	const struct effective_value *x = &a->current, *y = &b->current;

	if (a->n != b->n || a->last_as_of != b->last_as_of || x->present != y->present ||
	    a->has_slope != b->has_slope)
		return false;
	if (x->present && (!same_double(x->value, y->value) || x->as_of != y->as_of ||
			   x->seq != y->seq))
		return false;
	return !a->has_slope || same_double(a->slope, b->slope);
}

/* The figures: current value, percent, and for a paced target still short
 * of it, the forecast. */
static void figures(const struct commitment *c, const struct progress_digest *d,
		    struct progress *p)
{
	const struct effective_value *v = &d->current;

	if (v->present) {
		p->has_current = true;
		p->current = v->value;
		p->current_as_of = v->as_of;
	}
	if (c->target.present && v->present) {
		p->has_percent = true;
		p->percent = target_percent(&c->target, v->value);
		p->target_met = met(&c->target, v->value);
	}
	if (!paced(c) || p->target_met || c->status == ST_DONE || c->status == ST_CANCELLED)
		return;
	forecast(c, d, p);
}

static enum health pace_health(const struct commitment *c, const struct progress *p,
			       const struct health_config *cfg)
{
	double gap = p->has_expected ? p->expected - p->percent : 0;
	enum health h = gap > cfg->off_track_gap ? H_OFF_TRACK
		      : gap > cfg->at_risk_gap ? H_AT_RISK : H_ON_TRACK;

	/* A pace that reaches the target after the deadline is not on track,
	 * whatever the share says today. */
	if (h == H_ON_TRACK && p->has_forecast && c->due != DATE_NONE && p->forecast > c->due)
		h = H_AT_RISK;
	return h;
}

static enum health data_health(const struct commitment *c, int32_t as_of,
			       const struct progress *p, const struct health_config *cfg)
{
	if (c->kind == KIND_ONGOING) {
		int y, m, d;
		date_to_ymd(as_of, &y, &m, &d);
		int32_t quarter_start = date_quarter_start(y, (m - 1) / 3 + 1);
		return p->last_as_of == DATE_NONE || p->last_as_of < quarter_start
		       ? H_NO_DATA : H_ON_TRACK;
	}
	if (paced(c))
		return p->has_percent ? pace_health(c, p, cfg) : H_NO_DATA;
	return p->n > 0 ? H_ON_TRACK : H_NO_DATA;
}

static enum health classify(const struct commitment *c, int32_t as_of,
			    const struct progress *p, const struct health_config *cfg)
{
	enum health h;

	if (c->status == ST_DONE)
		return H_DONE;
	if (c->status == ST_CANCELLED)
		return H_CANCELLED;
	if (c->due != DATE_NONE && as_of > c->due)
		return H_OVERDUE;
	if (c->due != DATE_NONE && as_of == c->due)
		return H_DUE;
	if (c->window_start != DATE_NONE && as_of < c->window_start)
		return H_NOT_STARTED;
	h = data_health(c, as_of, p, cfg);
	/* A blocked commitment is at risk at best, whatever its figures say. */
	if (c->status == ST_BLOCKED && (h == H_ON_TRACK || h == H_NO_DATA))
		h = H_AT_RISK;
	return h;
}

void progress_from_digest(const struct commitment *c, const struct progress_digest *d,
			  int32_t as_of, const struct health_config *cfg, struct progress *p)
{
	memset(p, 0, sizeof(*p));
	p->n = d->n;
	p->last_as_of = d->last_as_of;
	p->milestone = !paced(c) && c->kind != KIND_ONGOING;
	figures(c, d, p);
	/* Done without a figure: a milestone is all of itself; a target with no
	 * figure has no percent to show. Done below target keeps its figure. */
	if (c->status == ST_DONE && !p->has_percent && p->milestone) {
		p->has_percent = true;
		p->percent = 100;
		p->target_met = true;
	}
	/* Work without a target is met by being done: the deed is the target. */
	if (c->status == ST_DONE && !c->target.present)
		p->target_met = true;
	p->has_expected = paced(c) && progress_expected(c->window_start, c->due, as_of,
							 &p->expected);
	p->health = classify(c, as_of, p, cfg);
	/* A judgement weighs the pace, not the calendar: once the deadline is
	 * reached and the work is not done, that is what every output says. */
	if (c->health_override >= 0 && c->status != ST_DONE && c->status != ST_CANCELLED &&
	    p->health != H_OVERDUE && p->health != H_DUE) {
		p->health = (enum health)c->health_override;
		p->overridden = true;
	}
}

void progress_compute(const struct commitment *c, const struct checkin *k, size_t n,
		      int32_t as_of, const struct health_config *cfg, struct progress *p)
{
	struct progress_digest d;

	digest_fill(k, n, as_of, paced(c) && c->status != ST_DONE && c->status != ST_CANCELLED,
		    &d);
	progress_from_digest(c, &d, as_of, cfg, p);
}
