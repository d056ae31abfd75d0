/* cmd_init.c - `tracker init`: create the database and bring it to the
 * newest schema. Only init, seed, import and restore ever create one, so a
 * mistyped --db is an error, not an empty store. */
#include <stdlib.h>

#include "cmd.h"
#include "i18n.h"
#include "util/banned.h"

static int run(struct cmd_ctx *ctx, void *opts, char **args, int nargs, struct trk_error *err)
{
	struct store *st;
	char *shown;
	int rc, version;

	(void)opts, (void)args, (void)nargs;
	if ((rc = cmd_store(ctx, &st, err)) || (rc = store_schema_version(st, &version, err)))
		return rc;
	shown = store_location_shown(ctx->db_path);
	fprintf(ctx->msg, _("database %s is at schema version %d\n"), shown, version);
	free(shown);
	return 0;
}

const struct command cmd_init = {
	.name = "init",
	.summary = "create the database (or bring an older one to this version)",
	.flags = CMD_CREATE,
	.run = run,
};
