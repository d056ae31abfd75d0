/* pg_migrate.c - bringing a PostgreSQL schema to the newest version: the
 * embedded migrations/pg/NNN_*.sql in order, in one transaction (DDL is
 * transactional here), after locking tracker_meta's row. Two first
 * commands on a new database both try to create the tables; the one that
 * loses sees a duplicate table, rolls back, and finds the work done. */
#include "store/pg/pg_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/canonical.h"
#include "util/embedded.h"
#include "util/banned.h"

#define MIGRATE_ATTEMPTS 20

int pg_classify(struct store_engine *e, bool *ours, bool *empty, struct trk_error *err)
{
	PGresult *res;

	*ours = *empty = false;
	/* information_schema is the SQL standard's catalogue, which every
	 * PostgreSQL-derived database keeps (pg_catalog is not relied on). */
	res = pg_run_once(e, "SELECT table_name FROM information_schema.tables "
			  "WHERE table_schema = current_schema() AND table_name IN "
			  "('tracker_meta', 'commitment', 'checkin') ORDER BY table_name", NULL,
			  "reading the schema", err);
	if (!res)
		return pg_code(err);
	for (int i = 0; i < sym_PQntuples(res); i++)
		*ours |= !strcmp(sym_PQgetvalue(res, i, 0), "tracker_meta");
	sym_PQclear(res);
	if (*ours)
		return 0;
	res = pg_run_once(e, "SELECT count(*) FROM information_schema.tables "
			  "WHERE table_schema = current_schema()", NULL, "reading the schema", err);
	if (!res)
		return pg_code(err);
	*empty = pg_int(res, 0, 0) == 0;
	sym_PQclear(res);
	if (!*empty)
		return 0;
	/* A search_path that names no existing schema leaves nowhere to
	 * create the tables: say so before a migration fails on it. */
	if (!(res = pg_run_once(e, "SELECT current_schema()", NULL, "reading the schema", err)))
		return pg_code(err);
	if (sym_PQgetisnull(res, 0, 0)) {
		sym_PQclear(res);
		return trk_err(err, TRK_ENOTFOUND, "%s: the search_path names no schema that "
			       "exists (create it, or leave search_path alone)", e->where);
	}
	sym_PQclear(res);
	return 0;
}

static int read_version(struct store_engine *e, const char *sql, int *out,
			struct trk_error *err)
{
	PGresult *res = pg_run_once(e, sql, NULL, "reading the schema version", err);

	if (!res)
		return pg_code(err);
	if (sym_PQntuples(res) != 1 || !pg_cell(res, 0, 0) ||
	    strcmp(sym_PQgetvalue(res, 0, 1), "tracker")) {
		sym_PQclear(res);
		return trk_err(err, TRK_EDB, "%s: tracker_meta is not a tracker mark (altered "
			       "outside tracker?)", e->where);
	}
	*out = (int)pg_int(res, 0, 0);
	sym_PQclear(res);
	return 0;
}

int pg_schema_version(struct store_engine *e, int *out, struct trk_error *err)
{
	bool ours, empty;
	int rc = pg_classify(e, &ours, &empty, err);

	*out = 0;
	if (rc || !ours)
		return rc;
	return read_version(e, "SELECT version, application FROM tracker_meta WHERE id = 1", out,
			    err);
}

/* ---- 004: the journal starts with the settings as they stand ---------------------- */

/* As SQLite's data step of 004 does for a new store: each setting (in key
 * order) journaled by "tracker", so the two engines' new stores hold the
 * same journal. A PostgreSQL store has no owners, letters or commitments
 * yet at 004: its tables were made in the same transaction. */
struct journal_start {
	struct store_engine *e;
	char now[TIMESTAMP_BUFSZ];
	int64_t seq;
	char prev[DIGEST_HEXSZ];
};

static int journal_setting(const char *key, const char *value, void *arg,
			   struct trk_error *err)
{
	struct journal_start *b = arg;
	char hash[DIGEST_HEXSZ], *content = setting_journal_text(key, value);
	struct journal_entry j = {
		.seq = ++b->seq, .at = b->now, .kind = (char *)"setting", .subject = (char *)key,
		.content = content, .author = (char *)"tracker",
		.reason = (char *)"recorded by migration 004 from the store as it stood",
		.prev_hash = b->prev,
	};
	int rc;

	journal_hash(&j, hash);
	j.hash = hash;
	rc = pg_journal_insert(b->e, &j, err);
	memcpy(b->prev, hash, sizeof(hash));
	free(content);
	return rc;
}

static int journal_004(struct store_engine *e, struct trk_error *err)
{
	struct journal_start b = { .e = e };
	int rc = clock_timestamp(b.now, err);

	return rc ? rc : pg_settings_scan(e, journal_setting, &b, err);
}

/* Applies migrations version+1..upto; the caller's transaction is open. */
static int apply(struct store_engine *e, int version, int upto, struct trk_error *err)
{
	struct pg_params p;
	PGresult *res;
	int rc = 0;

	for (int i = version; i < upto && embedded_pg_migrations[i].sql && !rc; i++) {
		const struct embedded_migration *m = &embedded_pg_migrations[i];
		if ((rc = pg_script(e, m->sql, "applying it", err)) ||
		    (m->number == 4 && (rc = journal_004(e, err))) ||
		    (m->number == 8 && (rc = engine_summaries_fill(&pg_store_ops, e, err))))
			return trk_err_prefix(err, "migration %s", m->name);
		/* Unprepared: a migration that a concurrent creator undoes is
		 * tried again, and a statement prepared against its tables must
		 * not outlive them. */
		pgp_init(&p);
		pgp_int(&p, m->number);
		if (!(res = pg_run_once(e, "UPDATE tracker_meta SET version = $1 WHERE id = 1", &p,
					"recording it", err)))
			return trk_err_prefix(err, "migration %s", m->name);
		sym_PQclear(res);
	}
	return rc;
}

/* One attempt: 0, or an error; *again when another process's migration
 * got in the way and a new attempt will find its work. */
static int attempt(struct store_engine *e, int upto, bool *again, struct trk_error *err)
{
	bool ours, empty;
	int version = 0, rc;
	PGresult *res;

	*again = false;
	e->last_state[0] = '\0';
	if ((rc = pg_classify(e, &ours, &empty, err)) ||
	    (rc = pg_script(e, "BEGIN ISOLATION LEVEL READ COMMITTED", "cannot start a "
			    "migration", err)))
		return rc;
	e->in_txn = true;
	if (ours)
		rc = read_version(e, "SELECT version, application FROM tracker_meta WHERE id = 1 "
				  "FOR UPDATE", &version, err);
	if (!rc && version > store_schema_latest())
		rc = trk_err(err, TRK_EVERSION, "%s has schema version %d, newer than this tracker "
			     "(knows up to %d): upgrade tracker", e->where, version,
			     store_schema_latest());
	if (!rc && version < upto)
		rc = apply(e, version, upto, err);
	if (!rc) {
		res = sym_PQexec(e->conn, "COMMIT");
		if (sym_PQresultStatus(res) != PGRES_COMMAND_OK ||
		    strcmp(sym_PQcmdStatus(res), "COMMIT"))
			rc = pg_err(e, res, "cannot commit a migration", err);
		sym_PQclear(res);
	} else {
		sym_PQclear(sym_PQexec(e->conn, "ROLLBACK"));
	}
	e->in_txn = false;
	/* A concurrent creator shows as a duplicate table, type or key. */
	*again = rc && (!strcmp(e->last_state, "23505") || !strcmp(e->last_state, "42P07") ||
			!strcmp(e->last_state, "42710") || !strcmp(e->last_state, "40P01"));
	return rc;
}

int pg_migrate(struct store_engine *e, int upto, struct trk_error *err)
{
	bool again = true;
	int rc = 0;

	if (upto > store_schema_latest())
		upto = store_schema_latest();
	for (int i = 0; i < MIGRATE_ATTEMPTS && again; i++) {
		if (i)
			usleep(50000);
		rc = attempt(e, upto, &again, err);
	}
	return rc;
}
