/* cmd_extract.c - `tracker extract LETTER|-`: propose a reply letter's
 * metadata and commitments for review, as a table, as tracker/1 JSON
 * (--json), or imported at once (--apply). */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "i18n.h"
#include "import_report.h"
#include "table.h"
#include "extract/extract.h"
#include "model/format.h"
#include "record/import.h"
#include "util/date.h"
#include "util/outfile.h"
#include "util/strbuf.h"
#include "util/textenc.h"
#include "util/banned.h"

struct extract_opts {
	bool json, apply;
	const char *out, *prefix, *owner_default, *kind, *by;
};

#define X(field) offsetof(struct extract_opts, field)

static const struct option_spec options[] = {
	{ "json", OPT_FLAG, X(json), NULL, "write the proposal in the import format, marked "
	  "proposed", VAL_TEXT, NULL },
	{ "apply", OPT_FLAG, X(apply), NULL, "import the proposal at once (after showing it)",
	  VAL_TEXT, NULL },
	{ "kind", OPT_STRING, X(kind), "KIND", "auto (default), reply or plan", VAL_WORDS,
	  "auto|reply|plan" },
	{ "key-prefix", OPT_STRING, X(prefix), "PREFIX", "keys PREFIX-01, PREFIX-02... "
	  "(default: the suggestion number)", VAL_TEXT, NULL },
	{ "owner-default", OPT_STRING, X(owner_default), "NAME", "the owner where the letter "
	  "names none (default: the issuer)", VAL_OWNER, NULL },
	{ "out", OPT_STRING, X(out), "FILE", "write to FILE (atomically)", VAL_FILE, NULL },
	{ "by", OPT_STRING, X(by), "NAME", "the author recorded by --apply", VAL_TEXT, NULL },
	{ NULL, 0, 0, NULL, NULL, 0, NULL },
};

static const struct arg_spec args_spec[] = {
	{ "LETTER", VAL_FILE, false, false, NULL },
	{ NULL, 0, false, false, NULL },
};

/* Reads at most one byte past the limit, so a huge file is refused
 * without being read whole. */
static int read_input(const char *path, char **data, size_t *len, struct trk_error *err)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	struct strbuf sb = STRBUF_INIT;
	char buf[65536];
	size_t n;
	int rc = 0;

	if (!f)
		return trk_err(err, errno == ENOENT ? TRK_ENOTFOUND : TRK_EIO, "cannot open '%s': "
			       "%s", path, strerror(errno));
	while (sb.len <= TEXTENC_MAX_INPUT && (n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&sb, buf, n);
	if (ferror(f))
		rc = trk_err(err, TRK_EIO, "cannot read '%s': %s", path, strerror(errno));
	else if (sb.len > TEXTENC_MAX_INPUT)
		rc = trk_err(err, TRK_EINPUT, "'%s': input too large (limit %u bytes)", path,
			     TEXTENC_MAX_INPUT);
	if (f != stdin)
		fclose(f);
	*len = sb.len;
	*data = strbuf_detach(&sb);
	return rc;
}

static char *resolve_owner(const char *name, void *ctx)
{
	char *canonical = NULL;

	if (store_owner_resolve(ctx, name, &canonical, NULL))
		return NULL;
	return canonical;
}

static bool key_taken(const char *key, void *ctx)
{
	return store_commitment_exists(ctx, key);
}

struct tracked_sink {
	extract_tracked_add add;
	void *sink;
};

static int tracked_row(const struct commitment_record *r, void *ctx, struct trk_error *err)
{
	struct tracked_sink *t = ctx;

	(void)err;
	t->add(t->sink, r->c->key, r->c->quote);
	return 0;
}

/* extract_options.tracked: the commitments the store holds for doc_no. */
static int tracked(const char *doc_no, extract_tracked_add add, void *sink, void *ctx)
{
	struct tracked_sink t = { add, sink };
	struct query q;

	if (query_init(&q, NULL))
		return -1;
	q.f.letter = doc_no;
	return store_query(ctx, &q, tracked_row, &t, NULL);
}

/* The store is opened for --apply, and for aliases only when it exists:
 * proposing must not create a database as a side effect. A server (a
 * PostgreSQL location) is asked; one that holds no record yet is no
 * store, as a missing file is. */
static int maybe_store(struct cmd_ctx *ctx, bool apply, struct store **st,
		       struct trk_error *err)
{
	int rc;

	*st = NULL;
	if (!apply && !store_location_may_exist(ctx->db_path))
		return 0;
	rc = cmd_store_create(ctx, apply, st, err);
	if (rc == TRK_ENOTFOUND && !apply) {
		*st = NULL;
		return 0;
	}
	return rc;
}

static int print_table(FILE *out, const struct extract_result *r, bool color,
		       struct trk_error *err)
{
	static const char *headers[] = { N_("KEY"), N_("OWNER"), N_("DUE"), N_("TARGET"),
					 N_("CONFIDENCE"), N_("TITLE"), N_("TRACKED") };
	static const size_t widths[] = { 0, 24, 0, 20, 0, 40, 0 };
	struct table tb;
	int rc;

	table_init(&tb, 7, headers, widths);
	for (size_t i = 0; i < r->n; i++) {
		const struct proposal *p = &r->items[i];
		char due[DATE_BUFSZ], conf[16];
		struct strbuf tg = STRBUF_INIT;   /* ">= 800 台", as list and show write it */
		date_format(p->due, due);
		format_target(&tg, &p->target);
		snprintf(conf, sizeof(conf), "%.2f", p->confidence);
		const char *row[7] = { p->key, p->owner, *due ? due : NULL, tg.len ? tg.buf : NULL,
				       conf, p->title, p->tracked_key };
		table_add(&tb, row);
		strbuf_release(&tg);
	}
	rc = table_print(&tb, out, color, err);
	table_release(&tb);
	return rc;
}

static int emit(struct cmd_ctx *ctx, const struct extract_opts *o,
		const struct extract_result *r, struct trk_error *err)
{
	struct outfile of;
	char *json;
	int rc;

	if ((rc = outfile_open(&of, o->out, ctx->out, err)))
		return rc;
	if (o->json) {
		json = extract_to_json(r, NULL);
		if (json && (fputs(json, of.f) < 0 || fputc('\n', of.f) < 0))
			rc = trk_err(err, TRK_EIO, "cannot write the proposal: %s", strerror(errno));
		free(json);
	} else {
		rc = print_table(of.f, r, ctx->color && !o->out, err);
	}
	return outfile_close(&of, rc, err);
}

/* Proposals for a letter the store tracks already are for review against
 * it: --apply imports nothing then. */
static bool already_tracked(struct cmd_ctx *ctx, const struct extract_result *r,
			    struct store *st)
{
	struct letter l;

	if (!st || !r->meta.doc_no || store_letter_get(st, r->meta.doc_no, false, &l, NULL))
		return false;
	letter_release(&l);
	fprintf(ctx->msg, _("tracker: note: letter '%s' is already tracked; these proposals "
		"are for review against it (new keys skip the ones in use)\n"), r->meta.doc_no);
	return true;
}

static int apply(struct cmd_ctx *ctx, const struct extract_opts *o,
		 const struct extract_result *r, struct store *st, struct trk_error *err)
{
	static const struct extract_json_options skip = { .skip_tracked = true };
	char *json = extract_to_json(r, &skip);
	struct import_source src = { .name = "extract" };
	struct import_stats stats = { 0 };
	struct actor a;
	int rc;

	if (!json)
		return 0;
	src.data = json;
	src.len = strlen(json);
	cmd_actor(ctx, o->by, &a);
	if (!(rc = import_json(st, &a, &src, &stats, err)))
		import_report(ctx->msg, &stats);
	free(json);
	return rc;
}

static void say_read(struct cmd_ctx *ctx, const char *path, const struct extract_result *r)
{
	fprintf(ctx->msg, _("tracker: note: read '%s' as %s (%s); %zu commitment%s proposed for "
		"review"), path, r->encoding, extract_kind_name(r->kind), r->n, r->n == 1 ? "" : "s");
	if (r->n_tracked)
		fprintf(ctx->msg, _(", %zu already tracked"), r->n_tracked);
	fputc('\n', ctx->msg);
}

static int run(struct cmd_ctx *ctx, void *opts, char **args, int nargs, struct trk_error *err)
{
	const struct extract_opts *o = opts;
	struct extract_options eo = { 0 };
	struct extract_result r = { 0 };
	struct store *st = NULL;
	char *data = NULL;
	size_t len = 0;
	int rc;

	(void)nargs;
	if (o->kind && extract_kind_parse(o->kind) < 0)
		return trk_err(err, TRK_EUSAGE, "--kind: '%s' is not auto, reply or plan", o->kind);
	if ((rc = maybe_store(ctx, o->apply, &st, err)) ||
	    (rc = read_input(args[0], &data, &len, err)))
		goto out;
	eo.kind = o->kind ? (enum extract_kind)extract_kind_parse(o->kind) : EXTRACT_AUTO;
	eo.key_prefix = o->prefix;
	eo.owner_default = o->owner_default;
	eo.tracked = st ? tracked : NULL;
	eo.resolve = st ? resolve_owner : NULL;
	eo.key_taken = st ? key_taken : NULL;
	eo.resolve_ctx = st;
	if ((rc = extract_letter(data, len, &eo, &r, err))) {
		trk_err_prefix(err, "'%s'", args[0]);
		goto out;
	}
	say_read(ctx, args[0], &r);
	bool tracked_letter = already_tracked(ctx, &r, st);
	if (!(rc = emit(ctx, o, &r, err)) && o->apply && !tracked_letter)
		rc = apply(ctx, o, &r, st, err);
out:
	extract_result_release(&r);
	free(data);
	return rc;
}

const struct command cmd_extract = {
	.name = "extract",
	.summary = "propose a reply letter's metadata and commitments for review",
	.args = args_spec,
	.options = options,
	.opts_size = sizeof(struct extract_opts),
	.flags = CMD_NO_STORE,
	.description = "Reads UTF-8 (with or without BOM), UTF-16 with BOM or GB18030, from a "
		       "file or - (standard input).",
	.run = run,
};
