/* sqlite_check.c - what only SQLite can say about its file: pages and
 * indexes (integrity_check), foreign keys, and whether the append-only
 * guards are still there. A file too damaged to be read is itself the
 * finding; nothing read from it afterwards could be trusted. */
#include "store/sqlite/sqlite_internal.h"

#include <stdio.h>
#include <string.h>

#include "util/banned.h"

static int finding(check_fn fn, void *ctx, enum check_kind kind, const char *key,
		   const char *message, struct trk_error *err)
{
	struct check_finding f = { .kind = kind, .key = key, .message = message };

	return fn(&f, ctx, err);
}

/* Runs fixed SQL and hands each row's columns to row(). */
static int each_row(struct store_engine *e, const char *sql,
		    int (*row)(sqlite3_stmt *s, check_fn fn, void *ctx, struct trk_error *err),
		    check_fn fn, void *ctx, struct trk_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(e->db, sql, -1, &s, NULL) != SQLITE_OK) {
		rc = sqlite3_errcode(e->db) & 0xff;
		if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB)
			return finding(fn, ctx, CHECK_INTEGRITY, NULL, sqlite3_errmsg(e->db), err);
		return sq_err(e, err, "checking");
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if ((rc = row(s, fn, ctx, err)))
			goto out;
	if (rc == SQLITE_DONE)
		rc = 0;
	else if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
		rc = finding(fn, ctx, CHECK_INTEGRITY, NULL, sqlite3_errmsg(e->db), err);
	else
		rc = sq_err(e, err, "checking");
out:
	sqlite3_finalize(s);
	return rc;
}

static int integrity_row(sqlite3_stmt *s, check_fn fn, void *ctx, struct trk_error *err)
{
	const char *msg = (const char *)sqlite3_column_text(s, 0);

	return msg && strcmp(msg, "ok") ? finding(fn, ctx, CHECK_INTEGRITY, NULL, msg, err) : 0;
}

static int fk_row(sqlite3_stmt *s, check_fn fn, void *ctx, struct trk_error *err)
{
	char msg[256];

	snprintf(msg, sizeof(msg), "row %lld refers to a missing %s", sqlite3_column_int64(s, 1),
		 (const char *)sqlite3_column_text(s, 2));
	return finding(fn, ctx, CHECK_FOREIGN_KEY, (const char *)sqlite3_column_text(s, 0), msg,
		       err);
}

/* The guards that make check-ins, history and the journal append-only. */
static const char *const guards[] = {
	"checkin_append_only_update", "checkin_append_only_delete",
	"history_append_only_update", "history_append_only_delete",
	"journal_append_only_update", "journal_append_only_delete",
};

static int check_guards(struct store_engine *e, check_fn fn, void *ctx, struct trk_error *err)
{
	sqlite3_stmt *s;
	char msg[160];
	int rc = 0, n;

	for (size_t i = 0; i < sizeof(guards) / sizeof(guards[0]) && !rc; i++) {
		if ((rc = sq_stmt(e, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' "
				  "AND name = ?1", &s, err)))
			return rc;
		bind_text(s, 1, guards[i]);
		rc = sqlite3_step(s) == SQLITE_ROW ? 0 : sq_err(e, err, "checking guards");
		n = rc ? 0 : sqlite3_column_int(s, 0);
		stmt_done(s);
		if (!rc && !n) {
			snprintf(msg, sizeof(msg), "the append-only guard %s is missing (dropped "
				 "outside tracker?)", guards[i]);
			rc = finding(fn, ctx, CHECK_GUARD, NULL, msg, err);
		}
	}
	return rc;
}

int sq_integrity(struct store_engine *e, check_fn fn, void *ctx, struct trk_error *err)
{
	int rc;

	if ((rc = each_row(e, "PRAGMA integrity_check", integrity_row, fn, ctx, err)) ||
	    (rc = each_row(e, "PRAGMA foreign_key_check", fk_row, fn, ctx, err)))
		return rc;
	return check_guards(e, fn, ctx, err);
}
