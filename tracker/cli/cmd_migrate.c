/* cmd_migrate.c - `tracker migrate --from STORE --to STORE`: an office's
 * record moved to another store (a SQLite file onto PostgreSQL, or back),
 * in one transaction, and verified before it commits. */
#include <stddef.h>

#include "cmd.h"
#include "record/migrate.h"
#include "util/banned.h"

struct migrate_opts {
	const char *from, *to;
};

static const struct option_spec options[] = {
	{ "from", OPT_STRING, offsetof(struct migrate_opts, from), "STORE", "the record to "
	  "move: a SQLite file or a PostgreSQL URI (read only)", VAL_FILE, NULL },
	{ "to", OPT_STRING, offsetof(struct migrate_opts, to), "STORE", "where it goes: a "
	  "postgresql:// URI, a conninfo, or a SQLite file; must hold no record", VAL_TEXT, NULL },
	{ NULL, 0, 0, NULL, NULL, 0, NULL },
};

static int run(struct cmd_ctx *ctx, void *opts, char **args, int nargs, struct trk_error *err)
{
	const struct migrate_opts *o = opts;
	struct migrate_result r;
	int rc;

	(void)args, (void)nargs;
	if (!o->from || !o->to)
		return trk_err(err, TRK_EUSAGE, "migrate needs --from and --to");
	if ((rc = record_migrate(o->from, o->to, &r, err)))
		return rc;
	fprintf(ctx->msg, "migrated %d commitment%s; the copy checks clean, its chain head "
		"(%.16s) and export (sha256 %.16s) are the source's\n", r.commitments,
		r.commitments == 1 ? "" : "s", r.head, r.export_sha256);
	return 0;
}

const struct command cmd_migrate = {
	.name = "migrate",
	.summary = "move the record to another store (SQLite to PostgreSQL, or back), verified",
	.options = options,
	.opts_size = sizeof(struct migrate_opts),
	.flags = CMD_NO_STORE,
	.description = "Copies every letter, owner, commitment with its history and check-ins, "
		       "user, token, setting and the journal, with their times and hashes, in one "
		       "transaction of the target, which must hold no record yet. Before it "
		       "commits, the copy is checked as `tracker check` does, its chain head and "
		       "its `export json` must be the source's; otherwise nothing is written. "
		       "Sessions are not copied: users sign in again.",
	.run = run,
};
