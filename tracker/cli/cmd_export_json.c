/* cmd_export_json.c - `tracker export json`: the record in the format
 * import reads (seeds/FORMAT.md): import it elsewhere to get the same. */
#include <stddef.h>
#include <stdlib.h>

#include "cmd.h"
#include "record/export.h"
#include "util/outfile.h"
#include "util/banned.h"

struct export_opts {
	const char *letter, *out;
};

static const struct option_spec options[] = {
	{ "letter", OPT_STRING, offsetof(struct export_opts, letter), "DOCNO", "only this "
	  "letter", VAL_LETTER, NULL },
	{ "out", OPT_STRING, offsetof(struct export_opts, out), "FILE", "write to FILE "
	  "(atomically)", VAL_FILE, NULL },
	{ NULL, 0, 0, NULL, NULL, 0, NULL },
};

static int run(struct cmd_ctx *ctx, void *opts, char **args, int nargs, struct trk_error *err)
{
	const struct export_opts *o = opts;
	char *doc_no = NULL;
	struct outfile of;
	struct store *st;
	int rc;

	(void)args, (void)nargs;
	if ((rc = cmd_store(ctx, &st, err)) ||
	    (o->letter && (rc = store_letter_resolve(st, o->letter, &doc_no, err))))
		return rc;
	if (!(rc = outfile_open(&of, o->out, ctx->out, err))) {
		rc = export_json(st, doc_no, of.f, err);
		rc = outfile_close(&of, rc, err);
	}
	free(doc_no);
	return rc;
}

const struct command cmd_export_json = {
	.name = "export json",
	.summary = "export the record as tracker/1 JSON (import reads it back)",
	.options = options,
	.opts_size = sizeof(struct export_opts),
	.run = run,
};
