/* cmd_status.c - `tracker status KEY STATE`: move a commitment through its
 * lifecycle; the change is kept in its history. */
#include <stddef.h>

#include "cmd.h"
#include "util/banned.h"

struct status_opts {
	const char *reason, *by;
};

static const struct option_spec options[] = {
	{ "reason", OPT_STRING, offsetof(struct status_opts, reason), "TEXT", "why (needed to "
	  "cancel, and to reopen what was done or cancelled)", VAL_TEXT, NULL },
	{ "by", OPT_STRING, offsetof(struct status_opts, by), "NAME", "the author recorded "
	  "(default: your account name)", VAL_TEXT, NULL },
	{ NULL, 0, 0, NULL, NULL, 0, NULL },
};

static const struct arg_spec args_spec[] = {
	{ "KEY", VAL_KEY, false, false, NULL },
	{ "STATUS", VAL_STATUS, false, false, "open, in_progress, blocked, done, cancelled" },
	{ NULL, 0, false, false, NULL },
};

struct change {
	const struct actor *a;
	const char *key, *reason;
	struct field_change ch;
};

static int apply(struct store *st, void *arg, struct trk_error *err)
{
	struct change *c = arg;

	return store_commitment_change(st, c->a, c->key, &c->ch, 1, c->reason, err);
}

static int run(struct cmd_ctx *ctx, void *opts, char **args, int nargs, struct trk_error *err)
{
	const struct status_opts *o = opts;
	struct actor a;
	struct change c = { &a, args[0], o->reason, { "status", args[1] } };
	struct store *st;
	int rc;

	(void)nargs;
	if (status_parse(args[1]) < 0)
		return trk_err(err, TRK_EUSAGE, "unknown status '%.40s' (%s)", args[1],
			       status_names_list());
	cmd_actor(ctx, o->by, &a);
	if ((rc = cmd_store(ctx, &st, err)) || (rc = store_write(st, apply, &c, err)))
		return rc;
	fprintf(ctx->msg, "%s is now %s\n", args[0], args[1]);
	return 0;
}

const struct command cmd_status = {
	.name = "status",
	.summary = "set the lifecycle status of a commitment",
	.args = args_spec,
	.options = options,
	.opts_size = sizeof(struct status_opts),
	.run = run,
};
