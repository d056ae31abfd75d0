/* api_assets.c - the OpenAPI description of the API and the pages' static
 * files, compiled in (assets.h). */
#include <string.h>

#include "server/api.h"
#include "server/assets.h"
#include "server/route.h"
#include "util/banned.h"

const struct asset *asset_find(const char *name)
{
	for (const struct asset *a = server_assets; a->name; a++)
		if (!strcmp(a->name, name))
			return a;
	return NULL;
}

static int answer_asset(struct request *r, const char *name, const char *type)
{
	const struct asset *a = asset_find(name);

	if (!a)
		return resp_error(r, 404, "not_found", NULL, "no such file");
	strbuf_reset(&r->out);
	strbuf_add(&r->out, a->data, a->size);
	resp_header(r, "Cache-Control", "public, max-age=3600");
	return resp_body(r, 200, type);
}

static int openapi(struct request *r)
{
	return answer_asset(r, "openapi.json", "application/json; charset=utf-8");
}

static int static_file(struct request *r)
{
	const char *name = r->params[0];
	size_t n = strlen(name);

	if (n > 4 && !strcmp(name + n - 4, ".css"))
		return answer_asset(r, name, "text/css; charset=utf-8");
	if (n > 3 && !strcmp(name + n - 3, ".js"))
		return answer_asset(r, name, "text/javascript; charset=utf-8");
	return resp_error(r, 404, "not_found", NULL, "no such file");
}

const struct route route_openapi = {
	"GET", "/api/v1/openapi.json", ACCESS_PUBLIC, ROUTE_API,
	"this API, described in OpenAPI 3.1", openapi,
};
const struct route route_static = {
	"GET", "/static/{file}", ACCESS_PUBLIC, ROUTE_API, "the pages' style sheet and script",
	static_file,
};
