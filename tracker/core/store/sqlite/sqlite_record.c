/* sqlite_record.c - the append-only rows (check-ins, history, the journal)
 * and the settings table. */
#include "store/sqlite/sqlite_internal.h"

#include <stdlib.h>
#include <string.h>

#include "util/banned.h"

int sq_checkin_insert(struct store_engine *e, int64_t cid, const struct checkin *k,
		      struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = sq_stmt(e, "INSERT INTO checkin (commitment_id, seq, as_of, recorded_at, value, "
			 "note, evidence, author, supersedes, prev_hash, hash, reason) VALUES "
			 "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", &s, err);

	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, cid);
	sqlite3_bind_int(s, 2, k->seq);
	bind_date(s, 3, k->as_of);
	bind_text_held(s, 4, k->recorded_at);
	if (k->has_value)
		sqlite3_bind_double(s, 5, k->value);
	bind_text_held(s, 6, k->note);
	bind_text_held(s, 7, k->evidence);
	bind_text_held(s, 8, k->author);
	sqlite3_bind_int(s, 9, k->supersedes);
	sqlite3_bind_text(s, 10, k->prev_hash ? k->prev_hash : "", -1, SQLITE_STATIC);
	bind_text_held(s, 11, k->hash);
	bind_text_held(s, 12, k->reason);
	return sq_exec(e, s, "adding a check-in", err);
}

int sq_summary_put(struct store_engine *e, int64_t cid, const struct progress_digest *d,
		   struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = sq_stmt(e, "INSERT OR REPLACE INTO checkin_summary (commitment_id, n, last_as_of, "
			 "current_value, current_as_of, current_seq, slope) VALUES "
			 "(?1, ?2, ?3, ?4, ?5, ?6, ?7)", &s, err);

	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, cid);
	sqlite3_bind_int(s, 2, d->n);
	bind_date(s, 3, d->last_as_of);
	if (d->current.present) {
		sqlite3_bind_double(s, 4, d->current.value);
		bind_date(s, 5, d->current.as_of);
		sqlite3_bind_int(s, 6, d->current.seq);
	}
	if (d->has_slope)
		sqlite3_bind_double(s, 7, d->slope);
	return sq_exec(e, s, "keeping the check-in summary", err);
}

int sq_history_insert(struct store_engine *e, int64_t cid, const struct history *h,
		      struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = sq_stmt(e, "INSERT INTO history (commitment_id, seq, field, old_value, "
			 "new_value, author, changed_at, reason, prev_hash, hash) VALUES "
			 "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", &s, err);

	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, cid);
	sqlite3_bind_int(s, 2, h->seq);
	bind_text_held(s, 3, h->field);
	/* A history value keeps "" apart from none: the hash tells them apart. */
	if (h->old_value)
		sqlite3_bind_text(s, 4, h->old_value, -1, SQLITE_STATIC);
	if (h->new_value)
		sqlite3_bind_text(s, 5, h->new_value, -1, SQLITE_STATIC);
	bind_text_held(s, 6, h->author);
	bind_text_held(s, 7, h->changed_at);
	bind_text_held(s, 8, h->reason);
	sqlite3_bind_text(s, 9, h->prev_hash ? h->prev_hash : "", -1, SQLITE_STATIC);
	bind_text_held(s, 10, h->hash);
	return sq_exec(e, s, "adding a history record", err);
}

/* ---- the journal ---------------------------------------------------------------- */

#define JOURNAL_COLUMNS "seq, at, kind, subject, content, author, reason, prev_hash, hash"

static void journal_from_row(sqlite3_stmt *s, struct journal_entry *j)
{
	journal_entry_init(j);
	j->seq = sqlite3_column_int64(s, 0);
	j->at = column_strdup(s, 1);
	j->kind = column_strdup(s, 2);
	j->subject = column_strdup(s, 3);
	j->content = column_strdup(s, 4);
	j->author = column_strdup(s, 5);
	j->reason = column_strdup(s, 6);
	j->prev_hash = column_strdup(s, 7);
	j->hash = column_strdup(s, 8);
}

int sq_journal_tail(struct store_engine *e, struct journal_entry *out, struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = sq_stmt(e, "SELECT " JOURNAL_COLUMNS " FROM journal ORDER BY seq DESC LIMIT 1",
			 &s, err);

	journal_entry_init(out);
	if (rc)
		return rc;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		journal_from_row(s, out);
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : sq_err(e, err, "reading the journal");
	stmt_done(s);
	return rc;
}

int sq_journal_insert(struct store_engine *e, const struct journal_entry *j,
		      struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = sq_stmt(e, "INSERT INTO journal (" JOURNAL_COLUMNS ") VALUES "
			 "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", &s, err);

	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, j->seq);
	bind_text(s, 2, j->at);
	bind_text(s, 3, j->kind);
	bind_text(s, 4, j->subject);
	bind_text(s, 5, j->content);
	bind_text(s, 6, j->author);
	bind_text(s, 7, j->reason);
	sqlite3_bind_text(s, 8, j->prev_hash ? j->prev_hash : "", -1, SQLITE_TRANSIENT);
	bind_text(s, 9, j->hash);
	return sq_exec(e, s, "adding to the journal", err);
}

/* Not cached: a callback may append to the journal meanwhile. */
int sq_journal_scan(struct store_engine *e, journal_fn fn, void *ctx, struct trk_error *err)
{
	sqlite3_stmt *s = NULL;
	struct journal_entry j;
	int rc;

	if (sqlite3_prepare_v2(e->db, "SELECT " JOURNAL_COLUMNS " FROM journal ORDER BY seq",
			       -1, &s, NULL) != SQLITE_OK)
		return sq_err(e, err, "reading the journal");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		journal_from_row(s, &j);
		rc = fn(&j, ctx, err);
		journal_entry_release(&j);
		if (rc)
			goto out;
	}
	rc = rc == SQLITE_DONE ? 0 : sq_err(e, err, "reading the journal");
out:
	sqlite3_finalize(s);
	return rc;
}

/* ---- settings ------------------------------------------------------------------------ */

int sq_setting_get(struct store_engine *e, const char *key, char **out, struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = sq_stmt(e, "SELECT value FROM setting WHERE key = ?1", &s, err);

	*out = NULL;
	if (rc)
		return rc;
	bind_text(s, 1, key);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = column_strdup(s, 0);
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : sq_err(e, err, "reading settings");
	stmt_done(s);
	return rc;
}

int sq_setting_put(struct store_engine *e, const char *key, const char *value,
		   struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = sq_stmt(e, "INSERT INTO setting (key, value) VALUES (?1, ?2) "
			 "ON CONFLICT (key) DO UPDATE SET value = excluded.value", &s, err);

	if (rc)
		return rc;
	bind_text(s, 1, key);
	/* An empty value is a value ("" addressee: nobody named), not NULL. */
	sqlite3_bind_text(s, 2, value ? value : "", -1, SQLITE_TRANSIENT);
	return sq_exec(e, s, "writing settings", err);
}

int sq_settings_scan(struct store_engine *e, engine_setting_fn fn, void *ctx,
		     struct trk_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(e->db, "SELECT key, value FROM setting ORDER BY key", -1, &s,
			       NULL) != SQLITE_OK)
		return sq_err(e, err, "reading settings");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if ((rc = fn((const char *)sqlite3_column_text(s, 0),
			     (const char *)sqlite3_column_text(s, 1), ctx, err)))
			goto out;
	rc = rc == SQLITE_DONE ? 0 : sq_err(e, err, "reading settings");
out:
	sqlite3_finalize(s);
	return rc;
}
