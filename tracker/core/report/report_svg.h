/* report_svg.h - the inline SVG charts of the HTML report: a progress bar
 * with the expected-pace mark, a burn-up chart of a quantitative
 * commitment, and health by department. Text in them is HTML-escaped.
 * Internal to report_html.c. */
#ifndef TRK_REPORT_SVG_H
#define TRK_REPORT_SVG_H

#include "report/report.h"
#include "util/strbuf.h"

/* Appends a bar of it's percent (coloured by health) with a mark at the
 * expected percent (序时进度). */
void svg_progress(struct strbuf *sb, const struct report_item *it, const char *lang);

/* Appends a burn-up chart (the effective values over time against the
 * target and the expected pace), or nothing when it has no target or no
 * window to draw. */
void svg_burnup(struct strbuf *sb, const struct report_item *it,
		const struct report_params *p, const char *lang);

/* Appends stacked bars of the health counts of each department. */
void svg_depts(struct strbuf *sb, const struct report_summary *s, const char *lang);

#endif
