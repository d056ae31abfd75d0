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

static const struct checkin *find_seq(const struct commitment_record *r, int seq)
{
	return seq >= 1 && (size_t)seq <= r->ncheckins ? &r->checkins[seq - 1] : NULL;
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

struct one {
	struct store *st;
	const struct query *q;
	struct ics_writer *w;
	char *letter;              /* the letter whose date is at hand */
	int32_t letter_date;
};

static int letter_date(struct one *o, const char *doc_no, struct trk_error *err)
{
	struct letter l;
	int rc;

	if (o->letter && !strcmp(o->letter, doc_no))
		return 0;
	if ((rc = store_letter_get(o->st, doc_no, false, &l, err)))
		return rc;
	free(o->letter);
	o->letter = xstrdup(doc_no);
	o->letter_date = l.date;
	letter_release(&l);
	return 0;
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

int ics_export(struct store *st, const struct query *q, const struct ics_config *cfg,
	       FILE *out, struct ics_counts *counts, struct trk_error *err)
{
	struct one o = { .st = st, .q = q };
	struct query all = *q;
	int rc;

	if ((rc = ics_writer_new(out, cfg, &o.w, err)))
		return rc;
	/* By key: calendars do not care about order, and the key order keeps
	 * files diffable. */
	all.order = SORT_KEY;
	all.want |= WANT_CHECKINS | WANT_HISTORY;
	if (!(rc = store_query(st, &all, add_one, &o, err)))
		rc = ics_writer_finish(o.w, err);
	if (counts)
		*counts = *ics_writer_counts(o.w);
	ics_writer_free(o.w);
	free(o.letter);
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

static int export_file(struct store *st, const struct query *q, const struct ics_config *cfg,
		       const char *path, struct ics_counts *n, struct trk_error *err)
{
	struct outfile of;
	int rc;

	if ((rc = outfile_open(&of, path, NULL, err)))
		return rc;
	if ((rc = ics_export(st, q, cfg, of.f, n, err)) == TRK_EIO)
		trk_err_prefix(err, "'%s'", path);
	return outfile_close(&of, rc, err);
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
	int rc;

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
		if (!(rc = export_file(st, &each, &one, path.buf, &n, err)))
			done(path.buf, &n, ctx);
	}
out:
	strlist_release(&owners);
	strlist_release(&used);
	strbuf_release(&path);
	strbuf_release(&calname);
	return rc;
}
