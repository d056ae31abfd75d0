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
	const struct store_ops *from_ops;
	struct store_engine *from;
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

/* The summary is made anew from the check-ins, not copied: the copy
 * holds what its own check-ins say. */
static int copy_commitment(struct commitment *cm, struct checkin *k, size_t nk,
			   struct history *h, size_t nh, const struct progress_digest *stored,
			   void *arg, struct trk_error *err)
{
	struct copy *c = arg;
	struct progress_digest d;
	int rc;

	if ((rc = c->ops->commitment_insert(c->to, cm, err)))
		return trk_err_prefix(err, "%s", cm->key);
	for (size_t i = 0; i < nh && !rc; i++)
		rc = c->ops->history_insert(c->to, cm->id, &h[i], err);
	for (size_t i = 0; i < nk && !rc; i++)
		rc = c->ops->checkin_insert(c->to, cm->id, &k[i], err);
	(void)stored;
	if (!rc && nk) {
		progress_digest_of(k, nk, PROGRESS_ALL_DATES, &d);
		rc = c->ops->summary_put(c->to, cm->id, &d, err);
	}
	c->commitments++;
	return rc ? trk_err_prefix(err, "%s", cm->key) : 0;
}

/* A user with its password hash (looked up: the list leaves it out). */
static int copy_user(const struct user *u, void *arg, struct trk_error *err)
{
	struct copy *c = arg;
	struct user full;
	char *hash = NULL;
	int rc;

	user_init(&full);
	if (!(rc = c->from_ops->users->user_lookup(c->from, u->name, &full, &hash, err)))
		rc = c->ops->users->user_insert(c->to, &full, hash, err);
	user_release(&full);
	free(hash);
	return rc ? trk_err_prefix(err, "user %s", u->name) : 0;
}

/* A token as issued, then revoked when it was. Sessions and failed
 * sign-ins are the servers' working state, not the record: not copied
 * (whoever was signed in signs in again). */
static int copy_token(const struct token *t, void *arg, struct trk_error *err)
{
	struct copy *c = arg;
	int rc = c->ops->users->token_insert(c->to, t, err);

	if (!rc && t->revoked_at)
		rc = c->ops->users->token_revoke(c->to, t->id, t->revoked_at, err);
	return rc ? trk_err_prefix(err, "token %s", t->id) : 0;
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
	struct copy c = { to_ops, to, from_ops, from, 0 };
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
	    (rc = from_ops->users->users_scan(from, copy_user, &c, err)) ||
	    (rc = from_ops->users->tokens_scan(from, NULL, copy_token, &c, err)) ||
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
			  struct history *h, size_t nh, const struct progress_digest *d, void *arg,
			  struct trk_error *err)
{
	(void)k, (void)nk, (void)h, (void)nh, (void)d;
	return found_one(c, arg, err);
}

static int creation_only(const struct journal_entry *j, void *arg, struct trk_error *err)
{
	(void)err;
	/* A new store's journal: the settings it was made with, by the
	 * migration ("tracker"). Anything else is a record. */
	if (strcmp(j->kind, "setting") || !j->author || strcmp(j->author, "tracker"))
		return found_one(j, arg, err);
	return 0;
}

static int any_user(const struct user *u, void *arg, struct trk_error *err)
{
	return found_one(u, arg, err);
}

/* True when st holds nothing but what its creation wrote. */
static int is_new(struct store *st, bool *fresh, struct trk_error *err)
{
	struct filter f;
	struct engine_scan q = { .f = &f, .by_current_fields = true, .order = SORT_ADDED };
	bool found = false;
	int rc;

	filter_init(&f);
	rc = st->ops->journal_scan(st->e, creation_only, &found, err);
	if (rc == 1)
		rc = 0;
	if (!rc && !found && (rc = st->ops->owners_scan(st->e, any_owner, &found, err)) == 1)
		rc = 0;
	if (!rc && !found && (rc = st->ops->letters_scan(st->e, false, any_letter, &found, err)) == 1)
		rc = 0;
	if (!rc && !found && (rc = st->ops->scan(st->e, &q, any_commitment, &found, err)) == 1)
		rc = 0;
	if (!rc && !found && (rc = st->ops->users->users_scan(st->e, any_user, &found, err)) == 1)
		rc = 0;
	*fresh = !found;
	return rc;
}

int store_copy(struct store *from, struct store *to, int *ncommitments, struct trk_error *err)
{
	bool fresh;
	int rc;

	if (from->txn == TXN_NONE)
		return trk_err(err, TRK_EINTERNAL, "copying outside a read snapshot");
	if ((rc = door_need_write(to, "copying a record", err)) ||
	    (rc = is_new(to, &fresh, err)))
		return rc;
	if (!fresh)
		return trk_err(err, TRK_ECONFLICT, "the %s store to copy into already holds a "
			       "record: a record is copied only into an empty store",
			       store_engine_name(to));
	/* The new store's own creation entries make way for the record's. */
	if ((rc = to->ops->reset(to->e, err)))
		return rc;
	return engine_copy(from->ops, from->e, to->ops, to->e, ncommitments, err);
}
