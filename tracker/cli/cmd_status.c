/* cmd_status.c - `tracker status KEY STATE`: move a commitment through its
 * lifecycle; the change is kept in its history. With filters instead of a
 * key, every commitment they choose (cli/bulk.h). */
#include <stddef.h>
#include <string.h>

#include "bulk.h"
#include "cmd.h"
#include "i18n.h"
#include "util/banned.h"

struct status_opts {
	struct filter_opts filters;
	const char *reason, *by;
	bool yes;
};

static const struct option_spec options[] = {
	{ "reason", OPT_STRING, offsetof(struct status_opts, reason), "TEXT", "why (needed to "
	  "cancel, and to reopen what was done or cancelled)", VAL_TEXT, NULL },
	{ "by", OPT_STRING, offsetof(struct status_opts, by), "NAME", "the author recorded "
	  "(default: your account name)", VAL_TEXT, NULL },
	{ "yes", OPT_FLAG, offsetof(struct status_opts, yes), NULL, "change what the filters "
	  "choose without asking", VAL_TEXT, NULL },
	{ NULL, 0, 0, NULL, NULL, 0, NULL },
};

static const struct option_group groups[] = {
	{ filter_options_no_as_of, offsetof(struct status_opts, filters), "filters" },
	{ NULL, 0, NULL },
};

static const struct arg_spec args_spec[] = {
	{ "KEY", VAL_KEY, true, false, NULL },
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

static int to_status(const struct commitment *c, void *arg, struct edit_changes *out,
		     struct trk_error *err)
{
	(void)c, (void)err;
	out->items[out->n++] = (struct field_change){ "status", arg };
	return 0;
}

static int run(struct cmd_ctx *ctx, void *opts, char **args, int nargs, struct trk_error *err)
{
	const struct status_opts *o = opts;
	bool many = filters_given(&o->filters);
	const char *state = args[nargs - 1];
	struct actor a;
	struct change c = { &a, args[0], o->reason, { "status", state } };
	struct bulk_change b = { to_status, (void *)state, o->reason };
	struct store *st;
	int rc;

	if (many != (nargs == 1))
		return trk_err(err, TRK_EUSAGE, many ? N_("give a key or filters, not both")
			       : N_("give a key, or filters that choose the commitments"));
	if (status_parse(state) < 0)
		return trk_err(err, TRK_EUSAGE, "unknown status '%.40s' (%s)", state,
			       status_names_list());
	cmd_actor(ctx, o->by, &a);
	if (many)
		return bulk_run(ctx, &o->filters, o->yes, &a, &b, err);
	if ((rc = cmd_store(ctx, &st, err)) || (rc = store_write(st, apply, &c, err)))
		return rc;
	fprintf(ctx->msg, _("%s is now %s\n"), args[0], status_word((enum status)status_parse(state)));
	return 0;
}

const struct command cmd_status = {
	.name = "status",
	.summary = "set the lifecycle status of a commitment (or of many)",
	.args = args_spec,
	.options = options,
	.groups = groups,
	.opts_size = sizeof(struct status_opts),
	.description = "With filters instead of KEY, shows what will change and asks first "
		       "(--yes for scripts); all of it is one transaction, undone as one.",
	.run = run,
};
