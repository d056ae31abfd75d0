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

static int resolve_owners(struct importer *imp, struct commitment *c, struct trk_error *err)
{
	char *canonical;
	int rc;

	if ((rc = store_owner_resolve(imp->st, c->owner, &canonical, err)))
		return trk_err_prefix(err, "owner");
	free(c->owner);
	c->owner = canonical;
	for (size_t i = 0; i < c->co_owners.n; i++) {
		if ((rc = store_owner_resolve(imp->st, c->co_owners.items[i], &canonical, err)))
			return trk_err_prefix(err, "co_owners[%zu]", i);
		free(c->co_owners.items[i]);
		c->co_owners.items[i] = canonical;
	}
	return 0;
}

static int check_kind_target(const struct commitment *c, struct trk_error *err)
{
	if (c->kind == KIND_QUANTITATIVE && !c->target.present)
		return trk_err(err, TRK_EINPUT, "target: missing (a quantitative commitment needs one)");
	if (c->window_start != DATE_NONE && c->due != DATE_NONE && c->due < c->window_start)
		return trk_err(err, TRK_EINPUT, "due: before window_start");
	return 0;
}

static int parse_commitment(struct importer *imp, const cJSON *obj, struct commitment *c,
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
	if ((rc = check_kind_target(c, err)))
		return rc;
	return resolve_owners(imp, c, err);
}

/* Compares the stored commitment with the file's; a difference is a
 * conflict that names the first differing field. */
static int compare_stored(struct importer *imp, const struct commitment *c,
			  struct trk_error *err)
{
	static const char *const fields[] = { "title", "owner", "co_owners", "kind", "target",
					      "window_start", "due", "status", "tags", NULL };
	struct commitment stored;
	int rc = store_commitment_get(imp->st, c->key, &stored, err);

	if (rc)
		return rc;
	if (strcmp(stored.letter_doc_no, c->letter_doc_no) || strcmp(stored.quote, c->quote))
		rc = trk_err(err, TRK_ECONFLICT, "key '%s' is already used for another %s", c->key,
			     strcmp(stored.letter_doc_no, c->letter_doc_no) ? "letter" : "quote");
	for (const char *const *f = fields; *f && !rc; f++) {
		char *a = commitment_field_get(&stored, *f), *b = commitment_field_get(c, *f);
		if ((a == NULL) != (b == NULL) || (a && strcmp(a, b)))
			rc = trk_err(err, TRK_ECONFLICT, "key '%s' exists with another %s "
				     "(stored '%.60s', file '%.60s'): use 'tracker edit'", c->key, *f,
				     a ? a : "", b ? b : "");
		free(a);
		free(b);
	}
	commitment_release(&stored);
	return rc;
}

static int parse_checkin(const cJSON *obj, struct checkin *k, struct trk_error *err)
{
	static const char *const allowed[] = { "seq", "as_of", "recorded_at", "value", "note",
					       "evidence", "author", "supersedes", "prev_hash",
					       "hash", NULL };
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
		return trk_err(err, TRK_EINPUT, "a check-in with a hash needs seq and recorded_at");
	return 0;
}

/* Check-ins with a hash are records of another store and must fit its
 * chain; those without are new progress, appended at the chain's end. */
static int import_checkin(struct importer *imp, struct chain_cursor *cur, struct checkin *k,
			  bool *created, struct trk_error *err)
{
	int rc;

	if (k->hash) {
		if ((rc = store_checkin_put(imp->st, k, created, err)))
			return rc;
		cur->cid = 0;   /* the chain moved: look it up again */
		return 0;
	}
	if (!cur->cid && (rc = store_checkin_cursor(imp->st, k->commitment_key, cur, err)))
		return rc;
	*created = true;
	return store_checkin_append_at(imp->st, cur, k, err);
}

static int import_checkins(struct importer *imp, const cJSON *obj, const char *key,
			   struct trk_error *err)
{
	struct chain_cursor cur = { 0 };
	const cJSON *list, *item;
	int i = 0, rc = json_get_array(obj, "checkins", &list, err);

	cJSON_ArrayForEach(item, list) {
		struct checkin k;
		bool created = false;
		checkin_init(&k);
		k.commitment_key = xstrdup(key);
		if (!(rc = parse_checkin(item, &k, err)))
			rc = import_checkin(imp, &cur, &k, &created, err);
		checkin_release(&k);
		if (rc)
			return trk_err_prefix(err, "checkins[%d]", i);
		imp->stats->checkins_added += created;
		i++;
	}
	return rc;
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
	if (!commitment_field_known(h->field))
		return trk_err(err, TRK_EINPUT, "field: unknown field '%.40s'", h->field);
	if (h->seq < 1)
		return trk_err(err, TRK_EINPUT, "seq: must be 1 or more");
	return 0;
}

static int import_history(struct importer *imp, const cJSON *obj, const char *key,
			  struct trk_error *err)
{
	const cJSON *list, *item;
	int i = 0, rc = json_get_array(obj, "history", &list, err);

	cJSON_ArrayForEach(item, list) {
		struct history h;
		bool created = false;
		history_init(&h);
		h.commitment_key = xstrdup(key);
		if (!(rc = parse_history(item, &h, err)))
			rc = store_history_put(imp->st, &h, &created, err);
		history_release(&h);
		if (rc)
			return trk_err_prefix(err, "history[%d]", i);
		imp->stats->history_added += created;
		i++;
	}
	return rc;
}

int import_commitment(struct importer *imp, const cJSON *obj, const char *doc_no,
		      struct trk_error *err)
{
	struct commitment c;
	int64_t id;
	int rc;

	commitment_init(&c);
	c.letter_doc_no = xstrdup(doc_no);
	if ((rc = parse_commitment(imp, obj, &c, err)))
		goto out;
	if (store_commitment_id(imp->st, c.key, &id, NULL) == 0) {
		if ((rc = compare_stored(imp, &c, err)))
			goto out;
		imp->stats->commitments_skipped++;
	} else {
		if ((rc = store_commitment_insert(imp->st, &c, err)))
			goto out;
		imp->stats->commitments_added++;
	}
	if (!(rc = import_history(imp, obj, c.key, err)))
		rc = import_checkins(imp, obj, c.key, err);
out:
	commitment_release(&c);
	return rc;
}
