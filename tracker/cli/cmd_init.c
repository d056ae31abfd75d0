/* cmd_init.c - `tracker init`: create and migrate the database. Every
 * command does this on first use; init only makes it explicit. */
#include "cmd.h"
#include "opts.h"
#include "util/banned.h"

int cmd_init(int argc, char **argv, struct cmd_ctx *ctx, struct trk_error *err)
{
	struct opt opts[] = { { NULL, 0, NULL } };
	struct store *st;
	bool help;
	int rc, version;

	if ((rc = opts_parse(argc, argv, opts, NULL, 0, 0, NULL, &help, err)) ||
	    (rc = cmd_store(ctx, &st, err)) || (rc = store_schema_version(st, &version, err)))
		return rc;
	fprintf(ctx->msg, "database %s is at schema version %d\n", ctx->db_path, version);
	return 0;
}
