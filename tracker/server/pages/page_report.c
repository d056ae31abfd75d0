/* page_report.c - /reports/{period}: the quarterly report's HTML as
 * `tracker report --format html` makes it (api_report_answer, the API's
 * code), with a bar on top: back to the commitments, the period picker,
 * and the same report as JSON, CSV and Markdown (/reports/{period}.{fmt},
 * signed in with the session). /reports goes to this quarter. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/api.h"
#include "server/pages/page.h"
#include "server/route.h"
#include "util/date.h"
#include "util/banned.h"

static void quarter_name(int32_t day, char out[8])
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	snprintf(out, 8, "%04dQ%d", y % 10000, date_quarter(day));
}

/* The quarters from the first letter's to today's, newest first. */
static void period_picker(struct page *pg, const char *current)
{
	struct trk_error err;
	int32_t first = DATE_NONE, today, day;
	int count = 0, y, m, d;
	char q[8];

	if (clock_today(&today, &err) ||
	    store_letters_span(pg->r->st, NULL, NULL, &count, &first, &err) || first == DATE_NONE)
		first = today = DATE_NONE;
	html_raw(pg->sb, "<form method=\"get\" action=\"/reports\"><label for=\"period\">");
	html_text(pg->sb, tr(pg, "季度", "Quarter"));
	html_raw(pg->sb, "</label><select id=\"period\" name=\"period\">");
	for (day = today; first != DATE_NONE && day >= first;) {
		quarter_name(day, q);
		html_raw(pg->sb, "<option value=\"");
		html_text(pg->sb, q);
		html_raw(pg->sb, !strcmp(q, current) ? "\" selected>" : "\">");
		html_text(pg->sb, q);
		html_raw(pg->sb, "</option>");
		date_to_ymd(day, &y, &m, &d);
		day = date_quarter_start(y, date_quarter(day)) - 1;
	}
	html_raw(pg->sb, "</select><button type=\"submit\">");
	html_text(pg->sb, tr(pg, "查看", "Show"));
	html_raw(pg->sb, "</button></form>");
}

static void download(struct page *pg, const char *period, const char *ext, const char *label)
{
	struct strbuf suffix = STRBUF_INIT;

	strbuf_addf(&suffix, ".%s?lang=%s", ext, pg->lang);
	html_raw(pg->sb, "<a href=\"");
	html_href(pg->sb, "/reports/", period, suffix.buf);
	html_raw(pg->sb, "\" download>");
	html_text(pg->sb, label);
	html_raw(pg->sb, "</a>");
	strbuf_release(&suffix);
}

static void bar(struct page *pg, const char *period)
{
	html_raw(pg->sb, "<nav class=\"report-bar\" aria-label=\"");
	html_text(pg->sb, tr(pg, "报告", "Report"));
	html_raw(pg->sb, "\"><a href=\"/\">");
	html_text(pg->sb, tr(pg, "← 我的承诺", "← My commitments"));
	html_raw(pg->sb, "</a>");
	period_picker(pg, period);
	html_text(pg->sb, tr(pg, "下载：", "Download:"));
	download(pg, period, "json", "JSON");
	download(pg, period, "csv", "CSV");
	download(pg, period, "md", "Markdown");
	html_raw(pg->sb, "</nav>");
}

/* The bar goes in after <body>, our style sheet before the report's own
 * (so the report's look wins where both speak). */
static void frame(struct page *pg, const char *period)
{
	struct strbuf doc = STRBUF_INIT, *out = pg->sb;
	const char *head, *body, *end;

	strbuf_add(&doc, out->buf, out->len);
	head = strstr(doc.buf, "<head>");
	body = head ? strstr(head, "<body") : NULL;
	end = body ? strchr(body, '>') : NULL;
	if (!end) {
		strbuf_release(&doc);
		return;   /* not the document expected: left as it is */
	}
	strbuf_reset(out);
	strbuf_add(out, doc.buf, (size_t)(head + 6 - doc.buf));
	html_raw(out, "\n<link rel=\"stylesheet\" href=\"/static/style.css\">");
	strbuf_add(out, head + 6, (size_t)(end + 1 - (head + 6)));
	bar(pg, period);
	strbuf_addstr(out, end + 1);
	strbuf_release(&doc);
}

static int report(struct request *r)
{
	struct page pg;

	page_init(&pg, r);
	if (api_report_answer(r, r->params[0], "html", pg.lang) || r->status != 200)
		return -1;
	frame(&pg, r->params[0]);
	return 0;
}

static int reports(struct request *r)
{
	const char *period = req_query(r, "period");
	struct strbuf loc = STRBUF_INIT;
	struct trk_error err;
	int32_t today;
	char q[8];
	int rc;

	if (!period) {
		if (clock_today(&today, &err))
			return resp_trk_error(r, &err);
		quarter_name(today, q);
		period = q;
	}
	strbuf_addstr(&loc, "/reports/");
	url_encode(&loc, period);
	rc = resp_redirect(r, loc.buf);
	strbuf_release(&loc);
	return rc;
}

const struct route route_page_reports = {
	"GET", "/reports", ACCESS_READ, ROUTE_PAGE, "the report of this quarter (or ?period=)",
	reports,
};
const struct route route_page_report = {
	"GET", "/reports/{period}", ACCESS_READ, ROUTE_PAGE,
	"the quarterly report with the period picker and the downloads", report,
};
