/* cmd_list.c - `tracker list`: the commitments that match the filters, as
 * an aligned table or as JSON. */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "filters.h"
#include "table.h"
#include "model/format.h"
#include "record/record_json.h"
#include "util/date.h"
#include "util/strbuf.h"
#include "util/banned.h"

struct list_opts {
	struct filter_opts filters;
	const char *sort;
	bool json, wide;
};

static const struct option_spec options[] = {
	{ "sort", OPT_STRING, offsetof(struct list_opts, sort), "ORDER", "due (default), key, "
	  "owner, status, title or added", VAL_WORDS, "due|key|owner|status|title|added" },
	{ "json", OPT_FLAG, offsetof(struct list_opts, json), NULL, "one JSON object per "
	  "commitment, in a list", VAL_TEXT, NULL },
	{ "wide", OPT_FLAG, offsetof(struct list_opts, wide), NULL, "every cell in full, "
	  "however wide (else titles and owners are cut with … to fit the terminal)", VAL_TEXT,
	  NULL },
	{ NULL, 0, 0, NULL, NULL, 0, NULL },
};

static const struct option_group groups[] = {
	{ filter_options, offsetof(struct list_opts, filters), "filters" },
	{ NULL, 0, NULL },
};

struct listing {
	struct table table;
	struct strbuf sb;
	FILE *out;
	bool json;
	int count;
};

static int add_json(const struct commitment_record *r, struct listing *x, struct trk_error *err)
{
	struct jsonw w;

	strbuf_reset(&x->sb);
	strbuf_addstr(&x->sb, x->count ? ",\n" : "[\n");
	jsonw_init(&w, &x->sb, false);
	json_commitment(&w, NULL, r->c, r->p);
	if (fwrite(x->sb.buf, 1, x->sb.len, x->out) != x->sb.len)
		return trk_err(err, TRK_EIO, "cannot write output: %s", strerror(errno));
	return 0;
}

static void add_row(const struct commitment_record *r, struct listing *x)
{
	const struct commitment *c = r->c;
	const struct progress *p = r->p;
	struct strbuf prog = STRBUF_INIT, pct = STRBUF_INIT, exp = STRBUF_INIT, health = STRBUF_INIT;
	char due[DATE_BUFSZ];

	date_format(c->due, due);
	format_progress(&prog, c, p);
	format_percent(&pct, p->has_percent, p->percent);
	format_percent(&exp, p->has_expected, p->expected);
	strbuf_addf(&health, "%s%s", health_word(p->health), p->overridden ? "*" : "");
	const char *row[] = { c->key, c->owner_short ? c->owner_short : c->owner,
			      *due ? due : NULL, prog.buf, pct.buf, exp.buf, health.buf,
			      status_word(c->status), c->title };
	table_add(&x->table, row);
	strbuf_release(&prog), strbuf_release(&pct), strbuf_release(&exp);
	strbuf_release(&health);
}

static int list_one(const struct commitment_record *r, void *arg, struct trk_error *err)
{
	struct listing *x = arg;
	int rc = 0;

	if (x->json)
		rc = add_json(r, x, err);
	else
		add_row(r, x);
	x->count++;
	return rc;
}

static int run(struct cmd_ctx *ctx, void *opts, char **args, int nargs, struct trk_error *err)
{
	static const char *headers[] = { N_("KEY"), N_("OWNER"), N_("DUE"), N_("PROGRESS"), "%",
					 N_("EXPECTED"), N_("HEALTH"), N_("STATUS"), N_("TITLE") };
	static const size_t widths[] = { 0, 16, 0, 0, 0, 0, 0, 0, 40 };
	const struct list_opts *o = opts;
	struct listing x = { .out = ctx->out, .json = o->json, .sb = STRBUF_INIT };
	struct selection_hold hold;
	struct selection sel;
	struct query q;
	struct store *st;
	int rc;

	(void)args, (void)nargs;
	table_init(&x.table, 9, headers, o->wide ? NULL : widths);
	x.table.fit = o->wide ? 0 : table_terminal_width(ctx->out);
	filter_selection(&o->filters, &sel);
	sel.sort = o->sort;
	if ((rc = cmd_store(ctx, &st, err)))
		goto out;
	if ((rc = selection_to_query(st, &sel, &q, &hold, err)))
		goto release;
	/* The whole store: its records in one pass beside the commitments. */
	if (!filter_selects_few(&q.f))
		q.want |= WANT_BULK;
	if ((rc = store_query(st, &q, list_one, &x, err)))
		goto release;
	if (o->json)
		fputs(x.count ? "\n]\n" : "[]\n", ctx->out);
	else if (x.count)
		rc = table_print(&x.table, ctx->out, ctx->color, err);
	else
		fputs(_("no commitments match\n"), ctx->msg);
release:
	selection_hold_release(&hold);
out:
	table_release(&x.table);
	strbuf_release(&x.sb);
	return rc;
}

const struct command cmd_list = {
	.name = "list",
	.summary = "list commitments with owner, due date, progress and health",
	.options = options,
	.groups = groups,
	.opts_size = sizeof(struct list_opts),
	.run = run,
};
