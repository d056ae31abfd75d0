#include "record/export_json.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <string.h>

#include "util/date.h"
#include "store/store_internal.h"
#include "util/strbuf.h"
#include "util/banned.h"

static void add_string(cJSON *obj, const char *name, const char *s)
{
	if (s)
		cJSON_AddStringToObject(obj, name, s);
}

static void add_date(cJSON *obj, const char *name, int32_t d)
{
	char buf[DATE_BUFSZ];

	if (d == DATE_NONE)
		return;
	date_format(d, buf);
	cJSON_AddStringToObject(obj, name, buf);
}

static void add_date_or_null(cJSON *obj, const char *name, int32_t d)
{
	if (d == DATE_NONE)
		cJSON_AddNullToObject(obj, name);
	else
		add_date(obj, name, d);
}

static cJSON *strlist_json(const struct strlist *l)
{
	cJSON *arr = cJSON_CreateArray();

	for (size_t i = 0; i < l->n; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateString(l->items[i]));
	return arr;
}

static cJSON *target_json(const struct target *t)
{
	cJSON *o;

	if (!t->present)
		return cJSON_CreateNull();
	o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "value", t->value);
	cJSON_AddStringToObject(o, "unit", t->unit ? t->unit : "");
	cJSON_AddStringToObject(o, "comparator", comparator_name(t->cmp));
	cJSON_AddNumberToObject(o, "baseline", t->baseline);
	return o;
}

static void add_number_or_null(cJSON *o, const char *name, bool present, double v)
{
	if (present)
		cJSON_AddNumberToObject(o, name, v);
	else
		cJSON_AddNullToObject(o, name);
}

/* The computed members of `list --json` and `show --json`. */
static void add_progress(cJSON *o, const struct commitment *c, const struct progress *p)
{
	cJSON_AddStringToObject(o, "letter", c->letter_doc_no);
	cJSON_AddStringToObject(o, "health", health_name(p->health));
	cJSON_AddBoolToObject(o, "health_overridden", p->overridden);
	add_number_or_null(o, "current", p->has_current, p->current);
	add_number_or_null(o, "percent", p->has_percent, p->percent);
	add_number_or_null(o, "expected_percent", p->has_expected, p->expected);
}

cJSON *commitment_to_json(const struct commitment *c, const struct progress *p)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "key", c->key);
	cJSON_AddStringToObject(o, "title", c->title);
	if (p)
		add_progress(o, c, p);
	add_string(o, "section", c->section);
	cJSON_AddStringToObject(o, "quote", c->quote);
	cJSON_AddStringToObject(o, "owner", c->owner);
	cJSON_AddItemToObject(o, "co_owners", strlist_json(&c->co_owners));
	cJSON_AddStringToObject(o, "kind", kind_name(c->kind));
	cJSON_AddItemToObject(o, "target", target_json(&c->target));
	add_date_or_null(o, "window_start", c->window_start);
	add_date_or_null(o, "due", c->due);
	cJSON_AddStringToObject(o, "status", status_name(c->status));
	cJSON_AddItemToObject(o, "tags", strlist_json(&c->tags));
	cJSON_AddStringToObject(o, "uid", c->uid);
	if (c->health_override >= 0) {
		cJSON_AddStringToObject(o, "health_override", health_name(c->health_override));
		add_string(o, "health_override_reason", c->health_override_reason);
	}
	cJSON_AddNumberToObject(o, "sequence", c->sequence);
	cJSON_AddStringToObject(o, "created_at", c->created_at);
	cJSON_AddStringToObject(o, "updated_at", c->updated_at);
	return o;
}

static int add_checkin(const struct checkin *k, void *ctx, struct trk_error *err)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "seq", k->seq);
	add_date(o, "as_of", k->as_of);
	cJSON_AddStringToObject(o, "recorded_at", k->recorded_at);
	add_number_or_null(o, "value", k->has_value, k->value);
	add_string(o, "note", k->note);
	add_string(o, "evidence", k->evidence);
	add_string(o, "author", k->author);
	cJSON_AddNumberToObject(o, "supersedes", k->supersedes);
	cJSON_AddStringToObject(o, "prev_hash", k->prev_hash);
	cJSON_AddStringToObject(o, "hash", k->hash);
	cJSON_AddItemToArray(ctx, o);
	return 0;
}

static int add_history(const struct history *h, void *ctx, struct trk_error *err)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "seq", h->seq);
	cJSON_AddStringToObject(o, "field", h->field);
	add_string(o, "old", h->old_value);
	add_string(o, "new", h->new_value);
	add_string(o, "author", h->author);
	cJSON_AddStringToObject(o, "changed_at", h->changed_at);
	add_string(o, "reason", h->reason);
	cJSON_AddStringToObject(o, "prev_hash", h->prev_hash);
	cJSON_AddStringToObject(o, "hash", h->hash);
	cJSON_AddItemToArray(ctx, o);
	return 0;
}

/* Writes an unformatted cJSON value; the tree stays the caller's. */
static int write_json(cJSON *v, const char *after, FILE *out, struct trk_error *err)
{
	char *text = cJSON_PrintUnformatted(v);
	int rc = 0;

	if (!text)
		return trk_err(err, TRK_ENOMEM, "out of memory printing JSON");
	if (fputs(text, out) == EOF || fputs(after, out) == EOF)
		rc = trk_err(err, TRK_EIO, "cannot write the export: %s", strerror(errno));
	cJSON_free(text);
	return rc;
}

struct export_ctx {
	struct store *st;
	FILE *out;
	const char *letter;   /* doc_no of the letter being written */
	int written;          /* commitments of that letter so far */
};

static int write_commitment(const struct commitment *c, const struct checkin_summary *s,
			    const struct progress *p, void *arg, struct trk_error *err)
{
	struct export_ctx *x = arg;
	cJSON *o = commitment_to_json(c, NULL);
	cJSON *hist = cJSON_AddArrayToObject(o, "history");
	cJSON *checkins = cJSON_AddArrayToObject(o, "checkins");
	int rc;

	if (!(rc = store_history(x->st, c, NULL, add_history, hist, err)) &&
	    !(rc = store_checkins(x->st, c, NULL, add_checkin, checkins, err)) &&
	    !(rc = fputs(x->written++ ? ",\n" : "\n", x->out) == EOF
		   ? trk_err(err, TRK_EIO, "cannot write the export: %s", strerror(errno)) : 0))
		rc = write_json(o, "", x->out, err);
	cJSON_Delete(o);
	return rc;
}

static cJSON *letter_json(const struct letter *l)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "doc_no", l->doc_no);
	add_string(o, "title", l->title);
	add_string(o, "issuer", l->issuer);
	add_string(o, "signer", l->signer);
	add_date(o, "date", l->date);
	add_string(o, "addressee", l->addressee);
	add_string(o, "suggestion_no", l->suggestion_no);
	add_string(o, "session", l->session);
	cJSON_AddItemToObject(o, "co_handlers", strlist_json(&l->co_handlers));
	add_string(o, "reply_class", l->reply_class);
	add_string(o, "text_sha256", l->text_sha256);
	add_string(o, "text", l->text);
	return o;
}

/* Writes one letter: its members, then its commitments streamed into the
 * "commitments" list. The header is printed without its closing brace. */
static int write_letter(struct export_ctx *x, const struct letter *l, const struct filter *f,
			bool first, struct trk_error *err)
{
	struct filter lf = *f;
	struct view v = { .as_of = 0, .skip_progress = true };
	cJSON *o = letter_json(l);
	char *text = cJSON_PrintUnformatted(o);
	int rc = 0;

	cJSON_Delete(o);
	text[strlen(text) - 1] = '\0';
	if (fprintf(x->out, "%s%s,\"commitments\":[", first ? "\n" : ",\n", text) < 0)
		rc = trk_err(err, TRK_EIO, "cannot write the export: %s", strerror(errno));
	cJSON_free(text);
	lf.letter = l->doc_no;
	x->written = 0;
	health_config_default(&v.health);
	if (!rc)
		rc = store_query(x->st, &lf, SORT_ADDED, &v, write_commitment, x, err);
	if (!rc && fputs("\n]}", x->out) == EOF)
		rc = trk_err(err, TRK_EIO, "cannot write the export: %s", strerror(errno));
	return rc;
}

static int write_owners(struct store *st, FILE *out, struct trk_error *err)
{
	sqlite3_stmt *s = NULL;
	cJSON *owners = cJSON_CreateArray(), *cur = NULL;
	const char *last = NULL;
	int rc = store_stmt(st, "SELECT o.name, a.alias FROM owner o LEFT JOIN owner_alias a "
			    "ON a.owner_id = o.id AND a.alias <> o.name ORDER BY o.id, a.alias", &s, err);

	while (!rc && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(s, 0);
		if (!last || strcmp(last, name)) {
			cur = cJSON_CreateObject();
			cJSON_AddStringToObject(cur, "name", name);
			cJSON_AddArrayToObject(cur, "aliases");
			cJSON_AddItemToArray(owners, cur);
			last = cJSON_GetObjectItem(cur, "name")->valuestring;
		}
		if (sqlite3_column_type(s, 1) != SQLITE_NULL)
			cJSON_AddItemToArray(cJSON_GetObjectItem(cur, "aliases"),
					     cJSON_CreateString((const char *)sqlite3_column_text(s, 1)));
		rc = 0;
	}
	if (rc == SQLITE_DONE)
		rc = 0;
	else if (rc)
		rc = store_sqlite_err(st, err, "listing owners");
	if (s)
		stmt_done(s);
	if (!rc && fputs("{\"format\":\"tracker/1\",\n\"owners\":", out) == EOF)
		rc = trk_err(err, TRK_EIO, "cannot write the export: %s", strerror(errno));
	if (!rc)
		rc = write_json(owners, ",\n\"letters\":[", out, err);
	cJSON_Delete(owners);
	return rc;
}

int export_json(struct store *st, const struct filter *f, FILE *out, struct trk_error *err)
{
	struct export_ctx x = { .st = st, .out = out };
	struct filter all;
	sqlite3_stmt *s;
	int rc, n = 0;

	if (!f) {
		filter_init(&all);
		f = &all;
	}
	if ((rc = write_owners(st, out, err)))
		return rc;
	/* Not cached: write_letter runs the statements the cache holds. */
	if (sqlite3_prepare_v2(store_db(st), "SELECT doc_no FROM letter WHERE ?1 IS NULL OR "
			       "doc_no = ?1 ORDER BY id", -1, &s, NULL) != SQLITE_OK)
		return store_sqlite_err(st, err, "listing letters");
	bind_text(s, 1, f->letter);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct letter l;
		if ((rc = store_letter_get(st, (const char *)sqlite3_column_text(s, 0), true, &l, err)))
			goto out;
		rc = write_letter(&x, &l, f, n++ == 0, err);
		letter_release(&l);
		if (rc)
			goto out;
	}
	rc = rc == SQLITE_DONE ? 0 : store_sqlite_err(st, err, "listing letters");
	if (!rc && (fputs("\n]}\n", out) == EOF || fflush(out) == EOF))
		rc = trk_err(err, TRK_EIO, "cannot write the export: %s", strerror(errno));
out:
	sqlite3_finalize(s);
	return rc;
}
