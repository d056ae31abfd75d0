/* cmd_extract.c - `tracker extract LETTER|-`: propose a reply letter's
 * metadata and commitments for review, as a table, as tracker/1 JSON
 * (--json), or imported at once (--apply). */
#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "opts.h"
#include "outfile.h"
#include "table.h"
#include "util/date.h"
#include "extract/extract.h"
#include "record/import.h"
#include "util/sha256.h"
#include "util/strbuf.h"
#include "util/textenc.h"
#include "util/banned.h"

struct extract_args {
	bool json, apply, help;
	const char *out, *prefix, *owner_default, *path, *kind;
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
		return trk_err(err, TRK_EIO, "cannot open '%s': %s", path, strerror(errno));
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
	struct trk_error ignored;
	char *canonical = NULL;

	if (store_owner_resolve(ctx, name, &canonical, &ignored))
		return NULL;
	return canonical;
}

/* The store is opened for --apply, and for aliases only when it exists:
 * proposing must not create a database as a side effect. */
static int maybe_store(struct cmd_ctx *ctx, bool apply, struct store **st,
		       struct trk_error *err)
{
	*st = NULL;
	if (!apply && (!ctx->db_path || access(ctx->db_path, F_OK) != 0))
		return 0;
	return cmd_store(ctx, st, err);
}

static void target_text(const struct proposal *p, char *buf, size_t n)
{
	if (!p->target.present) {
		snprintf(buf, n, "-");
		return;
	}
	snprintf(buf, n, "%s%g%s%s", comparator_name(p->target.cmp), p->target.value,
		 p->target.unit && *p->target.unit ? " " : "", p->target.unit ? p->target.unit : "");
}

static int print_table(FILE *out, const struct extract_result *r, bool color,
		       struct trk_error *err)
{
	static const char *headers[] = { "key", "owner", "due", "target", "confidence", "title",
					 "tracked" };
	static const size_t widths[] = { 0, 24, 0, 20, 0, 40, 0 };
	struct table tb;
	size_t i;
	int rc;

	table_init(&tb, 7, headers, widths);
	for (i = 0; i < r->n; i++) {
		const struct proposal *p = &r->items[i];
		char due[DATE_BUFSZ], tg[64], conf[16];
		const char *row[7];

		date_format(p->due, due);
		target_text(p, tg, sizeof(tg));
		snprintf(conf, sizeof(conf), "%.2f", p->confidence);
		row[0] = p->key;
		row[1] = p->owner;
		row[2] = *due ? due : NULL;
		row[3] = tg;
		row[4] = conf;
		row[5] = p->title;
		row[6] = p->tracked_key;
		table_add(&tb, row);
	}
	rc = table_print(&tb, out, color, err);
	table_release(&tb);
	return rc;
}

/* ---- tracked letters -------------------------------------------------- */

struct tracked_sink {
	extract_tracked_add add;
	void *sink;
};

static int tracked_row(const struct commitment *c, const struct checkin_summary *s,
		       const struct progress *p, void *ctx, struct trk_error *err)
{
	struct tracked_sink *t = ctx;

	t->add(t->sink, c->key, c->quote);
	return 0;
}

/* extract_options.tracked: the commitments the store holds for doc_no. */
static int tracked(const char *doc_no, extract_tracked_add add, void *sink, void *ctx)
{
	struct tracked_sink t = { add, sink };
	struct view v = { .as_of = 0, .skip_progress = true };
	struct trk_error ignored;
	struct filter f;

	filter_init(&f);
	f.letter = doc_no;
	return store_query(ctx, &f, SORT_KEY, &v, tracked_row, &t, &ignored);
}

/* ---- the command ------------------------------------------------------ */

static int emit(struct cmd_ctx *ctx, const struct extract_args *a,
		const struct extract_result *r, struct store *st, struct trk_error *err)
{
	struct outfile of;
	char *json = NULL;
	int rc;

	if ((rc = outfile_open(&of, a->out, ctx->out, err)))
		return rc;
	if (a->json) {
		json = extract_to_json(r, NULL);
		if (fputs(json, of.f) < 0 || fputc('\n', of.f) < 0)
			rc = trk_err(err, TRK_EIO, "cannot write the proposal: %s", strerror(errno));
		free(json);
	} else {
		rc = print_table(of.f, r, ctx->color && !a->out, err);
	}
	return outfile_close(&of, rc, err);
}

static bool key_taken(const char *key, void *ctx)
{
	int64_t id;

	return store_commitment_id(ctx, key, &id, NULL) == 0;
}

/* Is this letter already tracked? Then its proposals would be second
 * copies of tracked commitments: say so, and --apply imports nothing. */
static bool already_tracked(struct cmd_ctx *ctx, const struct extract_result *r,
			    struct store *st)
{
	struct letter l;

	if (!st || !r->meta.doc_no || store_letter_get(st, r->meta.doc_no, false, &l, NULL))
		return false;
	letter_release(&l);
	fprintf(ctx->msg, "tracker: note: letter '%s' is already tracked; these proposals "
		"are for review against it (new keys skip the ones in use)\n", r->meta.doc_no);
	return true;
}

static int apply(struct cmd_ctx *ctx, const struct extract_result *r, struct store *st,
		 struct trk_error *err)
{
	static const struct extract_json_options skip = { .skip_tracked = true };
	char *json = extract_to_json(r, &skip);
	struct import_source src = { 0 };
	struct import_stats stats = { 0 };
	int rc;

	if (!json)
		return 0;
	src.name = "extract";
	src.data = json;
	src.len = strlen(json);
	rc = import_json(st, &src, &stats, err);
	free(json);
	if (!rc)
		fprintf(ctx->msg, "imported %d letter%s, %d commitment%s (%d already present)\n",
			stats.letters_added, stats.letters_added == 1 ? "" : "s",
			stats.commitments_added, stats.commitments_added == 1 ? "" : "s",
			stats.commitments_skipped);
	return rc;
}

static int parse_args(int argc, char **argv, struct extract_args *a, struct trk_error *err)
{
	struct opt opts[] = {
		{ "json", OPT_FLAG, &a->json },
		{ "apply", OPT_FLAG, &a->apply },
		{ "out", OPT_STRING, &a->out },
		{ "key-prefix", OPT_STRING, &a->prefix },
		{ "owner-default", OPT_STRING, &a->owner_default },
		{ "kind", OPT_STRING, &a->kind },
		{ NULL, 0, NULL },
	};

	memset(a, 0, sizeof(*a));
	return opts_parse(argc, argv, opts, &a->path, 1, 1, NULL, &a->help, err);
}

int cmd_extract(int argc, char **argv, struct cmd_ctx *ctx, struct trk_error *err)
{
	struct extract_args a;
	struct extract_options eo = { 0 };
	struct extract_result r = { 0 };
	struct store *st = NULL;
	char *data = NULL;
	size_t len = 0;
	int rc;

	if ((rc = parse_args(argc, argv, &a, err)) || a.help)
		return rc;
	if ((rc = maybe_store(ctx, a.apply, &st, err)) ||
	    (rc = read_input(a.path, &data, &len, err)))
		goto out_free;
	if (a.kind && extract_kind_parse(a.kind) < 0) {
		rc = trk_err(err, TRK_EUSAGE, "--kind: '%s' is not auto, reply or plan", a.kind);
		goto out_free;
	}
	eo.kind = a.kind ? (enum extract_kind)extract_kind_parse(a.kind) : EXTRACT_AUTO;
	eo.tracked = st ? tracked : NULL;
	eo.key_prefix = a.prefix;
	eo.owner_default = a.owner_default;
	eo.resolve = st ? resolve_owner : NULL;
	eo.key_taken = st ? key_taken : NULL;
	eo.resolve_ctx = st;
	rc = extract_letter(data, len, &eo, &r, err);
	if (rc && r.text)
		fprintf(ctx->msg, "tracker: note: read '%s' as %s\n", a.path, r.encoding);
	if (rc) {
		trk_err_prefix(err, "'%s'", a.path);
		goto out_free;
	}
	fprintf(ctx->msg, "tracker: note: read '%s' as %s (%s); %zu commitment%s proposed for review",
		a.path, r.encoding, extract_kind_name(r.kind), r.n, r.n == 1 ? "" : "s");
	if (r.n_tracked)
		fprintf(ctx->msg, ", %zu already tracked", r.n_tracked);
	fputc('\n', ctx->msg);
	bool tracked = already_tracked(ctx, &r, st);
	if (!(rc = emit(ctx, &a, &r, st, err)) && a.apply && !tracked)
		rc = apply(ctx, &r, st, err);
out_free:
	extract_result_release(&r);
	free(data);
	return rc;
}
