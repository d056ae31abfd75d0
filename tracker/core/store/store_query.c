/* store_query.c - reading the record: each commitment with its records as
 * known at a moment, its progress on a date, filtered and in order. The
 * engine finds rows; what a commitment was at an earlier moment, which
 * check-ins count and what its health is are decided here, once. */
#include "store/door.h"

#include <stdlib.h>
#include <string.h>

#include "model/commitment_field.h"
#include "util/strbuf.h"
#include "util/banned.h"

void filter_init(struct filter *f)
{
	memset(f, 0, sizeof(*f));
	f->kind = -1;
	f->due_before = f->due_after = DATE_NONE;
}

bool filter_selects_few(const struct filter *f)
{
	return f->key || f->owner || f->owners_any || f->letter || f->tag ||
	       f->due_before != DATE_NONE || f->due_after != DATE_NONE;
}

static const char *const sort_names[SORT__COUNT] = {
	"due", "key", "owner", "status", "title", "added"
};

int sort_order_parse(const char *s)
{
	for (int i = 0; s && i < SORT__COUNT; i++)
		if (!strcmp(s, sort_names[i]))
			return i;
	return -1;
}

const char *sort_order_name(enum sort_order o)
{
	return sort_names[o];
}

int query_init(struct query *q, struct trk_error *err)
{
	memset(q, 0, sizeof(*q));
	filter_init(&q->f);
	q->order = SORT_KEY;
	health_config_default(&q->health);
	return clock_today(&q->as_of, err);
}

/* ---- one row ------------------------------------------------------------------ */

struct run {
	const struct query *q;
	record_fn fn;
	void *ctx;
	struct checkin *known;       /* the check-ins known at q->known_at */
	size_t aknown;
	struct history *hist;
	size_t ahist;
	enum scan_summary summary;
};

static bool owner_matches(const struct filter *f, const struct commitment *c)
{
	if (f->owner && strcmp(c->owner, f->owner) && !strlist_has(&c->co_owners, f->owner))
		return false;
	if (!f->owners_any)
		return true;
	if (strlist_has(f->owners_any, c->owner))
		return true;
	for (size_t i = 0; i < c->co_owners.n; i++)
		if (strlist_has(f->owners_any, c->co_owners.items[i]))
			return true;
	return false;
}

/* The filters that depend on fields that change over time, and the
 * reader's letters. */
static bool fields_match(const struct query *q, const struct commitment *c)
{
	const struct filter *f = &q->f;

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
	if (q->reader && q->reader->letters && q->reader->letters->n &&
	    !strlist_has(q->reader->letters, c->letter_doc_no))
		return false;
	return owner_matches(f, c);
}

/* The records recorded at or before known_at, as borrowed copies. */
static size_t known_checkins(struct run *r, const struct checkin *k, size_t n)
{
	size_t m = 0;

	if (!r->q->known_at)
		return n;
	if (r->aknown < n) {
		r->aknown = n;
		r->known = xrealloc(r->known, n * sizeof(*r->known));
	}
	for (size_t i = 0; i < n; i++)
		if (k[i].recorded_at && strcmp(k[i].recorded_at, r->q->known_at) <= 0)
			r->known[m++] = k[i];
	return m;
}

static size_t known_history(struct run *r, const struct history *h, size_t n)
{
	size_t m = 0;

	if (!r->q->known_at)
		return n;
	if (r->ahist < n) {
		r->ahist = n;
		r->hist = xrealloc(r->hist, n * sizeof(*r->hist));
	}
	for (size_t i = 0; i < n; i++)
		if (h[i].changed_at && strcmp(h[i].changed_at, r->q->known_at) <= 0)
			r->hist[m++] = h[i];
	return m;
}

/* d: the stored summary, taken for the check-ins when the scan asked for
 * it instead of them (r->summary), else only handed on. */
static int deliver(struct run *r, const struct commitment *c, const struct checkin *k,
		   size_t nk, const struct history *h, size_t nh, const struct progress_digest *d,
		   struct trk_error *err)
{
	const struct query *q = r->q;
	struct progress p;
	struct commitment_record rec = { .c = c, .p = &p };

	if (!fields_match(q, c))
		return 0;
	if (d && r->summary == SUMMARY_INSTEAD)
		progress_from_digest(c, d, q->as_of, &q->health, &p);
	else
		progress_compute(c, k, nk, q->as_of, &q->health, &p);
	if (q->want & (WANT_SUMMARY | WANT_LATEST_CHECKINS))
		rec.summary = d;
	if (q->f.health_mask && !(q->f.health_mask & (1u << p.health)))
		return 0;
	if (q->want & WANT_CHECKINS)
		rec.checkins = k, rec.ncheckins = nk;
	if (q->want & WANT_HISTORY)
		rec.history = h, rec.nhistory = nh;
	return r->fn(&rec, r->ctx, err);
}

static int visit(struct commitment *c, struct checkin *k, size_t nk, struct history *h,
		 size_t nh, const struct progress_digest *d, void *arg, struct trk_error *err)
{
	struct run *r = arg;
	struct commitment then;
	size_t mk, mh;
	int rc;

	if (!r->q->known_at)
		return deliver(r, c, k, nk, h, nh, d, err);
	mk = known_checkins(r, k, nk);
	mh = known_history(r, h, nh);
	/* As it stood then: its creation record with the changes known by then. */
	if ((rc = commitment_replay(r->q->known_at ? r->hist : h, mh, NULL, &then, err)))
		return trk_err_prefix(err, "%s", c->key);
	then.id = c->id;
	then.owner_short = !strcmp(then.owner, c->owner) ? xstrdup(c->owner_short) : NULL;
	rc = deliver(r, &then, r->known, mk, r->hist, mh, NULL, err);
	commitment_release(&then);
	return rc;
}

/* Whether the stored summaries stand in for the check-ins: for a query
 * as now that does not show them (or only the latest), on today or later
 * (a past date would find most summaries too late and read each
 * commitment's check-ins alone, slower than one pass). The engine still
 * reads the check-ins of a commitment whose summary does not answer for
 * the date. */
static enum scan_summary summary_use(const struct query *q)
{
	struct trk_error ignored;   /* no clock: the check-ins, which answer any date */
	unsigned shown = q->want & (WANT_CHECKINS | WANT_LATEST_CHECKINS);
	int32_t today;

	if (q->known_at)
		return SUMMARY_NO;
	if (q->want & WANT_SUMMARY)
		return SUMMARY_BESIDE;
	if ((shown && shown != (WANT_CHECKINS | WANT_LATEST_CHECKINS)) ||
	    clock_today(&today, &ignored) || q->as_of < today)
		return SUMMARY_NO;
	return SUMMARY_INSTEAD;
}

int store_query(struct store *st, const struct query *q, record_fn fn, void *ctx,
		struct trk_error *err)
{
	struct run r = { .q = q, .fn = fn, .ctx = ctx };
	struct engine_scan s = {
		.f = &q->f, .by_current_fields = !q->known_at, .known_at = q->known_at,
		.order = q->order,
		.want = q->known_at ? (q->want | WANT_HISTORY) & ~(unsigned)WANT_LEAN_HISTORY
				    : q->want,
		.summary_until = q->as_of, .texts = q->texts,
	};
	int rc;

	r.summary = s.summary = summary_use(q);
	rc = st->ops->scan(st->e, &s, visit, &r, err);

	free(r.known);
	free(r.hist);
	return rc;
}

/* The links taken from the records themselves: for an engine without a
 * chain_links read of its own (the PostgreSQL engine), and the definition
 * that the SQLite engine's one read is held to (tests/unit/test_store.c). */
struct links_from_records {
	chain_link_fn fn;
	void *ctx;
};

static const char *last_change_hash(const struct history *h, size_t n)
{
	return n && h[n - 1].seq >= 1 ? h[n - 1].hash : "";
}

static int links_of_record(const struct commitment_record *r, void *arg, struct trk_error *err)
{
	struct links_from_records *lr = arg;
	struct chain_links l = {
		.key = r->c->key,
		.genesis = r->nhistory && r->history[0].seq == 0 ? r->history[0].hash : "",
		.last_checkin = r->ncheckins ? r->checkins[r->ncheckins - 1].hash : "",
		.last_change = last_change_hash(r->history, r->nhistory),
	};

	return lr->fn(&l, lr->ctx, err);
}

int store_chain_links(struct store *st, const char *known_at, chain_link_fn fn, void *ctx,
		      struct trk_error *err)
{
	struct links_from_records lr = { fn, ctx };
	struct query q;
	int rc;

	if (st->ops->chain_links)
		return st->ops->chain_links(st->e, known_at, fn, ctx, err);
	if ((rc = query_init(&q, err)))
		return rc;
	q.order = SORT_KEY;   /* bytes: the same order in every engine */
	q.known_at = known_at;
	q.want = WANT_CHECKINS | WANT_HISTORY;
	return store_query(st, &q, links_of_record, &lr, err);
}
