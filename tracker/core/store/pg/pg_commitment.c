/* pg_commitment.c - commitment rows with their co-owners and tags. */
#include "store/pg/pg_internal.h"

#include <stdlib.h>
#include <string.h>

#include "util/banned.h"

static char *text_col(const PGresult *r, int row, struct arena *a, int col)
{
	return a ? pg_arena(a, r, row, col) : pg_strdup(r, row, col);
}

static int enum_col(const PGresult *r, int row, int col, int (*parse)(const char *))
{
	const char *t = pg_cell(r, row, col);

	return t ? parse(t) : -1;
}

void pg_commitment_from_row(const PGresult *r, int row, struct arena *a, struct commitment *c)
{
	commitment_init(c);
	c->id = pg_int(r, row, 0);
	c->key = text_col(r, row, a, 1);
	c->uid = text_col(r, row, a, 2);
	c->letter_doc_no = text_col(r, row, a, 3);
	c->section = text_col(r, row, a, 4);
	c->quote = text_col(r, row, a, 5);
	c->title = text_col(r, row, a, 6);
	c->owner = text_col(r, row, a, 7);
	c->kind = (enum kind)enum_col(r, row, 8, kind_parse);
	if (!sym_PQgetisnull(r, row, 9)) {
		c->target.present = true;
		c->target.value = pg_double(r, row, 9);
		c->target.unit = text_col(r, row, a, 10);
		c->target.cmp = (enum comparator)enum_col(r, row, 11, comparator_parse);
		c->target.baseline = pg_double(r, row, 12);
	}
	c->window_start = pg_date(r, row, 13);
	c->due = pg_date(r, row, 14);
	c->status = (enum status)enum_col(r, row, 15, status_parse);
	c->health_override = enum_col(r, row, 16, health_parse);
	c->health_override_reason = text_col(r, row, a, 17);
	c->sequence = (int)pg_int(r, row, 18);
	c->created_at = text_col(r, row, a, 19);
	c->updated_at = text_col(r, row, a, 20);
	c->owner_short = text_col(r, row, a, 21);
}

int pg_commitment_lists(struct store_engine *e, struct commitment *c, struct trk_error *err)
{
	struct pg_params p;
	PGresult *res;

	pgp_init(&p);
	pgp_int(&p, c->id);
	if (!(res = pg_run(e, "SELECT o.name FROM commitment_coowner co JOIN owner o ON "
			   "o.id = co.owner_id WHERE co.commitment_id = $1 ORDER BY co.position",
			   &p, "reading co-owners", err)))
		return pg_code(err);
	for (int i = 0; i < sym_PQntuples(res); i++)
		strlist_push(&c->co_owners, sym_PQgetvalue(res, i, 0));
	sym_PQclear(res);
	if (!(res = pg_run(e, "SELECT tag FROM commitment_tag WHERE commitment_id = $1 "
			   "ORDER BY position", &p, "reading tags", err)))
		return pg_code(err);
	for (int i = 0; i < sym_PQntuples(res); i++)
		strlist_push(&c->tags, sym_PQgetvalue(res, i, 0));
	sym_PQclear(res);
	return 0;
}

static int lookup_once(struct store_engine *e, const char *key, struct commitment *out,
		       bool *found, struct trk_error *err)
{
	struct pg_params p;
	PGresult *res;

	pgp_init(&p);
	pgp_text(&p, key);
	if (!(res = pg_run(e, "SELECT " PG_COMMITMENT_COLUMNS PG_COMMITMENT_FROM
			   "WHERE c.key = $1", &p, "reading a commitment", err)))
		return pg_code(err);
	*found = sym_PQntuples(res) == 1;
	if (*found)
		pg_commitment_from_row(res, 0, NULL, out);
	sym_PQclear(res);
	return 0;
}

/* Keys are never reused or removed: a hit needs no lock; a miss (the key
 * about to be added?) is looked up again under the record's lock. */
int pg_commitment_lookup(struct store_engine *e, const char *key, struct commitment *out,
			 struct trk_error *err)
{
	bool found = false;
	int rc = lookup_once(e, key, out, &found, err);

	if (!rc && !found && e->in_write && !e->record_locked &&
	    !(rc = pg_lock_record(e, err)))
		rc = lookup_once(e, key, out, &found, err);
	if (!rc && !found)
		return trk_err_field(err, TRK_ENOTFOUND, "key", "no commitment '%s'", key);
	return rc ? rc : pg_commitment_lists(e, out, err);
}

static int id_of(struct store_engine *e, const char *sql, const char *name, int64_t *id,
		 const char *what, struct trk_error *err)
{
	struct pg_params p;
	PGresult *res;
	int rc = 0;

	pgp_init(&p);
	pgp_text(&p, name);
	if (!(res = pg_run(e, sql, &p, "finding a row", err)))
		return pg_code(err);
	if (sym_PQntuples(res) == 1)
		*id = pg_int(res, 0, 0);
	else
		rc = trk_err_field(err, TRK_ENOTFOUND, what, "unknown %s '%s'", what, name);
	sym_PQclear(res);
	return rc;
}

static int owner_id(struct store_engine *e, const char *name, int64_t *id, struct trk_error *err)
{
	return id_of(e, "SELECT owner_id FROM owner_alias WHERE alias = $1", name, id, "owner",
		     err);
}

static int replace_coowners(struct store_engine *e, const struct commitment *c, bool fresh,
			    struct trk_error *err)
{
	struct pg_params p;
	int64_t oid = 0;
	int rc;

	pgp_init(&p);
	pgp_int(&p, c->id);
	if (!fresh && (rc = pg_exec(e, "DELETE FROM commitment_coowner WHERE commitment_id = $1",
				    &p, "updating co-owners", err)))
		return rc;
	for (size_t i = 0; i < c->co_owners.n; i++) {
		if ((rc = owner_id(e, c->co_owners.items[i], &oid, err)))
			return rc;
		pgp_init(&p);
		pgp_int(&p, c->id);
		pgp_int(&p, oid);
		pgp_int(&p, (int64_t)i);
		if ((rc = pg_exec(e, "INSERT INTO commitment_coowner (commitment_id, owner_id, "
				  "position) VALUES ($1, $2, $3)", &p, "adding a co-owner", err)))
			return rc;
	}
	return 0;
}

static bool seen_before(const struct strlist *l, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (!strcmp(l->items[j], l->items[i]))
			return true;
	return false;
}

/* A tag given twice is stored once, at its first position (SQLite's
 * INSERT OR IGNORE, without an upsert clause). */
static int replace_tags(struct store_engine *e, const struct commitment *c, bool fresh,
			struct trk_error *err)
{
	struct pg_params p;
	int rc;

	pgp_init(&p);
	pgp_int(&p, c->id);
	if (!fresh && (rc = pg_exec(e, "DELETE FROM commitment_tag WHERE commitment_id = $1", &p,
				    "updating tags", err)))
		return rc;
	for (size_t i = 0; i < c->tags.n; i++) {
		if (!c->tags.items[i] || !*c->tags.items[i] || seen_before(&c->tags, i))
			continue;
		pgp_init(&p);
		pgp_int(&p, c->id);
		pgp_text(&p, c->tags.items[i]);
		pgp_int(&p, (int64_t)i);
		if ((rc = pg_exec(e, "INSERT INTO commitment_tag (commitment_id, tag, position) "
				  "VALUES ($1, $2, $3)", &p, "adding a tag", err)))
			return rc;
	}
	return 0;
}

/* The row's columns in one order for INSERT and UPDATE: $1 key, $2 uid,
 * $3 letter_id or id (bound by the caller), $4.. as below, $7 owner_id. */
static void bind_commitment(struct pg_params *p, const struct commitment *c, int64_t third,
			    int64_t oid)
{
	pgp_init(p);
	pgp_text(p, c->key);
	pgp_text(p, c->uid);
	pgp_int(p, third);
	pgp_text(p, c->section);
	pgp_text(p, c->quote);
	pgp_text(p, c->title);
	pgp_int(p, oid);
	pgp_text(p, kind_name(c->kind));
	if (c->target.present) {
		pgp_num(p, c->target.value);
		pgp_text(p, c->target.unit);
		pgp_text(p, comparator_name(c->target.cmp));
		pgp_num(p, c->target.baseline);
	} else {
		pgp_null(p), pgp_null(p), pgp_null(p), pgp_null(p);
	}
	pgp_date(p, c->window_start);
	pgp_date(p, c->due);
	pgp_text(p, status_name(c->status));
	pgp_text(p, c->health_override >= 0 ? health_name(c->health_override) : NULL);
	pgp_text(p, c->health_override_reason);
	pgp_int(p, c->sequence);
	pgp_text(p, c->created_at);
	pgp_text(p, c->updated_at ? c->updated_at : c->created_at);
}

int pg_commitment_insert(struct store_engine *e, struct commitment *c, struct trk_error *err)
{
	int64_t letter_id = 0, oid = 0;
	struct pg_params p;
	PGresult *res;
	int rc;

	if ((rc = pg_lock_record(e, err)) ||
	    (rc = id_of(e, "SELECT id FROM letter WHERE doc_no = $1", c->letter_doc_no,
			&letter_id, "letter", err)) ||
	    (rc = owner_id(e, c->owner, &oid, err)))
		return rc;
	bind_commitment(&p, c, letter_id, oid);
	if (!(res = pg_run(e, "INSERT INTO commitment (key, uid, letter_id, section, quote, title, "
			   "owner_id, kind, target_value, target_unit, target_cmp, target_baseline, "
			   "window_start, due, status, health_override, health_override_reason, "
			   "sequence, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
			   "$9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) RETURNING id",
			   &p, "adding a commitment", err)))
		return pg_code(err);
	c->id = pg_int(res, 0, 0);
	sym_PQclear(res);
	if ((rc = replace_coowners(e, c, true, err)))
		return rc;
	return replace_tags(e, c, true, err);
}

/* The caller holds the row's lock (the door loaded it in this write). */
int pg_commitment_update(struct store_engine *e, const struct commitment *c,
			 struct trk_error *err)
{
	int64_t oid = 0;
	struct pg_params p;
	int rc;

	if ((rc = owner_id(e, c->owner, &oid, err)))
		return rc;
	bind_commitment(&p, c, c->id, oid);
	if ((rc = pg_exec(e, "UPDATE commitment SET key = $1, uid = $2, section = $4, quote = $5, "
			  "title = $6, owner_id = $7, kind = $8, target_value = $9, "
			  "target_unit = $10, target_cmp = $11, target_baseline = $12, "
			  "window_start = $13, due = $14, status = $15, health_override = $16, "
			  "health_override_reason = $17, sequence = $18, created_at = $19, "
			  "updated_at = $20 WHERE id = $3", &p, "updating a commitment", err)) ||
	    (rc = replace_coowners(e, c, false, err)))
		return rc;
	return replace_tags(e, c, false, err);
}
