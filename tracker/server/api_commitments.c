/* api_commitments.c - /api/v1/commitments: the list (the filters of
 * `tracker list`), one commitment with its records (`tracker show`), and
 * the writes: check-ins (`tracker log`), status (`tracker status`) and
 * field changes (`tracker edit`). Same shapes as the CLI's --json, from the
 * same serialiser (record/record_json.h). */
#include <stdlib.h>
#include <string.h>

#include "record/edit.h"
#include "record/record_json.h"
#include "server/api.h"
#include "server/route.h"
#include "util/date.h"
#include "util/strbuf.h"
#include "util/banned.h"

/* ---- reading --------------------------------------------------------------------- */

struct listing {
	struct strbuf *sb;
	int count;
};

static int list_one(const struct commitment_record *rec, void *arg, struct trk_error *err)
{
	struct listing *x = arg;
	struct jsonw w;

	(void)err;
	strbuf_addstr(x->sb, x->count++ ? ",\n" : "[\n");
	jsonw_init(&w, x->sb, false);
	json_commitment(&w, NULL, rec->c, rec->p);
	return 0;
}

/* Runs the selection as r's user may see it (a viewer limited to letters
 * sees only those). */
static int run_query(struct request *r, const struct selection *s, unsigned want,
		     record_fn fn, void *ctx)
{
	struct selection_hold hold;
	struct trk_error err;
	struct query q;
	int rc;

	if ((rc = selection_to_query(r->st, s, &q, &hold, &err)) == 0) {
		q.want = want;
		q.reader = &r->actor;
		rc = store_query(r->st, &q, fn, ctx, &err);
	}
	selection_hold_release(&hold);
	if (rc)
		resp_trk_error(r, &err);
	return rc;
}

static int list(struct request *r)
{
	static const char *const allowed[] = { "owner", "letter", "status", "health", "kind",
					       "tag", "due_before", "due_after", "as_of", "sort",
					       "key", "open_only", NULL };
	struct listing x = { &r->out, 0 };
	struct api_lists lists;
	struct selection s;
	int rc;

	if (api_check_query(r, allowed))
		return -1;
	api_selection(r, &s, &lists);
	strbuf_reset(&r->out);
	rc = run_query(r, &s, 0, list_one, &x);
	api_lists_release(&lists);
	if (rc)
		return rc;
	strbuf_addstr(&r->out, x.count ? "\n]\n" : "[]\n");
	return resp_body(r, 200, "application/json; charset=utf-8");
}

struct showing {
	struct request *r;
	bool found;
};

static int show_one(const struct commitment_record *rec, void *arg, struct trk_error *err)
{
	struct showing *x = arg;
	struct jsonw w;

	(void)err;
	api_json_begin(x->r, &w, true);
	json_commitment_full(&w, NULL, rec);
	x->found = true;
	return 0;
}

/* The commitment as GET answers it (after a write too). */
static int answer_commitment(struct request *r, const char *key, const char *as_of,
			     int status)
{
	struct selection s = { .key = key, .as_of = as_of };
	struct showing x = { r, false };

	if (!store_commitment_exists(r->st, key))
		return resp_error(r, 404, "not_found", "key", "no commitment '%s'", key);
	if (run_query(r, &s, WANT_CHECKINS | WANT_HISTORY, show_one, &x))
		return -1;
	if (!x.found)   /* outside a viewer's letters: as if it did not exist */
		return resp_error(r, 404, "not_found", "key", "no commitment '%s'", key);
	strbuf_addch(&r->out, '\n');
	return resp_body(r, status, "application/json; charset=utf-8");
}

static int show(struct request *r)
{
	static const char *const allowed[] = { "as_of", NULL };

	if (api_check_query(r, allowed))
		return -1;
	return answer_commitment(r, r->params[0], req_query(r, "as_of"), 200);
}

/* ---- check-ins ------------------------------------------------------------------------ */

struct append {
	const struct actor *a;
	struct checkin *k;
};

static int append(struct store *st, void *arg, struct trk_error *err)
{
	struct append *x = arg;

	return store_checkin_add(st, x->a, x->k, err);
}

static int checkin_value(struct request *r, const cJSON *body, struct checkin *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(body, "value");

	if (!v || cJSON_IsNull(v))
		return 0;
	if (!cJSON_IsNumber(v))
		return resp_error(r, 422, NULL, "value", "value: expected a number"), -1;
	k->has_value = true;
	k->value = v->valuedouble;
	return 0;
}

static int checkin_corrects(struct request *r, const cJSON *body, struct checkin *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(body, "corrects");

	if (!v || cJSON_IsNull(v))
		return 0;
	if (!cJSON_IsNumber(v) || v->valuedouble != (double)(int)v->valuedouble ||
	    v->valuedouble < 1)
		return resp_error(r, 422, NULL, "corrects", "corrects: expected the number of a "
				  "check-in (1, 2, ...)"), -1;
	k->supersedes = (int)v->valuedouble;
	return 0;
}

static int checkin_texts(struct request *r, const cJSON *body, struct checkin *k)
{
	const char *as_of, *note, *evidence, *reason;
	char *owned = NULL;
	struct trk_error err;
	int rc;

	if (api_text(r, body, "as_of", false, &as_of, &owned, NULL) ||
	    api_text(r, body, "note", false, &note, &owned, NULL) ||
	    api_text(r, body, "evidence", false, &evidence, &owned, NULL) ||
	    api_text(r, body, "reason", false, &reason, &owned, NULL))
		return -1;
	rc = as_of ? selection_date(as_of, "as_of", &k->as_of, &err) : clock_today(&k->as_of, &err);
	if (rc)
		return resp_trk_error(r, &err), -1;
	k->note = xstrdup(note);
	k->evidence = xstrdup(evidence);
	k->reason = xstrdup(reason);
	return 0;
}

static int log_checkin(struct request *r)
{
	static const char *const allowed[] = { "value", "as_of", "note", "evidence", "reason",
					       "corrects", NULL };
	struct checkin k;
	struct append x = { &r->actor, &k };
	struct strbuf loc = STRBUF_INIT;
	cJSON *body;
	struct jsonw w;
	int rc = -1;

	checkin_init(&k);
	if (api_body(r, allowed, &body))
		return -1;
	k.commitment_key = xstrdup(r->params[0]);
	if (!checkin_value(r, body, &k) && !checkin_corrects(r, body, &k) &&
	    !checkin_texts(r, body, &k) && !(rc = api_write(r, append, &x))) {
		strbuf_addstr(&loc, "/api/v1/commitments/");
		url_encode(&loc, r->params[0]);
		resp_header(r, "Location", loc.buf);
		api_json_begin(r, &w, true);
		json_checkin(&w, NULL, &k);
		rc = api_json_end(r, &w, 201);
	}
	strbuf_release(&loc);
	cJSON_Delete(body);
	checkin_release(&k);
	return rc;
}

/* ---- status and fields ------------------------------------------------------------ */

struct change {
	const struct actor *a;
	const char *key, *reason;
	const struct commitment_text *t;   /* an edit; NULL for a status change */
	struct field_change status;
};

static int apply_change(struct store *st, void *arg, struct trk_error *err)
{
	struct change *c = arg;
	struct edit_changes ch;
	struct commitment cur;
	int rc;

	if (!c->t)
		return store_commitment_change(st, c->a, c->key, &c->status, 1, c->reason, err);
	if ((rc = store_commitment_get(st, c->key, &cur, err)))
		return rc;
	if (!(rc = edit_changes_build(c->t, &cur, &ch, err))) {
		rc = ch.n ? store_commitment_change(st, c->a, c->key, ch.items, ch.n, c->reason, err)
			  : 0;
		edit_changes_release(&ch);
	}
	commitment_release(&cur);
	return rc;
}

static int set_status(struct request *r)
{
	static const char *const allowed[] = { "status", "reason", NULL };
	struct change c = { .a = &r->actor, .key = r->params[0], .status = { "status", NULL } };
	char *owned = NULL;
	cJSON *body;
	int rc = -1;

	if (api_body(r, allowed, &body))
		return -1;
	if (!api_text(r, body, "status", false, &c.status.value, &owned, NULL) &&
	    !api_text(r, body, "reason", false, &c.reason, &owned, NULL)) {
		if (!c.status.value)
			rc = resp_error(r, 422, NULL, "status", "status: missing");
		else if (status_parse(c.status.value) < 0)
			rc = resp_error(r, 422, NULL, "status", "status: unknown value '%s' (%s)",
					c.status.value, status_names_list());
		else if (!(rc = api_write(r, apply_change, &c)))
			rc = answer_commitment(r, c.key, NULL, 200);
	}
	cJSON_Delete(body);
	return rc;
}

/* ---- PATCH: the members are the fields of `tracker edit` ---- */

static const char *const patch_members[] = {
	"title", "owner", "co_owners", "kind", "target", "unit", "comparator", "baseline",
	"start", "due", "tags", "reason", NULL,
};

struct patch {
	struct commitment_text t;
	struct strlist co_owners, tags;
	char *owned[4];
	int nowned;
};

static int string_list(struct request *r, const cJSON *body, const char *name,
		       struct strlist *l, const struct strlist **out, bool *cleared)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(body, name), *e;

	if (!a)
		return 0;
	if (!cJSON_IsArray(a))
		return resp_error(r, 422, NULL, name, "%s: expected an array of strings", name), -1;
	cJSON_ArrayForEach(e, a) {
		if (!cJSON_IsString(e))
			return resp_error(r, 422, NULL, name, "%s: expected an array of strings",
					  name), -1;
		strlist_push(l, e->valuestring);
	}
	*out = l->n ? l : NULL;
	*cleared = l->n == 0;
	return 0;
}

/* A date member: a string, or null to clear it ("none" in the CLI). */
static int date_member(struct request *r, const cJSON *body, const char *name,
		       struct patch *p, const char **out)
{
	bool is_null;

	if (api_text(r, body, name, false, out, &p->owned[p->nowned], &is_null))
		return -1;
	if (is_null)
		*out = "none";
	return 0;
}

static int text_member(struct request *r, const cJSON *body, const char *name, bool number,
		       struct patch *p, const char **out)
{
	if (api_text(r, body, name, number, out, &p->owned[p->nowned], NULL))
		return -1;
	if (p->owned[p->nowned])
		p->nowned++;
	return 0;
}

static int patch_fields(struct request *r, const cJSON *body, struct patch *p)
{
	struct commitment_text *t = &p->t;
	const cJSON *target = cJSON_GetObjectItemCaseSensitive(body, "target");

	t->no_target = target && cJSON_IsNull(target);
	if (text_member(r, body, "title", false, p, &t->title) ||
	    text_member(r, body, "owner", false, p, &t->owner) ||
	    text_member(r, body, "kind", false, p, &t->kind) ||
	    (!t->no_target && text_member(r, body, "target", true, p, &t->target)) ||
	    text_member(r, body, "unit", false, p, &t->unit) ||
	    text_member(r, body, "comparator", false, p, &t->comparator) ||
	    text_member(r, body, "baseline", true, p, &t->baseline) ||
	    date_member(r, body, "start", p, &t->start) ||
	    date_member(r, body, "due", p, &t->due) ||
	    string_list(r, body, "co_owners", &p->co_owners, &t->co_owners, &t->no_co_owners) ||
	    string_list(r, body, "tags", &p->tags, &t->tags, &t->no_tags))
		return -1;
	return 0;
}

static int patch(struct request *r)
{
	struct patch p;
	struct change c = { .a = &r->actor, .key = r->params[0], .t = &p.t };
	char *owned = NULL;
	cJSON *body;
	int rc = -1;

	memset(&p, 0, sizeof(p));
	if (api_body(r, patch_members, &body))
		return -1;
	if (!patch_fields(r, body, &p) &&
	    !api_text(r, body, "reason", false, &c.reason, &owned, NULL) &&
	    !(rc = api_write(r, apply_change, &c)))
		rc = answer_commitment(r, c.key, NULL, 200);
	for (int i = 0; i < p.nowned; i++)
		free(p.owned[i]);
	strlist_release(&p.co_owners);
	strlist_release(&p.tags);
	cJSON_Delete(body);
	return rc;
}

/* ---- the routes ------------------------------------------------------------------------ */

const struct route route_commitments_list = {
	"GET", "/api/v1/commitments", ACCESS_READ, ROUTE_API,
	"list commitments (the filters of tracker list)", list,
};
const struct route route_commitment_show = {
	"GET", "/api/v1/commitments/{key}", ACCESS_READ, ROUTE_API,
	"one commitment with its check-ins and history (tracker show)", show,
};
const struct route route_commitment_patch = {
	"PATCH", "/api/v1/commitments/{key}", ACCESS_WRITE, ROUTE_API,
	"change fields, with a reason (tracker edit)", patch,
};
const struct route route_checkin_add = {
	"POST", "/api/v1/commitments/{key}/checkins", ACCESS_WRITE, ROUTE_API,
	"log progress (tracker log)", log_checkin,
};
const struct route route_status_set = {
	"POST", "/api/v1/commitments/{key}/status", ACCESS_WRITE, ROUTE_API,
	"set the status, with a reason (tracker status)", set_status,
};
