/* report_chart.c - the report's burn-up chart for one commitment outside a
 * report (the server's commitment page), drawn by the same code as the
 * report's (report_svg.c), so the page and the report cannot disagree. */
#include <stdlib.h>

#include "report/report.h"
#include "report/report_svg.h"
#include "util/date.h"
#include "util/banned.h"

void report_burnup_svg(struct strbuf *sb, const struct commitment_record *r, int32_t as_of,
		       const char *lang)
{
	struct report_params p = { .lang = lang, .to = as_of };
	struct report_item it = { .c = r->c, .p = r->p, .last_checkin = DATE_NONE };
	struct series_point *pts = xcalloc(r->ncheckins + 1, sizeof(*pts));
	int y, m, d;

	date_to_ymd(as_of, &y, &m, &d);
	p.from = date_quarter_start(y, date_quarter(as_of));
	it.series = pts;
	it.nseries = effective_series(r->checkins, r->ncheckins, as_of, pts);
	svg_burnup(sb, &it, &p, lang);
	free(pts);
}
