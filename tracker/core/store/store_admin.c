/* store_admin.c - the door for the engine's checks and for copies. */
#include "store/door.h"

#include "util/banned.h"

static const char *const kind_names[CHECK__COUNT] = {
	"integrity", "foreign_key", "guard", "text_hash", "quote", "checkin_chain",
	"history_chain", "row", "journal", "time", "read", "report", "summary",
};

const char *check_kind_name(enum check_kind k)
{
	return k < CHECK__COUNT ? kind_names[k] : "?";
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
