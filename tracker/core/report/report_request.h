/* report_request.h - a report as people ask for it: the period (a quarter,
 * or from/to, default this quarter), the format, the language, the moment
 * it is known at, and which commitments. The CLI's options and the
 * server's URL give the same text, and get the same report or error. */
#ifndef TRK_REPORT_REQUEST_H
#define TRK_REPORT_REQUEST_H

#include "record/select.h"
#include "report/report.h"
#include "util/date.h"
#include "util/digest.h"

struct report_request {
	struct selection sel;
	const char *quarter, *from, *to;
	const char *format;           /* default "md" */
	const char *lang;             /* "zh" or "en" (required) */
	const char *as_known_at;      /* NULL: everything, generated now */
	bool detail;                  /* every commitment in full (HTML, Markdown) */
};

/* What a request resolves to; owns every string its params point to. */
struct report_job {
	struct report_params params;
	enum report_format format;
	struct selection_hold hold;
	char label[48];
	char known_at[TIMESTAMP_BUFSZ], generated_at[TIMESTAMP_BUFSZ];
	char head[DIGEST_HEXSZ];      /* filled by the time report_run() finishes */
	struct chain_head_job *head_job;
	struct settings settings;     /* as of known_at */
};

/* Checks every part of r against st and fills job, including the chain
 * head of the record as known when the report is made (so a reader can
 * later tell whether that record was rewritten). */
int report_job_prepare(struct store *st, const struct report_request *r, struct report_job *job,
		       struct trk_error *err);
void report_job_release(struct report_job *job);

#endif
