/* cmd_edit.c - `tracker edit KEY ...`: change fields of a commitment. Each
 * changed field becomes a history record; all of them commit together. */
#include <stddef.h>

#include "bulk.h"
#include "cmd.h"
#include "commitment_options.h"
#include "i18n.h"
#include "util/banned.h"

struct edit_opts {
	struct field_opts fields;
	struct filter_opts filters;
	const char *reason, *by;
	bool yes;
};

static const struct option_spec options[] = {
	{ "reason", OPT_STRING, offsetof(struct edit_opts, reason), "TEXT", "why (needed for "
	  "the due date, the window and the target)", VAL_TEXT, NULL },
	{ "by", OPT_STRING, offsetof(struct edit_opts, by), "NAME", "the author recorded "
	  "(default: your account name)", VAL_TEXT, NULL },
	{ "yes", OPT_FLAG, offsetof(struct edit_opts, yes), NULL, "change what the filters "
	  "choose without asking", VAL_TEXT, NULL },
	{ NULL, 0, 0, NULL, NULL, 0, NULL },
};

static const struct option_group groups[] = {
	{ field_options, offsetof(struct edit_opts, fields), "fields" },
	{ field_clear_options, offsetof(struct edit_opts, fields), "fields" },
	{ filter_options_where, offsetof(struct edit_opts, filters), "filters" },
	{ NULL, 0, NULL },
};

static const struct arg_spec args_spec[] = {
	{ "KEY", VAL_KEY, true, false, NULL },
	{ NULL, 0, false, false, NULL },
};

struct edit {
	const struct actor *a;
	const char *key, *reason;
	const struct commitment_text *t;
	size_t n;
};

static int apply(struct store *st, void *arg, struct trk_error *err)
{
	struct edit *e = arg;
	struct edit_changes ch;
	struct commitment cur;
	int rc;

	if ((rc = store_commitment_get(st, e->key, &cur, err)))
		return rc;
	if (!(rc = edit_changes_build(e->t, &cur, &ch, err))) {
		rc = store_commitment_change(st, e->a, e->key, ch.items, ch.n, e->reason, err);
		e->n = ch.n;
		edit_changes_release(&ch);
	}
	commitment_release(&cur);
	return rc;
}

static int edit_one(const struct commitment *c, void *arg, struct edit_changes *out,
		    struct trk_error *err)
{
	return edit_changes_build(arg, c, out, err);
}

static int run(struct cmd_ctx *ctx, void *opts, char **args, int nargs, struct trk_error *err)
{
	const struct edit_opts *o = opts;
	bool many = filters_given(&o->filters);
	struct commitment_text t;
	struct actor a;
	struct edit e = { &a, args[0], o->reason, &t, 0 };
	struct bulk_change b = { edit_one, &t, o->reason };
	struct store *st;
	int rc;

	if (many == (nargs == 1))
		return trk_err(err, TRK_EUSAGE, many ? N_("give a key or filters, not both")
			       : N_("give a key, or filters (--where-...) that choose the "
				    "commitments"));
	field_text(&o->fields, &t);
	cmd_actor(ctx, o->by, &a);
	if (many)
		return bulk_run(ctx, &o->filters, o->yes, &a, &b, err);
	if ((rc = cmd_store(ctx, &st, err)) || (rc = store_write(st, apply, &e, err)))
		return rc;
	/* TRANSLATORS: %s is the English plural "s"; skip it with %.0s. */
	fprintf(ctx->msg, _("changed %zu field%s of %s\n"), e.n, e.n == 1 ? "" : "s", e.key);
	return 0;
}

const struct command cmd_edit = {
	.name = "edit",
	.summary = "change a commitment; every change is kept in its history",
	.args = args_spec,
	.options = options,
	.groups = groups,
	.opts_size = sizeof(struct edit_opts),
	.description = "The letter, quote and section never change: add a new commitment and "
		       "cancel this one. With filters instead of KEY (spelled --where-owner, "
		       "--where-due-before ..., as --owner, --kind and --tag set fields), shows what "
		       "will change and asks first (--yes for scripts); all of it is one "
		       "transaction, undone as one.",
	.run = run,
};
