/* report_request.c - a report as people ask for it (see report_request.h). */
#include "report/report_request.h"

#include <stdio.h>
#include <string.h>

#include "record/chain_head.h"
#include "util/moment.h"
#include "util/banned.h"

static int quarter_period(const char *q, struct report_job *job, struct trk_error *err)
{
	int32_t today;
	int year, n, m, d, rc;

	if (q) {
		if ((rc = quarter_parse(q, &year, &n, err)))
			return rc;
	} else {
		if ((rc = clock_today(&today, err)))
			return rc;
		date_to_ymd(today, &year, &m, &d);
		n = (m - 1) / 3 + 1;
	}
	job->params.from = date_quarter_start(year, n);
	job->params.to = date_quarter_end(year, n);
	snprintf(job->label, sizeof(job->label), "%04dQ%d", year, n);
	return 0;
}

static int parse_period(const struct report_request *r, struct report_job *job,
			struct trk_error *err)
{
	char from[DATE_BUFSZ], to[DATE_BUFSZ];
	int rc;

	if (r->quarter && (r->from || r->to))
		return trk_err_field(err, TRK_EINPUT, "quarter", "give a quarter or from and to, "
				     "not both");
	if (!r->from && !r->to)
		return quarter_period(r->quarter, job, err);
	if (!r->from || !r->to)
		return trk_err_field(err, TRK_EINPUT, r->from ? "to" : "from", "from and to go "
				     "together");
	if ((rc = selection_date(r->from, "from", &job->params.from, err)) ||
	    (rc = selection_date(r->to, "to", &job->params.to, err)))
		return rc;
	date_format(job->params.from, from);
	date_format(job->params.to, to);
	if (job->params.from > job->params.to)
		return trk_err_field(err, TRK_EINPUT, "from", "%s is after to (%s)", from, to);
	snprintf(job->label, sizeof(job->label), "%s..%s", from, to);
	return 0;
}

/* as_known_at fixes both what counts and the "generated" stamp, so the same
 * request gives the same bytes later. */
static int parse_moment(const struct report_request *r, struct report_job *job,
			struct trk_error *err)
{
	int rc;

	if (!r->as_known_at)
		return clock_timestamp(job->generated_at, err);
	if ((rc = moment_parse(r->as_known_at, "as_known_at", job->known_at, err)))
		return rc;
	memcpy(job->generated_at, job->known_at, TIMESTAMP_BUFSZ);
	job->params.known_at = job->known_at;
	return 0;
}

static int parse_format(const struct report_request *r, struct report_job *job,
			struct trk_error *err)
{
	int fmt = report_format_parse(r->format ? r->format : "md");

	if (fmt < 0)
		return trk_err_field(err, TRK_EINPUT, "format", "unknown format '%.20s' (json, "
				     "html, md, csv, docx)", r->format);
	if (!r->lang || (strcmp(r->lang, "zh") && strcmp(r->lang, "en")))
		return trk_err_field(err, TRK_EINPUT, "lang", "unknown language '%.20s' (zh or en)",
				     r->lang ? r->lang : "");
	job->format = (enum report_format)fmt;
	job->params.lang = r->lang;
	return 0;
}

int report_job_prepare(struct store *st, const struct report_request *r, struct report_job *job,
		       struct trk_error *err)
{
	struct settings s;
	struct query q;
	int rc;

	memset(job, 0, sizeof(*job));
	if ((rc = parse_format(r, job, err)) || (rc = parse_period(r, job, err)) ||
	    (rc = parse_moment(r, job, err)) ||
	    (rc = selection_to_query(st, &r->sel, &q, &job->hold, err)))
		return rc;
	if (r->sel.as_of)
		return trk_err_field(err, TRK_EINPUT, "as_of", "a report is as of its period's last "
				     "day: choose the period instead");
	if (r->sel.key && !store_commitment_exists(st, r->sel.key))
		return trk_err_field(err, TRK_ENOTFOUND, "key", "no commitment '%s'", r->sel.key);
	job->params.label = job->label;
	job->params.generated_at = job->generated_at;
	job->params.filter = q.f;
	job->params.detail = r->detail;
	/* The thresholds as they were then: a report once sent comes out the
	 * same after the settings change. */
	if ((rc = store_settings(st, job->params.known_at, &s, err)))
		return rc;
	job->params.health = s.health;
	job->settings = s;
	job->params.settings = &job->settings;
	/* Only where a reader can check the record against it, and beside
	 * the report: reading every chain's last links was a sixth of it. */
	if (report_format_sealed(job->format)) {
		if ((rc = chain_head_start(st, job->generated_at, job->head, &job->head_job, err)))
			return rc;
		job->params.chain_head = job->head;
		job->params.chain_head_job = job->head_job;
	}
	return report_check_period(st, &job->params, err);
}

void report_job_release(struct report_job *job)
{
	chain_head_free(job->head_job);
	job->head_job = NULL;
	selection_hold_release(&job->hold);
}
