/* store_owner.c - the door for owners and their aliases. */
#include "store/door.h"

#include <stdlib.h>
#include <string.h>

#include "model/canonical.h"
#include "model/rules.h"
#include "util/collate.h"
#include "util/strbuf.h"
#include "util/banned.h"

int store_owner_resolve(struct store *st, const char *name_or_alias, char **canonical,
			struct trk_error *err)
{
	int64_t id;

	*canonical = NULL;
	if (!name_or_alias || !*name_or_alias)
		return trk_err_field(err, TRK_EINPUT, "owner", "missing");
	return st->ops->owner_lookup(st->e, name_or_alias, &id, canonical, err);
}

int store_owner_add(struct store *st, const struct actor *a, const char *name,
		    struct trk_error *err)
{
	char *canonical = NULL, *content;
	int64_t id;
	int rc;

	if ((rc = door_need_write(st, "adding an owner", err)) ||
	    (rc = door_admin_only(a, "adding an owner", err)) ||
	    (rc = rules_owner_name(name, "owner", err)))
		return rc;
	rc = st->ops->owner_lookup(st->e, name, &id, &canonical, NULL);
	free(canonical);
	if (rc == 0)
		return 0;
	if ((rc = st->ops->owner_insert(st->e, name, &id, err)) ||
	    (rc = st->ops->alias_insert(st->e, id, name, err)))
		return rc;
	content = owner_journal_text(name);
	rc = door_journal(st, "owner", name, content, a->name, NULL, err);
	free(content);
	return rc;
}

int store_owner_alias_add(struct store *st, const struct actor *a, const char *owner,
			  const char *alias, struct trk_error *err)
{
	char *canonical = NULL, *other = NULL, *content;
	int64_t id, other_id;
	int rc;

	if ((rc = door_need_write(st, "adding an alias", err)) ||
	    (rc = door_admin_only(a, "adding an alias", err)) ||
	    (rc = rules_owner_name(alias, "alias", err)) ||
	    (rc = st->ops->owner_lookup(st->e, owner, &id, &canonical, err)))
		goto out;
	if (st->ops->owner_lookup(st->e, alias, &other_id, &other, NULL) == 0) {
		if (other_id != id)
			rc = trk_err_field(err, TRK_ECONFLICT, "alias", "'%s' already names "
					   "another owner (%s)", alias, other);
		goto out;
	}
	if ((rc = st->ops->alias_insert(st->e, id, alias, err)))
		goto out;
	content = alias_journal_text(canonical, alias);
	rc = door_journal(st, "alias", canonical, content, a->name, NULL, err);
	free(content);
out:
	free(canonical);
	free(other);
	return rc;
}

/* Owners are collected (a few hundred at most) and sorted by pinyin, as a
 * directory lists departments. */
struct owner_list {
	struct owner *items;
	size_t n, alloc;
};

static int collect(const struct owner *o, void *arg, struct trk_error *err)
{
	struct owner_list *l = arg;
	struct owner *copy;

	(void)err;
	if (l->n == l->alloc) {
		l->alloc = l->alloc ? 2 * l->alloc : 32;
		l->items = xrealloc(l->items, l->alloc * sizeof(*l->items));
	}
	copy = &l->items[l->n++];
	*copy = *o;
	copy->name = xstrdup(o->name);
	copy->short_name = xstrdup(o->short_name);
	strlist_copy(&copy->aliases, &o->aliases);
	return 0;
}

static int by_pinyin(const void *a, const void *b)
{
	return collate_zh(((const struct owner *)a)->name, ((const struct owner *)b)->name);
}

int store_owners(struct store *st, owner_fn fn, void *ctx, struct trk_error *err)
{
	struct owner_list l = { 0 };
	int rc = st->ops->owners_scan(st->e, collect, &l, err);

	if (!rc && l.n > 1)
		qsort(l.items, l.n, sizeof(*l.items), by_pinyin);
	for (size_t i = 0; i < l.n && !rc; i++)
		rc = fn(&l.items[i], ctx, err);
	for (size_t i = 0; i < l.n; i++)
		owner_release(&l.items[i]);
	free(l.items);
	return rc;
}
