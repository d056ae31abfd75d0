/* cmd_report.c - `tracker report`: the quarterly status report in JSON,
 * HTML, Markdown or CSV. Everything is checked before the output file is
 * opened, and the file appears only when the whole report was written. */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "outfile.h"
#include "select.h"
#include "util/date.h"
#include "store/chain.h"
#include "report/report.h"
#include "util/banned.h"

struct report_opts {
	struct select_opts sel;
	const char *quarter, *from, *to, *format, *lang, *known_at, *out;
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

static int parse_lang(const char *s, const char **out, struct trk_error *err)
{
	if (!s) {
		*out = default_lang();
		return 0;
	}
	if (strcmp(s, "zh") && strcmp(s, "en"))
		return trk_err(err, TRK_EUSAGE, "--lang: unknown language '%s' (zh or en)", s);
	*out = s;
	return 0;
}

static int quarter_period(const char *q, struct report_params *p, char *label,
			  struct trk_error *err)
{
	int32_t today;
	int year, n, rc;

	if (q) {
		if ((rc = quarter_parse(q, &year, &n, err)))
			return rc;
	} else {
		int m, d;
		if ((rc = clock_today(&today, err)))
			return rc;
		date_to_ymd(today, &year, &m, &d);
		n = (m - 1) / 3 + 1;
	}
	p->from = date_quarter_start(year, n);
	p->to = date_quarter_end(year, n);
	snprintf(label, 32, "%04dQ%d", year, n);
	return 0;
}

/* --quarter, or --from and --to together; the default is this quarter. */
static int parse_period(const struct report_opts *o, struct report_params *p, char *label,
			struct trk_error *err)
{
	char from[DATE_BUFSZ], to[DATE_BUFSZ];
	int rc;

	if (o->quarter && (o->from || o->to))
		return trk_err(err, TRK_EUSAGE, "--quarter cannot be combined with --from/--to");
	if (!o->from && !o->to)
		return quarter_period(o->quarter, p, label, err);
	if (!o->from || !o->to)
		return trk_err(err, TRK_EUSAGE, "--from and --to go together");
	if ((rc = date_parse(o->from, &p->from, "--from", err)) ||
	    (rc = date_parse(o->to, &p->to, "--to", err)))
		return rc;
	date_format(p->from, from);
	date_format(p->to, to);
	if (p->from > p->to)
		return trk_err(err, TRK_EINPUT, "--from %s is after --to %s", from, to);
	snprintf(label, 32, "%s..%s", from, to);
	return 0;
}

/* --as-known-at fixes both what counts and the "generated" stamp, so the
 * same command gives the same bytes later. */
static int parse_moment(const char *known_at, char *known, char *generated,
			struct trk_error *err)
{
	int64_t t;
	int rc;

	if (!known_at)
		return clock_timestamp(generated, err);
	if ((rc = timestamp_parse(known_at, &t, "--as-known-at", err)))
		return rc;
	timestamp_format(t, known);
	memcpy(generated, known, TIMESTAMP_BUFSZ);
	return 0;
}

static int check_key(struct store *st, const char *key, struct trk_error *err)
{
	int64_t id;

	return key ? store_commitment_id(st, key, &id, err) : 0;
}

static int run_report(struct cmd_ctx *ctx, struct report_opts *o, struct report_params *p,
		      int fmt, struct trk_error *err)
{
	char head[CHAIN_HEAD_HEXSZ];
	struct outfile of;
	struct store *st;
	struct view v;
	char *owner = NULL;
	int rc;

	/* The head of the record as known when the report is made, so a
	 * reader can later tell whether that record was rewritten. */
	if ((rc = cmd_store(ctx, &st, err)) ||
	    (rc = select_build(st, &o->sel, &p->filter, &v, &owner, err)) ||
	    (rc = check_key(st, o->sel.key, err)) ||
	    (rc = store_chain_head(st, p->generated_at, head, err)))
		goto out;
	p->chain_head = head;
	p->health = v.health;
	if ((rc = report_check_period(st, p, err)) ||
	    (rc = outfile_open(&of, o->out, ctx->out, err)))
		goto out;
	rc = report_run(st, p, (enum report_format)fmt, of.f, err);
	rc = outfile_close(&of, rc, err);
out:
	free(owner);
	return rc;
}

int cmd_report(int argc, char **argv, struct cmd_ctx *ctx, struct trk_error *err)
{
	struct report_opts o = { .format = "md" };
	struct opt opts[] = {
		SELECT_OPTS(o.sel),
		{ "quarter", OPT_STRING, &o.quarter }, { "from", OPT_STRING, &o.from },
		{ "to", OPT_STRING, &o.to }, { "format", OPT_STRING, &o.format },
		{ "lang", OPT_STRING, &o.lang }, { "as-known-at", OPT_STRING, &o.known_at },
		{ "out", OPT_STRING, &o.out }, { NULL, 0, NULL }
	};
	struct report_params p = { 0 };
	char label[32], known[TIMESTAMP_BUFSZ], generated[TIMESTAMP_BUFSZ];
	bool help;
	int fmt, rc;

	if ((rc = opts_parse(argc, argv, opts, NULL, 0, 0, NULL, &help, err)))
		goto out;
	if (o.sel.as_of) {
		rc = trk_err(err, TRK_EUSAGE, "--as-of: a report is as of its period's last day "
			     "(use --quarter or --to)");
		goto out;
	}
	if ((fmt = report_format_parse(o.format)) < 0) {
		rc = trk_err(err, TRK_EUSAGE, "--format: unknown format '%s' (json, html, md, csv)",
			     o.format);
		goto out;
	}
	if ((rc = parse_lang(o.lang, &p.lang, err)) || (rc = parse_period(&o, &p, label, err)) ||
	    (rc = parse_moment(o.known_at, known, generated, err)))
		goto out;
	p.label = label;
	p.known_at = o.known_at ? known : NULL;
	p.generated_at = generated;
	rc = run_report(ctx, &o, &p, fmt, err);
out:
	select_release(&o.sel);
	return rc;
}
