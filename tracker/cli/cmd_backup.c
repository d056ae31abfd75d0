/* cmd_backup.c - `tracker backup FILE` and `tracker restore FILE`. */
#include <unistd.h>

#include "cmd.h"
#include "opts.h"
#include "store/backup.h"
#include "util/banned.h"

int cmd_backup(int argc, char **argv, struct cmd_ctx *ctx, struct trk_error *err)
{
	struct opt opts[] = { { NULL, 0, NULL } };
	struct store *st;
	const char *path;
	bool help;
	int rc;

	if ((rc = opts_parse(argc, argv, opts, &path, 1, 1, NULL, &help, err)) ||
	    (rc = cmd_store(ctx, &st, err)) || (rc = backup_to_file(st, path, err)))
		return rc;
	fprintf(ctx->msg, "backed up '%s' to '%s'\n", ctx->db_path, path);
	return 0;
}

/* An existing database is not opened through cmd_store(): restore must
 * work when it is one this program would refuse to open (damaged, or
 * migrated by a newer tracker). A missing one is created as usual first. */
int cmd_restore(int argc, char **argv, struct cmd_ctx *ctx, struct trk_error *err)
{
	struct opt opts[] = { { NULL, 0, NULL } };
	struct store *st;
	const char *path;
	bool help;
	int rc;

	if ((rc = opts_parse(argc, argv, opts, &path, 1, 1, NULL, &help, err)))
		return rc;
	if (access(ctx->db_path, F_OK) < 0 && (rc = cmd_store(ctx, &st, err)))
		return rc;
	if ((rc = backup_restore(ctx->db_path, path, err)))
		return rc;
	fprintf(ctx->msg, "restored '%s' from '%s'\n", ctx->db_path, path);
	return 0;
}
