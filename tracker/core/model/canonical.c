/* canonical.c - the hashed form of every record (see canonical.h). */
#include "model/canonical.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/date.h"
#include "util/jsonw.h"
#include "util/strbuf.h"
#include "util/banned.h"

/* A record's fields gathered before they are hashed: a check-in is a
 * dozen short fields and their separators, and a call into SHA-256 for
 * each piece cost more than hashing the bytes. Same bytes, same hash. */
struct record_hash {
	struct digest d;
	size_t n;
	char buf[512];
};

static void hash_init(struct record_hash *h)
{
	digest_init(&h->d);
	h->n = 0;
}

static void hash_add(struct record_hash *h, const char *s, size_t len)
{
	if (h->n + len > sizeof(h->buf)) {
		digest_add(&h->d, h->buf, h->n);
		h->n = 0;
		if (len > sizeof(h->buf)) {
			digest_add(&h->d, s, len);
			return;
		}
	}
	memcpy(h->buf + h->n, s, len);
	h->n += len;
}

static void hash_hex(struct record_hash *h, char out[DIGEST_HEXSZ])
{
	digest_add(&h->d, h->buf, h->n);
	digest_hex(&h->d, out);
}

/* Appends one field and its separator. NULL and "" are the same field. */
static void field(struct record_hash *d, const char *s)
{
	if (s)
		hash_add(d, s, strlen(s));
	hash_add(d, "\x1f", 1);
}

static void field_int(struct record_hash *d, long long v)
{
	char num[24];

	int_text(v, num);
	field(d, num);
}

/* value_text: the value's text, "" for none. */
static void checkin_hash_value(const struct checkin *k, const char *value_text,
			       char out[DIGEST_HEXSZ])
{
	char date[DATE_BUFSZ];
	struct record_hash d;

	hash_init(&d);
	field(&d, "checkin/1");
	field(&d, k->commitment_key);
	field_int(&d, k->seq);
	date_format(k->as_of, date);
	field(&d, date);
	field(&d, k->recorded_at);
	field(&d, value_text);
	field(&d, k->note);
	field(&d, k->evidence);
	field(&d, k->author);
	field_int(&d, k->supersedes);
	field(&d, k->prev_hash);
	/* Added after the first stores were written: a check-in without a
	 * reason hashes exactly as it always did. */
	if (k->reason && *k->reason) {
		field(&d, "reason");
		field(&d, k->reason);
	}
	hash_hex(&d, out);
}

void checkin_hash(const struct checkin *k, char out[DIGEST_HEXSZ])
{
	char num[32] = "";

	if (k->has_value)
		canon_number(k->value, num);
	checkin_hash_value(k, num, out);
}

void checkin_hash_negative_zero(const struct checkin *k, char out[DIGEST_HEXSZ])
{
	checkin_hash_value(k, "-0", out);
}

void history_hash(const struct history *h, char out[DIGEST_HEXSZ])
{
	struct record_hash d;

	hash_init(&d);
	field(&d, "history/1");
	field(&d, h->commitment_key);
	field_int(&d, h->seq);
	field(&d, h->field);
	/* 0x1e stands for "none" so a cleared value differs from an empty one
	 * in the first stores' records; kept for their hashes. */
	field(&d, h->old_value ? h->old_value : "\x1e");
	field(&d, h->new_value ? h->new_value : "\x1e");
	field(&d, h->author);
	field(&d, h->changed_at);
	field(&d, h->reason);
	field(&d, h->prev_hash);
	hash_hex(&d, out);
}

void journal_hash(const struct journal_entry *e, char out[DIGEST_HEXSZ])
{
	struct record_hash d;

	hash_init(&d);
	field(&d, "journal/1");
	field_int(&d, e->seq);
	field(&d, e->at);
	field(&d, e->kind);
	field(&d, e->subject);
	field(&d, e->content);
	field(&d, e->author);
	field(&d, e->reason);
	field(&d, e->prev_hash);
	hash_hex(&d, out);
}

/* ---- the creation record of a commitment -------------------------------- */

static void strlist_json(struct jsonw *w, const char *name, const struct strlist *l)
{
	jsonw_array(w, name);
	for (size_t i = 0; i < l->n; i++)
		jsonw_string(w, NULL, l->items[i]);
	jsonw_end(w);
}

void target_json(struct jsonw *w, const struct target *t)
{
	if (!t->present) {
		jsonw_null(w, "target");
		return;
	}
	jsonw_object(w, "target");
	jsonw_number(w, "value", t->value);
	jsonw_string(w, "unit", t->unit && *t->unit ? t->unit : NULL);
	jsonw_string(w, "comparator", comparator_name(t->cmp));
	jsonw_number(w, "baseline", t->baseline);
	jsonw_end(w);
}

char *commitment_genesis_text(const struct commitment *c)
{
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;

	jsonw_init(&w, &sb, false);
	jsonw_object(&w, NULL);
	jsonw_string(&w, "key", c->key);
	jsonw_string(&w, "uid", c->uid);
	jsonw_string(&w, "letter", c->letter_doc_no);
	jsonw_string(&w, "section", c->section);
	jsonw_string(&w, "quote", c->quote);
	jsonw_string(&w, "title", c->title);
	jsonw_string(&w, "owner", c->owner);
	strlist_json(&w, "co_owners", &c->co_owners);
	jsonw_string(&w, "kind", kind_name(c->kind));
	target_json(&w, &c->target);
	jsonw_date(&w, "window_start", c->window_start);
	jsonw_date(&w, "due", c->due);
	jsonw_string(&w, "status", status_name(c->status));
	strlist_json(&w, "tags", &c->tags);
	jsonw_string(&w, "health_override",
		     c->health_override >= 0 ? health_name(c->health_override) : NULL);
	jsonw_string(&w, "health_override_reason", c->health_override_reason);
	jsonw_string(&w, "created_at", c->created_at);
	jsonw_end(&w);
	return strbuf_detach(&sb);
}

/* ---- reading it back ------------------------------------------------------ */

static char *get_text(const cJSON *o, const char *name)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, name);

	return cJSON_IsString(m) ? xstrdup(m->valuestring) : NULL;
}

static int get_date(const cJSON *o, const char *name, int32_t *out)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, name);

	*out = DATE_NONE;
	if (cJSON_IsNull(m))
		return 0;
	return cJSON_IsString(m) ? date_parse(m->valuestring, out, name, NULL) : -1;
}

static int get_list(const cJSON *o, const char *name, struct strlist *out)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, name), *item;

	if (!cJSON_IsArray(m))
		return -1;
	cJSON_ArrayForEach(item, m) {
		if (!cJSON_IsString(item))
			return -1;
		strlist_push(out, item->valuestring);
	}
	return 0;
}

static int get_target(const cJSON *o, struct target *t)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, "target");
	const cJSON *v, *b, *cmp;

	if (cJSON_IsNull(m))
		return 0;
	v = cJSON_GetObjectItemCaseSensitive(m, "value");
	b = cJSON_GetObjectItemCaseSensitive(m, "baseline");
	cmp = cJSON_GetObjectItemCaseSensitive(m, "comparator");
	if (!cJSON_IsNumber(v) || !cJSON_IsNumber(b) || !cJSON_IsString(cmp) ||
	    comparator_parse(cmp->valuestring) < 0)
		return -1;
	t->present = true;
	t->value = v->valuedouble;
	t->baseline = b->valuedouble;
	t->cmp = (enum comparator)comparator_parse(cmp->valuestring);
	t->unit = get_text(m, "unit");
	return 0;
}

static int get_enums(const cJSON *o, struct commitment *c)
{
	const cJSON *kind = cJSON_GetObjectItemCaseSensitive(o, "kind");
	const cJSON *status = cJSON_GetObjectItemCaseSensitive(o, "status");
	const cJSON *ovr = cJSON_GetObjectItemCaseSensitive(o, "health_override");
	int k = cJSON_IsString(kind) ? kind_parse(kind->valuestring) : -1;
	int s = cJSON_IsString(status) ? status_parse(status->valuestring) : -1;

	if (k < 0 || s < 0)
		return -1;
	c->kind = (enum kind)k;
	c->status = (enum status)s;
	c->health_override = cJSON_IsString(ovr) ? health_parse(ovr->valuestring) : -1;
	return cJSON_IsString(ovr) && c->health_override < 0 ? -1 : 0;
}

int commitment_from_genesis(const char *text, struct commitment *c, struct trk_error *err)
{
	cJSON *o = cJSON_Parse(text);
	int bad;

	commitment_init(c);
	bad = !cJSON_IsObject(o);
	if (!bad) {
		c->key = get_text(o, "key");
		c->uid = get_text(o, "uid");
		c->letter_doc_no = get_text(o, "letter");
		c->section = get_text(o, "section");
		c->quote = get_text(o, "quote");
		c->title = get_text(o, "title");
		c->owner = get_text(o, "owner");
		c->health_override_reason = get_text(o, "health_override_reason");
		c->created_at = get_text(o, "created_at");
		bad = !c->key || !c->owner || get_enums(o, c) || get_target(o, &c->target) ||
		      get_list(o, "co_owners", &c->co_owners) || get_list(o, "tags", &c->tags) ||
		      get_date(o, "window_start", &c->window_start) ||
		      get_date(o, "due", &c->due);
	}
	cJSON_Delete(o);
	if (bad) {
		commitment_release(c);
		return trk_err(err, TRK_EINPUT, "not a commitment's creation record");
	}
	return 0;
}

/* ---- journal contents ------------------------------------------------------ */

char *letter_journal_text(const struct letter *l)
{
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;

	jsonw_init(&w, &sb, false);
	jsonw_object(&w, NULL);
	jsonw_string(&w, "doc_no", l->doc_no);
	jsonw_string(&w, "title", l->title);
	jsonw_string(&w, "issuer", l->issuer);
	jsonw_string(&w, "signer", l->signer);
	jsonw_date(&w, "date", l->date);
	jsonw_string(&w, "addressee", l->addressee);
	jsonw_string(&w, "suggestion_no", l->suggestion_no);
	jsonw_string(&w, "session", l->session);
	jsonw_string(&w, "reply_class", l->reply_class);
	strlist_json(&w, "co_handlers", &l->co_handlers);
	jsonw_string(&w, "text_sha256", l->text_sha256);
	jsonw_string(&w, "created_at", l->created_at);
	jsonw_end(&w);
	return strbuf_detach(&sb);
}

char *owner_journal_text(const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;

	jsonw_init(&w, &sb, false);
	jsonw_object(&w, NULL);
	jsonw_string(&w, "name", name);
	jsonw_end(&w);
	return strbuf_detach(&sb);
}

char *alias_journal_text(const char *owner, const char *alias)
{
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;

	jsonw_init(&w, &sb, false);
	jsonw_object(&w, NULL);
	jsonw_string(&w, "owner", owner);
	jsonw_string(&w, "alias", alias);
	jsonw_end(&w);
	return strbuf_detach(&sb);
}

char *setting_journal_text(const char *key, const char *value)
{
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;

	jsonw_init(&w, &sb, false);
	jsonw_object(&w, NULL);
	jsonw_string(&w, "key", key);
	jsonw_string(&w, "value", value);
	jsonw_end(&w);
	return strbuf_detach(&sb);
}

static void string_array(struct jsonw *w, const char *name, const struct strlist *l)
{
	jsonw_array(w, name);
	for (size_t i = 0; i < l->n; i++)
		jsonw_string(w, NULL, l->items[i]);
	jsonw_end(w);
}

char *user_journal_text(const struct user *u)
{
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;

	jsonw_init(&w, &sb, false);
	jsonw_object(&w, NULL);
	jsonw_string(&w, "name", u->name);
	jsonw_string(&w, "role", role_name(u->role));
	string_array(&w, "owners", &u->owners);
	string_array(&w, "letters", &u->letters);
	jsonw_bool(&w, "disabled", u->disabled);
	jsonw_end(&w);
	return strbuf_detach(&sb);
}

char *token_journal_text(const struct token *t)
{
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;

	jsonw_init(&w, &sb, false);
	jsonw_object(&w, NULL);
	jsonw_string(&w, "id", t->id);
	jsonw_string(&w, "user", t->user);
	jsonw_string(&w, "kind", token_kind_name(t->kind));
	jsonw_string_opt(&w, "revoked_at", t->revoked_at);
	jsonw_string(&w, "hash", t->hash);
	jsonw_end(&w);
	return strbuf_detach(&sb);
}

char *password_journal_text(const char *name, const char *encoded)
{
	char digest[DIGEST_HEXSZ];

	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;

	jsonw_init(&w, &sb, false);
	jsonw_object(&w, NULL);
	jsonw_string(&w, "name", name);
	sha256_hex(encoded, strlen(encoded), digest);
	jsonw_string(&w, "digest", digest);
	jsonw_end(&w);
	return strbuf_detach(&sb);
}
