/* check.h - `tracker check` as a library: is the database sound, and is
 * its record still the one that was written?
 *
 * The checks: SQLite's integrity_check and foreign_key_check; every letter
 * text still matches its text_sha256; every quote is still a substring of
 * its letter's text (when the text is known); and each commitment's
 * check-in and history chains are intact (seq 1, 2, ... without gaps, each
 * prev_hash the previous record's hash, each hash recomputed from the
 * record). Of each broken chain only the first broken link is reported:
 * everything after it follows from it. */
#ifndef TRK_CHECK_H
#define TRK_CHECK_H

#include "util/error.h"
#include "store/store.h"

enum check_kind {
	CHECK_INTEGRITY,          /* PRAGMA integrity_check */
	CHECK_FOREIGN_KEY,        /* PRAGMA foreign_key_check */
	CHECK_TEXT_HASH,          /* letter text vs text_sha256 */
	CHECK_QUOTE,              /* quote not in its letter's text */
	CHECK_CHECKIN_CHAIN,
	CHECK_HISTORY_CHAIN,
	CHECK__COUNT
};

/* Machine name of a kind: "integrity", "foreign_key", "text_hash", "quote",
 * "checkin_chain", "history_chain". */
const char *check_kind_name(enum check_kind k);

/* One finding. All pointers are borrowed for the callback only. */
struct check_finding {
	enum check_kind kind;
	const char *key;          /* commitment key, letter doc_no, table; or NULL */
	int seq;                  /* record seq for the chains, else 0 */
	const char *message;      /* what is wrong, one line, no place prefix */
};

/* Called once per finding; a non-zero return stops the check and is
 * returned by check_run(). */
typedef int (*check_fn)(const struct check_finding *f, void *ctx, struct trk_error *err);

/* Runs every check in one read transaction (one snapshot, so writers that
 * commit meanwhile cause no false findings), calling fn per finding. Sets
 * *nfindings. Returns 0 when the checks ran (whatever they found), or an
 * error when they could not run (TRK_EDB). Memory does not grow with the
 * database, except for one letter's text at a time. */
int check_run(struct store *st, check_fn fn, void *ctx, int *nfindings,
	      struct trk_error *err);

#endif
