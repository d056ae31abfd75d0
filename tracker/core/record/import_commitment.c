/* import_commitment.c - one commitment of an import and its records. A
 * commitment already stored under the key must agree with the file: import
 * never changes what is stored, `tracker edit` does, with history. */
#include <stdlib.h>
#include <string.h>

#include "model/commitment_field.h"
#include "util/date.h"
#include "record/import_internal.h"
#include "util/json_get.h"
#include "util/strbuf.h"
#include "util/banned.h"

static int parse_target(const cJSON *obj, struct target *t, struct trk_error *err)
{
	static const char *const allowed[] = { "value", "unit", "comparator", "baseline", NULL };
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, "target");
	const char *unit = NULL, *cmp = ">=";
	int rc, parsed;

	if (!m || cJSON_IsNull(m))
		return 0;
	if (!cJSON_IsObject(m))
		return trk_err(err, TRK_EINPUT, "target: expected an object");
	if ((rc = json_check_members(m, allowed, err)) ||
	    (rc = json_get_number(m, "value", true, &t->value, NULL, err)) ||
	    (rc = json_get_string(m, "unit", false, &unit, err)) ||
	    (rc = json_get_string(m, "comparator", false, &cmp, err)) ||
	    (rc = json_get_number(m, "baseline", false, &t->baseline, NULL, err)))
		return trk_err_prefix(err, "target");
	if ((parsed = comparator_parse(cmp)) < 0)
		return trk_err(err, TRK_EINPUT, "target.comparator: '%.10s' is not >=, <= or =", cmp);
	t->cmp = (enum comparator)parsed;
	t->unit = xstrdup(unit);
	t->present = true;
	return 0;
}

static int parse_enum(const cJSON *obj, const char *name, bool required, int (*parse)(const char *),
		      int *out, struct trk_error *err)
{
	const char *s = NULL;
	int rc = json_get_string(obj, name, required, &s, err);

	if (rc || !s)
		return rc;
	if ((*out = parse(s)) < 0)
		return trk_err(err, TRK_EINPUT, "%s: unknown value '%.40s'", name, s);
	return 0;
}

static int get_dup(const cJSON *obj, const char *name, bool required, char **out,
		   struct trk_error *err)
{
	const char *s = NULL;
	int rc = json_get_string(obj, name, required, &s, err);

	if (!rc && s)
		*out = xstrdup(s);
	return rc;
}

static int parse_commitment(const cJSON *obj, struct commitment *c,
			    struct trk_error *err)
{
	static const char *const allowed[] = {
		"key", "section", "quote", "quote_offset", "title", "owner", "co_owners", "kind",
		"target", "window_start", "due", "status", "tags", "confidence", "flags", "uid",
		"created_at", "updated_at", "sequence", "health_override",
		"health_override_reason", "checkins", "history", "x", NULL
	};
	int kind = -1, status = ST_OPEN, rc;

	if (!cJSON_IsObject(obj))
		return trk_err(err, TRK_EINPUT, "expected an object");
	if ((rc = json_check_members(obj, allowed, err)) ||
	    (rc = get_dup(obj, "key", true, &c->key, err)) ||
	    (rc = get_dup(obj, "quote", true, &c->quote, err)) ||
	    (rc = get_dup(obj, "title", true, &c->title, err)) ||
	    (rc = get_dup(obj, "owner", true, &c->owner, err)) ||
	    (rc = parse_enum(obj, "kind", true, kind_parse, &kind, err)) ||
	    (rc = get_dup(obj, "section", false, &c->section, err)) ||
	    (rc = json_get_strlist(obj, "co_owners", &c->co_owners, err)) ||
	    (rc = parse_target(obj, &c->target, err)) ||
	    (rc = json_get_date(obj, "window_start", false, &c->window_start, err)) ||
	    (rc = json_get_date(obj, "due", false, &c->due, err)) ||
	    (rc = parse_enum(obj, "status", false, status_parse, &status, err)) ||
	    (rc = json_get_strlist(obj, "tags", &c->tags, err)) ||
	    (rc = get_dup(obj, "uid", false, &c->uid, err)) ||
	    (rc = get_dup(obj, "created_at", false, &c->created_at, err)) ||
	    (rc = get_dup(obj, "updated_at", false, &c->updated_at, err)) ||
	    (rc = json_get_int(obj, "sequence", false, &c->sequence, err)) ||
	    (rc = parse_enum(obj, "health_override", false, health_parse, &c->health_override, err)) ||
	    (rc = get_dup(obj, "health_override_reason", false, &c->health_override_reason, err)))
		return rc;
	c->kind = (enum kind)kind;
	c->status = (enum status)status;
	return 0;
}

static int parse_checkin(const cJSON *obj, struct checkin *k, struct trk_error *err)
{
	static const char *const allowed[] = { "seq", "as_of", "recorded_at", "value", "note",
					       "evidence", "author", "reason", "supersedes",
					       "prev_hash", "hash", NULL };
	int rc;

	if (!cJSON_IsObject(obj))
		return trk_err(err, TRK_EINPUT, "expected an object");
	if ((rc = json_check_members(obj, allowed, err)) ||
	    (rc = json_get_int(obj, "seq", false, &k->seq, err)) ||
	    (rc = json_get_date(obj, "as_of", true, &k->as_of, err)) ||
	    (rc = get_dup(obj, "recorded_at", false, &k->recorded_at, err)) ||
	    (rc = json_get_number(obj, "value", false, &k->value, &k->has_value, err)) ||
	    (rc = get_dup(obj, "note", false, &k->note, err)) ||
	    (rc = get_dup(obj, "evidence", false, &k->evidence, err)) ||
	    (rc = get_dup(obj, "author", false, &k->author, err)) ||
	    (rc = get_dup(obj, "reason", false, &k->reason, err)) ||
	    (rc = json_get_int(obj, "supersedes", false, &k->supersedes, err)) ||
	    (rc = get_dup(obj, "prev_hash", false, &k->prev_hash, err)) ||
	    (rc = get_dup(obj, "hash", false, &k->hash, err)))
		return rc;
	if (k->recorded_at) {
		int64_t t;
		if ((rc = timestamp_parse(k->recorded_at, &t, "recorded_at", err)))
			return rc;
	}
	if (k->hash && (!k->seq || !k->recorded_at))
		return trk_err_field(err, TRK_EINPUT, "hash", "a check-in with a hash needs seq "
				     "and recorded_at");
	return 0;
}

static int parse_history(const cJSON *obj, struct history *h, struct trk_error *err)
{
	static const char *const allowed[] = { "seq", "field", "old", "new", "author",
					       "changed_at", "reason", "prev_hash", "hash", NULL };
	int rc;

	if (!cJSON_IsObject(obj))
		return trk_err(err, TRK_EINPUT, "expected an object");
	if ((rc = json_check_members(obj, allowed, err)) ||
	    (rc = json_get_int(obj, "seq", true, &h->seq, err)) ||
	    (rc = get_dup(obj, "field", true, &h->field, err)) ||
	    (rc = get_dup(obj, "old", false, &h->old_value, err)) ||
	    (rc = get_dup(obj, "new", false, &h->new_value, err)) ||
	    (rc = get_dup(obj, "author", false, &h->author, err)) ||
	    (rc = get_dup(obj, "changed_at", true, &h->changed_at, err)) ||
	    (rc = get_dup(obj, "reason", false, &h->reason, err)) ||
	    (rc = get_dup(obj, "prev_hash", false, &h->prev_hash, err)) ||
	    (rc = get_dup(obj, "hash", true, &h->hash, err)))
		return rc;
	if (!commitment_field_known(h->field) && !(h->seq == 0 && !strcmp(h->field, "created")))
		return trk_err_field(err, TRK_EINPUT, "field", "unknown field '%.40s'", h->field);
	return 0;
}

/* The "checkins" of obj as an array (caller releases each and frees). */
static int parse_checkins(const cJSON *obj, const char *key, struct checkin **out, size_t *n,
			  struct trk_error *err)
{
	const cJSON *list, *item;
	int rc = json_get_array(obj, "checkins", &list, err);

	*out = NULL;
	*n = 0;
	if (rc || !list)
		return rc;
	*out = xcalloc((size_t)cJSON_GetArraySize(list) + 1, sizeof(**out));
	cJSON_ArrayForEach(item, list) {
		struct checkin *k = &(*out)[(*n)++];
		checkin_init(k);
		k->commitment_key = xstrdup(key);
		if ((rc = parse_checkin(item, k, err)))
			return trk_err_prefix(err, "checkins[%zu]", *n - 1);
	}
	return 0;
}

static int parse_histories(const cJSON *obj, const char *key, struct history **out, size_t *n,
			   struct trk_error *err)
{
	const cJSON *list, *item;
	int rc = json_get_array(obj, "history", &list, err);

	*out = NULL;
	*n = 0;
	if (rc || !list)
		return rc;
	*out = xcalloc((size_t)cJSON_GetArraySize(list) + 1, sizeof(**out));
	cJSON_ArrayForEach(item, list) {
		struct history *h = &(*out)[(*n)++];
		history_init(h);
		h->commitment_key = xstrdup(key);
		if ((rc = parse_history(item, h, err)))
			return trk_err_prefix(err, "history[%zu]", *n - 1);
	}
	return 0;
}

static void release_records(struct checkin *k, size_t nk, struct history *h, size_t nh)
{
	for (size_t i = 0; i < nk; i++)
		checkin_release(&k[i]);
	for (size_t i = 0; i < nh; i++)
		history_release(&h[i]);
	free(k);
	free(h);
}

/* One quote, one commitment (issue 15): in a file of proposals (extract
 * --json, "proposed": true), a proposal with a new key on the very words a
 * commitment of the letter quotes, or one extract marked as repeating a
 * tracked commitment of the letter (x.tracked: its words cut differently),
 * is that commitment, and nothing is written for it. Records another store
 * exported are never merged so: they are what they say. */
static int repeats_tracked(struct importer *imp, const cJSON *obj, const struct commitment *c,
			   bool *repeats, struct trk_error *err)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(obj, "x");
	const cJSON *mark = cJSON_GetObjectItemCaseSensitive(x, "tracked");
	struct commitment t;
	struct trk_error ignored;
	char *key = NULL;
	int rc;

	*repeats = false;
	if (!imp->proposed || store_commitment_exists(imp->st, c->key))
		return 0;
	if (cJSON_IsString(mark)) {
		commitment_init(&t);
		*repeats = !store_commitment_get(imp->st, mark->valuestring, &t, &ignored) &&
			   !strcmp(t.letter_doc_no, c->letter_doc_no);
		commitment_release(&t);
	}
	if (*repeats || (rc = store_quote_tracked(imp->st, c->letter_doc_no, c->quote, &key,
						   err)))
		return *repeats ? 0 : trk_err_field(err, rc, "letter", "unknown letter '%s'",
						    c->letter_doc_no);
	*repeats = key != NULL;
	free(key);
	return 0;
}

int import_commitment(struct importer *imp, const cJSON *obj, const char *doc_no,
		      struct trk_error *err)
{
	struct commitment c;
	struct checkin *k = NULL;
	struct history *h = NULL;
	size_t nk = 0, nh = 0;
	bool created = false, repeats;
	int added = 0, rc;

	commitment_init(&c);
	c.letter_doc_no = xstrdup(doc_no);
	if (!(rc = parse_commitment(obj, &c, err)) &&
	    !(rc = parse_histories(obj, c.key, &h, &nh, err)) &&
	    !(rc = parse_checkins(obj, c.key, &k, &nk, err)) &&
	    !(rc = repeats_tracked(imp, obj, &c, &repeats, err)) &&
	    (repeats || !(rc = store_commitment_import(imp->st, imp->actor, &c, h, nh, k, nk,
						       &created, &added, err)))) {
		imp->stats->commitments_added += created;
		imp->stats->commitments_skipped += !created;
		imp->stats->checkins_added += added;
	}
	release_records(k, nk, h, nh);
	commitment_release(&c);
	return rc;
}
