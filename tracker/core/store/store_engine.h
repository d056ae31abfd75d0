/* store_engine.h - what a database engine does behind the door.
 *
 * One table of functions per engine (after git's struct ref_storage_be):
 * store/sqlite/ fills one, store/pg/ another, and store/store_*.c call
 * e->ops->... without knowing which. An engine keeps and finds rows and
 * nothing more: it checks no rule, computes no hash and reads no clock
 * (the door does all three, once, for every engine), so the same record
 * is byte for byte the same in every engine.
 *
 * Conventions: 0 or a negative TRK_E* code with err set. "Borrowed" rows
 * handed to a callback live in the engine's memory until the callback
 * returns. Lookups that find nothing return TRK_ENOTFOUND with a message
 * naming what was looked for. Inside store/ only. */
#ifndef TRK_STORE_ENGINE_H
#define TRK_STORE_ENGINE_H

#include <string.h>

#include "store/store.h"
#include "store/store_admin.h"
#include "store/store_user.h"

struct store_engine;   /* each engine's own state */
struct engine_check;    /* an engine check running beside the caller */

/* A commitment's stored summary of its check-ins (checkin_summary,
 * model/progress.h), beside or instead of them. */
enum scan_summary {
	SUMMARY_NO,               /* the check-ins; no digest (NULL) */
	SUMMARY_BESIDE,           /* the check-ins, and the stored digest (NULL
				   * when the commitment has no row): what
				   * `tracker check` verifies */
	SUMMARY_INSTEAD,          /* the stored digest (all zero when there is
				   * no row) and no check-ins, unless its
				   * last_as_of lies after summary_until: then
				   * the check-ins and no digest. With
				   * WANT_CHECKINS (asked only with
				   * WANT_LATEST_CHECKINS) the digest comes
				   * with at least the latest check-ins (all
				   * of them will do) */
};

/* What a scan asks of the engine. The engine may use f's key, letter, tag,
 * owner(s) and due bounds to choose rows (it must not drop a row the door
 * would keep: under known_at the door filters owner and due itself, since
 * they may have changed since), and returns rows in `order`. */
struct engine_scan {
	const struct filter *f;
	bool by_current_fields;   /* false under known_at: owner/due in C only */
	const char *known_at;     /* commitments created at or before it */
	enum sort_order order;
	unsigned want;            /* WANT_CHECKINS | WANT_HISTORY; check-ins'
				   * seq, as_of, value, supersedes and
				   * recorded_at always come */
	enum scan_summary summary;
	int32_t summary_until;    /* SUMMARY_INSTEAD: the date asked about */
	const struct texts_window *texts;   /* query.texts */
};

/* Whether check-in k, its seq, as_of, supersedes and recorded_at read,
 * gets its texts under w (NULL: every check-in does). */
static inline bool texts_wanted(const struct texts_window *w, const struct checkin *k)
{
	return !w || k->as_of >= w->from ||
	       (k->supersedes > 0 && k->recorded_at && w->since &&
		strcmp(k->recorded_at, w->since) >= 0);
}

/* One commitment with its records (by seq; history from seq 0) and the
 * digest of its check-ins as enum scan_summary says, all borrowed. The
 * commitment may be changed by the callee (the door rewinds it), but its
 * strings belong to the engine. */
typedef int (*engine_row_fn)(struct commitment *c, struct checkin *k, size_t nk,
			     struct history *h, size_t nh, const struct progress_digest *d,
			     void *ctx, struct trk_error *err);

typedef int (*engine_setting_fn)(const char *key, const char *value, void *ctx,
				 struct trk_error *err);

struct store_ops {
	const char *name;
	/* True when location is this engine's (a URI scheme, a conninfo). */
	bool (*claims)(const char *location);
	int (*open)(const char *location, unsigned flags, struct store_engine **out,
		    struct trk_error *err);
	void (*close)(struct store_engine *e);

	/* Transactions: a write (serialised against other writers, retried
	 * while another holds the lock) or a read snapshot. */
	int (*begin)(struct store_engine *e, bool write, struct trk_error *err);
	/* A write of many records (store_write_bulk); NULL: begin(e, true). */
	int (*begin_bulk)(struct store_engine *e, struct trk_error *err);
	int (*commit)(struct store_engine *e, struct trk_error *err);
	void (*rollback)(struct store_engine *e);

	int (*schema_version)(struct store_engine *e, int *out, struct trk_error *err);
	int (*migrate)(struct store_engine *e, int upto, struct trk_error *err);

	/* The journal: its last entry (seq 0 and hash "" when empty). */
	int (*journal_tail)(struct store_engine *e, struct journal_entry *out,
			    struct trk_error *err);
	int (*journal_insert)(struct store_engine *e, const struct journal_entry *j,
			      struct trk_error *err);
	int (*journal_scan)(struct store_engine *e, journal_fn fn, void *ctx,
			    struct trk_error *err);

	int (*setting_get)(struct store_engine *e, const char *key, char **out,
			   struct trk_error *err);
	int (*setting_put)(struct store_engine *e, const char *key, const char *value,
			   struct trk_error *err);
	int (*settings_scan)(struct store_engine *e, engine_setting_fn fn, void *ctx,
			     struct trk_error *err);

	/* Owners: by any alias (the canonical name is an alias too). */
	int (*owner_lookup)(struct store_engine *e, const char *alias, int64_t *id,
			    char **canonical, struct trk_error *err);
	int (*owner_insert)(struct store_engine *e, const char *name, int64_t *id,
			    struct trk_error *err);
	int (*alias_insert)(struct store_engine *e, int64_t owner_id, const char *alias,
			    struct trk_error *err);
	/* Owners with aliases and counts, in any order (the door sorts). */
	int (*owners_scan)(struct store_engine *e, owner_fn fn, void *ctx,
			   struct trk_error *err);

	/* Letters: by doc_no, or when sha256 is not NULL by text hash too. */
	int (*letter_lookup)(struct store_engine *e, const char *doc_no, const char *sha256,
			     bool with_text, struct letter *out, struct trk_error *err);
	int (*letter_insert)(struct store_engine *e, struct letter *l, struct trk_error *err);
	int (*letters_scan)(struct store_engine *e, bool with_text, letter_fn fn, void *ctx,
			    struct trk_error *err);

	/* Commitments: the row alone (no records), with owner_short. */
	int (*commitment_lookup)(struct store_engine *e, const char *key,
				 struct commitment *out, struct trk_error *err);
	int (*commitment_insert)(struct store_engine *e, struct commitment *c,
				 struct trk_error *err);
	int (*commitment_update)(struct store_engine *e, const struct commitment *c,
				 struct trk_error *err);
	/* The quotes of a letter's commitments, for store_quote_tracked(). */
	int (*quotes_scan)(struct store_engine *e, const char *doc_no,
			   int (*fn)(const char *key, const char *quote, void *ctx,
				     struct trk_error *err),
			   void *ctx, struct trk_error *err);
	int (*scan)(struct store_engine *e, const struct engine_scan *q, engine_row_fn fn,
		    void *ctx, struct trk_error *err);
	/* The last links of every commitment's chains as known at known_at:
	 * store_chain_links() (store.h), in one read of the engine's own.
	 * Optional: NULL, the door takes them from a query of the records. */
	int (*chain_links)(struct store_engine *e, const char *known_at, chain_link_fn fn,
			   void *ctx, struct trk_error *err);

	/* Records, appended (the door has checked and hashed them). */
	int (*checkin_insert)(struct store_engine *e, int64_t cid, const struct checkin *k,
			      struct trk_error *err);
	int (*history_insert)(struct store_engine *e, int64_t cid, const struct history *h,
			      struct trk_error *err);
	/* The digest of a commitment's check-ins, written over the last one
	 * (the door computes it after each append). */
	int (*summary_put)(struct store_engine *e, int64_t cid, const struct progress_digest *d,
			   struct trk_error *err);

	/* Users, their secrets (hashes only) and sessions: store_user.h. */
	const struct user_ops *users;

	/* Optional: a second connection to the same record, read-only, for
	 * reads on another thread beside e's; NULL where it cannot be (a
	 * database in memory). Closed with close(). */
	struct store_engine *(*open_beside)(const struct store_engine *e);

	/* Administration: the engine's own consistency checks, and copies. */
	int (*integrity)(struct store_engine *e, check_fn fn, void *ctx, struct trk_error *err);
	/* Optional: integrity() started beside the caller, on a connection and
	 * a thread of its own (its own snapshot of the same file): a whole
	 * check then costs the longer of the two reads, not their sum. *out
	 * is NULL where it cannot be (a database in memory, no second
	 * connection); the caller then runs integrity() itself. */
	int (*integrity_start)(struct store_engine *e, struct engine_check **out,
			       struct trk_error *err);
	/* Waits for it and hands its findings to fn, in the order integrity()
	 * would; frees c, whatever it returns. */
	int (*integrity_finish)(struct engine_check *c, check_fn fn, void *ctx,
				struct trk_error *err);
	int (*backup)(struct store_engine *e, const char *path, struct trk_error *err);
	int (*restore)(struct store_engine *e, const char *path, struct trk_error *err);
	/* Empties every table, guards or not, inside the caller's write
	 * transaction: only for a copy that refills it at once (store_copy.h:
	 * a store that holds nothing but its creation, or a restore). */
	int (*reset)(struct store_engine *e, struct trk_error *err);
};

/* Writes the summary of every commitment that has check-ins, from the
 * check-ins (store_summary.c): the data step of migration 008 in each
 * engine, inside its transaction. */
int engine_summaries_fill(const struct store_ops *ops, struct store_engine *e,
			  struct trk_error *err);

/* The engines this program has, tried in order; the last (SQLite) claims
 * every location the others do not. */
extern const struct store_ops pg_store_ops;       /* postgresql:// and conninfo */
extern const struct store_ops sqlite_store_ops;

/* The engine and its ops of an open store (inside store/ only). */
struct store_engine *store_engine_of(struct store *st);
const struct store_ops *store_ops_of(struct store *st);

#endif
