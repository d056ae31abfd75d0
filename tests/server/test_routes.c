/* test_routes.c - the route table and the OpenAPI document agree: every
 * API route is described (method and path), every described operation is a
 * route, and the patterns match the paths they should (and only those). */
#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../unit/check.h"
#include "server/assets.h"
#include "server/route.h"
#include "util/strbuf.h"

static void lower(const char *s, char *out, size_t n)
{
	size_t i;

	for (i = 0; s[i] && i + 1 < n; i++)
		out[i] = (char)tolower((unsigned char)s[i]);
	out[i] = '\0';
}

static void test_described(const cJSON *paths)
{
	char method[16];
	int api = 0;

	for (const struct route *const *rt = routes; *rt; rt++) {
		const cJSON *path;

		if ((*rt)->kind != ROUTE_API)
			continue;
		api++;
		lower((*rt)->method, method, sizeof(method));
		path = cJSON_GetObjectItemCaseSensitive(paths, (*rt)->pattern);
		if (!path || !cJSON_GetObjectItemCaseSensitive(path, method))
			fprintf(stderr, "route %s %s is not in openapi.json\n", (*rt)->method,
				(*rt)->pattern);
		CHECK(path && cJSON_GetObjectItemCaseSensitive(path, method));
	}
	CHECK(api >= 14);
}

static bool has_route(const char *pattern, const char *method)
{
	char m[16];

	for (const struct route *const *rt = routes; *rt; rt++) {
		lower((*rt)->method, m, sizeof(m));
		if ((*rt)->kind == ROUTE_API && !strcmp((*rt)->pattern, pattern) && !strcmp(m, method))
			return true;
	}
	return false;
}

static void test_every_operation_is_a_route(const cJSON *paths)
{
	const cJSON *path, *op;
	int ops = 0;

	cJSON_ArrayForEach(path, paths) {
		cJSON_ArrayForEach(op, path) {
			if (strcmp(op->string, "parameters") == 0)
				continue;
			ops++;
			if (!has_route(path->string, op->string))
				fprintf(stderr, "openapi.json describes %s %s: no such route\n",
					op->string, path->string);
			CHECK(has_route(path->string, op->string));
		}
	}
	CHECK(ops >= 14);
}

static const char *find(const char *method, const char *path, const char **p0,
			const char **p1)
{
	static struct request r;
	const struct route *rt;
	bool known;

	for (int i = 0; i < r.nparams; i++)
		free(r.params[i]);
	memset(&r, 0, sizeof(r));
	r.method = method;
	r.path = path;
	rt = route_find(&r, &known);
	*p0 = r.nparams > 0 ? r.params[0] : NULL;
	*p1 = r.nparams > 1 ? r.params[1] : NULL;
	return rt ? rt->pattern : known ? "(405)" : "(404)";
}

static void test_matching(void)
{
	const char *a, *b;

	CHECK_STR(find("GET", "/api/v1/commitments/211-14", &a, &b), "/api/v1/commitments/{key}");
	CHECK_STR(a, "211-14");
	CHECK_STR(find("HEAD", "/api/v1/commitments/211-14", &a, &b), "/api/v1/commitments/{key}");
	CHECK_STR(find("POST", "/api/v1/commitments/211-14/checkins", &a, &b),
		  "/api/v1/commitments/{key}/checkins");
	CHECK_STR(find("DELETE", "/api/v1/commitments/211-14", &a, &b), "(405)");
	CHECK_STR(find("GET", "/api/v1/commitments/211-14/", &a, &b), "(404)");
	/* libmicrohttpd hands the path decoded once; it is not decoded again */
	CHECK_STR(find("GET", "/api/v1/commitments/中", &a, &b), "/api/v1/commitments/{key}");
	CHECK_STR(a, "中");
	CHECK_STR(find("GET", "/api/v1/commitments/211-1%34", &a, &b), "/api/v1/commitments/{key}");
	CHECK_STR(a, "211-1%34");
	/* controls and invalid UTF-8 name nothing */
	CHECK_STR(find("GET", "/api/v1/commitments/a\r\nb", &a, &b), "(404)");
	CHECK_STR(find("GET", "/api/v1/commitments/a\x1b[2J", &a, &b), "(404)");
	CHECK_STR(find("GET", "/api/v1/commitments/\xff", &a, &b), "(404)");
	CHECK_STR(find("GET", "/api/v1/reports/2023Q3.json", &a, &b),
		  "/api/v1/reports/{period}.{format}");
	CHECK_STR(a, "2023Q3");
	CHECK_STR(b, "json");
	CHECK_STR(find("GET", "/api/v1/reports/2023Q3", &a, &b), "(404)");
	CHECK_STR(find("GET", "/calendar/trkf_abc.ics", &a, &b), "/calendar/{token}.ics");
	CHECK_STR(a, "trkf_abc");
	CHECK_STR(find("GET", "/calendar/.ics", &a, &b), "(404)");
	CHECK_STR(find("GET", "/static/../../etc/passwd", &a, &b), "(404)");
	CHECK_STR(find("GET", "//api/v1/owners", &a, &b), "(404)");
	find("GET", "/", &a, &b);
}

int main(void)
{
	const struct asset *doc = asset_find("openapi.json");
	cJSON *root = doc ? cJSON_Parse(doc->data) : NULL;
	const cJSON *paths = cJSON_GetObjectItemCaseSensitive(root, "paths");

	CHECK(root != NULL);
	CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(root, "openapi")), "3.1.0");
	if (paths) {
		test_described(paths);
		test_every_operation_is_a_route(paths);
	}
	test_matching();
	cJSON_Delete(root);
	return check_summary();
}
