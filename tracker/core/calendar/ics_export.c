/* ics_export.c - a query's commitments as calendar files (see ics_export.h). */
#include "calendar/ics_export.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "util/collate.h"
#include "util/date.h"
#include "util/outfile.h"
#include "util/strbuf.h"
#include "util/banned.h"

void ics_calname(struct strbuf *sb, const struct selection *s, bool todos_only,
		 const char *owner)
{
	strbuf_addstr(sb, todos_only ? "承诺事项待办" : "承诺事项截止日期");
	if (s->key)
		strbuf_addf(sb, " · %s", s->key);
	if (owner)
		strbuf_addf(sb, " · %s", owner);
	if (s->letter)
		strbuf_addf(sb, " · %s", s->letter);
	if (s->kind)
		strbuf_addf(sb, " · %s", s->kind);
	if (s->tag)
		strbuf_addf(sb, " · #%s", s->tag);
	for (size_t i = 0; s->status && i < s->status->n; i++)
		strbuf_addf(sb, "%s%s", i ? "/" : " · ", s->status->items[i]);
	for (size_t i = 0; s->health && i < s->health->n; i++)
		strbuf_addf(sb, "%s%s", i ? "/" : " · ", s->health->items[i]);
	if (s->due_after || s->due_before)
		strbuf_addf(sb, " · %s–%s", s->due_after ? s->due_after : "",
			    s->due_before ? s->due_before : "");
	if (s->open_only)
		strbuf_addstr(sb, " · 未完成");
}

/* ---- what the records add to a commitment ------------------------------------- */

/* By seq: the check-ins may be only the latest (WANT_LATEST_CHECKINS). */
static const struct checkin *find_seq(const struct commitment_record *r, int seq)
{
	for (size_t i = r->ncheckins; i-- > 0;)
		if (r->checkins[i].seq == seq)
			return &r->checkins[i];
	return NULL;
}

/* The latest check-in on or before as_of, of any kind, by (as_of, seq). */
static const struct checkin *latest_any(const struct commitment_record *r, int32_t as_of)
{
	const struct checkin *best = NULL;

	for (size_t i = 0; i < r->ncheckins; i++) {
		const struct checkin *k = &r->checkins[i];
		if (k->as_of <= as_of && (!best || k->as_of > best->as_of ||
					  (k->as_of == best->as_of && k->seq > best->seq)))
			best = k;
	}
	return best;
}

void ics_extra_of(const struct commitment_record *r, int32_t as_of, int32_t letter_date,
		  struct ics_extra *x)
{
	const struct checkin *k = NULL;
	struct effective_value v;

	memset(x, 0, sizeof(*x));
	x->letter_date = letter_date;
	x->latest_as_of = DATE_NONE;
	/* With only the latest check-ins, the summary knows which counts:
	 * among a few, a corrected one could look current. */
	if (r->summary)
		v = r->summary->current;
	else
		effective_at(r->checkins, r->ncheckins, as_of, &v);
	if (v.present)
		k = find_seq(r, v.seq);
	if (!k)
		k = latest_any(r, as_of);
	if (k) {
		x->has_latest = true;
		x->latest_as_of = k->as_of;
		x->latest_has_value = k->has_value;
		x->latest_value = k->value;
		x->latest_note = k->note;
		x->latest_author = k->author;
	}
	for (size_t i = 0; i < r->ncheckins; i++)
		if (r->checkins[i].as_of <= as_of && (!x->last_recorded_at ||
		    strcmp(r->checkins[i].recorded_at, x->last_recorded_at) > 0))
			x->last_recorded_at = r->checkins[i].recorded_at;
	for (size_t i = 0; r->c->status == ST_DONE && i < r->nhistory; i++)
		if (!strcmp(r->history[i].field, "status") && r->history[i].new_value &&
		    !strcmp(r->history[i].new_value, "done"))
			x->completed_at = r->history[i].changed_at;
}

/* ---- one calendar ----------------------------------------------------------------- */

/* Letter dates by number, so a calendar reads each letter once, not once
 * per commitment (a letter's commitments need not be added together):
 * direct-mapped by a hash of the number, a miss asks the store. Bounded,
 * whatever the store. */
#define LETTER_SLOTS 512

struct letter_slot {
	char *doc_no;
	int32_t date;
};

struct one {
	struct store *st;
	const struct query *q;
	struct ics_writer *w;
	struct letter_slot *letters;   /* LETTER_SLOTS, allocated on first use */
	int32_t letter_date;           /* the letter's date at hand */
};

static size_t letter_slot_of(const char *doc_no)
{
	uint32_t h = 2166136261u;   /* FNV-1a */

	for (const unsigned char *p = (const unsigned char *)doc_no; *p; p++)
		h = (h ^ *p) * 16777619u;
	return h % LETTER_SLOTS;
}

static int letter_date(struct one *o, const char *doc_no, struct trk_error *err)
{
	struct letter_slot *slot;
	struct letter l;
	int rc;

	if (!o->letters)
		o->letters = xcalloc(LETTER_SLOTS, sizeof(*o->letters));
	slot = &o->letters[letter_slot_of(doc_no)];
	if (slot->doc_no && !strcmp(slot->doc_no, doc_no)) {
		o->letter_date = slot->date;
		return 0;
	}
	if ((rc = store_letter_get(o->st, doc_no, false, &l, err)))
		return rc;
	free(slot->doc_no);
	slot->doc_no = xstrdup(doc_no);
	slot->date = o->letter_date = l.date;
	letter_release(&l);
	return 0;
}

static void letters_release(struct one *o)
{
	for (size_t i = 0; o->letters && i < LETTER_SLOTS; i++)
		free(o->letters[i].doc_no);
	free(o->letters);
	o->letters = NULL;
}

static int add_one(const struct commitment_record *r, void *arg, struct trk_error *err)
{
	struct one *o = arg;
	struct ics_extra x;
	int rc;

	if ((rc = letter_date(o, r->c->letter_doc_no, err)))
		return rc;
	ics_extra_of(r, o->q->as_of, o->letter_date, &x);
	return ics_writer_add(o->w, r->c, r->p, &x, err);
}

/* ---- reporting days: one department at a time ------------------------------------ */

struct groups {
	struct ics_writer *w;
	const char *fixed;         /* the calendar's department, or NULL: each lead */
	char *owner, *owner_short;
	struct ics_checkin_item *items;
	size_t n, alloc;
	int64_t created, modified;
};

static void groups_clear(struct groups *g)
{
	for (size_t i = 0; i < g->n; i++) {
		free((char *)g->items[i].key);
		free((char *)g->items[i].title);
	}
	g->n = 0;
	free(g->owner), free(g->owner_short);
	g->owner = g->owner_short = NULL;
}

static int groups_flush(struct groups *g, struct trk_error *err)
{
	struct ics_checkin_group one = {
		g->owner, g->owner_short, g->items, g->n, g->created, g->modified
	};
	int rc = g->n ? ics_writer_add_checkins(g->w, &one, err) : 0;

	groups_clear(g);
	return rc;
}

static int64_t stamp(const char *ts)
{
	struct trk_error ignored;
	int64_t t = 0;

	if (ts)
		timestamp_parse(ts, &t, "timestamp", &ignored);
	return t;
}

static int add_to_group(const struct commitment_record *r, void *arg, struct trk_error *err)
{
	struct groups *g = arg;
	const struct commitment *c = r->c;
	const char *owner = g->fixed ? g->fixed : c->owner;
	int64_t created = stamp(c->created_at), modified = stamp(c->updated_at);
	int rc;

	if (c->status == ST_DONE || c->status == ST_CANCELLED)
		return 0;
	if (g->owner && strcmp(g->owner, owner) && (rc = groups_flush(g, err)))
		return rc;
	if (!g->owner) {
		g->owner = xstrdup(owner);
		g->owner_short = xstrdup(!strcmp(owner, c->owner) && c->owner_short ? c->owner_short
					 : owner);
		g->created = created, g->modified = modified;
	}
	if (g->n == g->alloc) {
		g->alloc = g->alloc ? 2 * g->alloc : 32;
		g->items = xrealloc(g->items, g->alloc * sizeof(*g->items));
	}
	g->items[g->n++] = (struct ics_checkin_item){ xstrdup(c->key), xstrdup(c->title), c->due };
	for (size_t i = 0; i < r->ncheckins; i++)
		if (stamp(r->checkins[i].recorded_at) > modified)
			modified = stamp(r->checkins[i].recorded_at);
	if (created < g->created)
		g->created = created;
	if (modified > g->modified)
		g->modified = modified;
	return 0;
}

/* The reporting days, by lead department (or all for the calendar's own
 * department): a second pass in owner order, holding one department's
 * list at a time. */
static int add_checkins(struct store *st, const struct query *q, struct ics_writer *w,
			struct trk_error *err)
{
	/* Of the check-ins, only when each was recorded: no texts, no hashes. */
	static const struct texts_window no_texts = { .from = INT32_MAX };
	struct groups g = { .w = w, .fixed = q->f.owner };
	struct query byowner = *q;
	int rc;

	byowner.order = SORT_OWNER;
	byowner.want = WANT_CHECKINS | WANT_NO_HASHES;
	byowner.texts = &no_texts;
	if (!(rc = store_query(st, &byowner, add_to_group, &g, err)))
		rc = groups_flush(&g, err);
	groups_clear(&g);
	free(g.items);
	return rc;
}

/* ---- one calendar, whole ------------------------------------------------------------- */

struct whole {
	struct one o;
	const struct ics_config *cfg;
};

static int export_txn(struct store *st, void *arg, struct trk_error *err)
{
	struct whole *x = arg;
	struct query all = *x->o.q;
	int rc;

	/* As added: calendars do not care about order, a stable one keeps files
	 * diffable (a new commitment comes last), and the whole store is then
	 * read table by table in place (sqlite_scan.c: 8 % fewer instructions). */
	all.order = SORT_ADDED;
	/* The history for when a commitment was done: its changes only. */
	all.want |= WANT_CHECKINS | WANT_LATEST_CHECKINS | WANT_HISTORY | WANT_BULK |
		    WANT_NO_HASHES | WANT_LEAN_HISTORY;
	if ((rc = store_query(st, &all, add_one, &x->o, err)))
		return rc;
	if ((x->cfg->parts & ICS_CHECKINS) && (rc = add_checkins(st, x->o.q, x->o.w, err)))
		return rc;
	return ics_writer_finish(x->o.w, err);
}

int ics_export(struct store *st, const struct query *q, const struct ics_config *cfg,
	       FILE *out, struct ics_counts *counts, struct trk_error *err)
{
	struct whole x = { .o = { .st = st, .q = q }, .cfg = cfg };
	const struct ics_counts *n;
	int rc;

	if ((rc = ics_writer_new(out, cfg, &x.o.w, err)))
		return rc;
	/* One read snapshot for both passes. */
	rc = store_read(st, export_txn, &x, err);
	n = ics_writer_counts(x.o.w);
	if (counts)
		*counts = *n;
	if (!rc && !ics_counts_components(n) && !cfg->allow_empty)
		rc = n->commitments
			? trk_err(err, TRK_ENOTFOUND, "%ld commitment%s match%s, none with a due "
				  "date: nothing to put in a calendar", n->commitments,
				  n->commitments == 1 ? "" : "s", n->commitments == 1 ? "es" : "")
			: trk_err(err, TRK_ENOTFOUND, "no commitments match: nothing to put in a "
				  "calendar");
	ics_writer_free(x.o.w);
	letters_release(&x.o);
	return rc;
}

/* ---- one file per department -------------------------------------------------------- */

static int collect_owner(const struct commitment_record *r, void *arg, struct trk_error *err)
{
	struct strlist *owners = arg;

	(void)err;
	if (!strlist_has(owners, r->c->owner))
		strlist_push(owners, r->c->owner);
	for (size_t i = 0; i < r->c->co_owners.n; i++)
		if (!strlist_has(owners, r->c->co_owners.items[i]))
			strlist_push(owners, r->c->co_owners.items[i]);
	return 0;
}

static int by_pinyin(const void *a, const void *b)
{
	return collate_zh(*(char *const *)a, *(char *const *)b);
}

static int make_dir(const char *dir, struct trk_error *err)
{
	struct stat sb;

	if (mkdir(dir, 0777) == 0)
		return 0;
	if (errno == EEXIST && stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode))
		return 0;
	return trk_err(err, TRK_EIO, "cannot create directory '%s': %s", dir,
		       errno == EEXIST ? "a file is in the way" : strerror(errno));
}

/* DIR/NAME.ics, with -2, -3... when two names come out the same (compared
 * without case, as macOS and Windows file systems do). */
static void owner_path(struct strbuf *path, const char *dir, const char *owner,
		       struct strlist *used)
{
	char *base = ics_safe_filename(owner);
	struct strbuf name = STRBUF_INIT;

	strbuf_addstr(&name, base);
	for (int n = 2; ; n++) {
		bool taken = false;
		for (size_t i = 0; i < used->n && !taken; i++)
			taken = !strcasecmp(used->items[i], name.buf);
		if (!taken)
			break;
		strbuf_reset(&name);
		strbuf_addf(&name, "%s-%d", base, n);
	}
	strlist_push(used, name.buf);
	strbuf_reset(path);
	strbuf_addf(path, "%s/%s.ics", dir, name.buf);
	strbuf_release(&name);
	free(base);
}

/* One department's file; *written is false (and no file is left) when it
 * would hold nothing. */
static int export_file(struct store *st, const struct query *q, const struct ics_config *cfg,
		       const char *path, struct ics_counts *n, bool *written,
		       struct trk_error *err)
{
	struct outfile of;
	int rc;

	*written = false;
	if ((rc = outfile_open(&of, path, NULL, err)))
		return rc;
	if ((rc = ics_export(st, q, cfg, of.f, n, err)) == TRK_EIO)
		trk_err_prefix(err, "'%s'", path);
	rc = outfile_close(&of, rc, err);
	if (rc == TRK_ENOTFOUND)
		return 0;
	*written = !rc;
	return rc;
}

int ics_export_split(struct store *st, const struct query *q, const struct ics_config *cfg,
		     const char *dir,
		     void (*calname_fn)(struct strbuf *sb, const char *owner, void *ctx),
		     ics_file_fn done, void *ctx, struct trk_error *err)
{
	struct strlist owners = { 0 }, used = { 0 };
	struct strbuf path = STRBUF_INIT, calname = STRBUF_INIT;
	struct ics_config one = *cfg;
	struct query each = *q;
	struct ics_counts n;
	bool written;
	int rc, files = 0;

	/* A department with nothing to show gets no file, whatever allow_empty
	 * says: an empty calendar per department is noise. */
	one.allow_empty = false;

	if ((rc = make_dir(dir, err)) || (rc = store_query(st, q, collect_owner, &owners, err)))
		goto out;
	if (owners.n > 1)
		qsort(owners.items, owners.n, sizeof(*owners.items), by_pinyin);
	for (size_t i = 0; i < owners.n && !rc; i++) {
		each.f.owner = owners.items[i];
		owner_path(&path, dir, owners.items[i], &used);
		strbuf_reset(&calname);
		calname_fn(&calname, owners.items[i], ctx);
		one.calname = calname.buf;
		if (!(rc = export_file(st, &each, &one, path.buf, &n, &written, err))) {
			done(owners.items[i], written ? path.buf : NULL, &n, ctx);
			files += written;
		}
	}
	if (!rc && !files && !cfg->allow_empty)
		rc = trk_err(err, TRK_ENOTFOUND, owners.n ? "no department has a dated commitment "
			     "that matches: no files written" : "no commitments match: no files written");
out:
	strlist_release(&owners);
	strlist_release(&used);
	strbuf_release(&path);
	strbuf_release(&calname);
	return rc;
}
