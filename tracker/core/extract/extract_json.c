/* extract_json.c - a proposal as a tracker/1 file (extract.h:
 * extract_to_json). One writer for `extract --json`, `extract --apply`
 * and the server's "import a proposal", so all three name owners alike. */
#include "extract/extract.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/date.h"
#include "util/digest.h"
#include "util/strbuf.h"
#include "util/banned.h"

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
	static const struct { unsigned bit; const char *name; } names[] = {
		{ EXTRACT_NO_OWNER, "no_owner" }, { EXTRACT_NO_DATE, "no_date" },
		{ EXTRACT_NOT_MEASURABLE, "not_measurable" }, { EXTRACT_RECURRING, "recurring" },
		{ EXTRACT_APPROXIMATE, "approximate" },
	};
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (f & names[i].bit)
			cJSON_AddItemToArray(a, cJSON_CreateString(names[i].name));
	if (f & (EXTRACT_NO_OWNER | EXTRACT_NO_DATE | EXTRACT_NOT_MEASURABLE))
		cJSON_AddItemToArray(a, cJSON_CreateString("not_verifiable"));
	return a;
}

/* What tools need and tracker/1 has no member for: the tolerance of a
 * 左右 target and the key of the tracked commitment a proposal repeats. */
static void extra_json(cJSON *o, const struct proposal *p)
{
	cJSON *x;

	if (!p->tracked_key && !(p->flags & EXTRACT_APPROXIMATE))
		return;
	x = cJSON_AddObjectToObject(o, "x");
	if (p->flags & EXTRACT_APPROXIMATE)
		cJSON_AddItemToObject(x, "tolerance", cJSON_CreateNumber(p->tolerance));
	add_str(x, "tracked", p->tracked_key);
}

static cJSON *commitment_json(const struct proposal *p, const char *owner_fallback)
{
	cJSON *o = cJSON_CreateObject(), *co;

	add_str(o, "key", p->key);
	add_str(o, "section", p->section);
	add_str(o, "quote", p->quote);
	cJSON_AddItemToObject(o, "quote_offset", cJSON_CreateNumber((double)p->quote_offset));
	add_str(o, "title", p->title);
	add_str(o, "owner", p->owner ? p->owner : owner_fallback);
	co = cJSON_AddArrayToObject(o, "co_owners");
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
	extra_json(o, p);
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

static bool written(const struct extract_result *r, size_t i, const struct extract_json_options *o)
{
	return !(o->skip_tracked && r->items[i].tracked_key);
}

static cJSON *letter_json(const struct extract_result *r, const struct extract_json_options *o,
			  const char *fallback)
{
	const struct letter *m = &r->meta;
	cJSON *l = cJSON_CreateObject(), *cs = cJSON_CreateArray();
	char *doc = doc_no_or_placeholder(r), hex[65];

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
	for (size_t i = 0; i < r->n; i++)
		if (written(r, i, o))
			cJSON_AddItemToArray(cs, commitment_json(&r->items[i], fallback));
	cJSON_AddItemToObject(l, "commitments", cs);
	return l;
}

static bool owner_used(const struct extract_result *r, const struct extract_json_options *o,
		       const char *name)
{
	for (size_t i = 0; i < r->n; i++)
		if (written(r, i, o) && ((r->items[i].owner && !strcmp(r->items[i].owner, name)) ||
					 strlist_has(&r->items[i].co_owners, name)))
			return true;
	return false;
}

/* The owners the written proposals name, each with the forms the letter
 * writes it in, so the file imports into any database and keeps them. */
static cJSON *owners_json(const struct extract_result *r, const struct extract_json_options *o,
			  const char *fallback)
{
	cJSON *a = cJSON_CreateArray();
	bool need_fallback = false;

	for (size_t i = 0; i < r->n_owners; i++) {
		const struct extract_owner *w = &r->owners[i];
		cJSON *obj;

		if (!owner_used(r, o, w->name))
			continue;
		obj = cJSON_CreateObject();
		add_str(obj, "name", w->name);
		if (w->aliases.n)
			cJSON_AddItemToObject(obj, "aliases",
					      cJSON_CreateStringArray((const char *const *)w->aliases.items,
								      (int)w->aliases.n));
		cJSON_AddItemToArray(a, obj);
	}
	for (size_t i = 0; i < r->n; i++)
		need_fallback = need_fallback || (written(r, i, o) && !r->items[i].owner);
	if (need_fallback) {
		cJSON *obj = cJSON_CreateObject();

		add_str(obj, "name", fallback);
		cJSON_AddItemToArray(a, obj);
	}
	return a;
}

char *extract_to_json(const struct extract_result *r, const struct extract_json_options *o)
{
	static const struct extract_json_options none;
	const char *fallback;
	cJSON *root, *letters;
	size_t kept = 0;
	char *printed, *s;

	o = o ? o : &none;
	fallback = o->owner_fallback ? o->owner_fallback : "待定";
	for (size_t i = 0; i < r->n; i++)
		kept += written(r, i, o);
	if (!kept)
		return NULL;
	root = cJSON_CreateObject();
	letters = cJSON_CreateArray();
	add_str(root, "format", "tracker/1");
	cJSON_AddItemToObject(root, "proposed", cJSON_CreateBool(1));
	cJSON_AddItemToObject(root, "owners", owners_json(r, o, fallback));
	cJSON_AddItemToArray(letters, letter_json(r, o, fallback));
	cJSON_AddItemToObject(root, "letters", letters);
	printed = cJSON_Print(root);
	cJSON_Delete(root);
	s = xstrdup(printed);
	cJSON_free(printed);
	return s;
}
