/* cmd_check.c - `tracker check`: is the database sound and its record the
 * one that was written? `--head` prints the chain head. */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "record/chain_head.h"
#include "record/check.h"
#include "util/jsonw.h"
#include "util/moment.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/banned.h"

struct check_opts {
	bool json, head;
	const char *as_known_at, *report;
};

static const struct option_spec options[] = {
	{ "json", OPT_FLAG, offsetof(struct check_opts, json), NULL, "findings as JSON",
	  VAL_TEXT, NULL },
	{ "head", OPT_FLAG, offsetof(struct check_opts, head), NULL, "print the chain head (one "
	  "hash of the whole record)", VAL_TEXT, NULL },
	{ "as-known-at", OPT_STRING, offsetof(struct check_opts, as_known_at), "WHEN", "the head "
	  "as the record stood then (a UTC timestamp, or a date: the end of that day)",
	  VAL_TIMESTAMP, NULL },
	{ "report", OPT_STRING, offsetof(struct check_opts, report), "FILE", "is the record "
	  "behind this JSON report (as it was sent) still the same?", VAL_FILE, NULL },
	{ NULL, 0, 0, NULL, NULL, 0, NULL },
};

struct check_out {
	FILE *out;
	bool json;
	int printed;
};

/* "checkin_chain 211-05 #3: hash does not match ..." - text from the
 * database is made inert for the terminal. */
static void finding_text(struct strbuf *sb, const struct check_finding *f)
{
	strbuf_addstr(sb, check_kind_name(f->kind));
	if (f->key) {
		strbuf_addch(sb, ' ');
		utf8_add_terminal(sb, f->key, 0);
	}
	if (f->seq)
		strbuf_addf(sb, " #%d", f->seq);
	strbuf_addstr(sb, ": ");
	utf8_add_terminal(sb, f->message, 0);
	strbuf_addch(sb, '\n');
}

/* Findings are streamed, not collected: a badly damaged database does not
 * make the output a memory problem. */
static void finding_json(struct strbuf *sb, const struct check_finding *f, bool first)
{
	struct jsonw w;

	strbuf_addstr(sb, first ? "\n    " : ",\n    ");
	jsonw_init(&w, sb, false);
	jsonw_object(&w, NULL);
	jsonw_string(&w, "check", check_kind_name(f->kind));
	jsonw_string(&w, "key", f->key);
	if (f->seq)
		jsonw_int(&w, "seq", f->seq);
	else
		jsonw_null(&w, "seq");
	jsonw_string(&w, "message", f->message);
	jsonw_end(&w);
}

static int on_finding(const struct check_finding *f, void *arg, struct trk_error *err)
{
	struct check_out *o = arg;
	struct strbuf sb = STRBUF_INIT;
	int rc = 0;

	if (o->json)
		finding_json(&sb, f, !o->printed++);
	else
		finding_text(&sb, f);
	if (fwrite(sb.buf, 1, sb.len, o->out) != sb.len)
		rc = trk_err(err, TRK_EIO, "cannot write output: %s", strerror(errno));
	strbuf_release(&sb);
	return rc;
}

static int print_head(struct cmd_ctx *ctx, const char *as_known_at, struct trk_error *err)
{
	char ts[TIMESTAMP_BUFSZ], head[DIGEST_HEXSZ];
	struct store *st;
	int rc;

	if ((as_known_at && (rc = moment_parse(as_known_at, "as_known_at", ts, err))) ||
	    (rc = cmd_store(ctx, &st, err)) ||
	    (rc = chain_head(st, as_known_at ? ts : NULL, head, err)))
		return rc;
	fprintf(ctx->out, "%s\n", head);
	return 0;
}

static int run(struct cmd_ctx *ctx, void *opts, char **args, int nargs, struct trk_error *err)
{
	const struct check_opts *o = opts;
	struct check_out out = { .out = ctx->out, .json = o->json };
	struct store *st;
	int n = 0, rc;

	(void)args, (void)nargs;
	if (o->as_known_at && !o->head)
		return trk_err(err, TRK_EUSAGE, "--as-known-at goes with --head");
	if (o->head)
		return print_head(ctx, o->as_known_at, err);
	if (o->report && o->head)
		return trk_err(err, TRK_EUSAGE, "--report and --head exclude each other");
	if ((rc = cmd_store(ctx, &st, err)))
		return rc;
	if (o->json)
		fputs("{\n  \"findings\": [", ctx->out);
	if (o->report)
		rc = check_report(st, o->report, on_finding, &out, &n, err);
	else
		rc = check_run(st, on_finding, &out, &n, err);
	if (o->json)
		fprintf(ctx->out, "%s],\n  \"count\": %d,\n  \"ok\": %s\n}\n", n ? "\n  " : "", n,
			!rc && !n ? "true" : "false");
	if (rc)
		return rc;
	if (n)
		return trk_err(err, TRK_EFINDING, "check: %d problem%s found", n, n == 1 ? "" : "s");
	fputs(o->report ? _("check: the record behind the report is unchanged\n")
			: _("check: no problems found\n"), ctx->msg);
	return 0;
}

const struct command cmd_check = {
	.name = "check",
	.summary = "check integrity, the journal and the tamper-evident chains",
	.options = options,
	.opts_size = sizeof(struct check_opts),
	.description = "Exit status 9 when anything is found; each finding names what is wrong "
		       "and where. With --report, the report is made again from the record as it "
		       "was known when the report was made, and every difference is a finding: a "
		       "report once sent is the outside anchor of the record.",
	.run = run,
};
