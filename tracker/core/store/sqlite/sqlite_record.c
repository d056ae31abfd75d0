/* sqlite_record.c - the append-only rows (check-ins, history, the journal)
 * and the settings table. */
#include "store/sqlite/sqlite_internal.h"

#include <stdlib.h>
#include <string.h>

#include "util/banned.h"

/* The records are appended: once the door has checked and hashed them,
 * nothing but the disk can fail their insert, so a bulk write queues them. */
int sq_checkin_insert(struct store_engine *e, int64_t cid, const struct checkin *k,
		      struct trk_error *err)
{
	struct sq_write w;
	int rc = sq_write_begin(e, "INSERT INTO checkin (commitment_id, seq, as_of, recorded_at, "
				"value, note, evidence, author, supersedes, prev_hash, hash, reason) "
				"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
				"adding a check-in", true, &w, err);

	if (rc)
		return rc;
	sqw_int(&w, 1, cid);
	sqw_int(&w, 2, k->seq);
	sqw_date(&w, 3, k->as_of);
	sqw_text(&w, 4, k->recorded_at);
	if (k->has_value)
		sqw_double(&w, 5, k->value);
	sqw_text(&w, 6, k->note);
	sqw_text(&w, 7, k->evidence);
	sqw_text(&w, 8, k->author);
	sqw_int(&w, 9, k->supersedes);
	sqw_value(&w, 10, k->prev_hash ? k->prev_hash : "");
	sqw_text(&w, 11, k->hash);
	sqw_text(&w, 12, k->reason);
	return sq_write_end(e, &w, err);
}

int sq_summary_put(struct store_engine *e, int64_t cid, const struct progress_digest *d,
		   struct trk_error *err)
{
	struct sq_write w;
	int rc = sq_write_begin(e, "INSERT OR REPLACE INTO checkin_summary (commitment_id, n, "
				"last_as_of, current_value, current_as_of, current_seq, slope) "
				"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
				"keeping the check-in summary", true, &w, err);

	if (rc)
		return rc;
	sqw_int(&w, 1, cid);
	sqw_int(&w, 2, d->n);
	sqw_date(&w, 3, d->last_as_of);
	if (d->current.present) {
		sqw_double(&w, 4, d->current.value);
		sqw_date(&w, 5, d->current.as_of);
		sqw_int(&w, 6, d->current.seq);
	}
	if (d->has_slope)
		sqw_double(&w, 7, d->slope);
	return sq_write_end(e, &w, err);
}

int sq_history_insert(struct store_engine *e, int64_t cid, const struct history *h,
		      struct trk_error *err)
{
	struct sq_write w;
	int rc = sq_write_begin(e, "INSERT INTO history (commitment_id, seq, field, old_value, "
				"new_value, author, changed_at, reason, prev_hash, hash) VALUES "
				"(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
				"adding a history record", true, &w, err);

	if (rc)
		return rc;
	sqw_int(&w, 1, cid);
	sqw_int(&w, 2, h->seq);
	sqw_text(&w, 3, h->field);
	/* A history value keeps "" apart from none: the hash tells them apart. */
	sqw_value(&w, 4, h->old_value);
	sqw_value(&w, 5, h->new_value);
	sqw_text(&w, 6, h->author);
	sqw_text(&w, 7, h->changed_at);
	sqw_text(&w, 8, h->reason);
	sqw_value(&w, 9, h->prev_hash ? h->prev_hash : "");
	sqw_text(&w, 10, h->hash);
	return sq_write_end(e, &w, err);
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

	if (sq_scan_prepare(e, "SELECT " JOURNAL_COLUMNS " FROM journal ORDER BY seq", &s) !=
	    SQLITE_OK)
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
	sq_scan_finish(e, s);
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

	if (sq_scan_prepare(e, "SELECT key, value FROM setting ORDER BY key", &s) != SQLITE_OK)
		return sq_err(e, err, "reading settings");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if ((rc = fn((const char *)sqlite3_column_text(s, 0),
			     (const char *)sqlite3_column_text(s, 1), ctx, err)))
			goto out;
	rc = rc == SQLITE_DONE ? 0 : sq_err(e, err, "reading settings");
out:
	sq_scan_finish(e, s);
	return rc;
}
