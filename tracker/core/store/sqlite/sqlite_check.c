/* sqlite_check.c - what only SQLite can say about its file: pages and
 * indexes (integrity_check), foreign keys, and whether the append-only
 * guards are still there. A file too damaged to be read is itself the
 * finding; nothing read from it afterwards could be trusted. */
#include "store/sqlite/sqlite_internal.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
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

	if (sq_scan_prepare(e, sql, &s) != SQLITE_OK) {
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
	sq_scan_finish(e, s);
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

/* ---- the same checks beside the caller ------------------------------------------- */

/* integrity_check and foreign_key_check read every page: as long as a
 * whole check's own walk of the records. On a second connection and
 * thread the two reads overlap. Its findings wait here, so the caller
 * hands them on in the order sq_integrity() would have. */
struct engine_check {
	struct store_engine *reader;   /* owned: the second connection */
	pthread_t thread;
	struct held_findings held;
	int rc;                        /* the thread's result, and its error */
	struct trk_error err;
};

static int hold(const struct check_finding *f, void *arg, struct trk_error *err)
{
	struct engine_check *c = arg;

	(void)err;
	held_findings_add(&c->held, f);
	return 0;
}

/* One read transaction: the three checks see one state of the file. */
static void *check_beside(void *arg)
{
	struct engine_check *c = arg;

	if (sqlite3_exec(c->reader->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		c->rc = sq_err(c->reader, &c->err, "checking");
		return NULL;
	}
	c->rc = sq_integrity(c->reader, hold, c, &c->err);
	sqlite3_exec(c->reader->db, "COMMIT", NULL, NULL, NULL);
	return NULL;
}

int sq_integrity_start(struct store_engine *e, struct engine_check **out,
		       struct trk_error *err)
{
	struct engine_check *c;

	(void)err;
	*out = NULL;
	c = xcalloc(1, sizeof(*c));
	if (!(c->reader = sq_open_beside(e)) ||
	    pthread_create(&c->thread, NULL, check_beside, c) != 0) {
		sq_close(c->reader);
		free(c);
		return 0;   /* the caller checks on its own connection */
	}
	*out = c;
	return 0;
}

int sq_integrity_finish(struct engine_check *c, check_fn fn, void *ctx, struct trk_error *err)
{
	int rc;

	pthread_join(c->thread, NULL);
	/* What it found before it stopped, then why it stopped: as in turn. */
	rc = held_findings_flush(&c->held, fn, ctx, err);
	if (!rc && c->rc) {
		rc = c->rc;
		*err = c->err;
	}
	sq_close(c->reader);
	free(c);
	return rc;
}
