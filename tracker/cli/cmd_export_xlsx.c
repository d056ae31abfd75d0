/* cmd_export_xlsx.c - `tracker export xlsx` and `tracker export csv`: the
 * ledger (台账) a supervision office sends to departments to fill in, as a
 * workbook or as CSV (record/ledger.h). One file, two table entries: the
 * two formats take the same options and differ only in the writer. */
#include <stddef.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "filters.h"
#include "record/ledger.h"
#include "util/outfile.h"
#include "util/strbuf.h"
#include "util/banned.h"

struct ledger_opts {
	struct filter_opts filters;
	const char *out, *by;
};

static const struct option_spec options[] = {
	{ "out", OPT_STRING, offsetof(struct ledger_opts, out), "FILE", "write to FILE "
	  "(atomically)", VAL_FILE, NULL },
	{ "by", OPT_STRING, offsetof(struct ledger_opts, by), "NAME", "who exports, as the "
	  "ledger records it (default: your account name)", VAL_TEXT, NULL },
	{ NULL, 0, 0, NULL, NULL, 0, NULL },
};

static const struct option_group groups[] = {
	{ filter_options, offsetof(struct ledger_opts, filters), "filters" },
	{ NULL, 0, NULL },
};

/* The selection as the ledger's origin records it: "owner=经信局 open_only". */
static void describe(const struct filter_opts *f, struct strbuf *sb)
{
	const struct { const char *name, *value; } parts[] = {
		{ "key", f->key }, { "owner", f->owner }, { "letter", f->letter },
		{ "kind", f->kind }, { "tag", f->tag }, { "due_before", f->due_before },
		{ "due_after", f->due_after }, { "as_of", f->as_of },
	};

	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		if (parts[i].value)
			strbuf_addf(sb, "%s%s=%s", sb->len ? " " : "", parts[i].name, parts[i].value);
	for (size_t i = 0; i < f->status.n; i++)
		strbuf_addf(sb, "%sstatus=%s", sb->len ? " " : "", f->status.items[i]);
	for (size_t i = 0; i < f->health.n; i++)
		strbuf_addf(sb, "%shealth=%s", sb->len ? " " : "", f->health.items[i]);
	if (f->open_only)
		strbuf_addf(sb, "%sopen_only", sb->len ? " " : "");
}

static int export_ledger(struct cmd_ctx *ctx, const struct ledger_opts *o,
			 enum ledger_format fmt, struct trk_error *err)
{
	struct strbuf sel = STRBUF_INIT;
	struct ledger_export_stats n;
	struct selection_hold hold = { NULL, NULL };
	struct selection s;
	struct outfile of;
	struct query q;
	struct actor a;
	struct store *st;
	int rc;

	if (fmt == LEDGER_XLSX && !o->out)
		return trk_err(err, TRK_EUSAGE, "a workbook needs a file: give --out FILE.xlsx");
	filter_selection(&o->filters, &s);
	cmd_actor(ctx, o->by, &a);
	describe(&o->filters, &sel);
	struct ledger_export_info info = { a.name, sel.buf };
	if ((rc = cmd_store(ctx, &st, err)) || (rc = selection_to_query(st, &s, &q, &hold, err)))
		goto out;
	if (fmt == LEDGER_XLSX) {
		rc = ledger_export_xlsx(st, &q, &info, o->out, &n, err);
	} else if (!(rc = outfile_open(&of, o->out, ctx->out, err))) {
		rc = ledger_export_csv(st, &q, &info, of.f, &n, err);
		rc = outfile_close(&of, rc, err);
	}
	if (!rc && fmt == LEDGER_XLSX)
		/* TRANSLATORS: each %s after a count is the English plural "s". */
		fprintf(ctx->msg, _("%s: exported a ledger of %d commitment%s on %d sheet%s (one "
			"per department)\n"), o->out, n.commitments, n.commitments == 1 ? "" : "s",
			n.sheets, n.sheets == 1 ? "" : "s");
	else if (!rc)
		/* TRANSLATORS: the first two %s are the file and ": " (or nothing);
		 * the last is the English plural "s". */
		fprintf(ctx->msg, _("%s%sexported a ledger of %d commitment%s\n"), o->out ? o->out : "",
			o->out ? ": " : "", n.commitments, n.commitments == 1 ? "" : "s");
out:
	selection_hold_release(&hold);
	strbuf_release(&sel);
	return rc;
}

static int run_xlsx(struct cmd_ctx *ctx, void *opts, char **args, int nargs,
		    struct trk_error *err)
{
	(void)args, (void)nargs;
	return export_ledger(ctx, opts, LEDGER_XLSX, err);
}

static int run_csv(struct cmd_ctx *ctx, void *opts, char **args, int nargs,
		   struct trk_error *err)
{
	(void)args, (void)nargs;
	return export_ledger(ctx, opts, LEDGER_CSV, err);
}

const struct command cmd_export_xlsx = {
	.name = "export xlsx",
	.summary = "export a ledger (台账) for departments to fill in, as an Excel workbook",
	.options = options,
	.groups = groups,
	.opts_size = sizeof(struct ledger_opts),
	.description = "One sheet per department, the columns to fill (本期数值, 截至日期, "
		       "进展说明, 佐证材料, 填报人) unlocked and checked, the others read-only; "
		       "'tracker import FILE.xlsx' records what was filled in.",
	.run = run_xlsx,
};

const struct command cmd_export_csv = {
	.name = "export csv",
	.summary = "export the same ledger as CSV (UTF-8 with BOM)",
	.options = options,
	.groups = groups,
	.opts_size = sizeof(struct ledger_opts),
	.description = "The columns of 'export xlsx' after a first line that says where the "
		       "ledger came from; 'tracker import FILE.csv' reads it back, in UTF-8 or "
		       "GB18030.",
	.run = run_csv,
};
