/* api.c - the JSON API's shared parts (see api.h). */
#include "server/api.h"

#include "server/mhd.h"
#include <stdlib.h>
#include <string.h>

#include "util/json_strict.h"
#include "util/utf8.h"
#include "util/strbuf.h"
#include "util/banned.h"

static bool listed(const char *const *allowed, const char *name)
{
	for (; allowed && *allowed; allowed++)
		if (!strcmp(*allowed, name))
			return true;
	return false;
}

static bool is_json(const char *type)
{
	size_t n = strlen("application/json");

	return type && strncasecmp(type, "application/json", n) == 0 &&
	       (type[n] == '\0' || type[n] == ';' || type[n] == ' ');
}

int api_body(struct request *r, const char *const *allowed, cJSON **out)
{
	struct json_fault f;
	const cJSON *m;

	*out = NULL;
	if (!is_json(req_header(r, "Content-Type")))
		return resp_error(r, 415, NULL, NULL, "send the body as application/json"), -1;
	if (!json_strict_check(r->body.buf, r->body.len, &f))
		return resp_error(r, 400, "bad_json", f.path[0] ? f.path : NULL, "body:%zu: %s%s%s",
				  f.line, f.path[0] ? f.path : "", f.path[0] ? ": " : "",
				  f.message), -1;
	*out = cJSON_ParseWithLength(r->body.buf, r->body.len);
	if (!*out || !cJSON_IsObject(*out)) {
		cJSON_Delete(*out);
		*out = NULL;
		return resp_error(r, 422, NULL, NULL, "the body must be a JSON object"), -1;
	}
	cJSON_ArrayForEach(m, *out)
		if (!listed(allowed, m->string)) {
			resp_error(r, 422, NULL, m->string, "%s: unknown member", m->string);
			cJSON_Delete(*out);
			*out = NULL;
			return -1;
		}
	return 0;
}

int api_text(struct request *r, const cJSON *o, const char *name, bool numbers_too,
	     const char **out, char **owned, bool *is_null)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, name);
	char num[32];

	*out = NULL;
	*owned = NULL;
	if (is_null)
		*is_null = false;
	if (!m)
		return 0;
	if (cJSON_IsNull(m) && is_null) {
		*is_null = true;
		return 0;
	}
	if (cJSON_IsString(m)) {
		*out = m->valuestring;
		return 0;
	}
	if (numbers_too && cJSON_IsNumber(m)) {
		json_number_text(m->valuedouble, num);
		*out = *owned = xstrdup(num);
		return 0;
	}
	return resp_error(r, 422, NULL, name, "%s: expected %s", name, numbers_too
			  ? "a number" : "a string"), -1;
}

struct query_check {
	const char *const *allowed;
	const char *bad;
};

static enum MHD_Result check_one(void *cls, enum MHD_ValueKind kind, const char *key,
				 const char *value)
{
	struct query_check *q = cls;

	(void)kind, (void)value;
	if (!listed(q->allowed, key)) {
		q->bad = key;
		return MHD_NO;
	}
	return MHD_YES;
}

int api_check_query(struct request *r, const char *const *allowed)
{
	struct query_check q = { allowed, NULL };

	sym_MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, check_one, &q);
	if (!q.bad)
		return 0;
	struct strbuf safe = STRBUF_INIT;
	utf8_add_terminal(&safe, q.bad, 40);
	resp_error(r, 422, NULL, safe.buf, "unknown query parameter '%s'", safe.buf);
	strbuf_release(&safe);
	return -1;
}

/* "open,in_progress" or one word */
static const struct strlist *words(const char *s, struct strlist *l)
{
	if (!s)
		return NULL;
	while (*s) {
		const char *comma = strchr(s, ',');
		size_t n = comma ? (size_t)(comma - s) : strlen(s);
		char *w = xstrndup(s, n);

		strlist_push(l, w);
		free(w);
		s += n + (comma != NULL);
	}
	return l;
}

void api_selection(struct request *r, struct selection *s, struct api_lists *lists)
{
	const char *open = req_query(r, "open_only");

	memset(s, 0, sizeof(*s));
	memset(lists, 0, sizeof(*lists));
	s->key = req_query(r, "key");
	s->owner = req_query(r, "owner");
	s->letter = req_query(r, "letter");
	s->kind = req_query(r, "kind");
	s->tag = req_query(r, "tag");
	s->due_before = req_query(r, "due_before");
	s->due_after = req_query(r, "due_after");
	s->as_of = req_query(r, "as_of");
	s->sort = req_query(r, "sort");
	s->status = words(req_query(r, "status"), &lists->status);
	s->health = words(req_query(r, "health"), &lists->health);
	s->open_only = open && (!strcmp(open, "1") || !strcmp(open, "true"));
}

void api_lists_release(struct api_lists *l)
{
	strlist_release(&l->status);
	strlist_release(&l->health);
}

void api_json_begin(struct request *r, struct jsonw *w, bool pretty)
{
	strbuf_reset(&r->out);
	jsonw_init(w, &r->out, pretty);
}

int api_json_end(struct request *r, struct jsonw *w, int status)
{
	(void)w;
	strbuf_addch(&r->out, '\n');
	return resp_body(r, status, "application/json; charset=utf-8");
}

int api_write(struct request *r, store_txn_fn fn, void *ctx)
{
	struct trk_error err;

	if (store_write(r->st, fn, ctx, &err))
		return resp_trk_error(r, &err), -1;
	return 0;
}
