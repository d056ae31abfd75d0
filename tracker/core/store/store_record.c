/* store_record.c - the append-only records of a commitment: check-ins and
 * history, each a per-commitment hash chain. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/date.h"
#include "store/store.h"
#include "store/store_internal.h"
#include "util/strbuf.h"
#include "util/banned.h"

/* The last seq and hash of a commitment's chain (0 and "" when empty). */
static int chain_tail(struct store *st, const char *sql, int64_t cid, int *seq,
		      char **hash, struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = store_stmt(st, sql, &s, err);

	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, cid);
	*seq = 0;
	*hash = NULL;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*seq = sqlite3_column_int(s, 0);
		*hash = column_strdup(s, 1);
	}
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_sqlite_err(st, err, "reading a chain");
	stmt_done(s);
	if (!rc && !*hash)
		*hash = xstrdup("");
	return rc;
}

static const char checkin_tail_sql[] =
	"SELECT seq, hash FROM checkin WHERE commitment_id = ?1 ORDER BY seq DESC LIMIT 1";
static const char history_tail_sql[] =
	"SELECT seq, hash FROM history WHERE commitment_id = ?1 ORDER BY seq DESC LIMIT 1";

static int insert_checkin(struct store *st, int64_t cid, const struct checkin *k,
			  struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = store_stmt(st, "INSERT INTO checkin (commitment_id, seq, as_of, recorded_at, "
			    "value, note, evidence, author, supersedes, prev_hash, hash) VALUES "
			    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", &s, err);

	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, cid);
	sqlite3_bind_int(s, 2, k->seq);
	bind_date(s, 3, k->as_of);
	bind_text(s, 4, k->recorded_at);
	if (k->has_value)
		sqlite3_bind_double(s, 5, k->value);
	bind_text(s, 6, k->note);
	bind_text(s, 7, k->evidence);
	bind_text(s, 8, k->author);
	sqlite3_bind_int(s, 9, k->supersedes);
	bind_text(s, 10, k->prev_hash);
	bind_text(s, 11, k->hash);
	return stmt_exec(st, s, "adding a check-in", err);
}

int store_checkin_cursor(struct store *st, const char *key, struct chain_cursor *cur,
			 struct trk_error *err)
{
	char *hash = NULL;
	int rc;

	if ((rc = store_commitment_id(st, key, &cur->cid, err)) ||
	    (rc = chain_tail(st, checkin_tail_sql, cur->cid, &cur->seq, &hash, err)))
		return rc;
	snprintf(cur->hash, sizeof(cur->hash), "%s", hash);
	free(hash);
	return 0;
}

int store_checkin_append_at(struct store *st, struct chain_cursor *cur, struct checkin *k,
			    struct trk_error *err)
{
	char hash[65], now[TIMESTAMP_BUFSZ];
	int rc;

	if (k->supersedes < 0 || k->supersedes > cur->seq)
		return trk_err(err, TRK_EINPUT, "--corrects: '%s' has no check-in #%d",
			       k->commitment_key, k->supersedes);
	k->seq = cur->seq + 1;
	free(k->prev_hash);
	k->prev_hash = xstrdup(cur->hash);
	if (!k->recorded_at) {
		if ((rc = clock_timestamp(now, err)))
			return rc;
		k->recorded_at = xstrdup(now);
	}
	checkin_hash(k, hash);
	free(k->hash);
	k->hash = xstrdup(hash);
	if ((rc = insert_checkin(st, cur->cid, k, err)))
		return rc;
	cur->seq = k->seq;
	memcpy(cur->hash, hash, sizeof(hash));
	return 0;
}

int store_checkin_append(struct store *st, struct checkin *k, struct trk_error *err)
{
	struct chain_cursor cur;
	int rc = store_checkin_cursor(st, k->commitment_key, &cur, err);

	return rc ? rc : store_checkin_append_at(st, &cur, k, err);
}

/* Is the record already there with the same hash? Import is idempotent, but
 * a record that differs from the stored one is a conflict, never a change. */
static int existing_hash(struct store *st, const char *sql, int64_t cid, int seq,
			 char **hash, struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = store_stmt(st, sql, &s, err);

	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, cid);
	sqlite3_bind_int(s, 2, seq);
	*hash = NULL;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*hash = column_strdup(s, 0);
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_sqlite_err(st, err, "reading a record");
	stmt_done(s);
	return rc;
}

/* Checks an imported record against the chain: either it is present with
 * the same hash (*present), or it is the next link with a correct hash. */
static int chain_accept(struct store *st, const char *tail_sql, const char *get_sql,
			int64_t cid, int seq, const char *prev_hash, const char *hash,
			const char *computed, bool *present, struct trk_error *err)
{
	char *stored = NULL, *tail_hash = NULL;
	int tail_seq, rc;

	*present = false;
	if (strcmp(hash, computed))
		return trk_err(err, TRK_EINPUT, "record #%d: hash does not match its content "
			       "(altered outside tracker?)", seq);
	if ((rc = existing_hash(st, get_sql, cid, seq, &stored, err)))
		return rc;
	if (stored) {
		*present = !strcmp(stored, hash);
		rc = *present ? 0 : trk_err(err, TRK_ECONFLICT, "record #%d differs from the one "
					    "already stored", seq);
		free(stored);
		return rc;
	}
	if ((rc = chain_tail(st, tail_sql, cid, &tail_seq, &tail_hash, err)))
		return rc;
	if (seq != tail_seq + 1 || strcmp(prev_hash ? prev_hash : "", tail_hash))
		rc = trk_err(err, TRK_EINPUT, "record #%d does not follow record #%d of the chain",
			     seq, tail_seq);
	free(tail_hash);
	return rc;
}

int store_checkin_put(struct store *st, const struct checkin *k, bool *created,
		      struct trk_error *err)
{
	char computed[65];
	bool present;
	int64_t cid;
	int rc;

	if ((rc = store_commitment_id(st, k->commitment_key, &cid, err)))
		return rc;
	checkin_hash(k, computed);
	if ((rc = chain_accept(st, checkin_tail_sql,
			       "SELECT hash FROM checkin WHERE commitment_id = ?1 AND seq = ?2",
			       cid, k->seq, k->prev_hash, k->hash ? k->hash : "", computed,
			       &present, err)))
		return rc;
	if (created)
		*created = !present;
	return present ? 0 : insert_checkin(st, cid, k, err);
}

static int insert_history(struct store *st, int64_t cid, const struct history *h,
			  struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = store_stmt(st, "INSERT INTO history (commitment_id, seq, field, old_value, "
			    "new_value, author, changed_at, reason, prev_hash, hash) VALUES "
			    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", &s, err);

	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, cid);
	sqlite3_bind_int(s, 2, h->seq);
	bind_text(s, 3, h->field);
	bind_text(s, 4, h->old_value);
	bind_text(s, 5, h->new_value);
	bind_text(s, 6, h->author);
	bind_text(s, 7, h->changed_at);
	bind_text(s, 8, h->reason);
	bind_text(s, 9, h->prev_hash);
	bind_text(s, 10, h->hash);
	return stmt_exec(st, s, "adding a history record", err);
}

/* seq 0 appends a new record (seq, prev_hash and hash assigned into a
 * copy); otherwise the record is taken as it is, as from an import. */
int store_history_put(struct store *st, const struct history *h, bool *created,
		      struct trk_error *err)
{
	char computed[65];
	struct history copy = *h;
	bool present = false;
	int64_t cid;
	int rc;

	if ((rc = store_commitment_id(st, h->commitment_key, &cid, err)))
		return rc;
	if (h->seq == 0) {
		if ((rc = chain_tail(st, history_tail_sql, cid, &copy.seq, &copy.prev_hash, err)))
			return rc;
		copy.seq++;
		history_hash(&copy, computed);
		copy.hash = computed;
		rc = insert_history(st, cid, &copy, err);
		free(copy.prev_hash);
		if (created)
			*created = true;
		return rc;
	}
	history_hash(h, computed);
	if ((rc = chain_accept(st, history_tail_sql,
			       "SELECT hash FROM history WHERE commitment_id = ?1 AND seq = ?2",
			       cid, h->seq, h->prev_hash, h->hash ? h->hash : "", computed,
			       &present, err)))
		return rc;
	if (created)
		*created = !present;
	return present ? 0 : insert_history(st, cid, h, err);
}

static void checkin_from_row(sqlite3_stmt *s, const char *key, struct checkin *k)
{
	checkin_init(k);
	k->commitment_key = xstrdup(key);
	k->seq = sqlite3_column_int(s, 0);
	k->as_of = column_date(s, 1);
	k->recorded_at = column_strdup(s, 2);
	k->has_value = sqlite3_column_type(s, 3) != SQLITE_NULL;
	k->value = sqlite3_column_double(s, 3);
	k->note = column_strdup(s, 4);
	k->evidence = column_strdup(s, 5);
	k->author = column_strdup(s, 6);
	k->supersedes = sqlite3_column_int(s, 7);
	k->prev_hash = column_strdup(s, 8);
	k->hash = column_strdup(s, 9);
}

int store_checkins(struct store *st, const struct commitment *c, const char *known_at,
		   checkin_fn fn, void *ctx, struct trk_error *err)
{
	const char *key = c->key;
	int64_t cid = c->id;
	sqlite3_stmt *s;
	struct checkin k;
	int rc;

	if ((rc = store_stmt(st, "SELECT seq, as_of, recorded_at, value, note, evidence, author, "
			     "supersedes, prev_hash, hash FROM checkin WHERE commitment_id = ?1 "
			     "AND (?2 IS NULL OR recorded_at <= ?2) ORDER BY seq", &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, cid);
	bind_text(s, 2, known_at);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		checkin_from_row(s, key, &k);
		rc = fn(&k, ctx, err);
		checkin_release(&k);
		if (rc)
			goto out;
	}
	rc = rc == SQLITE_DONE ? 0 : store_sqlite_err(st, err, "reading check-ins");
out:
	stmt_done(s);
	return rc;
}

static void history_from_row(sqlite3_stmt *s, const char *key, struct history *h)
{
	history_init(h);
	h->commitment_key = xstrdup(key);
	h->seq = sqlite3_column_int(s, 0);
	h->field = column_strdup(s, 1);
	h->old_value = column_strdup(s, 2);
	h->new_value = column_strdup(s, 3);
	h->author = column_strdup(s, 4);
	h->changed_at = column_strdup(s, 5);
	h->reason = column_strdup(s, 6);
	h->prev_hash = column_strdup(s, 7);
	h->hash = column_strdup(s, 8);
}

int store_history(struct store *st, const struct commitment *c, const char *known_at,
		  history_fn fn, void *ctx, struct trk_error *err)
{
	const char *key = c->key;
	int64_t cid = c->id;
	sqlite3_stmt *s;
	struct history h;
	int rc;

	if ((rc = store_stmt(st, "SELECT seq, field, old_value, new_value, author, changed_at, "
			     "reason, prev_hash, hash FROM history WHERE commitment_id = ?1 "
			     "AND (?2 IS NULL OR changed_at <= ?2) ORDER BY seq", &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, cid);
	bind_text(s, 2, known_at);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		history_from_row(s, key, &h);
		rc = fn(&h, ctx, err);
		history_release(&h);
		if (rc)
			goto out;
	}
	rc = rc == SQLITE_DONE ? 0 : store_sqlite_err(st, err, "reading history");
out:
	stmt_done(s);
	return rc;
}
