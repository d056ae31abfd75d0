/* sqlite_migrate.c - bringing a database to the newest schema: the
 * embedded migrations/NNN_*.sql in order, each with its data step in C
 * where the schema alone cannot say what to write (hashes are computed in
 * C, never by the database). */
#include "store/sqlite/sqlite_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/canonical.h"
#include "model/commitment_field.h"
#include "util/date.h"
#include "util/embedded.h"
#include "util/strbuf.h"
#include "util/banned.h"

#define MIGRATION_AUTHOR "tracker"

int store_schema_latest(void)
{
	int n = 0;

	while (embedded_migrations[n].sql)
		n++;
	return n;
}

int sq_schema_version(struct store_engine *e, int *out, struct trk_error *err)
{
	return sq_int(e, "PRAGMA user_version", out, err);
}

/* ---- 004: journal, creation records, -0 repaired ------------------------------ */

struct backfill {
	struct store_engine *e;
	char now[TIMESTAMP_BUFSZ];
	int64_t seq;
	char prev[DIGEST_HEXSZ];
	const char *reason;
};

static int journal_add(struct backfill *b, const char *kind, const char *subject,
		       char *content /* freed here */, const char *reason,
		       struct trk_error *err)
{
	struct journal_entry j = {
		.seq = ++b->seq, .at = b->now, .kind = (char *)kind, .subject = (char *)subject,
		.content = content, .author = MIGRATION_AUTHOR, .reason = (char *)reason,
		.prev_hash = b->prev,
	};
	char hash[DIGEST_HEXSZ];
	int rc;

	journal_hash(&j, hash);
	j.hash = hash;
	rc = sq_journal_insert(b->e, &j, err);
	memcpy(b->prev, hash, sizeof(hash));
	free(content);
	return rc;
}

/* Every owner, alias, letter and setting as it stands, journaled. */
static int journal_owners(struct backfill *b, struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = sq_stmt(b->e, "SELECT o.name, a.alias FROM owner o LEFT JOIN owner_alias a "
			 "ON a.owner_id = o.id AND a.alias <> o.name ORDER BY o.id, a.alias",
			 &s, err);
	char *last = NULL;

	while (!rc && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(s, 0);
		const char *alias = (const char *)sqlite3_column_text(s, 1);
		rc = 0;
		if (!last || strcmp(last, name)) {
			free(last);
			last = xstrdup(name);
			rc = journal_add(b, "owner", name, owner_journal_text(name), b->reason, err);
		}
		if (!rc && alias)
			rc = journal_add(b, "alias", name, alias_journal_text(name, alias), b->reason,
					 err);
	}
	if (rc == SQLITE_DONE)
		rc = 0;
	else if (rc > 0)
		rc = sq_err(b->e, err, "journaling owners");
	stmt_done(s);
	free(last);
	return rc;
}

static int journal_letter(const struct letter *l, void *arg, struct trk_error *err)
{
	struct backfill *b = arg;

	return journal_add(b, "letter", l->doc_no, letter_journal_text(l), b->reason, err);
}

static int journal_setting(const char *key, const char *value, void *arg,
			   struct trk_error *err)
{
	struct backfill *b = arg;

	return journal_add(b, "setting", key, setting_journal_text(key, value), b->reason, err);
}

/* The creation state of a commitment: its row with every recorded change
 * undone, newest first. */
static int genesis_by_rewind(const struct commitment *row, const struct history *h, size_t nh,
			     struct commitment *g, struct trk_error *err)
{
	bool override_changed = false;
	int rc = 0;

	commitment_copy(g, row);
	for (size_t i = nh; i-- > 0 && !rc;) {
		override_changed |= !strcmp(h[i].field, "health_override");
		rc = commitment_field_set(g, h[i].field, h[i].old_value, err);
	}
	/* The reason of an override the commitment was created with is only
	 * known while no later change replaced it. */
	if (g->health_override < 0 || override_changed) {
		free(g->health_override_reason);
		g->health_override_reason = NULL;
	}
	g->sequence = 0;
	return rc;
}

static int write_genesis(struct backfill *b, const struct commitment *g, struct trk_error *err)
{
	struct history rec;
	char hash[DIGEST_HEXSZ], *text = commitment_genesis_text(g);
	int rc;

	history_init(&rec);
	rec.commitment_key = g->key;
	rec.seq = 0;
	rec.field = "created";
	rec.new_value = text;
	rec.author = MIGRATION_AUTHOR;
	rec.changed_at = g->created_at;
	rec.reason = "reconstructed by migration 004 from the commitment and its history";
	rec.prev_hash = "";
	history_hash(&rec, hash);
	rec.hash = hash;
	rc = sq_history_insert(b->e, g->id, &rec, err);
	free(text);
	return rc;
}

/* Where the stored sequence or updated_at is not what the history gives
 * (an import of the first versions kept a file's own), the row is set to
 * what the records say, and the journal says so. */
static int align_row(struct backfill *b, const struct commitment *row,
		     const struct commitment *replayed, struct trk_error *err)
{
	struct strbuf why = STRBUF_INIT;
	int rc;

	if (row->sequence == replayed->sequence && !strcmp(row->updated_at, replayed->updated_at))
		return 0;
	if ((rc = sq_commitment_update(b->e, replayed, err)))
		return rc;
	strbuf_addf(&why, "{\"key\":\"%s\",\"sequence\":[%d,%d],\"updated_at\":[\"%s\",\"%s\"]}",
		    row->key, row->sequence, replayed->sequence, row->updated_at,
		    replayed->updated_at);
	return journal_add(b, "repair", row->key, strbuf_detach(&why),
			   "sequence and updated_at follow from the history", err);
}

static int genesis_row(struct commitment *c, struct checkin *k, size_t nk, struct history *h,
		       size_t nh, const struct progress_digest *d, void *arg, struct trk_error *err)
{
	struct backfill *b = arg;
	struct commitment g, replayed;
	struct history *all = xmalloc((nh + 1) * sizeof(*all));
	int rc;

	(void)k, (void)nk, (void)d;
	if ((rc = genesis_by_rewind(c, h, nh, &g, err)) || (rc = write_genesis(b, &g, err)))
		goto out;
	history_init(&all[0]);
	all[0].seq = 0;
	all[0].field = "created";
	all[0].new_value = commitment_genesis_text(&g);
	memcpy(all + 1, h, nh * sizeof(*h));
	rc = commitment_replay(all, nh + 1, NULL, &replayed, err);
	free(all[0].new_value);
	if (!rc) {
		replayed.id = c->id;
		rc = align_row(b, c, &replayed, err);
		commitment_release(&replayed);
	}
out:
	commitment_release(&g);
	free(all);
	return rc;
}

/* ---- -0 repaired ------------------------------------------------------------------ */

/* A check-in logged as -0 was hashed over "-0" while SQLite kept 0, so it
 * could never verify. Its hash, and the links after it, are recomputed
 * over the stored value; the journal keeps the old and new hashes. */
struct relink {
	struct backfill *b;
	int64_t cid;
	char prev[DIGEST_HEXSZ];
	bool rehash;              /* a link before changed: recompute the rest */
};

static int relink_row(struct relink *r, struct checkin *k, struct trk_error *err)
{
	char old_style[DIGEST_HEXSZ], fixed[DIGEST_HEXSZ];
	struct strbuf content = STRBUF_INIT;
	sqlite3_stmt *s;
	int rc;

	if (r->rehash) {
		free(k->prev_hash);
		k->prev_hash = xstrdup(r->prev);
	}
	checkin_hash(k, fixed);
	checkin_hash_negative_zero(k, old_style);
	if (!r->rehash && !(k->has_value && k->value == 0 && !strcmp(k->hash, old_style) &&
			    strcmp(k->hash, fixed))) {
		memcpy(r->prev, k->hash, DIGEST_HEXSZ);
		return 0;
	}
	if ((rc = sq_stmt(r->b->e, "UPDATE checkin SET prev_hash = ?1, hash = ?2 WHERE "
			  "commitment_id = ?3 AND seq = ?4", &s, err)))
		return rc;
	sqlite3_bind_text(s, 1, k->prev_hash ? k->prev_hash : "", -1, SQLITE_TRANSIENT);
	bind_text(s, 2, fixed);
	sqlite3_bind_int64(s, 3, r->cid);
	sqlite3_bind_int(s, 4, k->seq);
	if ((rc = sq_exec(r->b->e, s, "repairing a check-in", err)))
		return rc;
	strbuf_addf(&content, "{\"key\":\"%s\",\"seq\":%d,\"old_hash\":\"%s\","
		    "\"new_hash\":\"%s\"}", k->commitment_key, k->seq, k->hash, fixed);
	r->rehash = true;
	memcpy(r->prev, fixed, DIGEST_HEXSZ);
	return journal_add(r->b, "repair", k->commitment_key, strbuf_detach(&content),
			   "a check-in of -0 was hashed as \"-0\" but stored as 0: rehashed over "
			   "the stored value, with the links after it", err);
}

static int relink_commitment(struct commitment *c, struct checkin *k, size_t nk,
			     struct history *h, size_t nh, const struct progress_digest *d,
			     void *arg, struct trk_error *err)
{
	struct relink r = { .b = arg, .cid = c->id };
	int rc = 0;

	(void)h, (void)nh, (void)d;
	r.prev[0] = '\0';
	for (size_t i = 0; i < nk && !rc; i++) {
		struct checkin copy;
		checkin_copy(&copy, &k[i]);
		rc = relink_row(&r, &copy, err);
		checkin_release(&copy);
	}
	return rc;
}

static const char checkin_triggers[] =
	"CREATE TRIGGER checkin_append_only_update BEFORE UPDATE ON checkin "
	"BEGIN SELECT RAISE(ABORT, 'check-ins are append-only'); END;";

static int repair_negative_zero(struct backfill *b, struct trk_error *err)
{
	struct filter f;
	struct engine_scan q = { .f = &f, .by_current_fields = true, .order = SORT_ADDED,
				 .want = WANT_CHECKINS };
	int n = 0, rc;

	if ((rc = sq_int(b->e, "SELECT count(*) FROM checkin WHERE value = 0", &n, err)) || !n)
		return rc;
	filter_init(&f);
	if ((rc = sq_script(b->e, "DROP TRIGGER checkin_append_only_update", "repairing", err)) ||
	    (rc = sq_scan(b->e, &q, relink_commitment, b, err)))
		return rc;
	return sq_script(b->e, checkin_triggers, "repairing", err);
}

static int backfill_004(struct store_engine *e, struct trk_error *err)
{
	struct backfill b = { .e = e, .reason = "recorded by migration 004 from the store as "
						"it stood" };
	struct filter f;
	struct engine_scan q = { .f = &f, .by_current_fields = true, .order = SORT_ADDED,
				 .want = WANT_HISTORY };
	int rc;

	filter_init(&f);
	if ((rc = clock_timestamp(b.now, err)))
		return rc;
	if ((rc = journal_owners(&b, err)) ||
	    (rc = sq_letters_scan(e, false, journal_letter, &b, err)) ||
	    (rc = sq_settings_scan(e, journal_setting, &b, err)) ||
	    (rc = repair_negative_zero(&b, err)))
		return rc;
	return sq_scan(e, &q, genesis_row, &b, err);
}

/* ---- the runner --------------------------------------------------------------------- */

struct data_step {
	int number;
	int (*run)(struct store_engine *e, struct trk_error *err);
};

static int summaries_008(struct store_engine *e, struct trk_error *err)
{
	return engine_summaries_fill(&sqlite_store_ops, e, err);
}

static const struct data_step data_steps[] = {
	{ 4, backfill_004 },
	{ 8, summaries_008 },
};

/* Applies migration m unless another process did meanwhile: the version is
 * read again inside the write lock. The version number is formatted into
 * the PRAGMA because PRAGMA takes no bound parameters; it is an integer
 * from the embedded table, never user text. */
static int apply_migration(struct store_engine *e, const struct embedded_migration *m,
			   struct trk_error *err)
{
	char pragma[96];
	int version, rc;

	if ((rc = sqlite3_exec(e->db, "BEGIN IMMEDIATE", NULL, NULL, NULL)) != SQLITE_OK)
		return sq_err(e, err, "cannot start a migration");
	if ((rc = sq_schema_version(e, &version, err)) || version >= m->number)
		goto done;
	snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d; "
		 "PRAGMA application_id = 1414679345", m->number);
	if ((rc = sq_script(e, m->sql, m->name, err)))
		goto done;
	for (size_t i = 0; i < sizeof(data_steps) / sizeof(data_steps[0]) && !rc; i++)
		if (data_steps[i].number == m->number)
			rc = data_steps[i].run(e, err);
	if (!rc)
		rc = sq_script(e, pragma, m->name, err);
done:
	if (!rc && sqlite3_exec(e->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		rc = sq_err(e, err, "cannot commit a migration");
	if (rc) {
		sqlite3_exec(e->db, "ROLLBACK", NULL, NULL, NULL);
		return trk_err_prefix(err, "migration %s", m->name);
	}
	return 0;
}

int sq_migrate(struct store_engine *e, int upto, struct trk_error *err)
{
	int version, rc, latest = store_schema_latest();

	if ((rc = sq_schema_version(e, &version, err)))
		return rc;
	if (version > latest)
		return trk_err(err, TRK_EVERSION, "database '%s' has schema version %d, newer than "
			       "this tracker (knows up to %d): upgrade tracker", e->path, version,
			       latest);
	for (int i = version; i < upto && i < latest; i++)
		if ((rc = apply_migration(e, &embedded_migrations[i], err)))
			return rc;
	return 0;
}
