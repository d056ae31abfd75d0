/* cmd_status.c - `tracker status KEY STATE`: move a commitment through its
 * lifecycle; the change is kept in its history. */
#include <stdlib.h>

#include "cmd.h"
#include "opts.h"
#include "util/banned.h"

struct status_change {
	const char *key, *state, *by, *reason;
};

static int apply(struct store *st, void *arg, struct trk_error *err)
{
	struct status_change *s = arg;

	return store_commitment_change(st, s->key, "status", s->state, s->by, s->reason, err);
}

int cmd_status(int argc, char **argv, struct cmd_ctx *ctx, struct trk_error *err)
{
	struct status_change s = { 0 };
	const char *pos[2];
	struct opt opts[] = { { "reason", OPT_STRING, &s.reason }, { "by", OPT_STRING, &s.by },
			      { NULL, 0, NULL } };
	struct store *st;
	bool help;
	int rc;

	if ((rc = opts_parse(argc, argv, opts, pos, 2, 2, NULL, &help, err)))
		return rc;
	s.key = pos[0];
	s.state = pos[1];
	if (status_parse(s.state) < 0)
		return trk_err(err, TRK_EUSAGE, "unknown status '%s' (open, in_progress, blocked, "
			       "done, cancelled)", s.state);
	if (!s.by)
		s.by = getenv("USER");
	if ((rc = cmd_store(ctx, &st, err)) || (rc = store_write(st, apply, &s, err)))
		return rc;
	fprintf(ctx->msg, "%s is now %s\n", s.key, s.state);
	return 0;
}
