/* cmd_import.c - `tracker import FILE`: letters, commitments and their
 * records in the tracker/1 format (seeds/FORMAT.md), all or nothing. */
#include <stddef.h>

#include "cmd.h"
#include "import_report.h"
#include "record/import.h"
#include "record/ledger.h"
#include "util/banned.h"

struct import_opts {
	const char *by;
	bool skip_invalid;
};

static const struct option_spec options[] = {
	{ "by", OPT_STRING, offsetof(struct import_opts, by), "NAME", "the author recorded "
	  "(default: your account name)", VAL_TEXT, NULL },
	{ "skip-invalid", OPT_FLAG, offsetof(struct import_opts, skip_invalid), NULL, "a "
	  "ledger: record the valid rows and list the others (default: all or nothing)",
	  VAL_TEXT, NULL },
	{ NULL, 0, 0, NULL, NULL, 0, NULL },
};

static const struct arg_spec args_spec[] = {
	{ "FILE", VAL_FILE, false, false, NULL },
	{ NULL, 0, false, false, NULL },
};

/* A filled ledger (.xlsx, .csv): check-ins, with every refused row listed. */
static int run_ledger(struct cmd_ctx *ctx, const struct import_opts *o, const char *path,
		      struct trk_error *err)
{
	struct ledger_result res;
	struct actor a;
	struct store *st;
	int rc;

	cmd_actor(ctx, o->by, &a);
	if ((rc = cmd_store(ctx, &st, err)))
		return rc;
	rc = ledger_import(st, &a, path, o->skip_invalid, &res, err);
	ledger_report(ctx->msg, path, &res, rc == 0);
	ledger_result_release(&res);
	if (rc)
		trk_err_prefix(err, "%s", path);
	return rc;
}

static int run(struct cmd_ctx *ctx, void *opts, char **args, int nargs, struct trk_error *err)
{
	const struct import_opts *o = opts;
	struct import_stats stats = { 0 };
	struct actor a;
	struct store *st;
	int rc;

	(void)nargs;
	if (ledger_format_of(args[0]) >= 0)
		return run_ledger(ctx, o, args[0], err);
	if (o->skip_invalid)
		return trk_err(err, TRK_EUSAGE, "--skip-invalid is for ledgers (.xlsx, .csv); a "
			       "tracker/1 file is imported all or nothing");
	cmd_actor(ctx, o->by, &a);
	if ((rc = cmd_store(ctx, &st, err)) || (rc = import_json_file(st, &a, args[0], &stats, err)))
		return rc;
	import_report(ctx->msg, &stats);
	return 0;
}

const struct command cmd_import = {
	.name = "import",
	.summary = "import letters and commitments (tracker/1 JSON; - for standard input), "
		   "or a filled ledger (.xlsx, .csv)",
	.args = args_spec,
	.options = options,
	.opts_size = sizeof(struct import_opts),
	.flags = CMD_CREATE,
	.description = "One transaction: on any error nothing is imported, and the message names "
		       "the file, line, record and field. Importing the same file twice changes "
		       "nothing. A ledger exported by 'tracker export xlsx' (or csv) and filled in "
		       "gives a check-in for each filled row, by the person named in 填报人; rows "
		       "that cannot be recorded are listed with sheet, row and column.",
	.run = run,
};
