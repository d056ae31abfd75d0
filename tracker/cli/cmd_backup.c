/* cmd_backup.c - `tracker backup FILE`: a consistent copy of the database
 * while others go on writing. */
#include <stdlib.h>

#include "cmd.h"
#include "i18n.h"
#include "store/store_admin.h"
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
	if ((rc = cmd_store(ctx, &st, err)) || (rc = store_backup(st, args[0], err)))
		return rc;
	shown = store_location_shown(ctx->db_path);
	fprintf(ctx->msg, _("backed up %s to %s\n"), shown, args[0]);
	free(shown);
	return 0;
}

const struct command cmd_backup = {
	.name = "backup",
	.summary = "copy the database consistently while others write",
	.args = args_spec,
	.description = "Refuses to write over the live database (or its -wal and -shm files) "
		       "and to copy a database that fails SQLite's quick check.",
	.run = run,
};
