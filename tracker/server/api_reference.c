/* api_reference.c - what the office's lists are made of: owners (the
 * departments and their other names), letters, the signed-in user, and the
 * health check a load balancer asks. */
#include <string.h>

#include "record/record_json.h"
#include "server/api.h"
#include "server/route.h"
#include "util/banned.h"

static int owner_one(const struct owner *o, void *arg, struct trk_error *err)
{
	(void)err;
	json_owner(arg, NULL, o, true);
	return 0;
}

static int owners(struct request *r)
{
	struct trk_error err;
	struct jsonw w;

	if (api_check_query(r, NULL))
		return -1;
	api_json_begin(r, &w, true);
	jsonw_array(&w, NULL);
	if (store_owners(r->st, owner_one, &w, &err))
		return resp_trk_error(r, &err);
	jsonw_end(&w);
	return api_json_end(r, &w, 200);
}

struct letters {
	struct jsonw w;
	const struct actor *reader;
};

/* A viewer limited to letters sees those only. */
static int letter_one(const struct letter *l, void *arg, struct trk_error *err)
{
	struct letters *x = arg;

	(void)err;
	if (x->reader->letters && !strlist_has(x->reader->letters, l->doc_no))
		return 0;
	json_letter(&x->w, NULL, l, false);
	return 0;
}

static int letters(struct request *r)
{
	struct letters x = { .reader = &r->actor };
	struct trk_error err;

	if (api_check_query(r, NULL))
		return -1;
	api_json_begin(r, &x.w, true);
	jsonw_array(&x.w, NULL);
	if (store_letters(r->st, false, letter_one, &x, &err))
		return resp_trk_error(r, &err);
	jsonw_end(&x.w);
	return api_json_end(r, &x.w, 200);
}

static int me(struct request *r)
{
	struct jsonw w;

	api_json_begin(r, &w, true);
	json_user(&w, NULL, &r->user);
	return api_json_end(r, &w, 200);
}

/* Up when the record can be read: a load balancer takes a server whose
 * database is gone out of the pool. */
static int healthz(struct request *r)
{
	struct trk_error err;
	struct jsonw w;
	int version;

	if (store_schema_version(r->st, &version, &err))
		return resp_error(r, 503, "unavailable", NULL, "the record cannot be read");
	api_json_begin(r, &w, false);
	jsonw_object(&w, NULL);
	jsonw_string(&w, "status", "ok");
	jsonw_int(&w, "schema", version);
	jsonw_end(&w);
	return api_json_end(r, &w, 200);
}

const struct route route_owners = {
	"GET", "/api/v1/owners", ACCESS_READ, ROUTE_API,
	"the owners (departments) with their other names (tracker owners)", owners,
};
const struct route route_letters = {
	"GET", "/api/v1/letters", ACCESS_READ, ROUTE_API, "the letters (without their text)",
	letters,
};
const struct route route_me = {
	"GET", "/api/v1/me", ACCESS_READ, ROUTE_API, "the signed-in user, its role and scope",
	me,
};
const struct route route_healthz = {
	"GET", "/healthz", ACCESS_PUBLIC, ROUTE_API, "is the server up and the record readable",
	healthz,
};
