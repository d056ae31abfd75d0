/* cmd_restore.c - `tracker restore FILE`: put a backup back, after checking
 * all of it. */
#include <stdlib.h>

#include "cmd.h"
#include "i18n.h"
#include "record/backup.h"
#include "util/banned.h"

static const struct arg_spec args_spec[] = {
	{ "FILE", VAL_FILE, false, false, NULL },
	{ NULL, 0, false, false, NULL },
};

static int run(struct cmd_ctx *ctx, void *opts, char **args, int nargs, struct trk_error *err)
{
	struct store *st;
	char *shown;
	int rc;

	(void)opts, (void)nargs;
	if ((rc = cmd_store(ctx, &st, err)) || (rc = record_restore(st, args[0], err)))
		return rc;
	shown = store_location_shown(ctx->db_path);
	fprintf(ctx->msg, _("restored %s from %s\n"), shown, args[0]);
	free(shown);
	return 0;
}

const struct command cmd_restore = {
	.name = "restore",
	.summary = "replace the database with a backup, after checking the backup in full",
	.args = args_spec,
	.flags = CMD_CREATE,
	.description = "The backup is checked as `tracker check` would (integrity, guards, "
		       "journal, chains, rows); any finding refuses it and leaves the database "
		       "as it was.",
	.run = run,
};
