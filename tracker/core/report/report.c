/* report.c - one pass over the commitments: the figures of each one for
 * the period (report_item.c), handed to the format writer, and the totals
 * per department and letter in small maps. */
#include "report/report.h"

#include "util/collate.h"

#include <stdlib.h>
#include <string.h>

#include "record/chain_head.h"
#include "util/date.h"
#include "report/report_item.h"
#include "util/strbuf.h"
#include "util/banned.h"

static const struct report_writer *const writers[REPORT__COUNT] = {
	[REPORT_JSON] = &report_json_writer, [REPORT_HTML] = &report_html_writer,
	[REPORT_MD] = &report_md_writer, [REPORT_CSV] = &report_csv_writer,
	[REPORT_DOCX] = &report_docx_writer,
};

int report_format_parse(const char *s)
{
	static const char *const names[REPORT__COUNT] = { "json", "html", "md", "csv", "docx" };

	for (int i = 0; s && i < REPORT__COUNT; i++)
		if (!strcmp(s, names[i]))
			return i;
	return -1;
}

const char *report_attention_name(enum report_attention a)
{
	static const char *const names[ATTN__COUNT] = {
		"overdue", "at_risk", "no_checkin", "changed", "status_changes", "corrections", "done"
	};
	return names[a];
}

bool report_format_sealed(enum report_format fmt)
{
	return writers[fmt]->sealed;
}

bool report_in_full(const struct report_params *p)
{
	return p->detail || p->filter.key || p->filter.owner || p->filter.letter;
}

bool report_done_met(const struct report_item *it)
{
	return it->c->status == ST_DONE && it->p->target_met;
}

bool report_on_track_share(const struct report_summary *s, double *out)
{
	if (!s->active)
		return false;
	*out = 100.0 * s->by_health[H_ON_TRACK] / s->active;
	return true;
}

bool report_completion_rate(const struct report_summary *s, double *out)
{
	if (!s->due_by_end)
		return false;
	*out = 100.0 * s->done_of_due / s->due_by_end;
	return true;
}

bool report_met_rate(const struct report_summary *s, double *out)
{
	if (!s->due_by_end)
		return false;
	*out = 100.0 * s->done_met / s->due_by_end;
	return true;
}

/* ---- a small string map: names to indexes, open addressing ---------- */

struct name_map {
	size_t *slots;            /* index + 1, 0 = empty */
	size_t cap;
};

static size_t name_hash(const char *s)
{
	size_t h = 1469598103934665603u;   /* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* Returns the slot for name: occupied by it, or empty. names(i) gives the
 * name at index i. */
static size_t *map_slot(struct name_map *m, const char *name,
			const char *(*names)(void *, size_t), void *arr)
{
	size_t i = name_hash(name) & (m->cap - 1);

	while (m->slots[i] && strcmp(names(arr, m->slots[i] - 1), name))
		i = (i + 1) & (m->cap - 1);
	return &m->slots[i];
}

static void map_grow(struct name_map *m, size_t n, const char *(*names)(void *, size_t),
		     void *arr)
{
	if (2 * (n + 1) <= m->cap)
		return;
	free(m->slots);
	m->cap = m->cap ? 2 * m->cap : 64;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	for (size_t i = 0; i < n; i++)
		*map_slot(m, names(arr, i), names, arr) = i + 1;
}

/* ---- the pass --------------------------------------------------------- */

struct run {
	struct store *st;
	const struct report_params *p;
	const struct report_writer *w;
	void *wstate;
	struct report_summary sum;
	struct report_item_ctx items;
	struct name_map dept_map, letter_map;
	size_t dept_alloc, letter_alloc;
};

static const char *dept_name(void *arr, size_t i)
{
	return ((struct report_summary *)arr)->depts[i].name;
}

static const char *letter_name(void *arr, size_t i)
{
	return ((struct report_summary *)arr)->letters[i].doc_no;
}

static struct report_dept *dept_get(struct run *r, const char *name, const char *short_name)
{
	struct report_summary *s = &r->sum;
	size_t *slot;

	map_grow(&r->dept_map, s->ndepts, dept_name, s);
	if (!*(slot = map_slot(&r->dept_map, name, dept_name, s))) {
		if (s->ndepts == r->dept_alloc) {
			r->dept_alloc = r->dept_alloc ? 2 * r->dept_alloc : 16;
			s->depts = xrealloc(s->depts, r->dept_alloc * sizeof(*s->depts));
		}
		memset(&s->depts[s->ndepts], 0, sizeof(*s->depts));
		s->depts[s->ndepts].name = xstrdup(name);
		s->depts[s->ndepts].short_name = xstrdup(short_name && *short_name ? short_name
								    : name);
		*slot = ++s->ndepts;
	}
	return &s->depts[*slot - 1];
}

static char *dup_or_null(const char *s)
{
	return s && *s ? xstrdup(s) : NULL;
}

/* The letter doc_no as the report shows it, loaded when first met (the
 * pointer is good until the next letter is added). */
static int letter_find(struct run *r, const char *doc_no, struct report_letter **out,
		       struct trk_error *err)
{
	struct report_summary *s = &r->sum;
	struct report_letter *rl;
	struct letter l;
	size_t *slot;
	int rc;

	map_grow(&r->letter_map, s->nletters, letter_name, s);
	if (!*(slot = map_slot(&r->letter_map, doc_no, letter_name, s))) {
		if ((rc = store_letter_get(r->st, doc_no, false, &l, err)))
			return rc;
		if (s->nletters == r->letter_alloc) {
			r->letter_alloc = r->letter_alloc ? 2 * r->letter_alloc : 16;
			s->letters = xrealloc(s->letters, r->letter_alloc * sizeof(*s->letters));
		}
		rl = &s->letters[s->nletters];
		memset(rl, 0, sizeof(*rl));
		rl->doc_no = xstrdup(doc_no);
		rl->title = dup_or_null(l.title);
		rl->date = l.date;
		rl->addressee = dup_or_null(l.addressee);
		rl->suggestion_no = dup_or_null(l.suggestion_no);
		rl->session = dup_or_null(l.session);
		letter_release(&l);
		*slot = ++s->nletters;
	}
	*out = &s->letters[*slot - 1];
	return 0;
}

static void tally(struct run *r, const struct report_item *it)
{
	struct report_summary *s = &r->sum;
	const struct commitment *c = it->c;
	struct report_dept *d = dept_get(r, c->owner, c->owner_short);

	s->total++;
	s->by_health[it->p->health]++;
	s->overdue += it->p->health == H_OVERDUE || it->p->health == H_DUE;
	s->by_status[c->status]++;
	s->checkins_in_period += (int)it->ncheckins;
	for (int a = 0; a < ATTN__COUNT; a++)
		if (it->attention & (1u << a))
			s->attention[a]++;
	if (c->status != ST_CANCELLED && c->due != DATE_NONE && c->due <= r->p->to) {
		s->due_by_end++;
		s->done_of_due += c->status == ST_DONE;
		s->done_met += report_done_met(it);
	}
	s->active += c->status != ST_DONE && c->status != ST_CANCELLED;
	d->total++;
	d->by_health[it->p->health]++;
	d->no_checkin += !!(it->attention & (1u << ATTN_NO_CHECKIN));
}

static int visit(const struct commitment_record *rec, void *arg, struct trk_error *err)
{
	struct run *r = arg;
	struct report_letter *letter;
	struct report_item it;
	int rc;

	if ((rc = letter_find(r, rec->c->letter_doc_no, &letter, err)) ||
	    (rc = report_item_build(&r->items, rec, &it, err)))
		return rc;
	letter->commitments++;
	it.letter = letter;
	tally(r, &it);
	return r->w->item(r->wstate, &it, err);
}

static int cmp_dept(const void *a, const void *b)
{
	/* Departments in pinyin order, as a directory lists them. */
	return collate_zh(((const struct report_dept *)a)->name, ((const struct report_dept *)b)->name);
}

static int cmp_letter(const void *a, const void *b)
{
	const struct report_letter *x = a, *y = b;

	if (x->date != y->date)
		return x->date == DATE_NONE ? 1 : y->date == DATE_NONE ? -1
			: x->date < y->date ? -1 : 1;
	return strcmp(x->doc_no, y->doc_no);
}

/* Both lists sorted so the output does not depend on the order rows came
 * in. */
static int finish_lists(struct run *r, struct trk_error *err)
{
	struct report_summary *s = &r->sum;

	(void)err;
	if (s->nletters > 1)
		qsort(s->letters, s->nletters, sizeof(*s->letters), cmp_letter);
	if (s->ndepts > 1)
		qsort(s->depts, s->ndepts, sizeof(*s->depts), cmp_dept);
	return 0;
}

static void run_release(struct run *r)
{
	for (size_t i = 0; i < r->sum.ndepts; i++) {
		free(r->sum.depts[i].name);
		free(r->sum.depts[i].short_name);
	}
	for (size_t i = 0; i < r->sum.nletters; i++) {
		struct report_letter *l = &r->sum.letters[i];
		free(l->doc_no), free(l->title), free(l->addressee);
		free(l->suggestion_no), free(l->session);
	}
	free(r->sum.depts);
	free(r->sum.letters);
	free(r->dept_map.slots);
	free(r->letter_map.slots);
	report_item_ctx_release(&r->items);
	if (r->w)
		r->w->release(r->wstate);
}

int report_run(struct store *st, const struct report_params *p, enum report_format fmt,
	       FILE *out, struct trk_error *err)
{
	struct run r = { .st = st, .p = p };
	struct texts_window texts;
	struct query q;
	int rc;

	r.sum.params = p;
	r.sum.prev_end = p->from - 1;
	report_item_ctx_init(&r.items, p);
	if ((rc = query_init(&q, err)))
		goto out;
	q.f = p->filter;
	q.as_of = p->to;
	q.known_at = p->known_at;
	q.health = p->health;
	/* Added order: a letter's commitments stay together, as in the letter. */
	q.order = SORT_ADDED;
	/* The report shows check-ins and changes; their chains are sealed by
	 * chain_head. */
	q.want = WANT_CHECKINS | WANT_HISTORY | WANT_BULK | WANT_NO_HASHES | WANT_LEAN_HISTORY;
	/* Their texts only where a report shows them: the period's check-ins
	 * and the corrections recorded in it (report_item.c). */
	texts.from = p->from;
	texts.since = r.items.from_ts;
	q.texts = &texts;
	r.w = writers[fmt];
	if ((rc = r.w->begin(p, out, &r.wstate, err)))
		goto out;
	if ((rc = store_query(st, &q, visit, &r, err)) ||
	    (rc = finish_lists(&r, err)) ||
	    (p->chain_head_job && (rc = chain_head_wait(p->chain_head_job, err))))
		goto out;
	rc = r.w->finish(r.wstate, &r.sum, err);
out:
	run_release(&r);
	return rc;
}

int report_check_period(struct store *st, const struct report_params *p,
			struct trk_error *err)
{
	char first[DATE_BUFSZ];
	int32_t first_date;
	int n, rc;

	if ((rc = store_letters_span(st, p->filter.letter, p->known_at, &n, &first_date, err)))
		return rc;
	if (!n)
		return trk_err(err, TRK_EINPUT, "no letters to report on (see 'tracker seed' "
			       "or 'tracker import')");
	date_format(first_date, first);
	if (first_date != DATE_NONE && p->to < first_date)
		return trk_err_field(err, TRK_EINPUT, "period", "%s ends before the first letter "
				     "(%s)", p->label, first);
	return 0;
}
