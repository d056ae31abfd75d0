#include "util/json_get.h"

#include <math.h>
#include <string.h>

#include "util/date.h"
#include "util/banned.h"

/* Whether member name s is name. The first bytes are compared before
 * strcmp() is called: an import looks up a dozen names in each of a
 * million small objects, nearly all of which differ at once, and the
 * calls were 4 % of its time. */
static bool same_name(const char *s, const char *name)
{
	return s && s[0] == name[0] && !strcmp(s, name);
}

int json_check_members(const cJSON *obj, const char *const *allowed, struct trk_error *err)
{
	const cJSON *m;

	cJSON_ArrayForEach(m, obj) {
		bool ok = false;
		for (const char *const *a = allowed; *a && !ok; a++)
			ok = same_name(m->string, *a);
		if (!ok)
			return trk_err_field(err, TRK_EINPUT, m->string, "unknown member (a typo?)");
	}
	return 0;
}

/* The member, or NULL when absent or JSON null; the first of that name
 * (as cJSON_GetObjectItemCaseSensitive, with same_name). */
static const cJSON *member(const cJSON *obj, const char *name)
{
	const cJSON *m = NULL;

	if (cJSON_IsObject(obj))
		for (m = obj->child; m && !same_name(m->string, name); m = m->next)
			;
	return cJSON_IsNull(m) ? NULL : m;
}

static int missing(const char *name, bool required, struct trk_error *err)
{
	return required ? trk_err_field(err, TRK_EINPUT, name, "missing") : 0;
}

int json_get_string(const cJSON *obj, const char *name, bool required, const char **out,
		    struct trk_error *err)
{
	const cJSON *m = member(obj, name);

	if (!m)
		return missing(name, required, err);
	if (!cJSON_IsString(m))
		return trk_err_field(err, TRK_EINPUT, name, "expected a string");
	if (required && !*m->valuestring)
		return trk_err_field(err, TRK_EINPUT, name, "must not be empty");
	*out = m->valuestring;
	return 0;
}

int json_get_number(const cJSON *obj, const char *name, bool required, double *out,
		    bool *present, struct trk_error *err)
{
	const cJSON *m = member(obj, name);

	if (present)
		*present = false;
	if (!m)
		return missing(name, required, err);
	if (!cJSON_IsNumber(m) || !isfinite(m->valuedouble))
		return trk_err_field(err, TRK_EINPUT, name, "expected a number");
	*out = m->valuedouble;
	if (present)
		*present = true;
	return 0;
}

int json_get_int(const cJSON *obj, const char *name, bool required, int *out,
		 struct trk_error *err)
{
	double d;
	bool present;
	int rc = json_get_number(obj, name, required, &d, &present, err);

	if (rc || !present)
		return rc;
	if (d != floor(d) || d < 0 || d > 1e9)
		return trk_err_field(err, TRK_EINPUT, name, "expected a whole number");
	*out = (int)d;
	return 0;
}

int json_get_bool(const cJSON *obj, const char *name, bool *out, struct trk_error *err)
{
	const cJSON *m = member(obj, name);

	if (!m)
		return 0;
	if (!cJSON_IsBool(m))
		return trk_err_field(err, TRK_EINPUT, name, "expected true or false");
	*out = cJSON_IsTrue(m);
	return 0;
}

int json_get_date(const cJSON *obj, const char *name, bool required, int32_t *out,
		  struct trk_error *err)
{
	const char *s = NULL;
	int rc = json_get_string(obj, name, required, &s, err);

	if (rc || !s)
		return rc;
	return date_parse(s, out, name, err);
}

int json_get_array(const cJSON *obj, const char *name, const cJSON **out,
		   struct trk_error *err)
{
	const cJSON *m = member(obj, name);

	*out = NULL;
	if (!m)
		return 0;
	if (!cJSON_IsArray(m))
		return trk_err_field(err, TRK_EINPUT, name, "expected a list");
	*out = m;
	return 0;
}

int json_get_strlist(const cJSON *obj, const char *name, struct strlist *out,
		     struct trk_error *err)
{
	const cJSON *arr, *item;
	int i = 0, rc = json_get_array(obj, name, &arr, err);

	if (rc || !arr)
		return rc;
	cJSON_ArrayForEach(item, arr) {
		if (!cJSON_IsString(item) || !*item->valuestring)
			return trk_err_field(err, TRK_EINPUT, name, "[%d]: expected a non-empty string", i);
		strlist_push(out, item->valuestring);
		i++;
	}
	return 0;
}
