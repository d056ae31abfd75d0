#include "model/commitment_field.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/canonical.h"
#include "util/date.h"
#include "util/strbuf.h"
#include "util/banned.h"

struct field_info {
	const char *name;
	bool needs_reason;
	bool bumps_sequence;
};

static const struct field_info fields[] = {
	{ "status", false, true },
	{ "due", true, true },
	{ "window_start", true, false },
	{ "target", true, true },
	{ "owner", false, false },
	{ "co_owners", false, false },
	{ "title", false, false },
	{ "kind", false, false },
	{ "tags", false, false },
	{ "health_override", true, false },
};

static const struct field_info *field_find(const char *name)
{
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (!strcmp(fields[i].name, name))
			return &fields[i];
	return NULL;
}

bool commitment_field_known(const char *field)
{
	return field_find(field) != NULL;
}

bool commitment_field_needs_reason(const char *field)
{
	const struct field_info *f = field_find(field);

	return f && f->needs_reason;
}

bool commitment_field_bumps_sequence(const char *field)
{
	const struct field_info *f = field_find(field);

	return f && f->bumps_sequence;
}

/* Lists as a JSON array of strings: unambiguous whatever the names hold. */
static char *list_to_text(const struct strlist *l)
{
	cJSON *arr = cJSON_CreateArray();
	char *printed, *out;

	for (size_t i = 0; i < l->n; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateString(l->items[i]));
	printed = cJSON_PrintUnformatted(arr);
	out = xstrdup(printed);
	cJSON_free(printed);
	cJSON_Delete(arr);
	return out;
}

static int list_from_text(const char *s, struct strlist *l, const char *field,
			  struct trk_error *err)
{
	cJSON *arr, *item;
	int rc = 0;

	strlist_release(l);
	if (!s || !*s)
		return 0;
	arr = cJSON_Parse(s);
	if (!cJSON_IsArray(arr)) {
		cJSON_Delete(arr);
		return trk_err_field(err, TRK_EINPUT, field, "expected a JSON list of names");
	}
	cJSON_ArrayForEach(item, arr) {
		if (!cJSON_IsString(item)) {
			rc = trk_err_field(err, TRK_EINPUT, field, "expected a JSON list of names");
			break;
		}
		strlist_push(l, item->valuestring);
	}
	cJSON_Delete(arr);
	return rc;
}

static char *date_text(int32_t d)
{
	char buf[DATE_BUFSZ];

	if (d == DATE_NONE)
		return NULL;
	date_format(d, buf);
	return xstrdup(buf);
}

char *commitment_field_get(const struct commitment *c, const char *f)
{
	if (!strcmp(f, "status"))
		return xstrdup(status_name(c->status));
	if (!strcmp(f, "due"))
		return date_text(c->due);
	if (!strcmp(f, "window_start"))
		return date_text(c->window_start);
	if (!strcmp(f, "target"))
		return target_to_text(&c->target);
	if (!strcmp(f, "owner"))
		return xstrdup(c->owner);
	if (!strcmp(f, "co_owners"))
		return list_to_text(&c->co_owners);
	if (!strcmp(f, "title"))
		return xstrdup(c->title);
	if (!strcmp(f, "kind"))
		return xstrdup(kind_name(c->kind));
	if (!strcmp(f, "tags"))
		return list_to_text(&c->tags);
	if (!strcmp(f, "health_override"))
		return c->health_override < 0 ? NULL : xstrdup(health_name(c->health_override));
	return NULL;
}

static int set_enum(int *dest, int parsed, const char *field, const char *value,
		    struct trk_error *err)
{
	if (parsed < 0)
		return trk_err_field(err, TRK_EINPUT, field, "unknown value '%.40s'", value);
	*dest = parsed;
	return 0;
}

static int set_date(int32_t *dest, const char *value, const char *field,
		    struct trk_error *err)
{
	if (!value || !*value) {
		*dest = DATE_NONE;
		return 0;
	}
	return date_parse(value, dest, field, err);
}

static int set_text(char **dest, const char *value, const char *field, struct trk_error *err)
{
	if (!value || !*value)
		return trk_err_field(err, TRK_EINPUT, field, "must not be empty");
	free(*dest);
	*dest = xstrdup(value);
	return 0;
}

static int set_target(struct target *t, const char *value, struct trk_error *err)
{
	struct target parsed;
	int rc = target_from_text(value, &parsed, err);

	if (rc)
		return rc;
	free(t->unit);
	*t = parsed;
	return 0;
}

int commitment_field_set(struct commitment *c, const char *f, const char *value,
			 struct trk_error *err)
{
	int v;

	if (!strcmp(f, "status")) {
		v = (int)c->status;
		int rc = set_enum(&v, status_parse(value), f, value ? value : "", err);
		c->status = (enum status)v;
		return rc;
	}
	if (!strcmp(f, "kind")) {
		v = (int)c->kind;
		int rc = set_enum(&v, kind_parse(value), f, value ? value : "", err);
		c->kind = (enum kind)v;
		return rc;
	}
	if (!strcmp(f, "health_override")) {
		if (!value || !*value) {
			c->health_override = -1;
			return 0;
		}
		return set_enum(&c->health_override, health_parse(value), f, value, err);
	}
	if (!strcmp(f, "due"))
		return set_date(&c->due, value, f, err);
	if (!strcmp(f, "window_start"))
		return set_date(&c->window_start, value, f, err);
	if (!strcmp(f, "target"))
		return set_target(&c->target, value, err);
	if (!strcmp(f, "owner"))
		return set_text(&c->owner, value, f, err);
	if (!strcmp(f, "title"))
		return set_text(&c->title, value, f, err);
	if (!strcmp(f, "co_owners"))
		return list_from_text(value, &c->co_owners, f, err);
	if (!strcmp(f, "tags"))
		return list_from_text(value, &c->tags, f, err);
	return trk_err(err, TRK_EINPUT, "unknown field '%.40s'", f);
}

int commitment_apply(struct commitment *c, const struct history *h, struct trk_error *err)
{
	int rc = commitment_field_set(c, h->field, h->new_value, err);

	if (rc)
		return trk_err_prefix(err, "history #%d", h->seq);
	if (!strcmp(h->field, "health_override")) {
		free(c->health_override_reason);
		c->health_override_reason = c->health_override >= 0 ? xstrdup(h->reason) : NULL;
	}
	if (commitment_field_bumps_sequence(h->field))
		c->sequence++;
	free(c->updated_at);
	c->updated_at = xstrdup(h->changed_at);
	return 0;
}

int commitment_replay(const struct history *h, size_t n, const char *known_at,
		      struct commitment *out, struct trk_error *err)
{
	int rc;

	commitment_init(out);
	if (!n || h[0].seq != 0 || !h[0].field || strcmp(h[0].field, "created"))
		return trk_err(err, TRK_EINPUT, "the history does not start with a creation record");
	if ((rc = commitment_from_genesis(h[0].new_value, out, err)))
		return rc;
	out->updated_at = xstrdup(out->created_at);
	for (size_t i = 1; i < n && !rc; i++) {
		if (known_at && h[i].changed_at && strcmp(h[i].changed_at, known_at) > 0)
			break;
		rc = commitment_apply(out, &h[i], err);
	}
	if (rc)
		commitment_release(out);
	return rc;
}

static bool same_text(const char *a, const char *b)
{
	return (!a || !*a) ? (!b || !*b) : (b && !strcmp(a, b));
}

typedef bool same_fn(const struct commitment *a, const struct commitment *b);

static bool same_status(const struct commitment *a, const struct commitment *b)
{
	return a->status == b->status;
}

static bool same_due(const struct commitment *a, const struct commitment *b)
{
	return a->due == b->due;
}

static bool same_window(const struct commitment *a, const struct commitment *b)
{
	return a->window_start == b->window_start;
}

static bool same_owner(const struct commitment *a, const struct commitment *b)
{
	return same_text(a->owner, b->owner);
}

static bool same_co_owners(const struct commitment *a, const struct commitment *b)
{
	return strlist_equal(&a->co_owners, &b->co_owners);
}

static bool same_title(const struct commitment *a, const struct commitment *b)
{
	return same_text(a->title, b->title);
}

static bool same_kind(const struct commitment *a, const struct commitment *b)
{
	return a->kind == b->kind;
}

static bool same_tags(const struct commitment *a, const struct commitment *b)
{
	return strlist_equal(&a->tags, &b->tags);
}

static bool same_override(const struct commitment *a, const struct commitment *b)
{
	return a->health_override == b->health_override;
}

/* The fields a history changes, each with a test that the two values are
 * surely the same text, from the structure: equal structures make equal
 * texts (not the converse: a target can be written two ways, so it has no
 * test). check compares every commitment with its replay, and building
 * and freeing twenty texts a commitment was a tenth of its time. */
static const struct {
	const char *name;
	same_fn *surely_same;     /* NULL: compare the texts */
} changing[] = {
	{ "status", same_status }, { "due", same_due }, { "window_start", same_window },
	{ "target", NULL }, { "owner", same_owner }, { "co_owners", same_co_owners },
	{ "title", same_title }, { "kind", same_kind }, { "tags", same_tags },
	{ "health_override", same_override },
};

bool commitment_same(const struct commitment *a, const struct commitment *b,
		     const char **field)
{
	const char *diff = NULL;

	for (size_t i = 0; i < sizeof(changing) / sizeof(changing[0]) && !diff; i++) {
		const char *f = changing[i].name;
		char *x, *y;
		if (changing[i].surely_same && changing[i].surely_same(a, b))
			continue;
		x = commitment_field_get(a, f), y = commitment_field_get(b, f);
		if (!same_text(x, y))
			diff = f;
		free(x);
		free(y);
	}
	if (!diff && !same_text(a->key, b->key)) diff = "key";
	if (!diff && !same_text(a->uid, b->uid)) diff = "uid";
	if (!diff && !same_text(a->letter_doc_no, b->letter_doc_no)) diff = "letter";
	if (!diff && !same_text(a->section, b->section)) diff = "section";
	if (!diff && !same_text(a->quote, b->quote)) diff = "quote";
	if (!diff && !same_text(a->health_override_reason, b->health_override_reason))
		diff = "health_override_reason";
	if (!diff && !same_text(a->created_at, b->created_at)) diff = "created_at";
	if (!diff && !same_text(a->updated_at, b->updated_at)) diff = "updated_at";
	if (!diff && a->sequence != b->sequence) diff = "sequence";
	if (field)
		*field = diff;
	return !diff;
}

/* genesis_text(c) is what commitment_from_genesis() reads back exactly
 * (strings are escaped, never changed; numbers round-trip), for a c with
 * a key, an owner and finite numbers: so equal texts mean equal records. */
bool commitment_is_its_creation(const struct commitment *c, const struct history *h, size_t n)
{
	char *text;
	bool same;

	if (n != 1 || h[0].seq != 0 || !h[0].field || strcmp(h[0].field, "created") ||
	    !h[0].new_value || !c->key || !c->owner || c->sequence != 0 ||
	    !same_text(c->updated_at, c->created_at) ||
	    (c->target.present && (!isfinite(c->target.value) || !isfinite(c->target.baseline))))
		return false;
	text = commitment_genesis_text(c);
	same = !strcmp(text, h[0].new_value);
	free(text);
	return same;
}
