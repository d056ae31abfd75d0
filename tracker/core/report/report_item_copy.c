/* report_item_copy.c - a report item that outlives its record (see
 * report_item.h). */
#include "report/report_item.h"

#include <stdlib.h>
#include <string.h>

#include "model/arena_copy.h"
#include "util/strbuf.h"
#include "util/banned.h"

/* Each correction and the figure it corrects, copied on their own: they
 * need not be among the period's check-ins. */
static const struct report_correction *copy_corrections(struct arena *a,
							 const struct report_correction *c,
							 size_t n)
{
	struct report_correction *out = n ? arena_alloc(a, n * sizeof(*out)) : NULL;

	for (size_t i = 0; i < n; i++) {
		out[i].k = checkins_copy_in(a, c[i].k, 1);
		out[i].old = c[i].old ? checkins_copy_in(a, c[i].old, 1) : NULL;
	}
	return out;
}

struct report_item_copy *report_item_copy(const struct report_item *it)
{
	struct report_item_copy *x = xmalloc(sizeof(*x));
	struct arena *a = &x->a;

	*a = (struct arena)ARENA_SMALL_INIT;
	x->it = *it;
	commitment_copy_in(a, &x->c, it->c);
	x->p = *it->p;
	x->it.c = &x->c;
	x->it.p = &x->p;
	x->it.series = NULL;
	if (it->nseries) {
		struct series_point *s = arena_alloc(a, it->nseries * sizeof(*s));
		memcpy(s, it->series, it->nseries * sizeof(*s));
		x->it.series = s;
	}
	x->it.checkins = checkins_copy_in(a, it->checkins, it->ncheckins);
	x->it.changes = history_copy_in(a, it->changes, it->nchanges);
	x->it.status_changes = history_copy_in(a, it->status_changes, it->nstatus_changes);
	x->it.corrections = copy_corrections(a, it->corrections, it->ncorrections);
	x->it.status_reason = arena_strdup_or_null(a, it->status_reason);
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
