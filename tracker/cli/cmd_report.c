/* cmd_report.c - `tracker report`: the quarterly status report in JSON,
 * HTML, Markdown or CSV. Everything is checked before the output file is
 * opened, and the file appears only when the whole report was written. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "filters.h"
#include "report/report_request.h"
#include "util/outfile.h"
#include "util/banned.h"

struct report_opts {
	struct filter_opts filters;
	const char *quarter, *from, *to, *format, *lang, *known_at, *out;
	bool detail;
};

#define R(field) offsetof(struct report_opts, field)

static const struct option_spec options[] = {
	{ "quarter", OPT_STRING, R(quarter), "QUARTER", "the period, e.g. 2023Q3 (default: "
	  "this quarter)", VAL_TEXT, NULL },
	{ "from", OPT_STRING, R(from), "DATE", "another period's first day (with --to)",
	  VAL_DATE, NULL },
	{ "to", OPT_STRING, R(to), "DATE", "its last day", VAL_DATE, NULL },
	{ "format", OPT_STRING, R(format), "FORMAT", "md (default), html, json, csv or docx "
	  "(the bulletin in 公文 layout, with --out)", VAL_WORDS, "md|html|json|csv|docx" },
	{ "lang", OPT_STRING, R(lang), "LANG", "zh or en (default from LC_ALL, LC_MESSAGES, "
	  "LANG)", VAL_WORDS, "zh|en" },
	{ "as-known-at", OPT_STRING, R(known_at), "WHEN", "the report exactly as it was then "
	  "(a UTC timestamp, or a date: the end of that day)", VAL_TIMESTAMP, NULL },
	{ "detail", OPT_FLAG, R(detail), NULL, "every commitment in full, however many",
	  VAL_TEXT, NULL },
	{ "out", OPT_STRING, R(out), "FILE", "write to FILE (atomically)", VAL_FILE, NULL },
	{ NULL, 0, 0, NULL, NULL, 0, NULL },
};

static const struct option_group groups[] = {
	{ filter_options, offsetof(struct report_opts, filters), "filters" },
	{ NULL, 0, NULL },
};

/* LC_ALL, then LC_MESSAGES, then LANG, as setlocale() would choose. */
static const char *default_lang(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };

	for (size_t i = 0; i < 3; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return strncmp(v, "zh", 2) ? "en" : "zh";
	}
	return "en";
}

static int run(struct cmd_ctx *ctx, void *opts, char **args, int nargs, struct trk_error *err)
{
	const struct report_opts *o = opts;
	struct report_request r = {
		.quarter = o->quarter, .from = o->from, .to = o->to, .format = o->format,
		.lang = o->lang ? o->lang : default_lang(), .as_known_at = o->known_at,
		.detail = o->detail,
	};
	struct report_job job;
	struct outfile of;
	struct store *st;
	int rc;

	(void)args, (void)nargs;
	filter_selection(&o->filters, &r.sel);
	/* A document is bytes for a word processor, not for a terminal. */
	if (o->format && !strcmp(o->format, "docx") && !o->out && isatty(fileno(ctx->out)))
		return trk_err(err, TRK_EUSAGE, "--format docx writes a Word document: give --out "
			       "FILE.docx (or redirect standard output)");
	if ((rc = cmd_store(ctx, &st, err)))
		return rc;
	if (!(rc = report_job_prepare(st, &r, &job, err)) &&
	    !(rc = outfile_open(&of, o->out, ctx->out, err))) {
		rc = report_run(st, &job.params, job.format, of.f, err);
		rc = outfile_close(&of, rc, err);
	}
	report_job_release(&job);
	return rc;
}

const struct command cmd_report = {
	.name = "report",
	.summary = "the quarterly status report (Markdown, HTML, JSON, CSV, or a Word bulletin)",
	.options = options,
	.groups = groups,
	.opts_size = sizeof(struct report_opts),
	.run = run,
};
