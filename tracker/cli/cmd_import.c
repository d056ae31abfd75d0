/* cmd_import.c - `tracker import FILE.json` and `tracker seed`: load the
 * tracker/1 format (a file, standard input, or the bundled seed letter). */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "opts.h"
#include "util/embedded.h"
#include "record/import.h"
#include "util/strbuf.h"
#include "util/banned.h"

#define SEED_FILE "211.json"

static void report(struct cmd_ctx *ctx, const struct import_stats *s)
{
	fprintf(ctx->msg, "imported %d letter%s (%d already present), %d commitment%s "
		"(%d already present), %d check-in%s, %d history record%s, %d new owner%s\n",
		s->letters_added, s->letters_added == 1 ? "" : "s", s->letters_skipped,
		s->commitments_added, s->commitments_added == 1 ? "" : "s", s->commitments_skipped,
		s->checkins_added, s->checkins_added == 1 ? "" : "s",
		s->history_added, s->history_added == 1 ? "" : "s",
		s->owners_added, s->owners_added == 1 ? "" : "s");
}

int cmd_import(int argc, char **argv, struct cmd_ctx *ctx, struct trk_error *err)
{
	struct opt opts[] = { { NULL, 0, NULL } };
	struct import_stats stats = { 0 };
	struct store *st;
	const char *path;
	bool help;
	int rc;

	if ((rc = opts_parse(argc, argv, opts, &path, 1, 1, NULL, &help, err)) ||
	    (rc = cmd_store(ctx, &st, err)) || (rc = import_json_file(st, path, &stats, err)))
		return rc;
	report(ctx, &stats);
	return 0;
}

/* The seed's text_file members name other embedded files. */
static char *load_embedded(const char *base, const char *name, size_t *len, void *ctx,
			   struct trk_error *err)
{
	const struct embedded_file *f = embedded_seed_find(name);

	if (!f) {
		trk_err(err, TRK_ENOTFOUND, "text_file: '%s' is not bundled", name);
		return NULL;
	}
	*len = f->size;
	return xstrndup(f->data, f->size);
}

int cmd_seed(int argc, char **argv, struct cmd_ctx *ctx, struct trk_error *err)
{
	struct opt opts[] = { { NULL, 0, NULL } };
	const struct embedded_file *seed = embedded_seed_find(SEED_FILE);
	struct import_stats stats = { 0 };
	struct import_source src = { .name = "seeds/" SEED_FILE, .load_text = load_embedded };
	struct store *st;
	bool help;
	int rc;

	if ((rc = opts_parse(argc, argv, opts, NULL, 0, 0, NULL, &help, err)))
		return rc;
	if (!seed)
		return trk_err(err, TRK_EINTERNAL, "the seed letter is not bundled");
	src.data = seed->data;
	src.len = seed->size;
	if ((rc = cmd_store(ctx, &st, err)) || (rc = import_json(st, &src, &stats, err)))
		return rc;
	report(ctx, &stats);
	return 0;
}
