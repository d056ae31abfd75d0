/* cmd_import.c - `tracker import FILE`: letters, commitments and their
 * records in the tracker/1 format (seeds/FORMAT.md), all or nothing. */
#include <stddef.h>

#include "cmd.h"
#include "import_report.h"
#include "record/import.h"
#include "util/banned.h"

struct import_opts {
	const char *by;
};

static const struct option_spec options[] = {
	{ "by", OPT_STRING, offsetof(struct import_opts, by), "NAME", "the author recorded "
	  "(default: your account name)", VAL_TEXT, NULL },
	{ NULL, 0, 0, NULL, NULL, 0, NULL },
};

static const struct arg_spec args_spec[] = {
	{ "FILE", VAL_FILE, false, false, NULL },
	{ NULL, 0, false, false, NULL },
};

static int run(struct cmd_ctx *ctx, void *opts, char **args, int nargs, struct trk_error *err)
{
	const struct import_opts *o = opts;
	struct import_stats stats = { 0 };
	struct actor a;
	struct store *st;
	int rc;

	(void)nargs;
	cmd_actor(ctx, o->by, &a);
	if ((rc = cmd_store(ctx, &st, err)) || (rc = import_json_file(st, &a, args[0], &stats, err)))
		return rc;
	import_report(ctx->msg, &stats);
	return 0;
}

const struct command cmd_import = {
	.name = "import",
	.summary = "import letters and commitments (tracker/1 JSON; - for standard input)",
	.args = args_spec,
	.options = options,
	.opts_size = sizeof(struct import_opts),
	.flags = CMD_CREATE,
	.description = "One transaction: on any error nothing is imported, and the message names "
		       "the file, line, record and field. Importing the same file twice changes "
		       "nothing.",
	.run = run,
};
