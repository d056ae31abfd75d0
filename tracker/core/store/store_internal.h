/* store_internal.h - what the store_*.c files share: the connection, the
 * statement cache and binding helpers. Not for modules outside the store. */
#ifndef TRK_STORE_INTERNAL_H
#define TRK_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdint.h>

#include "store/store.h"

#define STMT_CACHE_MAX 64

struct stmt_slot {
	const char *sql;          /* static string: compared by address */
	sqlite3_stmt *stmt;
};

struct store {
	sqlite3 *db;
	char *path;
	struct stmt_slot cache[STMT_CACHE_MAX];
	int ncache;
};

/* Returns in *out a prepared statement for sql, ready to bind (reset,
 * bindings cleared). sql must be a string literal: the cache keys on its
 * address. The statement belongs to the store; callers sqlite3_reset() it
 * when done (stmt_done) so it holds no read lock. */
int store_stmt(struct store *st, const char *sql, sqlite3_stmt **out, struct trk_error *err);
void stmt_done(sqlite3_stmt *stmt);

/* Binders: NULL text and DATE_NONE bind SQL NULL. */
void bind_text(sqlite3_stmt *s, int idx, const char *text);
void bind_date(sqlite3_stmt *s, int idx, int32_t date);

/* Runs a statement that returns no rows; sets err on failure. */
int stmt_exec(struct store *st, sqlite3_stmt *s, const char *what, struct trk_error *err);

/* Owner id of a canonical name or alias; TRK_ENOTFOUND if none. */
int store_owner_id(struct store *st, const char *name, int64_t *id, struct trk_error *err);

/* Co-owners and tags come back as one text each, joined by the unit
 * separator that text_check() keeps out of stored names. */
#define COMMITMENT_COLUMNS \
	"SELECT c.id, c.key, c.uid, l.doc_no, c.section, c.quote, c.title, o.name, c.kind, " \
	"c.target_value, c.target_unit, c.target_cmp, c.target_baseline, c.window_start, " \
	"c.due, c.status, c.health_override, c.health_override_reason, c.sequence, " \
	"c.created_at, c.updated_at, " \
	"(SELECT group_concat(name, char(31)) FROM (SELECT o2.name FROM commitment_coowner co " \
	" JOIN owner o2 ON o2.id = co.owner_id WHERE co.commitment_id = c.id ORDER BY co.position)), " \
	"(SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM commitment_tag t " \
	" WHERE t.commitment_id = c.id ORDER BY t.position)), " \
	"(SELECT alias FROM owner_alias a WHERE a.owner_id = c.owner_id " \
	" ORDER BY length(alias), alias LIMIT 1) "
#define COMMITMENT_FROM \
	"FROM commitment c JOIN letter l ON l.id = c.letter_id JOIN owner o ON o.id = c.owner_id "
#define COMMITMENT_SELECT COMMITMENT_COLUMNS COMMITMENT_FROM
#define COMMITMENT_NCOLUMNS 24

/* Fills c (initialised here; caller releases) from a COMMITMENT_SELECT row. */
void commitment_from_row(sqlite3_stmt *s, struct commitment *c);

#endif
