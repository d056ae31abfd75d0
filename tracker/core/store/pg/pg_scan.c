/* pg_scan.c - streaming commitments with their records.
 *
 * Two steps. First one query picks the matching commitments with what
 * orders them (key, due, status, owner name or title), and they are put in
 * order here in C: byte order where SQLite uses BINARY, ICU pinyin order
 * (util/collate.h) where it uses its "zh" collation, so both engines list
 * the same rows in the same order whatever the server's locale. Then the
 * commitments are read in batches of PG_BATCH by id, each batch in five
 * queries (rows, co-owners, tags, check-ins, history) instead of five per
 * commitment, and handed over one by one in order. Memory follows the id
 * list and one batch, not the store. */
#include "store/pg/pg_internal.h"

#include <stdlib.h>
#include <string.h>

#include "util/collate.h"
#include "util/strbuf.h"
#include "util/banned.h"

/* ---- step 1: which commitments, in which order ----------------------------------- */

struct pick {
	int64_t id;
	const char *key, *due, *status, *zh;   /* in the result of step 1 */
	int rank;                              /* the owner's place in pinyin order */
};
/* One fixed text: the unnamed statement is planned with the values, so a
 * filter that is not set ($n IS NULL) drops out of the plan. */
static const char pick_sql[] =
	"SELECT c.id, c.key, c.due, c.status, "
	"CASE WHEN $8::int = 1 THEN o.name WHEN $8::int = 2 THEN c.title END "
	"FROM commitment c JOIN owner o ON o.id = c.owner_id "
	"WHERE ($1::text IS NULL OR c.key = $1) "
	"AND ($2::text IS NULL OR c.letter_id = (SELECT id FROM letter WHERE doc_no = $2)) "
	"AND ($3::text IS NULL OR c.id IN (SELECT commitment_id FROM commitment_tag "
	"WHERE tag = $3)) "
	"AND ($4::text IS NULL OR c.created_at <= $4) "
	"AND ($5::text IS NULL OR c.owner_id = (SELECT owner_id FROM owner_alias WHERE alias = $5) "
	"OR c.id IN (SELECT commitment_id FROM commitment_coowner WHERE owner_id = "
	"(SELECT owner_id FROM owner_alias WHERE alias = $5))) "
	"AND ($6::text IS NULL OR c.due <= $6) "
	"AND ($7::text IS NULL OR c.due >= $7)";

static void bind_pick(struct pg_params *p, const struct engine_scan *q)
{
	const struct filter *f = q->f;
	bool current = q->by_current_fields;

	pgp_init(p);
	pgp_text(p, f->key);
	pgp_text(p, f->letter);
	pgp_text(p, f->tag);
	pgp_text(p, q->known_at);
	pgp_text(p, current ? f->owner : NULL);
	pgp_date(p, current ? f->due_before : DATE_NONE);
	pgp_date(p, current ? f->due_after : DATE_NONE);
	pgp_int(p, q->order == SORT_OWNER ? 1 : q->order == SORT_TITLE ? 2 : 0);
}

/* NULL due dates last, as SQLite's "c.due IS NULL, c.due". */
static int by_due(const struct pick *a, const struct pick *b)
{
	if (!a->due || !b->due)
		return (a->due == NULL) - (b->due == NULL);
	return strcmp(a->due, b->due);
}

/* One comparator per order (qsort has no context argument, and scans may
 * run in several threads at once, each with its own engine). */
static int order_key(const void *va, const void *vb)
{
	return strcmp(((const struct pick *)va)->key, ((const struct pick *)vb)->key);
}

static int order_due(const void *va, const void *vb)
{
	int c = by_due(va, vb);

	return c ? c : order_key(va, vb);
}

static int order_status(const void *va, const void *vb)
{
	int c = strcmp(((const struct pick *)va)->status, ((const struct pick *)vb)->status);

	return c ? c : order_due(va, vb);
}

static int order_owner(const void *va, const void *vb)
{
	int ra = ((const struct pick *)va)->rank, rb = ((const struct pick *)vb)->rank;

	return ra != rb ? (ra > rb) - (ra < rb) : order_due(va, vb);
}

static int order_title(const void *va, const void *vb)
{
	int c = collate_zh(((const struct pick *)va)->zh, ((const struct pick *)vb)->zh);

	return c ? c : order_key(va, vb);
}

static int order_added(const void *va, const void *vb)
{
	int64_t a = ((const struct pick *)va)->id, b = ((const struct pick *)vb)->id;

	return (a > b) - (a < b);
}

static int (*const comparators[SORT__COUNT])(const void *, const void *) = {
	[SORT_DUE] = order_due, [SORT_KEY] = order_key, [SORT_OWNER] = order_owner,
	[SORT_STATUS] = order_status, [SORT_TITLE] = order_title, [SORT_ADDED] = order_added,
};

/* Collator calls would dominate an owner sort, and owners are few: each
 * distinct name is ranked once in pinyin order, and rows compare by rank
 * (found by bytes). */
struct ranked {
	const char *name;
	int rank;
};

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct ranked *)a)->name, ((const struct ranked *)b)->name);
}

static int by_pinyin(const void *a, const void *b)
{
	return collate_zh(((const struct ranked *)a)->name, ((const struct ranked *)b)->name);
}

static void rank_owners(struct pick *p, size_t n)
{
	struct ranked *names = xmalloc((n ? n : 1) * sizeof(*names)), *hit, key;
	size_t m = 0;

	for (size_t i = 0; i < n; i++)
		names[i] = (struct ranked){ p[i].zh ? p[i].zh : "", 0 };
	qsort(names, n, sizeof(*names), by_name);
	for (size_t i = 0; i < n; i++)
		if (!m || strcmp(names[m - 1].name, names[i].name))
			names[m++] = names[i];
	qsort(names, m, sizeof(*names), by_pinyin);
	for (size_t i = 0; i < m; i++)
		names[i].rank = (int)i;
	qsort(names, m, sizeof(*names), by_name);
	for (size_t i = 0; i < n; i++) {
		key.name = p[i].zh ? p[i].zh : "";
		hit = bsearch(&key, names, m, sizeof(*names), by_name);
		p[i].rank = hit ? hit->rank : 0;
	}
	free(names);
}

static void sort_picks(struct pick *p, size_t n, enum sort_order order)
{
	if (order == SORT_OWNER)
		rank_owners(p, n);
	qsort(p, n, sizeof(*p), comparators[order]);
}

/* ---- step 2: a batch of commitments with their records ----------------------------- */

struct batch {
	PGresult *rows, *coowners, *tags, *checkins, *history, *summaries;
};

static void batch_clear(struct batch *b)
{
	sym_PQclear(b->rows);
	sym_PQclear(b->coowners);
	sym_PQclear(b->tags);
	sym_PQclear(b->checkins);
	sym_PQclear(b->history);
	sym_PQclear(b->summaries);
	memset(b, 0, sizeof(*b));
}

static const char rows_sql[] =
	"SELECT " PG_COMMITMENT_COLUMNS PG_COMMITMENT_FROM "WHERE c.id = ANY ($1::bigint[]) "
	"ORDER BY c.id";
static const char coowners_sql[] =
	"SELECT co.commitment_id, o.name FROM commitment_coowner co JOIN owner o ON "
	"o.id = co.owner_id WHERE co.commitment_id = ANY ($1::bigint[]) "
	"ORDER BY co.commitment_id, co.position";
static const char tags_sql[] =
	"SELECT commitment_id, tag FROM commitment_tag WHERE commitment_id = ANY ($1::bigint[]) "
	"ORDER BY commitment_id, position";
static const char lean_checkins_sql[] =
	"SELECT commitment_id, seq, as_of, recorded_at, value, supersedes FROM checkin "
	"WHERE commitment_id = ANY ($1::bigint[]) ORDER BY commitment_id, seq";
static const char full_checkins_sql[] =
	"SELECT commitment_id, seq, as_of, recorded_at, value, supersedes, note, evidence, "
	"author, reason, prev_hash, hash FROM checkin WHERE commitment_id = ANY ($1::bigint[]) "
	"ORDER BY commitment_id, seq";
/* SUMMARY_INSTEAD: only the check-ins of commitments whose summary does
 * not answer for the date $2 (one is dated after it). */
static const char late_checkins_sql[] =
	"SELECT commitment_id, seq, as_of, recorded_at, value, supersedes FROM checkin "
	"WHERE commitment_id IN (SELECT commitment_id FROM checkin_summary WHERE "
	"commitment_id = ANY ($1::bigint[]) AND last_as_of > $2) ORDER BY commitment_id, seq";
static const char summaries_sql[] =
	"SELECT commitment_id, n, last_as_of, current_value, current_as_of, current_seq, slope "
	"FROM checkin_summary WHERE commitment_id = ANY ($1::bigint[]) ORDER BY commitment_id";
static const char history_sql[] =
	"SELECT commitment_id, seq, field, old_value, new_value, blank, author, changed_at, "
	"reason, prev_hash, hash FROM history WHERE commitment_id = ANY ($1::bigint[]) "
	"ORDER BY commitment_id, seq";

/* With WANT_CHECKINS all of them, even where a summary stands in (a
 * calendar's WANT_LATEST_CHECKINS: all of them will do). */
static const char *checkins_sql(const struct engine_scan *q)
{
	if (q->want & WANT_CHECKINS)
		return full_checkins_sql;
	return q->summary == SUMMARY_INSTEAD ? late_checkins_sql : lean_checkins_sql;
}

static int load_batch(struct store_engine *e, const struct pick *p, size_t n,
		      const struct engine_scan *q, struct batch *b, struct trk_error *err)
{
	unsigned want = q->want;
	struct strbuf ids = STRBUF_INIT;
	struct pg_params par;

	strbuf_addch(&ids, '{');
	for (size_t i = 0; i < n; i++)
		strbuf_addf(&ids, "%s%lld", i ? "," : "", (long long)p[i].id);
	strbuf_addch(&ids, '}');
	pgp_init(&par);
	par.v[par.n++] = ids.buf;
	/* Planned for each batch, never prepared: a plan cached while the
	 * tables were small (the start of an import, in one transaction whose
	 * rows no statistics have seen) scans the whole table for every
	 * commitment after, and a 10,000-commitment import took 290 s. */
	b->rows = pg_run_once(e, rows_sql, &par, "listing commitments", err);
	if (b->rows)
		b->coowners = pg_run_once(e, coowners_sql, &par, "reading co-owners", err);
	if (b->coowners)
		b->tags = pg_run_once(e, tags_sql, &par, "reading tags", err);
	if (b->tags && q->summary != SUMMARY_NO)
		b->summaries = pg_run_once(e, summaries_sql, &par, "reading check-in summaries",
					   err);
	if (b->tags && (q->summary == SUMMARY_NO || b->summaries)) {
		if (checkins_sql(q) == late_checkins_sql)
			pgp_date(&par, q->summary_until);
		b->checkins = pg_run_once(e, checkins_sql(q), &par, "reading check-ins", err);
	}
	if (b->checkins && (want & WANT_HISTORY))
		b->history = pg_run_once(e, history_sql, &par, "reading history", err);
	strbuf_release(&ids);
	if (!b->checkins || ((want & WANT_HISTORY) && !b->history))
		return pg_code(err);
	return 0;
}

/* The rows of r (ordered by its first column, the commitment id) that
 * belong to id: [*first, *end). */
static void rows_of(const PGresult *r, int64_t id, int *first, int *end)
{
	int lo = 0, hi = r ? sym_PQntuples(r) : 0;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (pg_int(r, mid, 0) < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = lo;
	while (r && lo < sym_PQntuples(r) && pg_int(r, lo, 0) == id)
		lo++;
	*end = lo;
}

struct records {
	struct checkin *k;
	size_t ak;
	struct history *h;
	size_t ah;
};

static void list_from(const PGresult *r, int64_t id, struct arena *a, struct strlist *out)
{
	int first, end;

	rows_of(r, id, &first, &end);
	memset(out, 0, sizeof(*out));
	if (first == end)
		return;
	out->items = arena_alloc(a, (size_t)(end - first) * sizeof(char *));
	for (int i = first; i < end; i++)
		out->items[out->n++] = pg_arena(a, r, i, 1);
}

static size_t checkins_from(const PGresult *r, const struct commitment *c, bool full,
			    const struct texts_window *texts, struct arena *a, struct records *rec)
{
	int first, end;
	size_t n = 0;

	rows_of(r, c->id, &first, &end);
	if ((size_t)(end - first) > rec->ak) {
		rec->ak = (size_t)(end - first);
		rec->k = xrealloc(rec->k, rec->ak * sizeof(*rec->k));
	}
	for (int i = first; i < end; i++, n++) {
		struct checkin *k = &rec->k[n];
		checkin_init(k);
		k->commitment_key = c->key;
		k->seq = (int)pg_int(r, i, 1);
		k->as_of = pg_date(r, i, 2);
		k->recorded_at = pg_arena(a, r, i, 3);
		k->has_value = !sym_PQgetisnull(r, i, 4);
		k->value = pg_double(r, i, 4);
		k->supersedes = (int)pg_int(r, i, 5);
		if (!full)
			continue;
		if (texts_wanted(texts, k)) {
			k->note = pg_arena(a, r, i, 6);
			k->evidence = pg_arena(a, r, i, 7);
			k->author = pg_arena(a, r, i, 8);
			k->reason = pg_arena(a, r, i, 9);
		}
		k->prev_hash = pg_hash_arena(a, r, i, 10);
		k->hash = pg_arena(a, r, i, 11);
	}
	return n;
}

/* A history value: NULL is none unless its blank bit says "". */
static char *history_value(const PGresult *r, int row, int col, int bit, struct arena *a)
{
	if (sym_PQgetisnull(r, row, col) && (pg_int(r, row, 5) & bit))
		return arena_strndup(a, "", 0);
	return pg_arena(a, r, row, col);
}

static size_t history_from(const PGresult *r, const struct commitment *c, struct arena *a,
			   struct records *rec)
{
	int first, end;
	size_t n = 0;

	if (!r)
		return 0;
	rows_of(r, c->id, &first, &end);
	if ((size_t)(end - first) > rec->ah) {
		rec->ah = (size_t)(end - first);
		rec->h = xrealloc(rec->h, rec->ah * sizeof(*rec->h));
	}
	for (int i = first; i < end; i++, n++) {
		struct history *h = &rec->h[n];
		history_init(h);
		h->commitment_key = c->key;
		h->seq = (int)pg_int(r, i, 1);
		h->field = pg_arena(a, r, i, 2);
		h->old_value = history_value(r, i, 3, 1, a);
		h->new_value = history_value(r, i, 4, 2, a);
		h->author = pg_arena(a, r, i, 6);
		h->changed_at = pg_arena(a, r, i, 7);
		h->reason = pg_arena(a, r, i, 8);
		h->prev_hash = pg_hash_arena(a, r, i, 9);
		h->hash = pg_arena(a, r, i, 10);
	}
	return n;
}

/* The stored summary of commitment id into d; false when it has none. */
static bool summary_from(const PGresult *r, int64_t id, struct progress_digest *d)
{
	int i, end;

	memset(d, 0, sizeof(*d));
	d->last_as_of = DATE_NONE;
	rows_of(r, id, &i, &end);
	if (i == end)
		return false;
	d->n = (int)pg_int(r, i, 1);
	d->last_as_of = pg_date(r, i, 2);
	if (!sym_PQgetisnull(r, i, 5)) {
		d->current.present = true;
		d->current.value = pg_double(r, i, 3);
		d->current.as_of = pg_date(r, i, 4);
		d->current.seq = (int)pg_int(r, i, 5);
	}
	d->has_slope = !sym_PQgetisnull(r, i, 6);
	d->slope = d->has_slope ? pg_double(r, i, 6) : 0;
	return true;
}

/* The digest to hand over with commitment id (enum scan_summary), or NULL. */
static const struct progress_digest *row_summary(const struct batch *b, int64_t id,
						 const struct engine_scan *q,
						 struct progress_digest *d)
{
	bool stored;

	if (q->summary == SUMMARY_NO)
		return NULL;
	stored = summary_from(b->summaries, id, d);
	if (q->summary == SUMMARY_BESIDE)
		return stored ? d : NULL;
	return stored && d->last_as_of > q->summary_until ? NULL : d;
}

/* Hands over the batch's commitments in the order of p. */
static int deliver_batch(const struct pick *p, size_t n, const struct batch *b,
			 const struct engine_scan *q, struct arena *a, struct records *rec,
			 engine_row_fn fn, void *ctx, struct trk_error *err)
{
	unsigned want = q->want;
	struct progress_digest digest;
	int rc = 0;

	for (size_t i = 0; i < n && !rc; i++) {
		struct commitment c;
		size_t nk, nh;
		int first, end;

		rows_of(b->rows, p[i].id, &first, &end);
		if (first == end)
			continue;   /* cannot happen inside a transaction; outside, skip */
		arena_reset(a);
		pg_commitment_from_row(b->rows, first, a, &c);
		list_from(b->coowners, c.id, a, &c.co_owners);
		list_from(b->tags, c.id, a, &c.tags);
		nk = checkins_from(b->checkins, &c, want & WANT_CHECKINS, q->texts, a, rec);
		nh = history_from(b->history, &c, a, rec);
		rc = fn(&c, rec->k, nk, rec->h, nh, row_summary(b, c.id, q, &digest), ctx, err);
	}
	return rc;
}

/* ---- the scan ----------------------------------------------------------------------- */

static int pick(struct store_engine *e, const struct engine_scan *q, PGresult **res,
		struct pick **out, size_t *n, struct trk_error *err)
{
	struct pg_params p;
	size_t m;
	int rc;

	/* A write that reads one commitment (to extend its chains) locks it
	 * first, so what it reads next is the latest, and stays so. */
	if (q->f->key && (rc = pg_lock_commitment(e, q->f->key, err)))
		return rc;
	bind_pick(&p, q);
	if (!(*res = pg_run_once(e, pick_sql, &p, "listing commitments", err)))
		return pg_code(err);
	m = (size_t)sym_PQntuples(*res);
	*out = xmalloc((m ? m : 1) * sizeof(**out));
	for (size_t i = 0; i < m; i++)
		(*out)[i] = (struct pick){
			.id = pg_int(*res, (int)i, 0), .key = sym_PQgetvalue(*res, (int)i, 1),
			.due = pg_cell(*res, (int)i, 2), .status = sym_PQgetvalue(*res, (int)i, 3),
			.zh = pg_cell(*res, (int)i, 4),
		};
	*n = m;
	sort_picks(*out, m, q->order);
	return 0;
}

int pg_scan(struct store_engine *e, const struct engine_scan *q, engine_row_fn fn, void *ctx,
	    struct trk_error *err)
{
	struct arena a = ARENA_INIT;
	struct records rec = { 0 };
	struct batch b = { 0 };
	struct pick *p = NULL;
	PGresult *picked = NULL;
	size_t n = 0;
	int rc = pick(e, q, &picked, &p, &n, err);

	for (size_t at = 0; !rc && at < n; at += PG_BATCH) {
		size_t m = n - at < PG_BATCH ? n - at : PG_BATCH;
		if (!(rc = load_batch(e, p + at, m, q, &b, err)))
			rc = deliver_batch(p + at, m, &b, q, &a, &rec, fn, ctx, err);
		batch_clear(&b);
	}
	sym_PQclear(picked);
	free(p);
	free(rec.k);
	free(rec.h);
	arena_release(&a);
	return rc;
}
