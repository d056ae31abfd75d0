/* api_import.c - POST /api/v1/import: letters and commitments in the
 * tracker/1 format (seeds/FORMAT.md), or a proposal of `tracker extract
 * --json`, as `tracker import` takes them: strict JSON, one transaction,
 * the store's rules, nothing written on any error. */
#include <string.h>

#include "record/import.h"
#include "server/api.h"
#include "server/route.h"
#include "util/banned.h"

/* A text_file member names a file on the server's disk: over HTTP that
 * would read whatever the server can, so the text must come inline. */
static char *no_files(const char *base, const char *name, size_t *len, void *ctx,
		      struct trk_error *err)
{
	(void)base, (void)len, (void)ctx;
	trk_err_field(err, TRK_EINPUT, "text_file", "'%.60s': files are not read over HTTP; "
		      "put the letter's text in its text member", name);
	return NULL;
}

static int import(struct request *r)
{
	struct import_source src = { .name = "body", .data = r->body.buf, .len = r->body.len,
				     .load_text = no_files };
	struct import_stats n = { 0 };
	struct trk_error err;
	struct jsonw w;
	const char *type = req_header(r, "Content-Type");

	if (!type || strncasecmp(type, "application/json", 16) != 0)
		return resp_error(r, 415, NULL, NULL, "send the body as application/json");
	if (import_json(r->st, &r->actor, &src, &n, &err))
		return resp_trk_error(r, &err);
	api_json_begin(r, &w, true);
	jsonw_object(&w, NULL);
	jsonw_int(&w, "letters_added", n.letters_added);
	jsonw_int(&w, "letters_skipped", n.letters_skipped);
	jsonw_int(&w, "owners_added", n.owners_added);
	jsonw_int(&w, "commitments_added", n.commitments_added);
	jsonw_int(&w, "commitments_skipped", n.commitments_skipped);
	jsonw_int(&w, "checkins_added", n.checkins_added);
	jsonw_int(&w, "history_added", n.history_added);
	jsonw_end(&w);
	return api_json_end(r, &w, n.letters_added || n.commitments_added || n.checkins_added ||
			    n.history_added || n.owners_added ? 201 : 200);
}

const struct route route_import = {
	"POST", "/api/v1/import", ACCESS_ADMIN, ROUTE_API,
	"import letters and commitments (tracker/1, or a tracker extract proposal)", import,
};
