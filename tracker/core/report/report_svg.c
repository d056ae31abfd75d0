#include "report/report_svg.h"

#include <math.h>

#include "util/date.h"
#include "util/escape.h"
#include "report/report_out.h"
#include "util/banned.h"

#define INK "#263238"
#define MUTED "#78909c"

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

	if (c->kind != KIND_QUANTITATIVE || !t->present)
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
	f->left = 56, f->top = 14, f->width = 400, f->height = 150;
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
	format_target(&s, t);
	axis_text(sb, f->left - 4, ty + 4, "end", s.buf + 3);
	strbuf_reset(&s);
	format_number(&s, f->y0);
	axis_text(sb, f->left - 4, f->top + f->height + 4, "end", s.buf);
	axis_text(sb, f->left, f->top + f->height + 16, "start", report_date(f->x0, d, ""));
	axis_text(sb, f->left + f->width, f->top + f->height + 16, "end", report_date(f->x1, d, ""));
	strbuf_release(&s);
}

static void burnup_pace(struct strbuf *sb, const struct frame *f, const struct report_item *it,
			const struct report_params *p, const char *lang)
{
	const struct commitment *c = it->c;
	char d[DATE_BUFSZ];
	double x;

	if (c->window_start != DATE_NONE && c->due != DATE_NONE && c->due > c->window_start)
		strbuf_addf(sb, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\""
			    MUTED "\" stroke-dasharray=\"3 3\"><title>%s</title></line>",
			    fx(f, c->window_start), fy(f, c->target.baseline), fx(f, c->due),
			    fy(f, c->target.value), report_label(RL_PACE, lang));
	if (c->due != DATE_NONE && c->due <= f->x1) {
		x = fx(f, c->due);
		strbuf_addf(sb, "<line x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.0f\" stroke=\"%s\" "
			    "stroke-dasharray=\"4 2\"/><text x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\">"
			    "%s</text>", x, f->top, x, f->top + f->height, report_health_color(H_OVERDUE),
			    x, f->top + f->height + 28, report_label(RL_DUE, lang));
	}
	x = fx(f, p->to);
	strbuf_addf(sb, "<line x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.0f\" stroke=\"" INK
		    "\" stroke-width=\"1\"/>", x, f->top, x, f->top + f->height);
	strbuf_addf(sb, "<text x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\">%s %s</text>", x,
		    f->top - 3, report_label(RL_AS_OF, lang), report_date(p->to, d, ""));
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
	if (it->p->has_forecast && it->p->forecast <= f->x1)
		strbuf_addf(sb, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
			    "stroke-dasharray=\"1 4\" stroke-width=\"2\"><title>%s %s</title></line>",
			    fx(f, pt[it->nseries - 1].as_of), fy(f, pt[it->nseries - 1].value),
			    fx(f, it->p->forecast), fy(f, it->c->target.value), color,
			    report_label(RL_FORECAST, lang), report_date(it->p->forecast, d, ""));
}

void svg_burnup(struct strbuf *sb, const struct report_item *it,
		const struct report_params *p, const char *lang)
{
	struct frame f;

	if (!burnup_frame(it, p, &f))
		return;
	strbuf_addstr(sb, "<svg class=\"burnup\" width=\"480\" height=\"200\" viewBox=\"0 0 480 200\" "
		      "role=\"img\" aria-label=\"");
	escape_html(sb, report_label(RL_BURNUP, lang));
	strbuf_addstr(sb, "\">");
	burnup_axes(sb, &f, it, lang);
	burnup_pace(sb, &f, it, p, lang);
	burnup_series(sb, &f, it, lang);
	strbuf_addstr(sb, "</svg>");
}

/* The order health is stacked in: good news first. */
static const enum health stack[H__COUNT] = {
	H_DONE, H_ON_TRACK, H_AT_RISK, H_OFF_TRACK, H_OVERDUE, H_NOT_STARTED, H_NO_DATA,
	H_CANCELLED,
};

static void dept_row(struct strbuf *sb, const struct report_dept *d, int max, double y,
		     const char *lang)
{
	const double left = 230, width = 420;
	double x = left;

	strbuf_addf(sb, "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">", left - 8, y + 13);
	escape_html(sb, d->name);
	strbuf_addstr(sb, "</text>");
	for (int i = 0; i < H__COUNT; i++) {
		int n = d->by_health[stack[i]];
		double w = width * n / max;
		if (!n)
			continue;
		strbuf_addf(sb, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"18\" fill=\"%s\">"
			    "<title>", x, y, w, report_health_color(stack[i]));
		escape_html(sb, d->name);
		strbuf_addf(sb, " · %s %d</title></rect>", health_label(stack[i], lang), n);
		x += w;
	}
	strbuf_addf(sb, "<text x=\"%.1f\" y=\"%.1f\">%d</text>", x + 6, y + 13, d->total);
}

static void dept_legend(struct strbuf *sb, double y, const char *lang)
{
	double x = 230;

	for (int i = 0; i < H__COUNT; i++) {
		strbuf_addf(sb, "<rect x=\"%.0f\" y=\"%.0f\" width=\"10\" height=\"10\" fill=\"%s\"/>"
			    "<text x=\"%.0f\" y=\"%.0f\">%s</text>", x, y, report_health_color(stack[i]),
			    x + 14, y + 9, health_label(stack[i], lang));
		x += lang[0] == 'z' ? 72 : 84;
	}
}

void svg_depts(struct strbuf *sb, const struct report_summary *s, const char *lang)
{
	double h = 26.0 * (double)s->ndepts + 34;
	int max = 1;

	for (size_t i = 0; i < s->ndepts; i++)
		if (s->depts[i].total > max)
			max = s->depts[i].total;
	strbuf_addf(sb, "<svg class=\"depts\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
		    "role=\"img\" aria-label=\"", 920.0, h, 920.0, h);
	escape_html(sb, report_label(RL_DEPTS, lang));
	strbuf_addstr(sb, "\">");
	for (size_t i = 0; i < s->ndepts; i++)
		dept_row(sb, &s->depts[i], max, 26.0 * (double)i, lang);
	dept_legend(sb, h - 22, lang);
	strbuf_addstr(sb, "</svg>");
}
