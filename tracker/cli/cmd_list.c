/* cmd_list.c - `tracker list`: the commitments that match the filters,
 * as an aligned table or as JSON. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "model/format.h"
#include "select.h"
#include "table.h"
#include "util/date.h"
#include "record/export_json.h"
#include "util/banned.h"

struct list_ctx {
	struct table table;
	FILE *out;
	bool json;
	int count;
};

static int add_json(const struct commitment *c, const struct progress *p, struct list_ctx *x,
		    struct trk_error *err)
{
	cJSON *o = commitment_to_json(c, p);
	char *text = cJSON_PrintUnformatted(o);
	int rc = 0;

	if (fprintf(x->out, "%s%s", x->count ? ",\n" : "[\n", text) < 0)
		rc = trk_err(err, TRK_EIO, "cannot write output: %s", strerror(errno));
	cJSON_free(text);
	cJSON_Delete(o);
	return rc;
}

static void add_row(const struct commitment *c, const struct progress *p, struct list_ctx *x)
{
	struct strbuf prog = STRBUF_INIT, pct = STRBUF_INIT, exp = STRBUF_INIT, health = STRBUF_INIT;
	char due[DATE_BUFSZ];

	date_format(c->due, due);
	format_progress(&prog, c, p);
	format_percent(&pct, p->has_percent, p->percent);
	format_percent(&exp, p->has_expected, p->expected);
	strbuf_addf(&health, "%s%s", health_name(p->health), p->overridden ? "*" : "");
	const char *row[] = { c->key, c->owner_short ? c->owner_short : c->owner, *due ? due : NULL, prog.buf, pct.buf,
			      exp.buf, health.buf, status_name(c->status), c->title };
	table_add(&x->table, row);
	strbuf_release(&prog), strbuf_release(&pct), strbuf_release(&exp);
	strbuf_release(&health);
}

static int list_one(const struct commitment *c, const struct checkin_summary *s,
		    const struct progress *p, void *arg, struct trk_error *err)
{
	struct list_ctx *x = arg;
	int rc = 0;

	if (x->json)
		rc = add_json(c, p, x, err);
	else
		add_row(c, p, x);
	x->count++;
	return rc;
}

int cmd_list(int argc, char **argv, struct cmd_ctx *ctx, struct trk_error *err)
{
	static const char *headers[] = { "KEY", "OWNER", "DUE", "PROGRESS", "%", "EXPECTED",
					 "HEALTH", "STATUS", "TITLE" };
	static const size_t widths[] = { 0, 16, 0, 0, 0, 0, 0, 0, 40 };
	struct select_opts sel = { 0 };
	const char *sort = "due";
	bool json = false, help;
	struct opt opts[] = { SELECT_OPTS(sel), { "sort", OPT_STRING, &sort },
			      { "json", OPT_FLAG, &json }, { NULL, 0, NULL } };
	struct list_ctx x = { .out = ctx->out };
	struct filter f;
	struct view v;
	struct store *st;
	char *owner = NULL;
	int order, rc;

	table_init(&x.table, 9, headers, widths);
	if ((rc = opts_parse(argc, argv, opts, NULL, 0, 0, NULL, &help, err)))
		goto out;
	if ((order = sort_order_parse(sort)) < 0) {
		rc = trk_err(err, TRK_EUSAGE, "--sort: unknown order '%s'", sort);
		goto out;
	}
	x.json = json;
	if ((rc = cmd_store(ctx, &st, err)) || (rc = select_build(st, &sel, &f, &v, &owner, err)) ||
	    (rc = store_query(st, &f, (enum sort_order)order, &v, list_one, &x, err)))
		goto out;
	if (json)
		fputs(x.count ? "\n]\n" : "[]\n", ctx->out);
	else if (x.count)
		rc = table_print(&x.table, ctx->out, ctx->color, err);
	else
		fputs("no commitments match\n", ctx->msg);
out:
	table_release(&x.table);
	select_release(&sel);
	free(owner);
	return rc;
}
