#include "util/json_get.h"

#include <math.h>
#include <string.h>

#include "util/date.h"
#include "util/banned.h"

int json_check_members(const cJSON *obj, const char *const *allowed, struct trk_error *err)
{
	const cJSON *m;

	cJSON_ArrayForEach(m, obj) {
		bool ok = false;
		for (const char *const *a = allowed; *a && !ok; a++)
			ok = !strcmp(*a, m->string);
		if (!ok)
			return trk_err(err, TRK_EINPUT, "unknown member '%.60s'", m->string);
	}
	return 0;
}

/* The member, or NULL when absent or JSON null. */
static const cJSON *member(const cJSON *obj, const char *name)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, name);

	return cJSON_IsNull(m) ? NULL : m;
}

static int missing(const char *name, bool required, struct trk_error *err)
{
	return required ? trk_err(err, TRK_EINPUT, "%s: missing", name) : 0;
}

int json_get_string(const cJSON *obj, const char *name, bool required, const char **out,
		    struct trk_error *err)
{
	const cJSON *m = member(obj, name);

	if (!m)
		return missing(name, required, err);
	if (!cJSON_IsString(m))
		return trk_err(err, TRK_EINPUT, "%s: expected a string", name);
	if (required && !*m->valuestring)
		return trk_err(err, TRK_EINPUT, "%s: must not be empty", name);
	*out = m->valuestring;
	return text_check(m->valuestring, strlen(m->valuestring), name, err);
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
		return trk_err(err, TRK_EINPUT, "%s: expected a number", name);
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
		return trk_err(err, TRK_EINPUT, "%s: expected a whole number", name);
	*out = (int)d;
	return 0;
}

int json_get_bool(const cJSON *obj, const char *name, bool *out, struct trk_error *err)
{
	const cJSON *m = member(obj, name);

	if (!m)
		return 0;
	if (!cJSON_IsBool(m))
		return trk_err(err, TRK_EINPUT, "%s: expected true or false", name);
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
		return trk_err(err, TRK_EINPUT, "%s: expected a list", name);
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
			return trk_err(err, TRK_EINPUT, "%s[%d]: expected a non-empty string", name, i);
		if ((rc = text_check(item->valuestring, strlen(item->valuestring), name, err)))
			return rc;
		strlist_push(out, item->valuestring);
		i++;
	}
	return 0;
}
