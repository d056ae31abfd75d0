/* report_item_copy.c - a report item that outlives its record (see
 * report_item.h). */
#include "report/report_item.h"

#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/banned.h"

static char *dup_text(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

static void copy_list(struct arena *a, struct strlist *dst, const struct strlist *src)
{
	dst->n = src->n;
	dst->items = src->n ? arena_alloc(a, src->n * sizeof(*dst->items)) : NULL;
	for (size_t i = 0; i < src->n; i++)
		dst->items[i] = dup_text(a, src->items[i]);
}

static void copy_commitment(struct arena *a, struct commitment *dst,
			    const struct commitment *src)
{
	*dst = *src;
	dst->key = dup_text(a, src->key);
	dst->uid = dup_text(a, src->uid);
	dst->letter_doc_no = dup_text(a, src->letter_doc_no);
	dst->section = dup_text(a, src->section);
	dst->quote = dup_text(a, src->quote);
	dst->title = dup_text(a, src->title);
	dst->owner = dup_text(a, src->owner);
	dst->owner_short = dup_text(a, src->owner_short);
	copy_list(a, &dst->co_owners, &src->co_owners);
	dst->target.unit = dup_text(a, src->target.unit);
	dst->health_override_reason = dup_text(a, src->health_override_reason);
	copy_list(a, &dst->tags, &src->tags);
	dst->created_at = dup_text(a, src->created_at);
	dst->updated_at = dup_text(a, src->updated_at);
}

static void copy_checkin(struct arena *a, struct checkin *dst, const struct checkin *src)
{
	*dst = *src;
	dst->commitment_key = dup_text(a, src->commitment_key);
	dst->recorded_at = dup_text(a, src->recorded_at);
	dst->note = dup_text(a, src->note);
	dst->evidence = dup_text(a, src->evidence);
	dst->author = dup_text(a, src->author);
	dst->reason = dup_text(a, src->reason);
	dst->prev_hash = dup_text(a, src->prev_hash);
	dst->hash = dup_text(a, src->hash);
}

static const struct checkin *copy_checkins(struct arena *a, const struct checkin *k, size_t n)
{
	struct checkin *out = n ? arena_alloc(a, n * sizeof(*out)) : NULL;

	for (size_t i = 0; i < n; i++)
		copy_checkin(a, &out[i], &k[i]);
	return out;
}

static const struct history *copy_history(struct arena *a, const struct history *h, size_t n)
{
	struct history *out = n ? arena_alloc(a, n * sizeof(*out)) : NULL;

	for (size_t i = 0; i < n; i++) {
		out[i] = h[i];
		out[i].commitment_key = dup_text(a, h[i].commitment_key);
		out[i].field = dup_text(a, h[i].field);
		out[i].old_value = dup_text(a, h[i].old_value);
		out[i].new_value = dup_text(a, h[i].new_value);
		out[i].author = dup_text(a, h[i].author);
		out[i].changed_at = dup_text(a, h[i].changed_at);
		out[i].reason = dup_text(a, h[i].reason);
		out[i].prev_hash = dup_text(a, h[i].prev_hash);
		out[i].hash = dup_text(a, h[i].hash);
	}
	return out;
}

/* Each correction and the figure it corrects, copied on their own: they
 * need not be among the period's check-ins. */
static const struct report_correction *copy_corrections(struct arena *a,
							 const struct report_correction *c,
							 size_t n)
{
	struct report_correction *out = n ? arena_alloc(a, n * sizeof(*out)) : NULL;

	for (size_t i = 0; i < n; i++) {
		out[i].k = copy_checkins(a, c[i].k, 1);
		out[i].old = c[i].old ? copy_checkins(a, c[i].old, 1) : NULL;
	}
	return out;
}

struct report_item_copy *report_item_copy(const struct report_item *it)
{
	struct report_item_copy *x = xmalloc(sizeof(*x));
	struct arena *a = &x->a;

	*a = (struct arena)ARENA_SMALL_INIT;
	x->it = *it;
	copy_commitment(a, &x->c, it->c);
	x->p = *it->p;
	x->it.c = &x->c;
	x->it.p = &x->p;
	x->it.series = NULL;
	if (it->nseries) {
		struct series_point *s = arena_alloc(a, it->nseries * sizeof(*s));
		memcpy(s, it->series, it->nseries * sizeof(*s));
		x->it.series = s;
	}
	x->it.checkins = copy_checkins(a, it->checkins, it->ncheckins);
	x->it.changes = copy_history(a, it->changes, it->nchanges);
	x->it.status_changes = copy_history(a, it->status_changes, it->nstatus_changes);
	x->it.corrections = copy_corrections(a, it->corrections, it->ncorrections);
	x->it.status_reason = dup_text(a, it->status_reason);
	/* The run's list of letters moves as it grows. */
	x->it.letter = NULL;
	return x;
}

void report_item_copy_free(struct report_item_copy *x)
{
	if (!x)
		return;
	arena_release(&x->a);
	free(x);
}
