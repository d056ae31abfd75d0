/* store_query.c - streaming commitments with their progress as of a date,
 * optionally as the record stood at an earlier moment (known_at). */
#include <stdlib.h>
#include <string.h>

#include "commitment_field.h"
#include "date.h"
#include "store.h"
#include "store_internal.h"
#include "strbuf.h"
#include "banned.h"

void filter_init(struct filter *f)
{
	memset(f, 0, sizeof(*f));
	f->kind = -1;
	f->due_before = f->due_after = DATE_NONE;
}

int sort_order_parse(const char *s)
{
	static const char *const names[] = { "due", "key", "owner", "status", "title", "added" };

	for (int i = 0; i < 6; i++)
		if (s && !strcmp(s, names[i]))
			return i;
	return -1;
}

/* SQL narrows by the indexed, unchanging columns; the rest is checked in C
 * after a rewind, so a filter sees the commitment as it was at known_at. */
#define QUERY_WHERE \
	"WHERE (?1 IS NULL OR c.key = ?1) AND (?2 IS NULL OR l.doc_no = ?2) " \
	"AND (?3 IS NULL OR EXISTS (SELECT 1 FROM commitment_tag t WHERE " \
	"     t.commitment_id = c.id AND t.tag = ?3)) " \
	"AND (?4 IS NULL OR c.created_at <= ?4) " \
	"AND (?5 IS NULL OR c.owner_id = ?5 OR EXISTS (SELECT 1 FROM commitment_coowner co " \
	"     WHERE co.commitment_id = c.id AND co.owner_id = ?5)) "

#define COMMITMENT_QUERY(order) COMMITMENT_SELECT QUERY_WHERE "ORDER BY " order

static const char *const query_sql[] = {
	[SORT_DUE] = COMMITMENT_QUERY("c.due IS NULL, c.due, c.key"),
	[SORT_KEY] = COMMITMENT_QUERY("c.key"),
	[SORT_OWNER] = COMMITMENT_QUERY("o.name, c.due IS NULL, c.due, c.key"),
	[SORT_STATUS] = COMMITMENT_QUERY("c.status, c.due IS NULL, c.due, c.key"),
	[SORT_TITLE] = COMMITMENT_QUERY("c.title, c.key"),
	[SORT_ADDED] = COMMITMENT_QUERY("c.id"),
};

/* Rewinds c to how it stood at known_at by applying, newest first, the
 * old values of the changes recorded after that moment. */
static int rewind_commitment(struct store *st, struct commitment *c, const char *known_at,
			     struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = store_stmt(st, "SELECT field, old_value FROM history WHERE commitment_id = ?1 "
			    "AND changed_at > ?2 ORDER BY seq DESC", &s, err);

	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, c->id);
	bind_text(s, 2, known_at);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *field = (const char *)sqlite3_column_text(s, 0);
		const char *old = (const char *)sqlite3_column_text(s, 1);
		if (commitment_field_set(c, field, old, NULL) == 0 &&
		    !strcmp(field, "health_override") && c->health_override < 0) {
			free(c->health_override_reason);
			c->health_override_reason = NULL;
		}
	}
	rc = rc == SQLITE_DONE ? 0 : store_sqlite_err(st, err, "rewinding a commitment");
	stmt_done(s);
	return rc;
}

/* The check-ins known at v->known_at with as_of on or before v->as_of.
 * The effective value is the latest by (as_of, seq) that no known
 * correction supersedes: a correction wins over what it corrects. */
static int summarize(struct store *st, int64_t cid, const struct view *v,
		     struct checkin_summary *sum, struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc;

	memset(sum, 0, sizeof(*sum));
	sum->last_as_of = sum->value_as_of = DATE_NONE;
	if ((rc = store_stmt(st, "SELECT count(*), max(as_of) FROM checkin WHERE "
			     "commitment_id = ?1 AND as_of <= ?2 AND (?3 IS NULL OR recorded_at <= ?3)",
			     &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, cid);
	bind_date(s, 2, v->as_of);
	bind_text(s, 3, v->known_at);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		sum->n = sqlite3_column_int(s, 0);
		sum->last_as_of = column_date(s, 1);
	}
	stmt_done(s);
	if (rc != SQLITE_ROW)
		return store_sqlite_err(st, err, "summarizing check-ins");
	if (sum->n == 0)
		return 0;
	if ((rc = store_stmt(st, "SELECT value, as_of FROM checkin k WHERE commitment_id = ?1 "
			     "AND as_of <= ?2 AND value IS NOT NULL AND (?3 IS NULL OR recorded_at <= ?3) "
			     "AND NOT EXISTS (SELECT 1 FROM checkin x WHERE x.commitment_id = ?1 AND "
			     "x.supersedes = k.seq AND (?3 IS NULL OR x.recorded_at <= ?3)) "
			     "ORDER BY as_of DESC, seq DESC LIMIT 1", &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, cid);
	bind_date(s, 2, v->as_of);
	bind_text(s, 3, v->known_at);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		sum->has_value = true;
		sum->value = sqlite3_column_double(s, 0);
		sum->value_as_of = column_date(s, 1);
	}
	stmt_done(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0
		: store_sqlite_err(st, err, "summarizing check-ins");
}

static bool owner_matches(const struct filter *f, const struct commitment *c)
{
	return !f->owner || !strcmp(c->owner, f->owner) || strlist_has(&c->co_owners, f->owner);
}

/* The filters that depend on fields that change over time. */
static bool fields_match(const struct filter *f, const struct commitment *c)
{
	if (f->kind >= 0 && (int)c->kind != f->kind)
		return false;
	if (f->status_mask && !(f->status_mask & (1u << c->status)))
		return false;
	if (f->open_only && (c->status == ST_DONE || c->status == ST_CANCELLED))
		return false;
	if (f->due_before != DATE_NONE && (c->due == DATE_NONE || c->due > f->due_before))
		return false;
	if (f->due_after != DATE_NONE && (c->due == DATE_NONE || c->due < f->due_after))
		return false;
	return owner_matches(f, c);
}

static int bind_filter(struct store *st, sqlite3_stmt *s, const struct filter *f,
		       const struct view *v, struct trk_error *err)
{
	int64_t owner_id;
	int rc;

	bind_text(s, 1, f->key);
	bind_text(s, 2, f->letter);
	bind_text(s, 3, f->tag);
	bind_text(s, 4, v->known_at);
	if (f->owner && !v->known_at) {
		if ((rc = store_owner_id(st, f->owner, &owner_id, err)))
			return rc;
		sqlite3_bind_int64(s, 5, owner_id);
	}
	return 0;
}

static int visit_row(struct store *st, sqlite3_stmt *s, const struct filter *f,
		     const struct view *v, commitment_fn fn, void *ctx, struct trk_error *err)
{
	struct commitment c;
	struct checkin_summary sum;
	struct progress p;
	int rc = 0;

	commitment_from_row(s, &c);
	if (v->known_at && (rc = rewind_commitment(st, &c, v->known_at, err)))
		goto out;
	if (!fields_match(f, &c))
		goto out;
	if ((rc = summarize(st, c.id, v, &sum, err)))
		goto out;
	progress_compute(&c, &sum, v->as_of, &v->health, &p);
	if (f->health_mask && !(f->health_mask & (1u << p.health)))
		goto out;
	rc = fn(&c, &sum, &p, ctx, err);
out:
	commitment_release(&c);
	return rc;
}

int store_query(struct store *st, const struct filter *f, enum sort_order order,
		const struct view *v, commitment_fn fn, void *ctx, struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc;

	/* Prepared per call, not cached: callbacks may run other queries. */
	if (sqlite3_prepare_v2(store_db(st), query_sql[order], -1, &s, NULL) != SQLITE_OK)
		return store_sqlite_err(st, err, "preparing the commitment query");
	if ((rc = bind_filter(st, s, f, v, err)))
		goto out;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if ((rc = visit_row(st, s, f, v, fn, ctx, err)))
			goto out;
	rc = rc == SQLITE_DONE ? 0 : store_sqlite_err(st, err, "listing commitments");
out:
	sqlite3_finalize(s);
	return rc;
}
