/* store_summary.c - each commitment's check-ins in one row (migration 008).
 *
 * The digest (model/progress.h) is computed here, by the door, from the
 * check-ins it has just appended to, and written by the engine in the same
 * transaction, so it cannot fall behind the record. `tracker check`
 * recomputes every one (record/check.c). */
#include "store/door.h"

#include "util/banned.h"

int door_summary_put(struct store *st, const struct loaded *l, struct trk_error *err)
{
	struct progress_digest d;

	if (!l->nk)
		return 0;
	progress_digest_of(l->k, l->nk, PROGRESS_ALL_DATES, &d);
	return st->ops->summary_put(st->e, l->c.id, &d, err);
}

struct fill {
	const struct store_ops *ops;
	struct store_engine *e;
};

static int fill_one(struct commitment *c, struct checkin *k, size_t nk, struct history *h,
		    size_t nh, const struct progress_digest *stored, void *arg,
		    struct trk_error *err)
{
	struct fill *f = arg;
	struct progress_digest d;

	(void)h, (void)nh, (void)stored;
	if (!nk)
		return 0;
	progress_digest_of(k, nk, PROGRESS_ALL_DATES, &d);
	return f->ops->summary_put(f->e, c->id, &d, err);
}

int engine_summaries_fill(const struct store_ops *ops, struct store_engine *e,
			  struct trk_error *err)
{
	struct fill f = { ops, e };
	struct filter all;
	/* Not WANT_BULK: the callback writes. */
	struct engine_scan q = { .f = &all, .by_current_fields = true, .order = SORT_ADDED };

	filter_init(&all);
	return ops->scan(e, &q, fill_one, &f, err);
}
