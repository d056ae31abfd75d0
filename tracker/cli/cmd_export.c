/* cmd_export.c - `tracker export json|ics`. JSON is the tracker/1 format,
 * streamed; ics is in cmd_export_ics.c. */
#include <string.h>

#include "cmd.h"
#include "opts.h"
#include "outfile.h"
#include "record/export_json.h"
#include "util/banned.h"

static int export_json_cmd(int argc, char **argv, struct cmd_ctx *ctx, struct trk_error *err)
{
	const char *letter = NULL, *out_path = NULL;
	struct opt opts[] = { { "letter", OPT_STRING, &letter }, { "out", OPT_STRING, &out_path },
			      { NULL, 0, NULL } };
	struct outfile of;
	struct filter f;
	struct store *st;
	bool help;
	int rc;

	if ((rc = opts_parse(argc, argv, opts, NULL, 0, 0, NULL, &help, err)) ||
	    (rc = cmd_store(ctx, &st, err)))
		return rc;
	filter_init(&f);
	f.letter = letter;
	if (letter) {
		struct letter l;
		if ((rc = store_letter_get(st, letter, false, &l, err)))
			return trk_err_prefix(err, "--letter");
		letter_release(&l);
	}
	if ((rc = outfile_open(&of, out_path, ctx->out, err)))
		return rc;
	rc = export_json(st, &f, of.f, err);
	return outfile_close(&of, rc, err);
}

int cmd_export(int argc, char **argv, struct cmd_ctx *ctx, struct trk_error *err)
{
	if (argc < 2)
		return trk_err(err, TRK_EUSAGE, "expected 'export json' or 'export ics'");
	if (!strcmp(argv[1], "json"))
		return export_json_cmd(argc - 1, argv + 1, ctx, err);
	if (!strcmp(argv[1], "ics"))
		return cmd_export_ics(argc - 1, argv + 1, ctx, err);
	return trk_err(err, TRK_EUSAGE, "unknown export format '%s' (json or ics)", argv[1]);
}
