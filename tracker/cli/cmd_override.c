/* cmd_override.c - `tracker override KEY HEALTH --reason R`: a person's
 * judgement of health, shown as such, kept in the history; --clear ends it.
 * With filters instead of a key, every commitment they choose (bulk.h). */
#include <stddef.h>

#include "bulk.h"
#include "cmd.h"
#include "i18n.h"
#include "util/banned.h"

struct override_opts {
	struct filter_opts filters;
	const char *reason, *by;
	bool clear, yes;
};

static const struct option_spec options[] = {
	{ "reason", OPT_STRING, offsetof(struct override_opts, reason), "TEXT", "why (needed "
	  "to set one)", VAL_TEXT, NULL },
	{ "clear", OPT_FLAG, offsetof(struct override_opts, clear), NULL, "end the override",
	  VAL_TEXT, NULL },
	{ "by", OPT_STRING, offsetof(struct override_opts, by), "NAME", "the author recorded "
	  "(default: your account name)", VAL_TEXT, NULL },
	{ "yes", OPT_FLAG, offsetof(struct override_opts, yes), NULL, "change what the filters "
	  "choose without asking", VAL_TEXT, NULL },
	{ NULL, 0, 0, NULL, NULL, 0, NULL },
};

static const struct option_group groups[] = {
	{ filter_options_no_as_of, offsetof(struct override_opts, filters), "filters" },
	{ NULL, 0, NULL },
};

static const struct arg_spec args_spec[] = {
	{ "KEY", VAL_KEY, true, false, NULL },
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

static int to_health(const struct commitment *c, void *arg, struct edit_changes *out,
		     struct trk_error *err)
{
	(void)c, (void)err;
	out->items[out->n++] = (struct field_change){ "health_override", arg };
	return 0;
}

static int run(struct cmd_ctx *ctx, void *opts, char **args, int nargs, struct trk_error *err)
{
	const struct override_opts *o = opts;
	bool many = filters_given(&o->filters);
	const char *key = many ? NULL : args[0];
	const char *health = many ? args[0] : args[1];
	struct actor a;
	struct change c = { &a, key, o->reason, { "health_override", health } };
	struct bulk_change b = { to_health, (void *)health, o->reason };
	struct store *st;
	int rc;

	if (!many && !key)
		return trk_err(err, TRK_EUSAGE, "give a key, or filters that choose the commitments");
	if (many && nargs == 2)
		return trk_err(err, TRK_EUSAGE, "give a key or filters, not both");
	if (!health == !o->clear)
		return trk_err(err, TRK_EUSAGE, "give a health or --clear");
	if (health && health_parse(health) < 0)
		return trk_err(err, TRK_EUSAGE, "unknown health '%.40s' (%s)", health,
			       health_names_list());
	cmd_actor(ctx, o->by, &a);
	if (many)
		return bulk_run(ctx, &o->filters, o->yes, &a, &b, err);
	if ((rc = cmd_store(ctx, &st, err)) || (rc = store_write(st, apply, &c, err)))
		return rc;
	if (o->clear)
		fprintf(ctx->msg, _("%s: override cleared\n"), key);
	else
		fprintf(ctx->msg, _("%s: health set to %s by hand\n"), key,
			health_word((enum health)health_parse(health)));
	return 0;
}

const struct command cmd_override = {
	.name = "override",
	.summary = "set or clear a person's judgement of health (shown as such)",
	.args = args_spec,
	.options = options,
	.groups = groups,
	.opts_size = sizeof(struct override_opts),
	.description = "With filters instead of KEY, shows what will change and asks first "
		       "(--yes for scripts); all of it is one transaction, undone as one.",
	.run = run,
};
