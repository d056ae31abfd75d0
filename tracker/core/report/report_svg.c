#include "report/report_svg.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "util/date.h"
#include "util/escape.h"
#include "report/report_out.h"
#include "util/banned.h"

#define INK "#263238"
#define MUTED "#78909c"
#define BURNUP_W 480.0
#define BURNUP_H 214.0
#define DEPTS_W 680.0          /* fits an A4 page at 14 mm margins (about 690 px) */
#define DEPTS_MAX 40           /* departments drawn; the table lists all */
#define STR_(x) #x
#define STR(x) STR_(x)

/* About how wide text is at 11 px: a CJK character a full em, others half. */
static double text_width(const char *s)
{
	double w = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p >= 0xE0)
			w += 11;
		else if (*p < 0x80)
			w += 6.2;
	return w;
}

/* Where a label of width w centred on x must be anchored to stay within
 * [lo, hi]: "middle" at x, or flush with the edge it would cross. */
static const char *clamp_anchor(double *x, double w, double lo, double hi)
{
	if (*x + w / 2 > hi) {
		*x = hi;
		return "end";
	}
	if (*x - w / 2 < lo) {
		*x = lo;
		return "start";
	}
	return "middle";
}

void svg_progress(struct strbuf *sb, const struct report_item *it, const char *lang)
{
	const struct progress *p = it->p;
	const double w = 300, h = 14;
	struct strbuf t = STRBUF_INIT;

	strbuf_addf(sb, "<svg class=\"bar\" width=\"%.0f\" height=\"26\" viewBox=\"0 0 %.0f 26\" "
		    "role=\"img\" aria-label=\"", w + 4, w + 4);
	strbuf_addf(&t, "%s ", report_label(RL_PERCENT, lang));
	format_percent(&t, p->has_percent, p->percent);
	if (p->has_expected) {
		strbuf_addf(&t, ", %s ", report_label(RL_EXPECTED, lang));
		format_percent(&t, true, p->expected);
	}
	escape_html(sb, t.buf);
	strbuf_addf(sb, "\"><rect x=\"2\" y=\"6\" width=\"%.0f\" height=\"%.0f\" rx=\"3\" "
		    "fill=\"#eceff1\"/>", w, h);
	if (p->has_percent)
		strbuf_addf(sb, "<rect x=\"2\" y=\"6\" width=\"%.1f\" height=\"%.0f\" rx=\"3\" "
			    "fill=\"%s\"/>", w * p->percent / 100, h, report_health_color(p->health));
	if (p->has_expected) {
		double x = 2 + w * p->expected / 100;
		strbuf_addf(sb, "<line x1=\"%.1f\" y1=\"2\" x2=\"%.1f\" y2=\"24\" stroke=\"" INK
			    "\" stroke-width=\"2\"/><path d=\"M%.1f 0 h8 l-4 5z\" fill=\"" INK "\"/>",
			    x, x, x - 4);
	}
	strbuf_addstr(sb, "<title>");
	escape_html(sb, t.buf);
	strbuf_addstr(sb, "</title></svg>");
	strbuf_release(&t);
}

/* The frame of a chart: maps dates and values to the plot area. */
struct frame {
	int32_t x0, x1;
	double y0, y1;
	double left, top, width, height;
};

static double fx(const struct frame *f, int32_t d)
{
	return f->left + f->width * (double)(d - f->x0) / (double)(f->x1 - f->x0);
}

static double fy(const struct frame *f, double v)
{
	return f->top + f->height * (1 - (v - f->y0) / (f->y1 - f->y0));
}

static int32_t max_date(int32_t a, int32_t b)
{
	return a == DATE_NONE ? b : b == DATE_NONE ? a : a > b ? a : b;
}

static bool burnup_frame(const struct report_item *it, const struct report_params *p,
			 struct frame *f)
{
	const struct commitment *c = it->c;
	const struct target *t = &c->target;

	/* A single unit (零的突破) is met or not: it has no curve to draw. */
	if (c->kind != KIND_QUANTITATIVE || !t->present || target_is_single_unit(c))
		return false;
	f->x0 = c->window_start != DATE_NONE ? c->window_start
		: it->nseries ? it->series[0].as_of : p->from;
	if (it->nseries && it->series[0].as_of < f->x0)
		f->x0 = it->series[0].as_of;
	f->x1 = max_date(max_date(c->due, p->to), it->p->has_forecast ? it->p->forecast : DATE_NONE);
	if (f->x1 - f->x0 > 3 * 366 + (c->due != DATE_NONE ? c->due - f->x0 : 0))
		f->x1 = max_date(c->due, p->to);   /* a far forecast would flatten the chart */
	if (f->x1 <= f->x0)
		f->x1 = f->x0 + 1;
	f->y0 = fmin(t->baseline, t->value);
	f->y1 = fmax(t->baseline, t->value);
	for (size_t i = 0; i < it->nseries; i++) {
		f->y0 = fmin(f->y0, it->series[i].value);
		f->y1 = fmax(f->y1, it->series[i].value);
	}
	if (f->y1 <= f->y0)
		f->y1 = f->y0 + 1;
	f->y1 += (f->y1 - f->y0) * 0.08;
	f->left = 56, f->top = 24, f->width = 400, f->height = 140;
	return true;
}

static void axis_text(struct strbuf *sb, double x, double y, const char *anchor, const char *s)
{
	strbuf_addf(sb, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">", x, y, anchor);
	escape_html(sb, s);
	strbuf_addstr(sb, "</text>");
}

static void burnup_axes(struct strbuf *sb, const struct frame *f, const struct report_item *it,
			const char *lang)
{
	const struct target *t = &it->c->target;
	struct strbuf s = STRBUF_INIT;
	char d[DATE_BUFSZ];
	double ty = fy(f, t->value);

	strbuf_addf(sb, "<rect x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\" fill=\"#fafbfc\" "
		    "stroke=\"#cfd8dc\"/>", f->left, f->top, f->width, f->height);
	strbuf_addf(sb, "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"%s\" "
		    "stroke-dasharray=\"6 3\"/>", f->left, ty, f->left + f->width, ty,
		    report_health_color(H_DONE));
	format_target_text(&s, t);
	axis_text(sb, f->left - 4, ty + 4, "end", s.buf + 3);
	strbuf_reset(&s);
	format_number(&s, f->y0);
	axis_text(sb, f->left - 4, f->top + f->height + 4, "end", s.buf);
	/* Only the start is a bare date: every other date on the axis says
	 * what it is, so the chart's right end is never read as a deadline. */
	axis_text(sb, f->left, f->top + f->height + 15, "start", report_date(f->x0, d, ""));
	strbuf_release(&s);
}

/* A label "what date" for a line at x, kept inside the chart. */
static void line_label(struct strbuf *sb, double x, double y, const char *what, int32_t day)
{
	struct strbuf t = STRBUF_INIT;
	char d[DATE_BUFSZ];
	const char *anchor;

	strbuf_addf(&t, "%s %s", what, report_date(day, d, ""));
	anchor = clamp_anchor(&x, text_width(t.buf), 2, BURNUP_W - 2);
	axis_text(sb, x, y, anchor, t.buf);
	strbuf_release(&t);
}

static void burnup_pace(struct strbuf *sb, const struct frame *f, const struct report_item *it,
			const struct report_params *p, const char *lang)
{
	const struct commitment *c = it->c;
	double x;

	if (c->window_start != DATE_NONE && c->due != DATE_NONE && c->due > c->window_start)
		strbuf_addf(sb, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\""
			    MUTED "\" stroke-dasharray=\"3 3\"><title>%s</title></line>",
			    fx(f, c->window_start), fy(f, c->target.baseline), fx(f, c->due),
			    fy(f, c->target.value), report_label(RL_PACE, lang));
	if (c->due != DATE_NONE && c->due <= f->x1) {
		x = fx(f, c->due);
		strbuf_addf(sb, "<line x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.0f\" stroke=\"%s\" "
			    "stroke-dasharray=\"4 2\"/>", x, f->top, x, f->top + f->height,
			    report_health_color(H_OVERDUE));
		line_label(sb, x, f->top + f->height + 29, report_label(RL_DUE, lang), c->due);
	}
	x = fx(f, p->to);
	strbuf_addf(sb, "<line x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.0f\" stroke=\"" INK
		    "\" stroke-width=\"1\"/>", x, f->top, x, f->top + f->height);
	line_label(sb, x, f->top - 6, report_label(RL_AS_OF, lang), p->to);
}

static void burnup_series(struct strbuf *sb, const struct frame *f, const struct report_item *it,
			  const char *lang)
{
	const char *color = report_health_color(it->p->health);
	const struct series_point *pt = it->series;
	char d[DATE_BUFSZ];

	if (!it->nseries)
		return;
	strbuf_addf(sb, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\" points=\"",
		    color);
	if (it->c->window_start != DATE_NONE && it->c->window_start < pt[0].as_of)
		strbuf_addf(sb, "%.1f,%.1f ", fx(f, it->c->window_start),
			    fy(f, it->c->target.baseline));
	for (size_t i = 0; i < it->nseries; i++)
		strbuf_addf(sb, "%.1f,%.1f ", fx(f, pt[i].as_of), fy(f, pt[i].value));
	strbuf_addstr(sb, "\"/>");
	for (size_t i = 0; i < it->nseries; i++) {
		strbuf_addf(sb, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>%s ",
			    fx(f, pt[i].as_of), fy(f, pt[i].value), color,
			    report_date(pt[i].as_of, d, ""));
		format_number(sb, pt[i].value);
		strbuf_addstr(sb, "</title></circle>");
	}
	if (it->p->has_forecast && it->p->forecast <= f->x1) {
		strbuf_addf(sb, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
			    "stroke-dasharray=\"1 4\" stroke-width=\"2\"><title>%s %s</title></line>",
			    fx(f, pt[it->nseries - 1].as_of), fy(f, pt[it->nseries - 1].value),
			    fx(f, it->p->forecast), fy(f, it->c->target.value), color,
			    report_label(RL_FORECAST, lang), report_date(it->p->forecast, d, ""));
		/* Beside the start date, named: a reader must not take it for
		 * the deadline. */
		line_label(sb, fx(f, it->p->forecast), f->top + f->height + 15,
			   lang[0] == 'z' ? "预计达标" : "forecast", it->p->forecast);
	}
}

void svg_burnup(struct strbuf *sb, const struct report_item *it,
		const struct report_params *p, const char *lang)
{
	struct frame f;

	if (!burnup_frame(it, p, &f))
		return;
	strbuf_addf(sb, "<svg class=\"burnup\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
		    "role=\"img\" aria-label=\"", BURNUP_W, BURNUP_H, BURNUP_W, BURNUP_H);
	escape_html(sb, report_label(RL_BURNUP, lang));
	strbuf_addstr(sb, "\">");
	burnup_axes(sb, &f, it, lang);
	burnup_pace(sb, &f, it, p, lang);
	burnup_series(sb, &f, it, lang);
	strbuf_addstr(sb, "</svg>");
}

/* The order health is stacked in: good news first. */
static const enum health stack[H__COUNT] = {
	H_DONE, H_ON_TRACK, H_AT_RISK, H_OFF_TRACK, H_DUE, H_OVERDUE, H_NOT_STARTED, H_NO_DATA,
	H_CANCELLED,
};

struct dept_layout {
	double left, width, row, bar;
	int max;
};

static void dept_row(struct strbuf *sb, const struct report_dept *d, const struct dept_layout *l,
		     double y, const char *lang)
{
	double x = l->left;

	strbuf_addf(sb, "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">", l->left - 6,
		    y + l->bar / 2 + 4);
	escape_html(sb, d->short_name ? d->short_name : d->name);
	strbuf_addstr(sb, "</text>");
	for (int i = 0; i < H__COUNT; i++) {
		int n = d->by_health[stack[i]];
		double w = l->width * n / l->max;
		if (!n)
			continue;
		strbuf_addf(sb, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.0f\" "
			    "fill=\"%s\"><title>", x, y, w, l->bar, report_health_color(stack[i]));
		escape_html(sb, d->name);
		strbuf_addf(sb, " · %s %d</title></rect>", health_label(stack[i], lang), n);
		x += w;
	}
	strbuf_addf(sb, "<text x=\"%.1f\" y=\"%.1f\">%d</text>", x + 4, y + l->bar / 2 + 4,
		    d->total);
}

/* The legend in rows of five under the bars; returns its height. */
static double dept_legend(struct strbuf *sb, double y, const char *lang)
{
	const double step = DEPTS_W / 5;
	int col = 0;

	for (int i = 0; i < H__COUNT; i++, col++) {
		if (col == 5)
			col = 0, y += 16;
		strbuf_addf(sb, "<rect x=\"%.0f\" y=\"%.0f\" width=\"10\" height=\"10\" fill=\"%s\"/>"
			    "<text x=\"%.0f\" y=\"%.0f\">%s</text>", 4 + col * step, y,
			    report_health_color(stack[i]), 18 + col * step, y + 9,
			    health_label(stack[i], lang));
	}
	return 32;
}

static int needs_attention(const struct report_dept *d)
{
	return d->by_health[H_OVERDUE] + d->by_health[H_DUE] + d->by_health[H_AT_RISK] +
	       d->by_health[H_OFF_TRACK];
}

/* Which departments the chart draws: all, or the DEPTS_MAX with the most to
 * attend to (ties by size), still in the table's order. */
static size_t dept_pick(const struct report_summary *s, bool *drawn)
{
	size_t n = s->ndepts;

	for (size_t i = 0; i < n; i++)
		drawn[i] = true;
	while (n > DEPTS_MAX) {
		size_t worst = SIZE_MAX;
		for (size_t i = 0; i < s->ndepts; i++) {
			const struct report_dept *d = &s->depts[i], *w;
			if (!drawn[i])
				continue;
			w = worst == SIZE_MAX ? NULL : &s->depts[worst];
			if (!w || needs_attention(d) < needs_attention(w) ||
			    (needs_attention(d) == needs_attention(w) && d->total <= w->total))
				worst = i;
		}
		drawn[worst] = false;
		n--;
	}
	return n;
}

void svg_depts(struct strbuf *sb, const struct report_summary *s, const char *lang)
{
	struct dept_layout l = { .max = 1 };
	bool *drawn = xcalloc(s->ndepts ? s->ndepts : 1, sizeof(bool));
	size_t n = dept_pick(s, drawn), row = 0;
	double label = 40, h;

	for (size_t i = 0; i < s->ndepts; i++) {
		const struct report_dept *d = &s->depts[i];
		double w = text_width(d->short_name ? d->short_name : d->name);
		if (!drawn[i])
			continue;
		if (d->total > l.max)
			l.max = d->total;
		if (w > label)
			label = w;
	}
	/* Rows get thinner as departments grow, so the chart stays on a page. */
	l.row = n <= 12 ? 24 : n <= 24 ? 18 : 14;
	l.bar = l.row - 6;
	l.left = (label > 180 ? 180 : label) + 12;
	l.width = DEPTS_W - l.left - 40;
	h = l.row * (double)n + 40;
	strbuf_addf(sb, "<svg class=\"depts\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
		    "role=\"img\" aria-label=\"", DEPTS_W, h, DEPTS_W, h);
	escape_html(sb, report_label(RL_DEPTS, lang));
	strbuf_addstr(sb, "\">");
	for (size_t i = 0; i < s->ndepts; i++)
		if (drawn[i])
			dept_row(sb, &s->depts[i], &l, l.row * (double)row++, lang);
	dept_legend(sb, h - 34, lang);
	strbuf_addstr(sb, "</svg>");
	if (n < s->ndepts) {
		strbuf_addstr(sb, lang[0] == 'z'
			      ? "<p class=\"more\">图中为需关注事项最多的 " STR(DEPTS_MAX)
				" 个单位，全部单位见下表</p>"
			      : "<p class=\"more\">The chart shows the " STR(DEPTS_MAX) " departments with "
				"the most to attend to; the table lists all.</p>");
	}
	free(drawn);
}
