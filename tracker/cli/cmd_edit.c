/* cmd_edit.c - `tracker edit KEY ...`: change fields of a commitment. Each
 * changed field becomes a history record; all of them commit together. */
#include <stddef.h>

#include "cmd.h"
#include "commitment_options.h"
#include "util/banned.h"

struct edit_opts {
	struct field_opts fields;
	const char *reason, *by;
};

static const struct option_spec options[] = {
	{ "reason", OPT_STRING, offsetof(struct edit_opts, reason), "TEXT", "why (needed for "
	  "the due date, the window and the target)", VAL_TEXT, NULL },
	{ "by", OPT_STRING, offsetof(struct edit_opts, by), "NAME", "the author recorded "
	  "(default: your account name)", VAL_TEXT, NULL },
	{ NULL, 0, 0, NULL, NULL, 0, NULL },
};

static const struct option_group groups[] = {
	{ field_options, offsetof(struct edit_opts, fields), "fields" },
	{ field_clear_options, offsetof(struct edit_opts, fields), "fields" },
	{ NULL, 0, NULL },
};

static const struct arg_spec args_spec[] = {
	{ "KEY", VAL_KEY, false, false, NULL },
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

static int run(struct cmd_ctx *ctx, void *opts, char **args, int nargs, struct trk_error *err)
{
	const struct edit_opts *o = opts;
	struct commitment_text t;
	struct actor a;
	struct edit e = { &a, args[0], o->reason, &t, 0 };
	struct store *st;
	int rc;

	(void)nargs;
	field_text(&o->fields, &t);
	cmd_actor(ctx, o->by, &a);
	if ((rc = cmd_store(ctx, &st, err)) || (rc = store_write(st, apply, &e, err)))
		return rc;
	fprintf(ctx->msg, "changed %zu field%s of %s\n", e.n, e.n == 1 ? "" : "s", e.key);
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
		       "cancel this one.",
	.run = run,
};
