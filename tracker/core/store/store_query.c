/* store_query.c - streaming commitments with their progress as of a date,
 * optionally as the record stood at an earlier moment (known_at). */
#include <stdlib.h>
#include <string.h>

#include "model/commitment_field.h"
#include "util/date.h"
#include "store/store.h"
#include "store/store_internal.h"
#include "util/strbuf.h"
#include "util/banned.h"

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

/* What the check-ins known at ?7 say as of ?6, as four columns after the
 * commitment's: count, latest as_of, and the effective value and its date,
 * the latest by (as_of, seq) that no known correction supersedes. */
#define CHECKIN_WHERE "k.commitment_id = c.id AND k.as_of <= ?6 AND (?7 IS NULL OR k.recorded_at <= ?7)"
#define EFFECTIVE(col) \
	"(SELECT " col " FROM checkin k WHERE " CHECKIN_WHERE " AND k.value IS NOT NULL " \
	"AND NOT EXISTS (SELECT 1 FROM checkin x WHERE x.commitment_id = c.id AND " \
	"x.supersedes > 0 AND x.supersedes = k.seq AND (?7 IS NULL OR x.recorded_at <= ?7)) " \
	"ORDER BY k.as_of DESC, k.seq DESC LIMIT 1)"
#define SUMMARY_COLUMNS \
	", (SELECT count(*) FROM checkin k WHERE " CHECKIN_WHERE "), " \
	"(SELECT max(k.as_of) FROM checkin k WHERE " CHECKIN_WHERE "), " \
	EFFECTIVE("k.value") ", " EFFECTIVE("k.as_of") " "

/* The WHERE conditions, one per filter that is set, so SQLite can use the
 * index of each ("?1 IS NULL OR ..." would defeat them). The query text is
 * composed only of these constant fragments; every value is bound. Fields
 * that change over time are filtered in C after a rewind (fields_match), so
 * a filter sees the commitment as it was at known_at. */
static const struct {
	const char *sql;
} conditions[] = {
	{ "c.key = ?1" },
	{ "c.letter_id = (SELECT id FROM letter WHERE doc_no = ?2)" },
	{ "c.id IN (SELECT commitment_id FROM commitment_tag WHERE tag = ?3)" },
	{ "c.created_at <= ?4" },
	{ "c.id IN (SELECT id FROM commitment WHERE owner_id = ?5 UNION "
	  "SELECT commitment_id FROM commitment_coowner WHERE owner_id = ?5)" },
	{ "c.due <= ?8" },
	{ "c.due >= ?9" },
};

static const char *const order_by[] = {
	[SORT_DUE] = "c.due IS NULL, c.due, c.key",
	[SORT_KEY] = "c.key",
	[SORT_OWNER] = "o.name COLLATE zh, c.due IS NULL, c.due, c.key",
	[SORT_STATUS] = "c.status, c.due IS NULL, c.due, c.key",
	[SORT_TITLE] = "c.title COLLATE zh, c.key",
	[SORT_ADDED] = "c.id",
};

/* Which conditions apply. Owner and due are left to C under a rewind,
 * since a later change may have moved them. */
static unsigned active_conditions(const struct filter *f, const struct view *v)
{
	unsigned m = 0;

	m |= f->key ? 1u << 0 : 0;
	m |= f->letter ? 1u << 1 : 0;
	m |= f->tag ? 1u << 2 : 0;
	m |= v->known_at ? 1u << 3 : 0;
	m |= f->owner && !v->known_at ? 1u << 4 : 0;
	m |= f->due_before != DATE_NONE && !v->known_at ? 1u << 5 : 0;
	m |= f->due_after != DATE_NONE && !v->known_at ? 1u << 6 : 0;
	return m;
}

static char *query_text(unsigned conds, enum sort_order order, bool progress)
{
	struct strbuf sb = STRBUF_INIT;
	int n = 0;

	strbuf_addstr(&sb, progress ? COMMITMENT_COLUMNS SUMMARY_COLUMNS COMMITMENT_FROM
				    : COMMITMENT_COLUMNS ", 0, NULL, NULL, NULL " COMMITMENT_FROM);
	for (size_t i = 0; i < sizeof(conditions) / sizeof(conditions[0]); i++)
		if (conds & (1u << i))
			strbuf_addf(&sb, "%s %s ", n++ ? "AND" : "WHERE", conditions[i].sql);
	strbuf_addf(&sb, "ORDER BY %s", order_by[order]);
	return strbuf_detach(&sb);
}

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

static void summary_from_row(sqlite3_stmt *s, struct checkin_summary *sum)
{
	int col = COMMITMENT_NCOLUMNS;

	memset(sum, 0, sizeof(*sum));
	sum->n = sqlite3_column_int(s, col);
	sum->last_as_of = column_date(s, col + 1);
	sum->has_value = sqlite3_column_type(s, col + 2) != SQLITE_NULL;
	sum->value = sqlite3_column_double(s, col + 2);
	sum->value_as_of = column_date(s, col + 3);
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
	bind_date(s, 6, v->as_of);
	bind_text(s, 7, v->known_at);
	bind_date(s, 8, f->due_before);
	bind_date(s, 9, f->due_after);
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
	summary_from_row(s, &sum);
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
	char *sql = query_text(active_conditions(f, v), order, !v->skip_progress);
	sqlite3_stmt *s;
	int rc;

	/* Prepared per call, not cached: callbacks may run other queries. */
	rc = sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL);
	free(sql);
	if (rc != SQLITE_OK)
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
