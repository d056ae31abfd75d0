/* cmd_override.c - `tracker override KEY HEALTH --reason R`: a person's
 * judgement of health, shown as such, kept in the history; --clear ends it. */
#include <stdlib.h>

#include "cmd.h"
#include "opts.h"
#include "util/banned.h"

struct override {
	const char *key, *health, *by, *reason;
};

static int apply(struct store *st, void *arg, struct trk_error *err)
{
	struct override *o = arg;

	return store_commitment_change(st, o->key, "health_override", o->health, o->by,
				       o->reason, err);
}

int cmd_override(int argc, char **argv, struct cmd_ctx *ctx, struct trk_error *err)
{
	struct override o = { 0 };
	const char *pos[2] = { NULL, NULL };
	bool clear = false, help;
	struct opt opts[] = { { "reason", OPT_STRING, &o.reason }, { "by", OPT_STRING, &o.by },
			      { "clear", OPT_FLAG, &clear }, { NULL, 0, NULL } };
	struct store *st;
	int n, rc;

	if ((rc = opts_parse(argc, argv, opts, pos, 1, 2, &n, &help, err)))
		return rc;
	if ((n == 2) == clear)
		return trk_err(err, TRK_EUSAGE, "give a health or --clear");
	o.key = pos[0];
	o.health = pos[1];
	if (o.health && health_parse(o.health) < 0)
		return trk_err(err, TRK_EUSAGE, "unknown health '%s'", o.health);
	if (!o.by)
		o.by = getenv("USER");
	if ((rc = cmd_store(ctx, &st, err)) || (rc = store_write(st, apply, &o, err)))
		return rc;
	fprintf(ctx->msg, clear ? "%s: override cleared\n" : "%s: health set to %s by hand\n",
		o.key, o.health);
	return 0;
}
