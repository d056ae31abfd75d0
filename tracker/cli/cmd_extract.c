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
	const char *out, *prefix, *owner_default, *path;
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
	static const char *headers[] = { "key", "owner", "due", "target", "confidence", "title" };
	static const size_t widths[] = { 0, 24, 0, 20, 0, 40 };
	struct table tb;
	size_t i;
	int rc;

	table_init(&tb, 6, headers, widths);
	for (i = 0; i < r->n; i++) {
		const struct proposal *p = &r->items[i];
		char due[DATE_BUFSZ], tg[64], conf[16];
		const char *row[6];

		date_format(p->due, due);
		target_text(p, tg, sizeof(tg));
		snprintf(conf, sizeof(conf), "%.2f", p->confidence);
		row[0] = p->key;
		row[1] = p->owner;
		row[2] = *due ? due : NULL;
		row[3] = tg;
		row[4] = conf;
		row[5] = p->title;
		table_add(&tb, row);
	}
	rc = table_print(&tb, out, color, err);
	table_release(&tb);
	return rc;
}

/* ---- JSON ------------------------------------------------------------- */

static void add_str(cJSON *o, const char *name, const char *v)
{
	if (v)
		cJSON_AddItemToObject(o, name, cJSON_CreateString(v));
}

static void add_date(cJSON *o, const char *name, int32_t d)
{
	char buf[DATE_BUFSZ];

	if (d == DATE_NONE)
		return;
	date_format(d, buf);
	cJSON_AddItemToObject(o, name, cJSON_CreateString(buf));
}

static cJSON *target_json(const struct target *t)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddItemToObject(o, "value", cJSON_CreateNumber(t->value));
	cJSON_AddItemToObject(o, "unit", cJSON_CreateString(t->unit ? t->unit : ""));
	cJSON_AddItemToObject(o, "comparator", cJSON_CreateString(comparator_name(t->cmp)));
	cJSON_AddItemToObject(o, "baseline", cJSON_CreateNumber(t->baseline));
	return o;
}

static cJSON *flags_json(unsigned f)
{
	cJSON *a = cJSON_CreateArray();

	if (f & EXTRACT_NO_OWNER)
		cJSON_AddItemToArray(a, cJSON_CreateString("no_owner"));
	if (f & EXTRACT_NO_DATE)
		cJSON_AddItemToArray(a, cJSON_CreateString("no_date"));
	if (f & EXTRACT_NOT_MEASURABLE)
		cJSON_AddItemToArray(a, cJSON_CreateString("not_measurable"));
	if (f)
		cJSON_AddItemToArray(a, cJSON_CreateString("not_verifiable"));
	return a;
}

static cJSON *commitment_json(const struct proposal *p, const char *owner_fallback)
{
	cJSON *o = cJSON_CreateObject();

	add_str(o, "key", p->key);
	add_str(o, "section", p->section);
	add_str(o, "quote", p->quote);
	cJSON_AddItemToObject(o, "quote_offset", cJSON_CreateNumber((double)p->quote_offset));
	add_str(o, "title", p->title);
	add_str(o, "owner", p->owner ? p->owner : owner_fallback);
	cJSON *co = cJSON_AddArrayToObject(o, "co_owners");
	for (size_t i = 0; i < p->co_owners.n; i++)
		cJSON_AddItemToArray(co, cJSON_CreateString(p->co_owners.items[i]));
	add_str(o, "kind", kind_name(p->kind));
	if (p->kind == KIND_QUANTITATIVE)
		cJSON_AddItemToObject(o, "target", target_json(&p->target));
	add_date(o, "window_start", p->window_start);
	add_date(o, "due", p->due);
	add_str(o, "status", "open");
	cJSON_AddItemToObject(o, "confidence", cJSON_CreateNumber(round(p->confidence * 100) / 100));
	cJSON_AddItemToObject(o, "flags", flags_json(p->flags));
	return o;
}

/* A 文号 is required to import; an unnumbered letter gets a placeholder
 * that names its text, for the reviewer to replace. */
static char *doc_no_or_placeholder(const struct extract_result *r)
{
	char hex[65];
	struct strbuf sb = STRBUF_INIT;

	if (r->meta.doc_no)
		return xstrdup(r->meta.doc_no);
	sha256_hex(r->text, r->text_len, hex);
	strbuf_addf(&sb, "未编号-%.12s", hex);
	return strbuf_detach(&sb);
}

static cJSON *letter_json(const struct extract_result *r, const char *owner_fallback)
{
	const struct letter *m = &r->meta;
	cJSON *l = cJSON_CreateObject(), *cs = cJSON_CreateArray();
	char *doc = doc_no_or_placeholder(r), hex[65];
	size_t i;

	add_str(l, "doc_no", doc);
	free(doc);
	add_str(l, "title", m->title);
	add_str(l, "issuer", m->issuer);
	add_str(l, "signer", m->signer);
	add_date(l, "date", m->date);
	add_str(l, "addressee", m->addressee);
	add_str(l, "suggestion_no", m->suggestion_no);
	add_str(l, "session", m->session);
	cJSON_AddItemToObject(l, "co_handlers",
			      cJSON_CreateStringArray((const char *const *)m->co_handlers.items,
						      (int)m->co_handlers.n));
	add_str(l, "reply_class", m->reply_class);
	add_str(l, "text", r->text);
	sha256_hex(r->text, r->text_len, hex);
	add_str(l, "text_sha256", hex);
	for (i = 0; i < r->n; i++)
		cJSON_AddItemToArray(cs, commitment_json(&r->items[i], owner_fallback));
	cJSON_AddItemToObject(l, "commitments", cs);
	return l;
}

static void add_owner(cJSON *a, struct strlist *seen, struct store *st, const char *o)
{
	char *canon = st ? resolve_owner(o, st) : NULL;
	const char *name = canon ? canon : o;

	if (!strlist_has(seen, name)) {
		cJSON *obj = cJSON_CreateObject();

		add_str(obj, "name", name);
		cJSON_AddItemToArray(a, obj);
		strlist_push(seen, name);
	}
	free(canon);
}

/* Every owner the proposals name, lead or co-owner, by canonical name where
 * the store knows it, so the file imports into any database. */
static cJSON *owners_json(const struct extract_result *r, struct store *st,
			  const char *owner_fallback)
{
	struct strlist seen = { 0 };
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < r->n; i++) {
		add_owner(a, &seen, st, r->items[i].owner ? r->items[i].owner : owner_fallback);
		for (size_t j = 0; j < r->items[i].co_owners.n; j++)
			add_owner(a, &seen, st, r->items[i].co_owners.items[j]);
	}
	strlist_release(&seen);
	return a;
}

static char *to_json(const struct extract_result *r, struct store *st)
{
	const char *fallback = "待定";    /* never reached: see EXTRACT_NO_OWNER */
	cJSON *root = cJSON_CreateObject(), *letters = cJSON_CreateArray();
	char *s;

	add_str(root, "format", "tracker/1");
	cJSON_AddItemToObject(root, "proposed", cJSON_CreateBool(1));
	cJSON_AddItemToObject(root, "owners", owners_json(r, st, fallback));
	cJSON_AddItemToArray(letters, letter_json(r, fallback));
	cJSON_AddItemToObject(root, "letters", letters);
	s = cJSON_Print(root);
	cJSON_Delete(root);
	return s;
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
		json = to_json(r, st);
		if (fputs(json, of.f) < 0 || fputc('\n', of.f) < 0)
			rc = trk_err(err, TRK_EIO, "cannot write the proposal: %s", strerror(errno));
		cJSON_free(json);
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
	char *json = to_json(r, st);
	struct import_source src = { 0 };
	struct import_stats stats = { 0 };
	int rc;

	src.name = "extract";
	src.data = json;
	src.len = strlen(json);
	rc = import_json(st, &src, &stats, err);
	cJSON_free(json);
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
	fprintf(ctx->msg, "tracker: note: read '%s' as %s; %zu commitment%s proposed for review\n",
		a.path, r.encoding, r.n, r.n == 1 ? "" : "s");
	bool tracked = already_tracked(ctx, &r, st);
	if (!(rc = emit(ctx, &a, &r, st, err)) && a.apply && !tracked)
		rc = apply(ctx, &r, st, err);
out_free:
	extract_result_release(&r);
	free(data);
	return rc;
}
