/* pg_check.c - what only the database can say about a PostgreSQL record:
 * rows referring to missing rows (the foreign keys, in case they were
 * dropped or disabled), the append-only guards and the keys that keep a
 * chain from forking, and the schema's own mark and lock. Only the SQL
 * standard's information_schema is read, never pg_catalog, so the same
 * checks run on the databases derived from PostgreSQL. */
#include "store/pg/pg_internal.h"

#include <stdio.h>
#include <string.h>

#include "util/banned.h"

static int finding(check_fn fn, void *ctx, enum check_kind kind, const char *key,
		   const char *message, struct trk_error *err)
{
	struct check_finding f = { .kind = kind, .key = key, .message = message };

	return fn(&f, ctx, err);
}

/* Each query returns the referring table and row of up to ten orphans. */
static const char *const orphan_queries[] = {
	"SELECT 'checkin', x.commitment_id, 'commitment' FROM checkin x WHERE NOT EXISTS "
	"(SELECT 1 FROM commitment c WHERE c.id = x.commitment_id) LIMIT 10",
	"SELECT 'history', x.commitment_id, 'commitment' FROM history x WHERE NOT EXISTS "
	"(SELECT 1 FROM commitment c WHERE c.id = x.commitment_id) LIMIT 10",
	"SELECT 'commitment', x.id, 'letter' FROM commitment x WHERE NOT EXISTS "
	"(SELECT 1 FROM letter l WHERE l.id = x.letter_id) LIMIT 10",
	"SELECT 'commitment', x.id, 'owner' FROM commitment x WHERE NOT EXISTS "
	"(SELECT 1 FROM owner o WHERE o.id = x.owner_id) LIMIT 10",
	"SELECT 'commitment_coowner', x.commitment_id, 'commitment or owner' FROM "
	"commitment_coowner x WHERE NOT EXISTS (SELECT 1 FROM commitment c WHERE "
	"c.id = x.commitment_id) OR NOT EXISTS (SELECT 1 FROM owner o WHERE o.id = x.owner_id) "
	"LIMIT 10",
	"SELECT 'commitment_tag', x.commitment_id, 'commitment' FROM commitment_tag x WHERE "
	"NOT EXISTS (SELECT 1 FROM commitment c WHERE c.id = x.commitment_id) LIMIT 10",
	"SELECT 'owner_alias', x.owner_id, 'owner' FROM owner_alias x WHERE NOT EXISTS "
	"(SELECT 1 FROM owner o WHERE o.id = x.owner_id) LIMIT 10",
	"SELECT 'letter_cohandler', x.letter_id, 'letter' FROM letter_cohandler x WHERE "
	"NOT EXISTS (SELECT 1 FROM letter l WHERE l.id = x.letter_id) LIMIT 10",
	"SELECT 'user_owner', x.user_id, 'user or owner' FROM user_owner x WHERE NOT EXISTS "
	"(SELECT 1 FROM app_user u WHERE u.id = x.user_id) OR NOT EXISTS (SELECT 1 FROM owner o "
	"WHERE o.id = x.owner_id) LIMIT 10",
	"SELECT 'user_letter', x.user_id, 'user or letter' FROM user_letter x WHERE NOT EXISTS "
	"(SELECT 1 FROM app_user u WHERE u.id = x.user_id) OR NOT EXISTS (SELECT 1 FROM letter l "
	"WHERE l.id = x.letter_id) LIMIT 10",
	"SELECT 'token', x.user_id, 'user' FROM token x WHERE NOT EXISTS "
	"(SELECT 1 FROM app_user u WHERE u.id = x.user_id) LIMIT 10",
};

static int check_orphans(struct store_engine *e, check_fn fn, void *ctx, struct trk_error *err)
{
	char msg[256];
	int rc = 0;

	for (size_t q = 0; q < sizeof(orphan_queries) / sizeof(orphan_queries[0]) && !rc; q++) {
		PGresult *res = pg_run(e, orphan_queries[q], NULL, "checking references", err);
		if (!res)
			return pg_code(err);
		for (int i = 0; i < sym_PQntuples(res) && !rc; i++) {
			snprintf(msg, sizeof(msg), "row %s refers to a missing %s",
				 sym_PQgetvalue(res, i, 1), sym_PQgetvalue(res, i, 2));
			rc = finding(fn, ctx, CHECK_FOREIGN_KEY, sym_PQgetvalue(res, i, 0), msg,
				     err);
		}
		sym_PQclear(res);
	}
	return rc;
}

/* The guards that make check-ins, history and the journal append-only. */
static const char *const guards[] = {
	"checkin_append_only_update", "checkin_append_only_delete",
	"history_append_only_update", "history_append_only_delete",
	"journal_append_only_update", "journal_append_only_delete",
};

static int check_guards(struct store_engine *e, check_fn fn, void *ctx, struct trk_error *err)
{
	struct pg_params p;
	char msg[160];
	int rc = 0;

	for (size_t i = 0; i < sizeof(guards) / sizeof(guards[0]) && !rc; i++) {
		PGresult *res;
		pgp_init(&p);
		pgp_text(&p, guards[i]);
		if (!(res = pg_run(e, "SELECT count(*) FROM information_schema.triggers WHERE "
				   "trigger_schema = current_schema() AND trigger_name = $1", &p,
				   "checking guards", err)))
			return pg_code(err);
		if (pg_int(res, 0, 0) == 0) {
			snprintf(msg, sizeof(msg), "the append-only guard %s is missing (dropped "
				 "outside tracker?)", guards[i]);
			rc = finding(fn, ctx, CHECK_GUARD, NULL, msg, err);
		}
		sym_PQclear(res);
	}
	return rc;
}

/* The primary keys that keep two writers from adding the same link. */
static const char *const keyed[] = { "checkin", "history", "journal", "commitment" };

static int check_keys(struct store_engine *e, check_fn fn, void *ctx, struct trk_error *err)
{
	struct pg_params p;
	char msg[200];
	int rc = 0;

	for (size_t i = 0; i < sizeof(keyed) / sizeof(keyed[0]) && !rc; i++) {
		PGresult *res;
		pgp_init(&p);
		pgp_text(&p, keyed[i]);
		if (!(res = pg_run(e, "SELECT count(*) FROM information_schema.table_constraints "
				   "WHERE table_schema = current_schema() AND table_name = $1 AND "
				   "constraint_type = 'PRIMARY KEY'", &p, "checking keys", err)))
			return pg_code(err);
		if (pg_int(res, 0, 0) == 0) {
			snprintf(msg, sizeof(msg), "table %s has lost its primary key: two writers "
				 "could add the same link", keyed[i]);
			rc = finding(fn, ctx, CHECK_INTEGRITY, keyed[i], msg, err);
		}
		sym_PQclear(res);
	}
	return rc;
}

/* One mark row of this schema's version, and the writers' lock row. */
static int check_meta(struct store_engine *e, check_fn fn, void *ctx, struct trk_error *err)
{
	PGresult *res = pg_run(e, "SELECT (SELECT count(*) FROM tracker_meta), "
			       "(SELECT count(*) FROM tracker_lock WHERE name = 'record')", NULL,
			       "checking the schema", err);
	int rc = 0;

	if (!res)
		return pg_code(err);
	if (pg_int(res, 0, 0) != 1)
		rc = finding(fn, ctx, CHECK_INTEGRITY, "tracker_meta", "the schema mark is not one "
			     "row", err);
	if (!rc && pg_int(res, 0, 1) != 1)
		rc = finding(fn, ctx, CHECK_INTEGRITY, "tracker_lock", "the writers' lock row "
			     "'record' is missing: concurrent writers are not kept apart", err);
	sym_PQclear(res);
	return rc;
}

int pg_integrity(struct store_engine *e, check_fn fn, void *ctx, struct trk_error *err)
{
	int rc;

	if ((rc = check_meta(e, fn, ctx, err)) || (rc = check_orphans(e, fn, ctx, err)) ||
	    (rc = check_keys(e, fn, ctx, err)))
		return rc;
	return check_guards(e, fn, ctx, err);
}
