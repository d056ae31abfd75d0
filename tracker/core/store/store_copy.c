/* store_copy.c - a record copied row for row (see store_copy.h). Only the
 * engines' operations are used, so any engine copies into any other. */
#include "store/store_copy.h"

#include <stdlib.h>
#include <string.h>

#include "store/door.h"
#include "util/banned.h"

struct copy {
	const struct store_ops *ops;   /* the target's */
	struct store_engine *to;
	int commitments;
};

static int copy_setting(const char *key, const char *value, void *arg, struct trk_error *err)
{
	struct copy *c = arg;

	return c->ops->setting_put(c->to, key, value, err);
}

/* The owner, its name as an alias of itself, then its other aliases. */
static int copy_owner(const struct owner *o, void *arg, struct trk_error *err)
{
	struct copy *c = arg;
	int64_t id;
	int rc;

	if ((rc = c->ops->owner_insert(c->to, o->name, &id, err)) ||
	    (rc = c->ops->alias_insert(c->to, id, o->name, err)))
		return rc;
	for (size_t i = 0; i < o->aliases.n && !rc; i++)
		rc = c->ops->alias_insert(c->to, id, o->aliases.items[i], err);
	return rc;
}

static int copy_letter(const struct letter *l, void *arg, struct trk_error *err)
{
	struct copy *c = arg;
	struct letter row = *l;   /* the insert sets row.id; the strings stay l's */

	return c->ops->letter_insert(c->to, &row, err);
}

static int copy_commitment(struct commitment *cm, struct checkin *k, size_t nk,
			   struct history *h, size_t nh, void *arg, struct trk_error *err)
{
	struct copy *c = arg;
	int rc;

	if ((rc = c->ops->commitment_insert(c->to, cm, err)))
		return trk_err_prefix(err, "%s", cm->key);
	for (size_t i = 0; i < nh && !rc; i++)
		rc = c->ops->history_insert(c->to, cm->id, &h[i], err);
	for (size_t i = 0; i < nk && !rc; i++)
		rc = c->ops->checkin_insert(c->to, cm->id, &k[i], err);
	c->commitments++;
	return rc ? trk_err_prefix(err, "%s", cm->key) : 0;
}

static int copy_journal(const struct journal_entry *j, void *arg, struct trk_error *err)
{
	struct copy *c = arg;

	return c->ops->journal_insert(c->to, j, err);
}

int engine_copy(const struct store_ops *from_ops, struct store_engine *from,
		const struct store_ops *to_ops, struct store_engine *to, int *ncommitments,
		struct trk_error *err)
{
	struct copy c = { to_ops, to, 0 };
	struct filter f;
	/* In the order they were added, so "added" sorts the same in the copy. */
	struct engine_scan q = { .f = &f, .by_current_fields = true, .order = SORT_ADDED,
				 .want = WANT_CHECKINS | WANT_HISTORY };
	int rc;

	filter_init(&f);
	if ((rc = from_ops->settings_scan(from, copy_setting, &c, err)) ||
	    (rc = from_ops->owners_scan(from, copy_owner, &c, err)) ||
	    (rc = from_ops->letters_scan(from, true, copy_letter, &c, err)) ||
	    (rc = from_ops->scan(from, &q, copy_commitment, &c, err)) ||
	    (rc = from_ops->journal_scan(from, copy_journal, &c, err)))
		return rc;
	if (ncommitments)
		*ncommitments = c.commitments;
	return 0;
}

/* ---- the door ----------------------------------------------------------------- */

static int found_one(const void *row, void *arg, struct trk_error *err)
{
	(void)row, (void)err;
	*(bool *)arg = true;
	return 1;   /* stops the scan: one is enough */
}

static int any_owner(const struct owner *o, void *arg, struct trk_error *err)
{
	return found_one(o, arg, err);
}

static int any_letter(const struct letter *l, void *arg, struct trk_error *err)
{
	return found_one(l, arg, err);
}

static int any_commitment(struct commitment *c, struct checkin *k, size_t nk,
			  struct history *h, size_t nh, void *arg, struct trk_error *err)
{
	(void)k, (void)nk, (void)h, (void)nh;
	return found_one(c, arg, err);
}

/* True when st holds no record (a new store has its default settings). */
static int is_empty(struct store *st, bool *empty, struct trk_error *err)
{
	struct journal_entry tail;
	struct filter f;
	struct engine_scan q = { .f = &f, .by_current_fields = true, .order = SORT_ADDED };
	bool found = false;
	int rc;

	filter_init(&f);
	journal_entry_init(&tail);
	rc = st->ops->journal_tail(st->e, &tail, err);
	found = tail.seq > 0;
	journal_entry_release(&tail);
	if (!rc && !found && (rc = st->ops->owners_scan(st->e, any_owner, &found, err)) == 1)
		rc = 0;
	if (!rc && !found && (rc = st->ops->letters_scan(st->e, false, any_letter, &found, err)) == 1)
		rc = 0;
	if (!rc && !found && (rc = st->ops->scan(st->e, &q, any_commitment, &found, err)) == 1)
		rc = 0;
	*empty = !found;
	return rc;
}

int store_copy(struct store *from, struct store *to, int *ncommitments, struct trk_error *err)
{
	bool empty;
	int rc;

	if (from->txn == TXN_NONE)
		return trk_err(err, TRK_EINTERNAL, "copying outside a read snapshot");
	if ((rc = door_need_write(to, "copying a record", err)) ||
	    (rc = is_empty(to, &empty, err)))
		return rc;
	if (!empty)
		return trk_err(err, TRK_ECONFLICT, "the %s store to copy into already holds a "
			       "record: a record is copied only into an empty store",
			       store_engine_name(to));
	return engine_copy(from->ops, from->e, to->ops, to->e, ncommitments, err);
}
