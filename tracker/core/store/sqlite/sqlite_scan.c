/* sqlite_scan.c - streaming commitments with their records.
 *
 * One query chooses and orders the commitments (using an index for each
 * filter that is set); for each row, the commitment's check-ins and
 * history are read by their primary key and handed over together. Rows are
 * copied into an arena that is emptied after each commitment, so memory
 * follows the largest commitment, not the store. */
#include "store/sqlite/sqlite_internal.h"

#include <stdlib.h>
#include <string.h>

#include "util/date.h"
#include "util/strbuf.h"
#include "util/banned.h"

/* The WHERE conditions, one per filter that is set, so SQLite can use the
 * index of each ("?1 IS NULL OR ..." would defeat them). The query text is
 * composed only of these constant fragments; every value is bound. */
static const char *const conditions[] = {
	"c.key = ?1",
	"c.letter_id = (SELECT id FROM letter WHERE doc_no = ?2)",
	"c.id IN (SELECT commitment_id FROM commitment_tag WHERE tag = ?3)",
	"c.created_at <= ?4",
	"c.id IN (SELECT id FROM commitment WHERE owner_id = (SELECT owner_id FROM owner_alias "
	"WHERE alias = ?5) UNION SELECT commitment_id FROM commitment_coowner WHERE owner_id = "
	"(SELECT owner_id FROM owner_alias WHERE alias = ?5))",
	"c.due <= ?6",
	"c.due >= ?7",
};
#define NCONDITIONS (sizeof(conditions) / sizeof(conditions[0]))

static const char *const order_by[SORT__COUNT] = {
	[SORT_DUE] = "c.due IS NULL, c.due, c.key, c.id",   /* c.id: an order SQLite sees is total (migration 007) */
	[SORT_KEY] = "c.key",
	[SORT_OWNER] = "o.name COLLATE zh, c.due IS NULL, c.due, c.key",
	[SORT_STATUS] = "c.status, c.due IS NULL, c.due, c.key",
	[SORT_TITLE] = "c.title COLLATE zh, c.key",
	[SORT_ADDED] = "c.id",
};

/* Which conditions apply. Under a rewind (known_at), owner and due are left
 * to the door, since a later change may have moved them. */
static unsigned active_conditions(const struct engine_scan *q)
{
	const struct filter *f = q->f;
	unsigned m = 0;

	m |= f->key ? 1u << 0 : 0;
	m |= f->letter ? 1u << 1 : 0;
	m |= f->tag ? 1u << 2 : 0;
	m |= q->known_at ? 1u << 3 : 0;
	m |= f->owner && q->by_current_fields ? 1u << 4 : 0;
	m |= f->due_before != DATE_NONE && q->by_current_fields ? 1u << 5 : 0;
	m |= f->due_after != DATE_NONE && q->by_current_fields ? 1u << 6 : 0;
	return m;
}

/* The commitments, or (a merged pass) one kind of their records: the same
 * conditions and order, then each commitment's records by seq. */
enum scan_rows { ROWS_COMMITMENTS, ROWS_SUMMARIES, ROWS_MERGED_COMMITMENTS,
		 ROWS_MERGED_SUMMARIES, ROWS_CHECKINS_LEAN, ROWS_CHECKINS_FULL,
		 ROWS_CHECKINS_TEXTS, ROWS_CHECKINS_LATEST, ROWS_HISTORY, ROWS_HISTORY_LEAN,
		 ROWS_COOWNERS, ROWS_TAGS };

/* The columns of a merged pass over the records, after the commitment's id. */
#define CHECKIN_LEAN "k.seq, k.as_of, k.recorded_at, k.value, k.supersedes"
#define CHECKIN_TEXTS CHECKIN_LEAN ", k.note, k.evidence, k.author, k.reason"
#define HISTORY_COLUMNS "h.seq, h.field, h.old_value, h.new_value, h.author, h.changed_at, h.reason"
#define CHECKINS_JOINED "FROM commitment c JOIN checkin k ON k.commitment_id = c.id "
#define HISTORY_JOINED "FROM commitment c JOIN history h ON h.commitment_id = c.id "
#define CHECKINS_IN_PLACE "FROM checkin k ORDER BY k.commitment_id, k.seq"

static const char *const rows_head[] = {
	[ROWS_COMMITMENTS] = "SELECT " COMMITMENT_COLUMNS COMMITMENT_FROM,
	/* the summary's columns from COMMITMENT_NCOLUMNS on (summary_from_row) */
	[ROWS_SUMMARIES] = "SELECT " COMMITMENT_COLUMNS ", s.n, s.last_as_of, s.current_value, "
			   "s.current_as_of, s.current_seq, s.slope " COMMITMENT_FROM
			   "LEFT JOIN checkin_summary s ON s.commitment_id = c.id ",
	/* the same for a merged scan: the co-owners and tags from passes of
	 * their own (ROWS_COOWNERS, ROWS_TAGS), the short name from owner_shorts */
	[ROWS_MERGED_COMMITMENTS] = "SELECT " COMMITMENT_MERGED_COLUMNS COMMITMENT_FROM,
	[ROWS_MERGED_SUMMARIES] = "SELECT " COMMITMENT_MERGED_COLUMNS ", s.n, s.last_as_of, "
				  "s.current_value, s.current_as_of, s.current_seq, s.slope "
				  COMMITMENT_FROM "LEFT JOIN checkin_summary s ON s.commitment_id = c.id ",
	[ROWS_CHECKINS_LEAN] = "SELECT c.id, " CHECKIN_LEAN " " CHECKINS_JOINED,
	[ROWS_CHECKINS_FULL] = "SELECT c.id, " CHECKIN_TEXTS ", k.prev_hash, k.hash "
			       CHECKINS_JOINED,
	/* WANT_NO_HASHES: the same columns, the hashes not read */
	[ROWS_CHECKINS_TEXTS] = "SELECT c.id, " CHECKIN_TEXTS ", NULL, NULL " CHECKINS_JOINED,
	/* WANT_LATEST_CHECKINS: the same, of each commitment only the check-in
	 * that counts, those of its latest date and its last (seq n) */
	[ROWS_CHECKINS_LATEST] = "SELECT c.id, " CHECKIN_TEXTS ", NULL, NULL "
				 "FROM commitment c JOIN checkin_summary s ON s.commitment_id = c.id "
				 "JOIN checkin k ON k.commitment_id = c.id AND (k.seq = s.n OR "
				 "k.seq = s.current_seq OR k.as_of = s.last_as_of) ",
	[ROWS_HISTORY] = "SELECT c.id, " HISTORY_COLUMNS ", h.prev_hash, h.hash " HISTORY_JOINED,
	/* WANT_LEAN_HISTORY: the changes without their hashes; the creation
	 * records (the whole commitment as JSON) not read at all */
	[ROWS_HISTORY_LEAN] = "SELECT c.id, " HISTORY_COLUMNS ", NULL, NULL " HISTORY_JOINED
			      "AND h.seq > 0 ",
	[ROWS_COOWNERS] = "SELECT c.id, o2.name FROM commitment c JOIN commitment_coowner co ON "
			  "co.commitment_id = c.id JOIN owner o2 ON o2.id = co.owner_id ",
	[ROWS_TAGS] = "SELECT c.id, t.tag FROM commitment c JOIN commitment_tag t ON "
		      "t.commitment_id = c.id ",
};

static const char *const rows_tail[] = {
	[ROWS_COMMITMENTS] = "", [ROWS_SUMMARIES] = "", [ROWS_MERGED_COMMITMENTS] = "",
	[ROWS_MERGED_SUMMARIES] = "", [ROWS_CHECKINS_LEAN] = ", k.seq",
	[ROWS_CHECKINS_FULL] = ", k.seq", [ROWS_CHECKINS_TEXTS] = ", k.seq",
	[ROWS_CHECKINS_LATEST] = ", k.seq",
	[ROWS_HISTORY] = ", h.seq", [ROWS_HISTORY_LEAN] = ", h.seq",
	[ROWS_COOWNERS] = ", co.position", [ROWS_TAGS] = ", t.position",
};

/* The same passes over the whole store in the order commitments were added
 * (in_place): each table read in its own key order, commitment_id first, no
 * seek into it per commitment. A quarter of the check-ins' pass and half or
 * more of the others' (bench/RESULTS.md). */
static const char *const rows_in_place[] = {
	[ROWS_CHECKINS_LEAN] = "SELECT k.commitment_id, " CHECKIN_LEAN " " CHECKINS_IN_PLACE,
	[ROWS_CHECKINS_FULL] = "SELECT k.commitment_id, " CHECKIN_TEXTS ", k.prev_hash, k.hash "
			       CHECKINS_IN_PLACE,
	[ROWS_CHECKINS_TEXTS] = "SELECT k.commitment_id, " CHECKIN_TEXTS ", NULL, NULL "
				CHECKINS_IN_PLACE,
	[ROWS_CHECKINS_LATEST] = "SELECT s.commitment_id, " CHECKIN_TEXTS ", NULL, NULL "
				 "FROM checkin_summary s JOIN checkin k ON k.commitment_id = "
				 "s.commitment_id AND (k.seq = s.n OR k.seq = s.current_seq OR "
				 "k.as_of = s.last_as_of) ORDER BY s.commitment_id, k.seq",
	[ROWS_HISTORY] = "SELECT h.commitment_id, " HISTORY_COLUMNS ", h.prev_hash, h.hash "
			 "FROM history h ORDER BY h.commitment_id, h.seq",
	[ROWS_HISTORY_LEAN] = "SELECT h.commitment_id, " HISTORY_COLUMNS ", NULL, NULL "
			      "FROM history h WHERE h.seq > 0 ORDER BY h.commitment_id, h.seq",
	[ROWS_COOWNERS] = "SELECT co.commitment_id, o2.name FROM commitment_coowner co "
			  "JOIN owner o2 ON o2.id = co.owner_id ORDER BY co.commitment_id, "
			  "co.position",
	[ROWS_TAGS] = "SELECT t.commitment_id, t.tag FROM commitment_tag t "
		      "ORDER BY t.commitment_id, t.position",
};

/* Every commitment, by id: the records' passes may then read their tables
 * in place, as no condition leaves a commitment's records out. */
static bool in_place(const struct engine_scan *q)
{
	return q->order == SORT_ADDED && !active_conditions(q);
}

static char *query_text(const struct engine_scan *q, enum scan_rows rows)
{
	struct strbuf sb = STRBUF_INIT;
	unsigned conds = active_conditions(q);
	int n = 0;

	if (rows_in_place[rows] && in_place(q))
		return xstrdup(rows_in_place[rows]);
	strbuf_addstr(&sb, rows_head[rows]);
	for (size_t i = 0; i < NCONDITIONS; i++)
		if (conds & (1u << i))
			strbuf_addf(&sb, "%s %s ", n++ ? "AND" : "WHERE", conditions[i]);
	strbuf_addf(&sb, "ORDER BY %s", order_by[q->order]);
	strbuf_addstr(&sb, rows_tail[rows]);
	return strbuf_detach(&sb);
}

static void bind_filter(sqlite3_stmt *s, const struct engine_scan *q)
{
	const struct filter *f = q->f;

	bind_text(s, 1, f->key);
	bind_text(s, 2, f->letter);
	bind_text(s, 3, f->tag);
	bind_text(s, 4, q->known_at);
	bind_text(s, 5, f->owner);
	bind_date(s, 6, f->due_before);
	bind_date(s, 7, f->due_after);
}

/* ---- one commitment's records ---------------------------------------------------- */

struct records {
	struct checkin *k;
	size_t nk, ak;
	struct history *h;
	size_t nh, ah;
};

static struct checkin *next_checkin(struct records *r)
{
	if (r->nk == r->ak) {
		r->ak = r->ak ? 2 * r->ak : 16;
		r->k = xrealloc(r->k, r->ak * sizeof(*r->k));
	}
	checkin_init(&r->k[r->nk]);
	return &r->k[r->nk++];
}

static struct history *next_history(struct records *r)
{
	if (r->nh == r->ah) {
		r->ah = r->ah ? 2 * r->ah : 8;
		r->h = xrealloc(r->h, r->ah * sizeof(*r->h));
	}
	history_init(&r->h[r->nh]);
	return &r->h[r->nh++];
}

/* One commitment's check-ins, by the columns a query needs. */
static const char *const checkins_sql[] = {
	[ROWS_CHECKINS_LEAN] = "SELECT seq, as_of, recorded_at, value, supersedes FROM checkin "
			       "WHERE commitment_id = ?1 ORDER BY seq",
	[ROWS_CHECKINS_FULL] = "SELECT seq, as_of, recorded_at, value, supersedes, note, "
			       "evidence, author, reason, prev_hash, hash FROM checkin WHERE "
			       "commitment_id = ?1 ORDER BY seq",
	[ROWS_CHECKINS_TEXTS] = "SELECT seq, as_of, recorded_at, value, supersedes, note, "
				"evidence, author, reason, NULL, NULL FROM checkin WHERE "
				"commitment_id = ?1 ORDER BY seq",
};

/* Which columns of the check-ins q needs (see enum query_want). */
static enum scan_rows checkin_rows(const struct engine_scan *q)
{
	if (!(q->want & WANT_CHECKINS))
		return ROWS_CHECKINS_LEAN;
	return q->want & WANT_NO_HASHES ? ROWS_CHECKINS_TEXTS : ROWS_CHECKINS_FULL;
}

/* Columns from i0 on (a merged pass has the commitment's id before them). */
static void checkin_from_row(sqlite3_stmt *s, int i0, struct arena *a, const char *key,
			     bool full, const struct texts_window *texts, struct checkin *k)
{
	k->commitment_key = (char *)key;
	k->seq = sqlite3_column_int(s, i0);
	k->as_of = column_date(s, i0 + 1);
	k->recorded_at = column_arena(a, s, i0 + 2);
	k->has_value = sqlite3_column_type(s, i0 + 3) != SQLITE_NULL;
	k->value = sqlite3_column_double(s, i0 + 3);
	k->supersedes = sqlite3_column_int(s, i0 + 4);
	if (!full)
		return;
	if (texts_wanted(texts, k)) {
		k->note = column_arena(a, s, i0 + 5);
		k->evidence = column_arena(a, s, i0 + 6);
		k->author = column_arena(a, s, i0 + 7);
		k->reason = column_arena(a, s, i0 + 8);
	}
	k->prev_hash = column_arena(a, s, i0 + 9);
	k->hash = column_arena(a, s, i0 + 10);
}

static int load_checkins(struct store_engine *e, const struct commitment *c,
			 enum scan_rows rows, const struct texts_window *texts, struct arena *a,
			 struct records *r, struct trk_error *err)
{
	bool full = rows != ROWS_CHECKINS_LEAN;
	sqlite3_stmt *s;
	int rc = sq_stmt(e, checkins_sql[rows], &s, err);

	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, c->id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		checkin_from_row(s, 0, a, c->key, full, texts, next_checkin(r));
	rc = rc == SQLITE_DONE ? 0 : sq_err(e, err, "reading check-ins");
	stmt_done(s);
	return rc;
}

static void history_from_row(sqlite3_stmt *s, int i0, struct arena *a, const char *key,
			     struct history *h)
{
	h->commitment_key = (char *)key;
	h->seq = sqlite3_column_int(s, i0);
	h->field = column_arena(a, s, i0 + 1);
	h->old_value = column_arena(a, s, i0 + 2);
	h->new_value = column_arena(a, s, i0 + 3);
	h->author = column_arena(a, s, i0 + 4);
	h->changed_at = column_arena(a, s, i0 + 5);
	h->reason = column_arena(a, s, i0 + 6);
	h->prev_hash = column_arena(a, s, i0 + 7);
	h->hash = column_arena(a, s, i0 + 8);
}

static int load_history(struct store_engine *e, const struct commitment *c, struct arena *a,
			struct records *r, struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = sq_stmt(e, "SELECT seq, field, old_value, new_value, author, changed_at, reason, "
			 "prev_hash, hash FROM history WHERE commitment_id = ?1 ORDER BY seq", &s,
			 err);

	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, c->id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		history_from_row(s, 0, a, c->key, next_history(r));
	rc = rc == SQLITE_DONE ? 0 : sq_err(e, err, "reading history");
	stmt_done(s);
	return rc;
}

/* ---- a merged pass ------------------------------------------------------------- */

/* A scan of many commitments reads their records as a join in the same
 * order (same conditions, same snapshot), one statement per kind of
 * record, instead of one lookup statement per commitment: what a report, a
 * check or an export spent most of its reading on. */
struct merge {
	sqlite3_stmt *k, *h;       /* NULL: not merged (or that kind not wanted) */
	bool k_latest;             /* k gives only the latest check-ins
				    * (ROWS_CHECKINS_LATEST) */
	sqlite3_stmt *co, *t;      /* co-owners and tags: NULL, not merged */
	bool in_place;             /* all by commitment id (rows_in_place) */
	bool k_row, h_row, co_row, t_row;   /* the statement stands on a row */
	const char **items;        /* a list being gathered (merge_list) */
	size_t aitems;
};

/* Only in an order an index gives without sorting the whole store (as
 * added, by key, by due date: migration 007), and only when the caller said
 * its callback writes nothing (WANT_BULK): the joins stay open while it
 * runs. */
static bool mergeable(const struct engine_scan *q)
{
	return (q->order == SORT_ADDED || q->order == SORT_KEY || q->order == SORT_DUE) &&
	       (q->want & WANT_BULK);
}

static int merge_step(struct store_engine *e, sqlite3_stmt *s, bool *on_row,
		      struct trk_error *err)
{
	int rc = sqlite3_step(s);

	*on_row = rc == SQLITE_ROW;
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : sq_err(e, err, "reading records");
}

static int merge_prepare(struct store_engine *e, const struct engine_scan *q,
			 enum scan_rows rows, sqlite3_stmt **out, bool *on_row,
			 struct trk_error *err)
{
	char *sql = query_text(q, rows);
	int rc = sqlite3_prepare_v3(e->db, sql, -1, 0, out, NULL);

	free(sql);
	if (rc != SQLITE_OK)
		return sq_err(e, err, "preparing a pass over the records");
	bind_filter(*out, q);
	return merge_step(e, *out, on_row, err);
}

static int merge_open(struct store_engine *e, const struct engine_scan *q, struct merge *m,
		      struct trk_error *err)
{
	int rc = 0;

	memset(m, 0, sizeof(*m));
	m->in_place = in_place(q);
	/* Under a summary that stands in for them, the check-ins of a few are
	 * read one by one; a calendar's latest ones (which it shows without
	 * hashes: the pass reads none) in a pass of their own. */
	m->k_latest = q->summary == SUMMARY_INSTEAD && (q->want & WANT_LATEST_CHECKINS) &&
		      (q->want & WANT_NO_HASHES);
	if (q->summary != SUMMARY_INSTEAD || (q->want & WANT_CHECKINS))
		rc = merge_prepare(e, q, m->k_latest ? ROWS_CHECKINS_LATEST : checkin_rows(q),
				   &m->k, &m->k_row, err);
	if (!rc && (q->want & WANT_HISTORY))
		rc = merge_prepare(e, q, q->want & WANT_LEAN_HISTORY ? ROWS_HISTORY_LEAN
				   : ROWS_HISTORY, &m->h, &m->h_row, err);
	/* A correlated subquery per row for each list was a fifth of a list. */
	if (!rc)
		rc = merge_prepare(e, q, ROWS_COOWNERS, &m->co, &m->co_row, err);
	if (!rc)
		rc = merge_prepare(e, q, ROWS_TAGS, &m->t, &m->t_row, err);
	return rc;
}

static void merge_close(struct merge *m)
{
	free(m->items);
	sqlite3_finalize(m->co);
	sqlite3_finalize(m->t);
	sqlite3_finalize(m->k);
	sqlite3_finalize(m->h);
}

/* Read in place, a table may hold rows of a commitment that is not there
 * (a broken foreign key, which check names); the join left them out, and so
 * does this: each pass steps over rows before commitment id. */
static int merge_align(struct store_engine *e, sqlite3_stmt *s, bool *on_row, int64_t id,
		       struct trk_error *err)
{
	int rc = 0;

	while (!rc && s && *on_row && sqlite3_column_int64(s, 0) < id)
		rc = merge_step(e, s, on_row, err);
	return rc;
}

static int merge_align_all(struct store_engine *e, struct merge *m, int64_t id,
			   struct trk_error *err)
{
	int rc;

	if (!m->in_place)
		return 0;
	if ((rc = merge_align(e, m->k, &m->k_row, id, err)) ||
	    (rc = merge_align(e, m->h, &m->h_row, id, err)) ||
	    (rc = merge_align(e, m->co, &m->co_row, id, err)))
		return rc;
	return merge_align(e, m->t, &m->t_row, id, err);
}

/* The rows of commitment c: they come next, if it has any. */
static int merge_checkins(struct store_engine *e, struct merge *m, const struct commitment *c,
			  bool full, const struct texts_window *texts, struct arena *a,
			  struct records *r, struct trk_error *err)
{
	int rc = 0;

	while (!rc && m->k_row && sqlite3_column_int64(m->k, 0) == c->id) {
		checkin_from_row(m->k, 1, a, c->key, full, texts, next_checkin(r));
		rc = merge_step(e, m->k, &m->k_row, err);
	}
	return rc;
}

/* Passes over commitment c's rows of a merged pass, if it has any. */
static int merge_skip(struct store_engine *e, sqlite3_stmt *s, bool *on_row,
		      const struct commitment *c, struct trk_error *err)
{
	int rc = 0;

	while (!rc && *on_row && sqlite3_column_int64(s, 0) == c->id)
		rc = merge_step(e, s, on_row, err);
	return rc;
}

/* The names of a list pass (co-owners, tags) that belong to commitment id,
 * into out, in the arena. */
static int merge_list(struct store_engine *e, struct merge *m, sqlite3_stmt *s, bool *on_row,
		      int64_t id, struct arena *a, struct strlist *out, struct trk_error *err)
{
	size_t n = 0;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	while (!rc && *on_row && sqlite3_column_int64(s, 0) == id) {
		if (n == m->aitems) {
			m->aitems = m->aitems ? 2 * m->aitems : 8;
			m->items = xrealloc(m->items, m->aitems * sizeof(*m->items));
		}
		m->items[n++] = column_arena(a, s, 1);
		rc = merge_step(e, s, on_row, err);
	}
	if (n) {
		out->items = arena_alloc(a, n * sizeof(*out->items));
		memcpy(out->items, m->items, n * sizeof(*out->items));
		out->n = n;
	}
	return rc;
}

static int merge_history(struct store_engine *e, struct merge *m, const struct commitment *c,
			 struct arena *a, struct records *r, struct trk_error *err)
{
	int rc = 0;

	while (!rc && m->h_row && sqlite3_column_int64(m->h, 0) == c->id) {
		history_from_row(m->h, 1, a, c->key, next_history(r));
		rc = merge_step(e, m->h, &m->h_row, err);
	}
	return rc;
}

/* ---- the owners' short names ----------------------------------------------------- */

/* Every owner's shortest alias, by owner id: a few hundred owners for a
 * scan of any number of commitments. */
struct owner_shorts {
	int64_t *ids;             /* ascending */
	char **aliases;           /* owned */
	size_t n;
};

/* The index owner_alias_shortest gives each owner's shortest first, in the
 * order the lookup's subquery chooses (COMMITMENT_COLUMNS). */
static int owner_shorts_load(struct store_engine *e, struct owner_shorts *m,
			     struct trk_error *err)
{
	sqlite3_stmt *s;
	size_t cap = 0;
	int rc = sq_stmt(e, "SELECT owner_id, alias FROM owner_alias "
			 "ORDER BY owner_id, length(alias), alias", &s, err);

	if (rc)
		return rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		if (m->n && m->ids[m->n - 1] == id)
			continue;
		if (m->n == cap) {
			cap = cap ? 2 * cap : 64;
			m->ids = xrealloc(m->ids, cap * sizeof(*m->ids));
			m->aliases = xrealloc(m->aliases, cap * sizeof(*m->aliases));
		}
		m->ids[m->n] = id;
		m->aliases[m->n++] = column_strdup(s, 1);
	}
	rc = rc == SQLITE_DONE ? 0 : sq_err(e, err, "reading the owners' aliases");
	stmt_done(s);
	return rc;
}

static char *owner_short_of(const struct owner_shorts *m, int64_t id)
{
	size_t lo = 0, hi = m->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->ids[mid] == id)
			return m->aliases[mid];
		if (m->ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static void owner_shorts_release(struct owner_shorts *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->aliases[i]);
	free(m->aliases);
	free(m->ids);
	memset(m, 0, sizeof(*m));
}

/* The stored summary of a ROWS_SUMMARIES row into d; false when the
 * commitment has none (no check-ins). */
static bool summary_from_row(sqlite3_stmt *s, struct progress_digest *d)
{
	const int i0 = COMMITMENT_NCOLUMNS;

	memset(d, 0, sizeof(*d));
	d->last_as_of = DATE_NONE;
	if (sqlite3_column_type(s, i0) == SQLITE_NULL)
		return false;
	d->n = sqlite3_column_int(s, i0);
	d->last_as_of = column_date(s, i0 + 1);
	if (sqlite3_column_type(s, i0 + 4) != SQLITE_NULL) {
		d->current.present = true;
		d->current.value = sqlite3_column_double(s, i0 + 2);
		d->current.as_of = column_date(s, i0 + 3);
		d->current.seq = sqlite3_column_int(s, i0 + 4);
	}
	d->has_slope = sqlite3_column_type(s, i0 + 5) != SQLITE_NULL;
	d->slope = sqlite3_column_double(s, i0 + 5);
	return true;
}

/* The digest to hand over with a row (enum scan_summary), or NULL; false
 * in *need_checkins when it stands in for them. */
static const struct progress_digest *row_summary(sqlite3_stmt *s, const struct engine_scan *q,
						 struct progress_digest *d, bool *need_checkins)
{
	bool stored;

	*need_checkins = true;
	if (q->summary == SUMMARY_NO)
		return NULL;
	stored = summary_from_row(s, d);
	if (q->summary == SUMMARY_BESIDE)
		return stored ? d : NULL;
	if (stored && d->last_as_of > q->summary_until)
		return NULL;   /* a check-in dated after the date asked about */
	*need_checkins = false;
	return d;
}

static int visit_row(struct store_engine *e, sqlite3_stmt *s, const struct engine_scan *q,
		     struct merge *m, const struct owner_shorts *shorts, struct arena *a,
		     struct records *r, engine_row_fn fn, void *ctx, struct trk_error *err)
{
	enum scan_rows rows = checkin_rows(q);
	bool full = rows != ROWS_CHECKINS_LEAN, need_checkins;
	const struct progress_digest *d;
	struct progress_digest digest;
	struct commitment c;
	int rc = 0;

	arena_reset(a);
	r->nk = r->nh = 0;
	if (!m->t) {
		commitment_from_row(s, a, &c);
	} else {
		commitment_fields_from_row(s, a, &c);
		if ((rc = merge_align_all(e, m, c.id, err)))
			return rc;
		c.owner_short = owner_short_of(shorts,
					       sqlite3_column_int64(s, COMMITMENT_NCOLUMNS - 1));
		if ((rc = merge_list(e, m, m->co, &m->co_row, c.id, a, &c.co_owners, err)) ||
		    (rc = merge_list(e, m, m->t, &m->t_row, c.id, a, &c.tags, err)))
			return rc;
	}
	d = row_summary(s, q, &digest, &need_checkins);
	if (m->k && m->k_latest && need_checkins) {   /* its summary is too late: all */
		if (!(rc = merge_skip(e, m->k, &m->k_row, &c, err)))
			rc = load_checkins(e, &c, rows, q->texts, a, r, err);
	} else if (m->k) {
		rc = merge_checkins(e, m, &c, full, q->texts, a, r, err);
	} else if (need_checkins || (q->want & WANT_CHECKINS)) {
		rc = load_checkins(e, &c, rows, q->texts, a, r, err);
	}
	if (!rc && (q->want & WANT_HISTORY))
		rc = m->h ? merge_history(e, m, &c, a, r, err) : load_history(e, &c, a, r, err);
	return rc ? rc : fn(&c, r->k, r->nk, r->h, r->nh, d, ctx, err);
}

/* A statement for q's shape: the idle cached one, else a new one, kept in
 * the cache while there is room (*slot set), else the caller's to
 * finalize (*slot NULL). */
static int scan_stmt(struct store_engine *e, const struct engine_scan *q, sqlite3_stmt **out,
		     struct scan_slot **slot, struct trk_error *err)
{
	unsigned conds = active_conditions(q);
	bool summary = q->summary != SUMMARY_NO, merged = mergeable(q);
	char *sql;
	int rc;

	*slot = NULL;
	for (int i = 0; i < e->nscans; i++) {
		struct scan_slot *sl = &e->scans[i];
		if (sl->busy || sl->conds != conds || sl->order != (int)q->order ||
		    sl->summary != summary || sl->merged != merged)
			continue;
		sqlite3_clear_bindings(sl->stmt);
		sl->busy = true;
		*slot = sl;
		*out = sl->stmt;
		return 0;
	}
	sql = query_text(q, merged ? (summary ? ROWS_MERGED_SUMMARIES : ROWS_MERGED_COMMITMENTS)
				   : (summary ? ROWS_SUMMARIES : ROWS_COMMITMENTS));
	rc = sqlite3_prepare_v3(e->db, sql, -1, SQLITE_PREPARE_PERSISTENT, out, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return sq_err(e, err, "preparing the commitment query");
	if (e->nscans < SCAN_CACHE_MAX) {
		*slot = &e->scans[e->nscans++];
		**slot = (struct scan_slot){ .conds = conds, .order = (int)q->order,
					     .summary = summary, .merged = merged, .busy = true,
					     .stmt = *out };
	}
	return 0;
}

int sq_scan(struct store_engine *e, const struct engine_scan *q, engine_row_fn fn, void *ctx,
	    struct trk_error *err)
{
	struct arena a = ARENA_INIT;
	struct records r = { 0 };
	struct merge m = { 0 };
	struct owner_shorts shorts = { 0 };
	struct scan_slot *slot;
	sqlite3_stmt *s = NULL;
	int rc;

	/* A few hundred owners, for a scan of many commitments only: a write
	 * reads one commitment back (door_load), and imports do that a lot. */
	sq_scan_begin(e);
	if (mergeable(q) && (rc = owner_shorts_load(e, &shorts, err)))
		goto out_shorts;
	if ((rc = scan_stmt(e, q, &s, &slot, err)))
		goto out_shorts;
	bind_filter(s, q);
	if (mergeable(q) && (rc = merge_open(e, q, &m, err)))
		goto out;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if ((rc = visit_row(e, s, q, &m, &shorts, &a, &r, fn, ctx, err)))
			goto out;
	rc = rc == SQLITE_DONE ? 0 : sq_err(e, err, "listing commitments");
out:
	merge_close(&m);
	if (slot) {
		sqlite3_reset(s);
		slot->busy = false;
	} else {
		sqlite3_finalize(s);
	}
	arena_release(&a);
	free(r.k);
	free(r.h);
out_shorts:
	owner_shorts_release(&shorts);
	sq_scan_end(e);
	return rc;
}

/* ---- the chains' last links ---------------------------------------------------------- */

/* Each subquery walks one commitment's records backwards by their primary
 * key and stops at the first known one; a chain's times never fall (the
 * door refuses it), so that is the last known link. */
static const char chain_links_sql[] =
	"SELECT c.key, "
	"coalesce((SELECT hash FROM history h WHERE h.commitment_id = c.id AND h.seq = 0 "
	" AND (?1 IS NULL OR h.changed_at <= ?1)), ''), "
	"coalesce((SELECT hash FROM checkin k WHERE k.commitment_id = c.id "
	" AND (?1 IS NULL OR k.recorded_at <= ?1) ORDER BY k.seq DESC LIMIT 1), ''), "
	"coalesce((SELECT hash FROM history h WHERE h.commitment_id = c.id AND h.seq >= 1 "
	" AND (?1 IS NULL OR h.changed_at <= ?1) ORDER BY h.seq DESC LIMIT 1), '') "
	"FROM commitment c WHERE ?1 IS NULL OR c.created_at <= ?1 ORDER BY c.key";

int sq_chain_links(struct store_engine *e, const char *known_at, chain_link_fn fn, void *ctx,
		   struct trk_error *err)
{
	struct chain_links l;
	sqlite3_stmt *s;
	int rc;

	/* Not from the statement cache: fn may run other queries. */
	if (sq_scan_prepare(e, chain_links_sql, &s) != SQLITE_OK)
		return sq_err(e, err, "preparing the chain query");
	bind_text(s, 1, known_at);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		l.key = (const char *)sqlite3_column_text(s, 0);
		l.genesis = (const char *)sqlite3_column_text(s, 1);
		l.last_checkin = (const char *)sqlite3_column_text(s, 2);
		l.last_change = (const char *)sqlite3_column_text(s, 3);
		if ((rc = fn(&l, ctx, err)))
			goto out;
	}
	rc = rc == SQLITE_DONE ? 0 : sq_err(e, err, "reading the chains");
out:
	sq_scan_finish(e, s);
	return rc;
}
