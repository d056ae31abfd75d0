#include "model/commitment_field.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

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
		return trk_err(err, TRK_EINPUT, "%s: expected a JSON list of names", field);
	}
	cJSON_ArrayForEach(item, arr) {
		if (!cJSON_IsString(item)) {
			rc = trk_err(err, TRK_EINPUT, "%s: expected a JSON list of names", field);
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
		return trk_err(err, TRK_EINPUT, "%s: unknown value '%.40s'", field, value);
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
		return trk_err(err, TRK_EINPUT, "%s: must not be empty", field);
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

bool commitment_key_valid(const char *key)
{
	size_t n = key ? strlen(key) : 0;

	if (n == 0 || n > 40)
		return false;
	for (size_t i = 0; i < n; i++) {
		char ch = key[i];
		bool alnum = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
			     (ch >= '0' && ch <= '9');
		if (!alnum && (i == 0 || (ch != '-' && ch != '_' && ch != '.')))
			return false;
	}
	return true;
}
