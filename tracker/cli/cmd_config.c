/* cmd_config.c - `tracker config [KEY [VALUE]]`: the settings (health
 * thresholds, reply classes, reporting day), listed, read or changed. */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "opts.h"
#include "table.h"
#include "model/settings.h"
#include "util/banned.h"

struct change {
	const char *key, *value;
};

static int apply(struct store *st, void *arg, struct trk_error *err)
{
	struct change *c = arg;

	return store_setting_set(st, c->key, c->value, err);
}

static int list_settings(struct store *st, struct cmd_ctx *ctx, struct trk_error *err)
{
	static const char *headers[] = { "SETTING", "VALUE", "MEANING" };
	struct table t;
	int rc = 0;

	table_init(&t, 3, headers, NULL);
	for (const struct setting_info *s = settings; s->key && !rc; s++) {
		char *v = NULL;
		if (!(rc = store_setting_get(st, s->key, &v, err))) {
			const char *row[] = { s->key, v, s->help };
			table_add(&t, row);
		}
		free(v);
	}
	if (!rc)
		rc = table_print(&t, ctx->out, false, err);
	table_release(&t);
	return rc;
}

int cmd_config(int argc, char **argv, struct cmd_ctx *ctx, struct trk_error *err)
{
	const char *pos[2] = { NULL, NULL };
	struct opt opts[] = { { NULL, 0, NULL } };
	const struct setting_info *info;
	struct store *st;
	bool help;
	int n, rc;

	if ((rc = opts_parse(argc, argv, opts, pos, 0, 2, &n, &help, err)) ||
	    (rc = cmd_store(ctx, &st, err)))
		return rc;
	if (n == 0)
		return list_settings(st, ctx, err);
	if (!(info = setting_find(pos[0])))
		return trk_err(err, TRK_EUSAGE, "unknown setting '%s' (see 'tracker config')", pos[0]);
	if (n == 1) {
		char *v = NULL;
		if (!(rc = store_setting_get(st, pos[0], &v, err)))
			fprintf(ctx->out, "%s\n", v ? v : "");
		free(v);
		return rc;
	}
	struct change c = { pos[0], pos[1] };
	if ((rc = info->check(c.key, c.value, err)) || (rc = store_write(st, apply, &c, err)))
		return rc;
	fprintf(ctx->msg, "%s = %s\n", c.key, c.value);
	return 0;
}
