/* store_admin.h - looking after the record: the engine's own consistency
 * checks (integrity of the files or tables, foreign keys, the append-only
 * guards), and copies of the record (backup, restore). What the record
 * says is checked engine-neutrally in record/check.c, over store_query();
 * this is the part only the database can answer. */
#ifndef TRK_STORE_ADMIN_H
#define TRK_STORE_ADMIN_H

#include "store/store.h"

enum check_kind {
	CHECK_INTEGRITY,          /* the database itself (pages, indexes) */
	CHECK_FOREIGN_KEY,        /* a row referring to a missing one */
	CHECK_GUARD,              /* an append-only guard (trigger) missing */
	CHECK_TEXT_HASH,          /* letter text vs text_sha256 */
	CHECK_QUOTE,              /* quote not in its letter's text */
	CHECK_CHECKIN_CHAIN,
	CHECK_HISTORY_CHAIN,
	CHECK_ROW,                /* a row that its records do not produce */
	CHECK_JOURNAL,            /* the journal chain, or a table it disagrees with */
	CHECK_TIME,               /* a record older than the one before it */
	CHECK_READ,               /* a part of the record that could not be read */
	CHECK_REPORT,             /* a sent report the record no longer gives */
	CHECK_SUMMARY,            /* a check-in summary its check-ins do not give */
	CHECK__COUNT
};

/* Machine name: "integrity", "foreign_key", "guard", "text_hash", "quote",
 * "checkin_chain", "history_chain", "row", "journal", "time", "read",
 * "report", "summary". */
const char *check_kind_name(enum check_kind k);

/* One finding. All pointers are borrowed for the callback only. */
struct check_finding {
	enum check_kind kind;
	const char *key;          /* commitment key, letter doc_no, table; or NULL */
	int seq;                  /* record seq for the chains, else 0 */
	const char *message;      /* what is wrong, one line, no place prefix */
};
typedef int (*check_fn)(const struct check_finding *f, void *ctx, struct trk_error *err);

/* Findings kept to be handed on later, in the order they came: copies,
 * owned by the list. Zeroed is empty. */
struct held_findings {
	struct check_finding *items;   /* key and message owned */
	size_t n, alloc;
};
void held_findings_add(struct held_findings *h, const struct check_finding *f);
/* Hands each to fn in order (none after one fails) and empties h, always. */
int held_findings_flush(struct held_findings *h, check_fn fn, void *ctx, struct trk_error *err);
void held_findings_clear(struct held_findings *h);

/* The engine's checks of the database (no record logic), calling fn per
 * finding. A database too damaged to be read is itself a finding. */
int store_engine_check(struct store *st, check_fn fn, void *ctx, struct trk_error *err);

/* The same checks, started beside the caller's own reads where the engine
 * can (SQLite: a second connection on a thread of its own, so its own
 * snapshot of the file); *pending is then set and the findings come from
 * store_engine_check_finish(), which the caller must call (it waits, and
 * frees *pending). Where it cannot, they run at once, before this
 * returns, and *pending is NULL. */
struct engine_check;
int store_engine_check_start(struct store *st, check_fn fn, void *ctx,
			     struct engine_check **pending, struct trk_error *err);
int store_engine_check_finish(struct store *st, struct engine_check *pending, check_fn fn,
			      void *ctx, struct trk_error *err);

/* Writes a consistent copy of the record to path (a file, for SQLite),
 * atomically (path holds its old content or the whole copy). Refuses a path
 * that is the live database or one of its companion files, and a record
 * that fails the engine's quick integrity check. */
int store_backup(struct store *st, const char *path, struct trk_error *err);

/* Replaces the record with the copy at path, in one transaction: others see
 * the old or the new record. The copy must have been checked in full before
 * (record/backup.h does: restore never trusts a file it has not checked). */
int store_restore_from(struct store *st, const char *path, struct trk_error *err);

#endif
