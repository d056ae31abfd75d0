/* cmd_seed.c - `tracker seed`: the bundled reply letter No. 211 and its
 * commitments, as a first record to try tracker on. Twice changes nothing. */
#include <stddef.h>

#include "cmd.h"
#include "import_report.h"
#include "record/import.h"
#include "util/embedded.h"
#include "util/strbuf.h"
#include "util/banned.h"

#define SEED_FILE "211.json"

struct seed_opts {
	const char *by;
};

static const struct option_spec options[] = {
	{ "by", OPT_STRING, offsetof(struct seed_opts, by), "NAME", "the author recorded "
	  "(default: your account name)", VAL_TEXT, NULL },
	{ NULL, 0, 0, NULL, NULL, 0, NULL },
};

/* The seed's text_file members name other bundled files. */
static char *load_embedded(const char *base, const char *name, size_t *len, void *ctx,
			   struct trk_error *err)
{
	const struct embedded_file *f = embedded_seed_find(name);

	(void)base, (void)ctx;
	if (!f) {
		trk_err_field(err, TRK_ENOTFOUND, "text_file", "'%s' is not bundled", name);
		return NULL;
	}
	*len = f->size;
	return xstrndup(f->data, f->size);
}

static int run(struct cmd_ctx *ctx, void *opts, char **args, int nargs, struct trk_error *err)
{
	const struct seed_opts *o = opts;
	const struct embedded_file *seed = embedded_seed_find(SEED_FILE);
	struct import_source src = { .name = "seeds/" SEED_FILE, .load_text = load_embedded };
	struct import_stats stats = { 0 };
	struct actor a;
	struct store *st;
	int rc;

	(void)args, (void)nargs;
	if (!seed)
		return trk_err(err, TRK_EINTERNAL, "the seed letter is not bundled");
	src.data = seed->data;
	src.len = seed->size;
	cmd_actor(ctx, o->by, &a);
	if ((rc = cmd_store(ctx, &st, err)) || (rc = import_json(st, &a, &src, &stats, err)))
		return rc;
	import_report(ctx->msg, &stats);
	return 0;
}

const struct command cmd_seed = {
	.name = "seed",
	.summary = "load the bundled reply letter No. 211 and its commitments",
	.options = options,
	.opts_size = sizeof(struct seed_opts),
	.flags = CMD_CREATE,
	.run = run,
};
