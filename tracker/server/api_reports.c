/* api_reports.c - /api/v1/reports/{period}.{format}: the quarterly report
 * as `tracker report --quarter PERIOD --format FORMAT` writes it, made by
 * the same code (report/report_request.h), with the same options as query
 * parameters (lang, as_known_at, owner, letter, detail). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "report/report_request.h"
#include "server/api.h"
#include "server/route.h"
#include "util/strbuf.h"
#include "util/banned.h"

static const char *content_type(enum report_format f)
{
	switch (f) {
	case REPORT_JSON: return "application/json; charset=utf-8";
	case REPORT_HTML: return "text/html; charset=utf-8";
	case REPORT_CSV:  return "text/csv; charset=utf-8";
	default:          return "text/markdown; charset=utf-8";
	}
}

/* A viewer limited to letters reports on one of them: the one it names,
 * or its only one. */
static int viewer_letter(struct request *r, struct report_request *q)
{
	const struct strlist *mine = r->actor.letters;
	char *doc_no = NULL;
	struct trk_error err;
	bool ok;

	if (!mine)
		return 0;
	if (!q->sel.letter) {
		if (mine->n == 1) {
			q->sel.letter = mine->items[0];
			return 0;
		}
		return resp_error(r, 403, "forbidden", "letter", "name one of your letters "
				  "(?letter=...)"), -1;
	}
	if (store_letter_resolve(r->st, q->sel.letter, &doc_no, &err))
		return resp_trk_error(r, &err), -1;
	ok = strlist_has(mine, doc_no);
	free(doc_no);
	if (!ok)
		return resp_error(r, 403, "forbidden", "letter", "%s may read only its own letters",
				  r->user.name), -1;
	return 0;
}

/* The report is written to memory, then answered whole: a report that
 * fails halfway is an error, never half a document. */
static int make(struct request *r, struct report_job *job)
{
	struct trk_error err;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int rc;

	if (!f)
		return resp_error(r, 503, "out_of_memory", NULL, "no memory for the report");
	rc = report_run(r->st, &job->params, job->format, f, &err);
	if (fclose(f) && !rc)
		rc = trk_err(&err, TRK_ENOMEM, "no memory for the report");
	if (!rc) {
		strbuf_reset(&r->out);
		strbuf_add(&r->out, buf, len);
	}
	free(buf);
	if (rc)
		return resp_trk_error(r, &err);
	return resp_body(r, 200, content_type(job->format));
}

static int report(struct request *r)
{
	static const char *const allowed[] = { "lang", "as_known_at", "owner", "letter", "detail",
					       NULL };
	const char *detail = req_query(r, "detail");
	struct report_request q = {
		.quarter = r->params[0], .format = r->params[1],
		.lang = req_query(r, "lang") ? req_query(r, "lang") : "zh",
		.as_known_at = req_query(r, "as_known_at"),
		.detail = detail && (!strcmp(detail, "1") || !strcmp(detail, "true")),
	};
	struct report_job job;
	struct trk_error err;
	int rc;

	if (api_check_query(r, allowed))
		return -1;
	q.sel.owner = req_query(r, "owner");
	q.sel.letter = req_query(r, "letter");
	if (report_format_parse(q.format) < 0)
		return resp_error(r, 404, "not_found", "format", "no report format '%s' (json, html, "
				  "md, csv)", q.format);
	if (viewer_letter(r, &q))
		return -1;
	if ((rc = report_job_prepare(r->st, &q, &job, &err)))
		rc = resp_trk_error(r, &err);
	else
		rc = make(r, &job);
	report_job_release(&job);
	return rc;
}

const struct route route_report = {
	"GET", "/api/v1/reports/{period}.{format}", ACCESS_READ, ROUTE_API,
	"the quarterly report (json, html, md, csv), as tracker report makes it", report,
};
