/* cmd_override.c - `tracker override KEY HEALTH --reason R`: a person's
 * judgement of health, shown as such, kept in the history; --clear ends it. */
#include <stddef.h>

#include "cmd.h"
#include "util/banned.h"

struct override_opts {
	const char *reason, *by;
	bool clear;
};

static const struct option_spec options[] = {
	{ "reason", OPT_STRING, offsetof(struct override_opts, reason), "TEXT", "why (needed "
	  "to set one)", VAL_TEXT, NULL },
	{ "clear", OPT_FLAG, offsetof(struct override_opts, clear), NULL, "end the override",
	  VAL_TEXT, NULL },
	{ "by", OPT_STRING, offsetof(struct override_opts, by), "NAME", "the author recorded "
	  "(default: your account name)", VAL_TEXT, NULL },
	{ NULL, 0, 0, NULL, NULL, 0, NULL },
};

static const struct arg_spec args_spec[] = {
	{ "KEY", VAL_KEY, false, false, NULL },
	{ "HEALTH", VAL_HEALTH, true, false, "on_track, at_risk, off_track, ..." },
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
	const struct override_opts *o = opts;
	struct actor a;
	struct change c = { &a, args[0], o->reason, { "health_override", args[1] } };
	struct store *st;
	int rc;

	if ((nargs == 2) == o->clear)
		return trk_err(err, TRK_EUSAGE, "give a health or --clear");
	if (nargs == 2 && health_parse(args[1]) < 0)
		return trk_err(err, TRK_EUSAGE, "unknown health '%.40s' (%s)", args[1],
			       health_names_list());
	cmd_actor(ctx, o->by, &a);
	if ((rc = cmd_store(ctx, &st, err)) || (rc = store_write(st, apply, &c, err)))
		return rc;
	if (o->clear)
		fprintf(ctx->msg, "%s: override cleared\n", args[0]);
	else
		fprintf(ctx->msg, "%s: health set to %s by hand\n", args[0], args[1]);
	return 0;
}

const struct command cmd_override = {
	.name = "override",
	.summary = "set or clear a person's judgement of health (shown as such)",
	.args = args_spec,
	.options = options,
	.opts_size = sizeof(struct override_opts),
	.run = run,
};
