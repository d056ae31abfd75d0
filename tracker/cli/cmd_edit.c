/* cmd_edit.c - `tracker edit KEY ...`: change fields of a commitment. Each
 * changed field becomes a history record; all of them commit together. */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "edit_opts.h"
#include "model/commitment_field.h"
#include "util/date.h"
#include "util/strbuf.h"
#include "util/banned.h"

#define MAX_CHANGES 8

struct change {
	const char *field;
	char *value;              /* canonical text, owned; NULL = none */
};

struct edit {
	const char *key, *reason, *by;
	struct change changes[MAX_CHANGES];
	int n;
};

static void push(struct edit *e, const char *field, char *value)
{
	e->changes[e->n].field = field;
	e->changes[e->n++].value = value;
}

static char *date_value(int32_t d)
{
	char buf[DATE_BUFSZ];

	date_format(d, buf);
	return d == DATE_NONE ? NULL : xstrdup(buf);
}

/* Each option given becomes one change, in canonical text. */
static int collect_dates_target(const struct edit_opts *o, const struct commitment *cur,
				struct edit *e, struct trk_error *err)
{
	int32_t d = DATE_NONE;
	struct commitment t;
	int rc;

	if (o->due) {
		if ((rc = edit_opts_date(o->due, "--due", &d, err)))
			return rc;
		push(e, "due", date_value(d));
	}
	if (o->start) {
		d = DATE_NONE;
		if ((rc = edit_opts_date(o->start, "--start", &d, err)))
			return rc;
		push(e, "window_start", date_value(d));
	}
	if (o->target || o->no_target) {
		commitment_init(&t);
		if (!o->no_target && (rc = edit_opts_target(o, &t.target, err)))
			return rc;
		if (o->target && !o->unit && cur->target.unit)   /* keep the unit */
			t.target.unit = xstrdup(cur->target.unit);
		push(e, "target", target_to_text(&t.target));
		commitment_release(&t);
	}
	return 0;
}

static int collect_owners_tags(struct store *st, const struct edit_opts *o, struct edit *e,
			       struct trk_error *err)
{
	struct commitment t;
	int rc = 0;

	commitment_init(&t);
	if (o->owner)
		push(e, "owner", xstrdup(o->owner));
	if (o->co_owners.n || o->no_co_owners) {
		if ((rc = edit_opts_coowners(st, o, &t.co_owners, err)))
			goto out;
		push(e, "co_owners", commitment_field_get(&t, "co_owners"));
	}
	if (o->tags.n || o->no_tags) {
		for (size_t i = 0; i < o->tags.n; i++)
			strlist_push(&t.tags, o->tags.items[i]);
		push(e, "tags", commitment_field_get(&t, "tags"));
	}
out:
	commitment_release(&t);
	return rc;
}

static int collect(struct store *st, const struct edit_opts *o, struct edit *e,
		   struct trk_error *err)
{
	struct commitment cur;
	int rc;

	if (o->letter || o->quote || o->section)
		return trk_err(err, TRK_EUSAGE, "the letter, quote and section of a commitment do "
			       "not change: add a new commitment and cancel this one");
	if ((rc = edit_opts_texts(o, err)) || (rc = store_commitment_get(st, e->key, &cur, err)))
		return rc;
	if (o->title)
		push(e, "title", xstrdup(o->title));
	if (o->kind)
		push(e, "kind", xstrdup(o->kind));
	if (!(rc = collect_dates_target(o, &cur, e, err)))
		rc = collect_owners_tags(st, o, e, err);
	commitment_release(&cur);
	if (!rc && e->n == 0)
		rc = trk_err(err, TRK_EUSAGE, "nothing to change (see 'tracker edit --help')");
	return rc;
}

static int apply(struct store *st, void *arg, struct trk_error *err)
{
	struct edit *e = arg;
	int rc;

	for (int i = 0; i < e->n; i++)
		if ((rc = store_commitment_change(st, e->key, e->changes[i].field, e->changes[i].value,
						  e->by, e->reason, err)))
			return rc;
	return 0;
}

int cmd_edit(int argc, char **argv, struct cmd_ctx *ctx, struct trk_error *err)
{
	struct edit_opts o = { 0 };
	struct opt opts[] = { EDIT_OPTS(o), { NULL, 0, NULL } };
	struct edit e = { 0 };
	struct store *st;
	bool help;
	int rc;

	if ((rc = opts_parse(argc, argv, opts, &e.key, 1, 1, NULL, &help, err)) ||
	    (rc = cmd_store(ctx, &st, err)))
		goto out;
	e.reason = o.reason;
	e.by = o.by ? o.by : getenv("USER");
	if ((rc = collect(st, &o, &e, err)) || (rc = store_write(st, apply, &e, err)))
		goto out;
	fprintf(ctx->msg, "changed %d field%s of %s\n", e.n, e.n == 1 ? "" : "s", e.key);
out:
	for (int i = 0; i < e.n; i++)
		free(e.changes[i].value);
	edit_opts_release(&o);
	return rc;
}
