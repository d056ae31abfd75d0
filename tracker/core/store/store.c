/* store.c - the door: opening a record with its engine, transactions,
 * settings, the journal and the checks every write shares. */
#include "store/door.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/canonical.h"
#include "model/rules.h"
#include "util/strbuf.h"
#include "util/banned.h"

/* Tried in order; SQLite, last, claims every location. */
static const struct store_ops *const engines[] = { &pg_store_ops, &sqlite_store_ops };

char *store_default_location(void)
{
	const char *env = getenv("TRACKER_DB");
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	struct strbuf sb = STRBUF_INIT;

	if (env && *env)
		return xstrdup(env);
	if (xdg && *xdg)
		strbuf_addf(&sb, "%s/tracker/tracker.db", xdg);
	else
		strbuf_addf(&sb, "%s/.local/share/tracker/tracker.db", home ? home : ".");
	return strbuf_detach(&sb);
}

int store_open(const char *location, unsigned flags, struct store **out, struct trk_error *err)
{
	struct store *st = xcalloc(1, sizeof(*st));
	int rc;

	for (size_t i = 0; i < sizeof(engines) / sizeof(engines[0]) && !st->ops; i++)
		if (engines[i]->claims(location))
			st->ops = engines[i];
	st->location = xstrdup(location);
	st->created = (flags & STORE_CREATE) && st->ops == &sqlite_store_ops &&
		      access(location, F_OK) != 0 && strcmp(location, ":memory:");
	if ((rc = st->ops->open(location, flags, &st->e, err))) {
		store_close(st);
		return rc;
	}
	*out = st;
	return 0;
}

void store_open_beside(struct store *st, struct store **out)
{
	struct store_engine *e = st->ops->open_beside ? st->ops->open_beside(st->e) : NULL;

	*out = NULL;
	if (!e)
		return;
	*out = xcalloc(1, sizeof(**out));
	(*out)->ops = st->ops;
	(*out)->e = e;
	(*out)->location = xstrdup(st->location);
}

void store_close(struct store *st)
{
	if (!st)
		return;
	door_forget_letter(st);
	if (st->e)
		st->ops->close(st->e);
	free(st->location);
	free(st);
}

const char *store_location(const struct store *st)
{
	return st->location;
}

static const struct store_ops *engine_for(const char *location)
{
	for (size_t i = 0; i < sizeof(engines) / sizeof(engines[0]); i++)
		if (engines[i]->claims(location))
			return engines[i];
	return &sqlite_store_ops;
}

bool store_location_may_exist(const char *location)
{
	return engine_for(location) != &sqlite_store_ops || access(location, F_OK) == 0 ||
	       !strcmp(location, ":memory:");
}

/* Masks what follows "password=" (conninfo, URI query) and the password of
 * a URI's user:password@, up to where the value ends. */
char *store_location_shown(const char *location)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = location, *scheme = strstr(location, "://");
	const char *at = scheme ? strchr(scheme + 3, '@') : NULL;
	const char *colon = scheme && at ? memchr(scheme + 3, ':', (size_t)(at - scheme - 3)) : NULL;

	if (engine_for(location) == &sqlite_store_ops)
		return xstrdup(location);
	while (*p) {
		if (colon && p == colon + 1) {
			strbuf_addstr(&sb, "***");
			p = at;
		} else if (!strncmp(p, "password=", 9)) {
			strbuf_addstr(&sb, "password=***");
			p += 9;
			if (*p == '\'')
				for (p++; *p && *p != '\''; p += *p == '\\' && p[1] ? 2 : 1)
					;
			while (*p && *p != ' ' && *p != '&')
				p++;
		} else {
			strbuf_addch(&sb, *p++);
		}
	}
	return strbuf_detach(&sb);
}

bool store_was_created(const struct store *st)
{
	return st->created;
}

const char *store_engine_name(const struct store *st)
{
	return st->ops->name;
}

struct store_engine *store_engine_of(struct store *st)
{
	return st->e;
}

const struct store_ops *store_ops_of(struct store *st)
{
	return st->ops;
}

int store_schema_version(struct store *st, int *out, struct trk_error *err)
{
	return st->ops->schema_version(st->e, out, err);
}

int store_migrate(struct store *st, int upto, struct trk_error *err)
{
	return st->ops->migrate(st->e, upto, err);
}

/* ---- transactions ----------------------------------------------------------- */

static int begin(struct store *st, bool write, bool bulk, struct trk_error *err)
{
	if (bulk && st->ops->begin_bulk)
		return st->ops->begin_bulk(st->e, err);
	return st->ops->begin(st->e, write, err);
}

static int run_txn(struct store *st, bool write, bool bulk, store_txn_fn fn, void *ctx,
		   struct trk_error *err)
{
	int rc;

	if (st->txn != TXN_NONE)   /* nested: part of the caller's transaction */
		return write && st->txn != TXN_WRITE
		       ? trk_err(err, TRK_EINTERNAL, "a write inside a read snapshot")
		       : fn(st, ctx, err);
	if ((rc = begin(st, write, bulk, err)))
		return rc;
	st->txn = write ? TXN_WRITE : TXN_READ;
	rc = fn(st, ctx, err);
	door_forget_letter(st);
	/* A snapshot that only read has nothing to commit: ending it cannot
	 * fail in a way that matters to what was read (on a damaged file the
	 * commit would repeat the damage the reader already reported). */
	if (!rc && write)
		rc = st->ops->commit(st->e, err);
	if (rc || !write)
		st->ops->rollback(st->e);
	st->txn = TXN_NONE;
	return rc;
}

int store_write(struct store *st, store_txn_fn fn, void *ctx, struct trk_error *err)
{
	return run_txn(st, true, false, fn, ctx, err);
}

int store_write_bulk(struct store *st, store_txn_fn fn, void *ctx, struct trk_error *err)
{
	return run_txn(st, true, true, fn, ctx, err);
}

int store_read(struct store *st, store_txn_fn fn, void *ctx, struct trk_error *err)
{
	return run_txn(st, false, false, fn, ctx, err);
}

int door_need_write(struct store *st, const char *what, struct trk_error *err)
{
	if (st->txn == TXN_WRITE)
		return 0;
	return trk_err(err, TRK_EINTERNAL, "%s outside a write transaction", what);
}

void store_local_actor(struct actor *a, const char *name)
{
	memset(a, 0, sizeof(*a));
	a->name = name;
	a->role = ROLE_ADMIN;
}

/* ---- the clock, the actor ------------------------------------------------------ */

int door_not_behind(const char *now, const char *after, struct trk_error *err)
{
	if (after && *after && strcmp(now, after) < 0)
		return trk_err(err, TRK_EINPUT, "the clock (%s) is behind the last record (%s): "
			       "time only moves forward in the record; check the system clock "
			       "or TRACKER_NOW", now, after);
	return 0;
}

int door_stamp(const char *after, char out[TIMESTAMP_BUFSZ], struct trk_error *err)
{
	int rc = clock_timestamp(out, err);

	return rc ? rc : door_not_behind(out, after, err);
}

int door_clock(char now[TIMESTAMP_BUFSZ], int32_t *today, struct trk_error *err)
{
	int64_t epoch;
	int rc = clock_now_epoch(&epoch, err);

	if (rc)
		return rc;
	timestamp_format(epoch, now);
	*today = local_date(epoch);
	return 0;
}

int door_admin_only(const struct actor *a, const char *what, struct trk_error *err)
{
	if (a->role == ROLE_ADMIN)
		return 0;
	return trk_err(err, TRK_EFORBIDDEN, "%s: only an administrator may do that (%s is %s)",
		       what, a->name ? a->name : "?", role_name(a->role));
}

int door_may_write(const struct actor *a, const struct commitment *c, struct trk_error *err)
{
	if (a->role == ROLE_ADMIN)
		return 0;
	if (a->role == ROLE_DEPARTMENT && a->owners) {
		if (strlist_has(a->owners, c->owner))
			return 0;
		for (size_t i = 0; i < c->co_owners.n; i++)
			if (strlist_has(a->owners, c->co_owners.items[i]))
				return 0;
	}
	return trk_err(err, TRK_EFORBIDDEN, "%s may not write to %s (owner %s)",
		       a->name ? a->name : "?", c->key, c->owner);
}

/* ---- the journal ------------------------------------------------------------------ */

int door_journal(struct store *st, const char *kind, const char *subject,
		 const char *content, const char *author, const char *reason,
		 struct trk_error *err)
{
	struct journal_entry tail, e;
	char at[TIMESTAMP_BUFSZ], hash[DIGEST_HEXSZ];
	int rc;

	journal_entry_init(&tail);
	if ((rc = door_need_write(st, "journal", err)) ||
	    (rc = st->ops->journal_tail(st->e, &tail, err)) ||
	    (rc = door_stamp(tail.at, at, err)))
		goto out;
	e = (struct journal_entry){
		.seq = tail.seq + 1, .at = at, .kind = (char *)kind, .subject = (char *)subject,
		.content = (char *)content, .author = (char *)author,
		.reason = (char *)(reason && *reason ? reason : NULL),
		.prev_hash = tail.hash ? tail.hash : (char *)"",
	};
	journal_hash(&e, hash);
	e.hash = hash;
	rc = st->ops->journal_insert(st->e, &e, err);
out:
	journal_entry_release(&tail);
	return rc;
}

struct journal_until {
	journal_fn fn;
	void *ctx;
	const char *known_at;
};

static int until_known(const struct journal_entry *e, void *arg, struct trk_error *err)
{
	struct journal_until *u = arg;

	if (u->known_at && strcmp(e->at, u->known_at) > 0)
		return 0;
	return u->fn(e, u->ctx, err);
}

int store_journal(struct store *st, const char *known_at, journal_fn fn, void *ctx,
		  struct trk_error *err)
{
	struct journal_until u = { fn, ctx, known_at };

	return st->ops->journal_scan(st->e, until_known, &u, err);
}

/* ---- settings ----------------------------------------------------------------------- */

/* Settings are what the journal says: the defaults with every setting
 * entry applied in order, so a report as known at a moment uses the
 * thresholds of that moment. An entry whose value the rules of this
 * program refuse is left out (it cannot have been written by it). */
static int replay_setting(const struct journal_entry *e, void *arg, struct trk_error *err)
{
	struct settings *s = arg;
	cJSON *o;
	const cJSON *v;

	(void)err;
	if (strcmp(e->kind, "setting"))
		return 0;
	o = cJSON_Parse(e->content);
	v = cJSON_GetObjectItemCaseSensitive(o, "value");
	if (cJSON_IsString(v))
		settings_apply(s, e->subject, v->valuestring, NULL);
	cJSON_Delete(o);
	return 0;
}

static int apply_row(const char *key, const char *value, void *arg, struct trk_error *err)
{
	(void)err;
	settings_apply(arg, key, value, NULL);
	return 0;
}

int store_settings(struct store *st, const char *known_at, struct settings *out,
		   struct trk_error *err)
{
	settings_default(out);
	if (known_at)
		return store_journal(st, known_at, replay_setting, out, err);
	/* Now: the table, which `tracker check` holds to the journal. */
	return st->ops->settings_scan(st->e, apply_row, out, err);
}

int store_setting_rows(struct store *st, setting_fn fn, void *ctx, struct trk_error *err)
{
	return st->ops->settings_scan(st->e, fn, ctx, err);
}

int store_setting_set(struct store *st, const struct actor *a, const char *key,
		      const char *value, const char *reason, struct trk_error *err)
{
	struct settings s;
	char *content;
	int rc;

	if ((rc = door_need_write(st, "setting", err)) ||
	    (rc = door_admin_only(a, "changing a setting", err)) ||
	    (rc = store_settings(st, NULL, &s, err)) ||
	    (rc = settings_apply(&s, key, value, err)) ||
	    (rc = settings_check_all(&s, err)) ||
	    (rc = rules_text(reason, TEXT_MULTILINE, "reason", err)))
		return rc;
	if ((rc = st->ops->setting_put(st->e, key, value, err)))
		return rc;
	content = setting_journal_text(key, value);
	rc = door_journal(st, "setting", key, content, a->name, reason, err);
	free(content);
	return rc;
}
