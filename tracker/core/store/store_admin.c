/* store_admin.c - the door for the engine's checks and for copies. */
#include "store/door.h"

#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/banned.h"

static const char *const kind_names[CHECK__COUNT] = {
	"integrity", "foreign_key", "guard", "text_hash", "quote", "checkin_chain",
	"history_chain", "row", "journal", "time", "read", "report", "summary",
};

const char *check_kind_name(enum check_kind k)
{
	return k < CHECK__COUNT ? kind_names[k] : "?";
}

void held_findings_add(struct held_findings *h, const struct check_finding *f)
{
	if (h->n == h->alloc) {
		h->alloc = h->alloc ? 2 * h->alloc : 16;
		h->items = xrealloc(h->items, h->alloc * sizeof(*h->items));
	}
	h->items[h->n] = *f;
	h->items[h->n].key = f->key ? xstrdup(f->key) : NULL;
	h->items[h->n].message = xstrdup(f->message);
	h->n++;
}

void held_findings_clear(struct held_findings *h)
{
	for (size_t i = 0; i < h->n; i++) {
		free((char *)h->items[i].key);
		free((char *)h->items[i].message);
	}
	free(h->items);
	memset(h, 0, sizeof(*h));
}

int held_findings_flush(struct held_findings *h, check_fn fn, void *ctx, struct trk_error *err)
{
	int rc = 0;

	for (size_t i = 0; i < h->n && !rc; i++)
		rc = fn(&h->items[i], ctx, err);
	held_findings_clear(h);
	return rc;
}

int store_engine_check(struct store *st, check_fn fn, void *ctx, struct trk_error *err)
{
	return st->ops->integrity(st->e, fn, ctx, err);
}

int store_engine_check_start(struct store *st, check_fn fn, void *ctx,
			     struct engine_check **pending, struct trk_error *err)
{
	int rc;

	*pending = NULL;
	if (st->ops->integrity_start && (rc = st->ops->integrity_start(st->e, pending, err)))
		return rc;
	return *pending ? 0 : st->ops->integrity(st->e, fn, ctx, err);
}

int store_engine_check_finish(struct store *st, struct engine_check *pending, check_fn fn,
			      void *ctx, struct trk_error *err)
{
	return pending ? st->ops->integrity_finish(pending, fn, ctx, err) : 0;
}

int store_backup(struct store *st, const char *path, struct trk_error *err)
{
	return st->ops->backup(st->e, path, err);
}

int store_restore_from(struct store *st, const char *path, struct trk_error *err)
{
	if (st->txn != TXN_NONE)
		return trk_err(err, TRK_EINTERNAL, "restore inside a transaction");
	return st->ops->restore(st->e, path, err);
}
