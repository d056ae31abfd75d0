/* store_undo.c - undoing a person's last change (see store_undo.h). Reads
 * and writes only through the door's own functions: a query of the
 * records, the journal, store_commitment_change() and store_checkin_add(),
 * so every rule, stamp and hash of a normal write applies to the reverse. */
#include "store/store_undo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/settings.h"
#include "util/date.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/banned.h"

#define UNDO_REASON "undo"

void undo_plan_release(struct undo_plan *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->items[i].key);
		free(p->items[i].field);
		free(p->items[i].old_value);
		free(p->items[i].new_value);
	}
	free(p->items);
	free(p->at);
	memset(p, 0, sizeof(*p));
}

/* ---- finding the last change --------------------------------------------------------- */

struct finder {
	const char *author;
	char since[TIMESTAMP_BUFSZ];
	char newest[TIMESTAMP_BUFSZ];   /* the moment of the last change so far */
	struct undo_plan plan;
	bool was_undo;                  /* the last change is itself an undo */
	char *conflict;                 /* why it cannot be undone, or NULL */
};

static bool is_reason_undo(const char *reason)
{
	return reason && !strcmp(reason, UNDO_REASON);
}

/* A later moment than the newest so far starts the plan again. */
static void consider_moment(struct finder *f, const char *at)
{
	if (strcmp(at, f->since) < 0 || strcmp(at, f->newest) <= 0)
		return;
	snprintf(f->newest, sizeof(f->newest), "%s", at);
	undo_plan_release(&f->plan);
	f->was_undo = false;
	free(f->conflict);
	f->conflict = NULL;
}

static struct undo_item *add_item(struct finder *f, const char *key, int what, int seq)
{
	struct undo_item *it;

	f->plan.items = xrealloc(f->plan.items, (f->plan.n + 1) * sizeof(*f->plan.items));
	it = &f->plan.items[f->plan.n++];
	memset(it, 0, sizeof(*it));
	it->key = xstrdup(key);
	it->what = what;
	it->seq = seq;
	return it;
}

static void set_conflict(struct finder *f, const char *key, const char *who, const char *at)
{
	struct strbuf sb = STRBUF_INIT;

	if (f->conflict)
		return;
	strbuf_addf(&sb, _("%s was changed again by %s at %s"), key, who ? who : "?", at);
	f->conflict = strbuf_detach(&sb);
}

/* Is this record part of the last change (by the author, at its moment)? */
static bool in_change(const struct finder *f, const char *author, const char *at)
{
	return author && !strcmp(author, f->author) && !strcmp(at, f->newest);
}

static void take_history(struct finder *f, const struct commitment_record *r)
{
	for (size_t i = 0; i < r->nhistory; i++) {
		const struct history *h = &r->history[i];
		struct undo_item *it;
		if (!in_change(f, h->author, h->changed_at)) {
			if (f->plan.n && strcmp(h->changed_at, f->newest) >= 0 &&
			    !strcmp(f->plan.items[f->plan.n - 1].key, r->c->key))
				set_conflict(f, r->c->key, h->author, h->changed_at);
			continue;
		}
		f->was_undo |= h->seq > 0 && is_reason_undo(h->reason);
		it = add_item(f, r->c->key, h->seq ? UNDO_FIELD : UNDO_CREATION, h->seq);
		it->field = h->field ? xstrdup(h->field) : NULL;
		it->old_value = h->old_value ? xstrdup(h->old_value) : NULL;
		it->new_value = h->new_value ? xstrdup(h->new_value) : NULL;
	}
}

/* The check-in k corrected (seq), or NULL. */
static const struct checkin *checkin_at(const struct commitment_record *r, int seq)
{
	for (size_t i = 0; i < r->ncheckins; i++)
		if (r->checkins[i].seq == seq)
			return &r->checkins[i];
	return NULL;
}

static void take_checkins(struct finder *f, const struct commitment_record *r)
{
	for (size_t i = 0; i < r->ncheckins; i++) {
		const struct checkin *k = &r->checkins[i], *before;
		struct undo_item *it;
		if (!in_change(f, k->author, k->recorded_at))
			continue;
		f->was_undo |= k->supersedes && is_reason_undo(k->note);
		it = add_item(f, r->c->key, UNDO_CHECKIN, k->seq);
		it->as_of = k->as_of;
		before = k->supersedes ? checkin_at(r, k->supersedes) : NULL;
		if (before) {
			it->as_of = before->as_of;
			it->has_value = before->has_value;
			it->value = before->value;
		}
		/* A check-in corrected since, by anyone, is not the author's to
		 * withdraw any more. */
		for (size_t j = i + 1; j < r->ncheckins; j++)
			if (r->checkins[j].supersedes == k->seq)
				set_conflict(f, r->c->key, r->checkins[j].author,
					     r->checkins[j].recorded_at);
	}
}

static void newest_of(struct finder *f, const struct commitment_record *r)
{
	for (size_t i = 0; i < r->nhistory; i++)
		if (r->history[i].author && !strcmp(r->history[i].author, f->author))
			consider_moment(f, r->history[i].changed_at);
	for (size_t i = 0; i < r->ncheckins; i++)
		if (r->checkins[i].author && !strcmp(r->checkins[i].author, f->author))
			consider_moment(f, r->checkins[i].recorded_at);
}

static int find_one(const struct commitment_record *r, void *ctx, struct trk_error *err)
{
	struct finder *f = ctx;

	(void)err;
	newest_of(f, r);
	take_history(f, r);
	take_checkins(f, r);
	return 0;
}

/* Records of other commitments written later than the change do not
 * matter; records on a changed commitment after it do (take_history). A
 * journal entry by the author at or after the moment means the change
 * reached what undo does not reverse. */
struct journal_look {
	struct finder *f;
	char *what;
};

static int journal_one(const struct journal_entry *e, void *ctx, struct trk_error *err)
{
	struct journal_look *j = ctx;
	struct strbuf sb = STRBUF_INIT;

	(void)err;
	if (!e->author || strcmp(e->author, j->f->author) || strcmp(e->at, j->f->since) < 0 ||
	    (*j->f->newest && strcmp(e->at, j->f->newest) < 0))
		return 0;
	free(j->what);
	strbuf_addf(&sb, "%s '%s' at %s", e->kind, e->subject ? e->subject : "", e->at);
	j->what = strbuf_detach(&sb);
	return 0;
}

static int window_start(struct store *st, char since[TIMESTAMP_BUFSZ], int *minutes,
			struct trk_error *err)
{
	struct settings s;
	int64_t now;
	int rc;

	if ((rc = store_settings(st, NULL, &s, err)) || (rc = clock_now_epoch(&now, err)))
		return rc;
	*minutes = s.undo_window_minutes;
	timestamp_format(now - (int64_t)s.undo_window_minutes * 60, since);
	return 0;
}

static int check_found(struct finder *f, const char *journal, int minutes,
		       struct trk_error *err)
{
	if (journal)
		return trk_err(err, TRK_ECONFLICT, "your last change (%s) is not one undo reverses: "
			       "owners, aliases, letters, settings and users stay as they are",
			       journal);
	if (!f->plan.n)
		return trk_err(err, TRK_ENOTFOUND, "no change by %s in the last %d minutes "
			       "(setting undo.window_minutes)", f->author, minutes);
	if (f->was_undo)
		return trk_err(err, TRK_ECONFLICT, "your last change (at %s) was an undo: undo "
			       "goes back one change only", f->newest);
	if (f->conflict)
		return trk_err(err, TRK_ECONFLICT, "cannot undo your change at %s: %s", f->newest,
			       f->conflict);
	return 0;
}

int store_undo_find(struct store *st, const char *author, struct undo_plan *out,
		    struct trk_error *err)
{
	struct finder f = { .author = author };
	struct journal_look j = { .f = &f };
	struct query q;
	int rc, minutes = 0;

	memset(out, 0, sizeof(*out));
	if ((rc = window_start(st, f.since, &minutes, err)) || (rc = query_init(&q, err)))
		return rc;
	q.want = WANT_HISTORY | WANT_CHECKINS;
	if (!(rc = store_query(st, &q, find_one, &f, err)) &&
	    !(rc = store_journal(st, NULL, journal_one, &j, err)) &&
	    !(rc = check_found(&f, j.what, minutes, err))) {
		f.plan.at = xstrdup(f.newest);
		*out = f.plan;
		memset(&f.plan, 0, sizeof(f.plan));
	}
	undo_plan_release(&f.plan);
	free(f.conflict);
	free(j.what);
	return rc;
}

/* ---- writing the reverse ---------------------------------------------------------------- */

/* The reverse of the field changes and creation of one commitment, in one
 * store_commitment_change(): every field back to its value before the
 * change (the earliest record of a field holds it); a creation, cancelled. */
static int reverse_fields(struct store *st, const struct actor *a, const struct undo_plan *p,
			  const char *key, struct trk_error *err)
{
	struct field_change *ch = xcalloc(p->n, sizeof(*ch));
	size_t n = 0;
	bool created = false;
	int rc;

	for (size_t i = 0; i < p->n; i++) {
		const struct undo_item *it = &p->items[i];
		bool seen = false;
		if (strcmp(it->key, key) || it->what == UNDO_CHECKIN)
			continue;
		created |= it->what == UNDO_CREATION;
		for (size_t j = 0; j < n; j++)
			seen |= !strcmp(ch[j].field, it->field);
		if (!seen && it->what == UNDO_FIELD)
			ch[n++] = (struct field_change){ it->field, it->old_value };
	}
	if (created) {
		ch[0] = (struct field_change){ "status", "cancelled" };
		n = 1;
	}
	rc = n ? store_commitment_change(st, a, key, ch, n, UNDO_REASON, err) : 0;
	free(ch);
	return rc;
}

static int withdraw_checkin(struct store *st, const struct actor *a,
			    const struct undo_item *it, struct trk_error *err)
{
	struct checkin k;
	int rc;

	checkin_init(&k);
	k.commitment_key = xstrdup(it->key);
	k.as_of = it->as_of;
	k.has_value = it->has_value;
	k.value = it->value;
	k.supersedes = it->seq;
	k.note = xstrdup(UNDO_REASON);
	rc = store_checkin_add(st, a, &k, err);
	checkin_release(&k);
	return rc;
}

static bool key_done_before(const struct undo_plan *p, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (p->items[j].what != UNDO_CHECKIN && !strcmp(p->items[j].key, p->items[i].key))
			return true;
	return false;
}

int store_undo_apply(struct store *st, const struct actor *a, const struct undo_plan *p,
		     struct trk_error *err)
{
	struct undo_plan now;
	int rc;

	if ((rc = store_undo_find(st, a->name, &now, err)))
		return rc;
	if (strcmp(now.at, p->at) || now.n != p->n)
		rc = trk_err(err, TRK_ECONFLICT, "the last change moved while undo was looking: "
			     "run it again");
	for (size_t i = 0; i < p->n && !rc; i++) {
		const struct undo_item *it = &p->items[i];
		if (it->what == UNDO_CHECKIN)
			rc = withdraw_checkin(st, a, it, err);
		else if (!key_done_before(p, i))
			rc = reverse_fields(st, a, p, it->key, err);
	}
	undo_plan_release(&now);
	return rc;
}
