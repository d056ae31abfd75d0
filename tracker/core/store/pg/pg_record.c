/* pg_record.c - the append-only rows (check-ins, history, the journal)
 * and the settings table. */
#include "store/pg/pg_internal.h"

#include <stdlib.h>
#include <string.h>

#include "util/banned.h"

int pg_checkin_insert(struct store_engine *e, int64_t cid, const struct checkin *k,
		      struct trk_error *err)
{
	struct pg_params p;

	pgp_init(&p);
	pgp_int(&p, cid);
	pgp_int(&p, k->seq);
	pgp_date(&p, k->as_of);
	pgp_text(&p, k->recorded_at);
	if (k->has_value)
		pgp_num(&p, k->value);
	else
		pgp_null(&p);
	pgp_text(&p, k->note);
	pgp_text(&p, k->evidence);
	pgp_text(&p, k->author);
	pgp_int(&p, k->supersedes);
	pgp_text(&p, k->prev_hash);
	pgp_text(&p, k->hash);
	pgp_text(&p, k->reason);
	return pg_exec(e, "INSERT INTO checkin (commitment_id, seq, as_of, recorded_at, value, "
		       "note, evidence, author, supersedes, prev_hash, hash, reason) VALUES "
		       "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)", &p,
		       "adding a check-in", err);
}

int pg_summary_put(struct store_engine *e, int64_t cid, const struct progress_digest *d,
		   struct trk_error *err)
{
	struct pg_params p;

	pgp_init(&p);
	pgp_int(&p, cid);
	pgp_int(&p, d->n);
	pgp_date(&p, d->last_as_of);
	if (d->current.present) {
		pgp_num(&p, d->current.value);
		pgp_date(&p, d->current.as_of);
		pgp_int(&p, d->current.seq);
	} else {
		pgp_null(&p);
		pgp_null(&p);
		pgp_null(&p);
	}
	if (d->has_slope)
		pgp_num(&p, d->slope);
	else
		pgp_null(&p);
	return pg_exec(e, "INSERT INTO checkin_summary (commitment_id, n, last_as_of, "
		       "current_value, current_as_of, current_seq, slope) VALUES "
		       "($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (commitment_id) DO UPDATE SET "
		       "n = EXCLUDED.n, last_as_of = EXCLUDED.last_as_of, current_value = "
		       "EXCLUDED.current_value, current_as_of = EXCLUDED.current_as_of, "
		       "current_seq = EXCLUDED.current_seq, slope = EXCLUDED.slope", &p,
		       "keeping the check-in summary", err);
}

int pg_history_insert(struct store_engine *e, int64_t cid, const struct history *h,
		      struct trk_error *err)
{
	struct pg_params p;
	int blank = (h->old_value && !*h->old_value ? 1 : 0) |
		    (h->new_value && !*h->new_value ? 2 : 0);

	pgp_init(&p);
	pgp_int(&p, cid);
	pgp_int(&p, h->seq);
	pgp_text(&p, h->field);
	pgp_text(&p, h->old_value);
	pgp_text(&p, h->new_value);
	pgp_int(&p, blank);
	pgp_text(&p, h->author);
	pgp_text(&p, h->changed_at);
	pgp_text(&p, h->reason);
	pgp_text(&p, h->prev_hash);
	pgp_text(&p, h->hash);
	return pg_exec(e, "INSERT INTO history (commitment_id, seq, field, old_value, new_value, "
		       "blank, author, changed_at, reason, prev_hash, hash) VALUES "
		       "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)", &p,
		       "adding a history record", err);
}

/* ---- the journal ---------------------------------------------------------------- */

#define JOURNAL_COLUMNS "seq, at, kind, subject, content, author, reason, prev_hash, hash"
#define JOURNAL_PAGE 1000

static void journal_from_row(const PGresult *r, int row, struct journal_entry *j)
{
	journal_entry_init(j);
	j->seq = pg_int(r, row, 0);
	j->at = pg_strdup(r, row, 1);
	j->kind = pg_strdup(r, row, 2);
	j->subject = pg_strdup(r, row, 3);
	j->content = pg_strdup(r, row, 4);
	j->author = pg_strdup(r, row, 5);
	j->reason = pg_strdup(r, row, 6);
	j->prev_hash = pg_hash_strdup(r, row, 7);
	j->hash = pg_strdup(r, row, 8);
}

/* The tail is read under the record's lock: two writers never both extend
 * the same last entry. */
int pg_journal_tail(struct store_engine *e, struct journal_entry *out, struct trk_error *err)
{
	PGresult *res;
	int rc;

	journal_entry_init(out);
	if ((rc = pg_lock_record(e, err)))
		return rc;
	if (!(res = pg_run(e, "SELECT " JOURNAL_COLUMNS " FROM journal ORDER BY seq DESC LIMIT 1",
			   NULL, "reading the journal", err)))
		return pg_code(err);
	if (sym_PQntuples(res) == 1)
		journal_from_row(res, 0, out);
	sym_PQclear(res);
	return 0;
}

int pg_journal_insert(struct store_engine *e, const struct journal_entry *j,
		      struct trk_error *err)
{
	struct pg_params p;
	int rc;

	if ((rc = pg_lock_record(e, err)))
		return rc;
	pgp_init(&p);
	pgp_int(&p, j->seq);
	pgp_text(&p, j->at);
	pgp_text(&p, j->kind);
	pgp_text(&p, j->subject);
	pgp_text(&p, j->content);
	pgp_text(&p, j->author);
	pgp_text(&p, j->reason);
	pgp_text(&p, j->prev_hash);
	pgp_text(&p, j->hash);
	return pg_exec(e, "INSERT INTO journal (" JOURNAL_COLUMNS ") VALUES "
		       "($1, $2, $3, $4, $5, $6, $7, $8, $9)", &p, "adding to the journal", err);
}

/* Page by page (the callback may append to the journal meanwhile, and a
 * long journal need not be held at once). */
int pg_journal_scan(struct store_engine *e, journal_fn fn, void *ctx, struct trk_error *err)
{
	struct journal_entry j;
	struct pg_params p;
	int64_t after = 0;
	int n, rc = 0;

	do {
		PGresult *res;
		pgp_init(&p);
		pgp_int(&p, after);
		if (!(res = pg_run(e, "SELECT " JOURNAL_COLUMNS " FROM journal WHERE seq > $1 "
				   "ORDER BY seq LIMIT 1000", &p, "reading the journal", err)))
			return pg_code(err);
		n = sym_PQntuples(res);
		for (int i = 0; i < n && !rc; i++) {
			journal_from_row(res, i, &j);
			after = j.seq;
			rc = fn(&j, ctx, err);
			journal_entry_release(&j);
		}
		sym_PQclear(res);
	} while (!rc && n == JOURNAL_PAGE);
	return rc;
}

/* ---- settings ------------------------------------------------------------------------ */

int pg_setting_get(struct store_engine *e, const char *key, char **out, struct trk_error *err)
{
	struct pg_params p;
	PGresult *res;
	int rc;

	*out = NULL;
	if ((rc = pg_lock_record(e, err)))
		return rc;
	pgp_init(&p);
	pgp_text(&p, key);
	if (!(res = pg_run(e, "SELECT value FROM setting WHERE key = $1", &p, "reading settings",
			   err)))
		return pg_code(err);
	if (sym_PQntuples(res) == 1)
		*out = pg_strdup(res, 0, 0);
	sym_PQclear(res);
	return 0;
}

/* UPDATE, else INSERT: no upsert syntax, which differs across the family;
 * the record's lock keeps a second writer from inserting meanwhile. */
int pg_setting_put(struct store_engine *e, const char *key, const char *value,
		   struct trk_error *err)
{
	struct pg_params p;
	PGresult *res;
	int rc;

	if ((rc = pg_lock_record(e, err)))
		return rc;
	pgp_init(&p);
	pgp_text(&p, key);
	pgp_text(&p, value);
	if (!(res = pg_run(e, "UPDATE setting SET value = $2 WHERE key = $1", &p,
			   "writing settings", err)))
		return pg_code(err);
	rc = strcmp(sym_PQcmdTuples(res), "0") ? 0 : 1;
	sym_PQclear(res);
	if (!rc)
		return 0;
	return pg_exec(e, "INSERT INTO setting (key, value) VALUES ($1, $2)", &p,
		       "writing settings", err);
}

int pg_settings_scan(struct store_engine *e, engine_setting_fn fn, void *ctx,
		     struct trk_error *err)
{
	PGresult *res;
	int rc;

	if ((rc = pg_lock_record(e, err)))
		return rc;
	if (!(res = pg_run(e, "SELECT key, value FROM setting ORDER BY key", NULL,
			   "reading settings", err)))
		return pg_code(err);
	for (int i = 0; i < sym_PQntuples(res) && !rc; i++)
		rc = fn(sym_PQgetvalue(res, i, 0), sym_PQgetvalue(res, i, 1), ctx, err);
	sym_PQclear(res);
	return rc;
}
