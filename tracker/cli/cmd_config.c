/* cmd_config.c - `tracker config [KEY [VALUE]]`: the settings (health
 * thresholds, reply classes, reporting day), listed, read or changed. A
 * change is checked alone and with the others, and journaled. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "table.h"
#include "model/settings.h"
#include "util/banned.h"

struct config_opts {
	const char *reason, *by;
};

static const struct option_spec options[] = {
	{ "reason", OPT_STRING, offsetof(struct config_opts, reason), "TEXT", "why (kept in "
	  "the journal)", VAL_TEXT, NULL },
	{ "by", OPT_STRING, offsetof(struct config_opts, by), "NAME", "the author recorded "
	  "(default: your account name)", VAL_TEXT, NULL },
	{ NULL, 0, 0, NULL, NULL, 0, NULL },
};

static const struct arg_spec args_spec[] = {
	{ "KEY", VAL_SETTING, true, false, NULL },
	{ "VALUE", VAL_TEXT, true, false, NULL },
	{ NULL, 0, false, false, NULL },
};

static int list_settings(struct cmd_ctx *ctx, const struct settings *s, struct trk_error *err)
{
	static const char *headers[] = { N_("SETTING"), N_("VALUE"), N_("MEANING") };
	char value[300];
	struct table t;
	int rc;

	table_init(&t, 3, headers, NULL);
	for (const struct setting_info *i = settings_table; i->key; i++) {
		settings_value(s, i->key, value, sizeof(value));
		const char *row[] = { i->key, value, _(i->help) };
		table_add(&t, row);
	}
	rc = table_print(&t, ctx->out, false, err);
	table_release(&t);
	return rc;
}

struct change {
	const struct actor *a;
	const char *key, *value, *reason;
};

static int apply(struct store *st, void *arg, struct trk_error *err)
{
	struct change *c = arg;

	return store_setting_set(st, c->a, c->key, c->value, c->reason, err);
}

static int run(struct cmd_ctx *ctx, void *opts, char **args, int nargs, struct trk_error *err)
{
	const struct config_opts *o = opts;
	struct settings s;
	char value[300];
	struct store *st;
	struct actor a;
	struct change c = { &a, args[0], args[1], o->reason };
	int rc;

	if ((rc = cmd_store(ctx, &st, err)) || (rc = store_settings(st, NULL, &s, err)))
		return rc;
	if (nargs == 0)
		return list_settings(ctx, &s, err);
	if (!setting_find(args[0]))
		return trk_err(err, TRK_EUSAGE, "unknown setting '%.60s' (see 'tracker config')",
			       args[0]);
	if (nargs == 1) {
		settings_value(&s, args[0], value, sizeof(value));
		fprintf(ctx->out, "%s\n", value);
		return 0;
	}
	cmd_actor(ctx, o->by, &a);
	if ((rc = store_write(st, apply, &c, err)))
		return rc;
	fprintf(ctx->msg, "%s = %s\n", c.key, c.value);
	return 0;
}

const struct command cmd_config = {
	.name = "config",
	.summary = "list, read or change the settings (thresholds, reply classes, reporting day)",
	.args = args_spec,
	.options = options,
	.opts_size = sizeof(struct config_opts),
	.run = run,
};
