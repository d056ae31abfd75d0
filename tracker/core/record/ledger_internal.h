/* ledger_internal.h - what the ledger's files share (record/ledger_*.c):
 * the origin a ledger carries, the commitments as an export walks them,
 * and the rows a reader hands to the import. Inside record/ only. */
#ifndef TRK_LEDGER_INTERNAL_H
#define TRK_LEDGER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "record/ledger.h"
#include "util/digest.h"
#include "util/strbuf.h"

/* At most this many keys in an origin: far more than any department has
 * commitments, and a bound on what a hostile file makes us hold. */
#define LEDGER_KEYS_MAX 1000000

/* Where a ledger came from. Owns its strings; keys sorted once complete. */
struct ledger_origin {
	char *format, *store_id, *export_id, *exported_at, *exported_by, *selection;
	char **keys;
	size_t nkeys, akeys;
	bool has_keys;            /* the origin lists its keys (even none) */
};
void ledger_origin_init(struct ledger_origin *o);
void ledger_origin_release(struct ledger_origin *o);
/* Sets the field named name ("format", "store", "export", "exported_at",
 * "exported_by", "selection"); other names are ignored (a later version's).
 * Copies value. */
void ledger_origin_set(struct ledger_origin *o, const char *name, const char *value);
/* Adds a key (copied); TRK_EINPUT past LEDGER_KEYS_MAX. */
int ledger_origin_add_key(struct ledger_origin *o, const char *key, struct trk_error *err);
/* Sorts the keys, so ledger_origin_has() can search them. */
void ledger_origin_sort(struct ledger_origin *o);
bool ledger_origin_has(const struct ledger_origin *o, const char *key);
/* The index of key among the sorted keys, or -1. */
long ledger_origin_find(const struct ledger_origin *o, const char *key);
/* The export's id: a SHA-256 over the store, the time, the author and the
 * keys, cut to 16 hex digits (keys sorted first). */
void ledger_origin_seal(struct ledger_origin *o);

/* The identity of the store: the hash of the first entry of its journal
 * (written when the store was made). TRK_ENOTFOUND for an empty journal. */
int ledger_store_id(struct store *st, char out[DIGEST_HEXSZ], struct trk_error *err);

/* ---- exporting ------------------------------------------------------------ */

/* One commitment as a ledger row shows it; borrowed for the callback. */
struct ledger_item {
	const struct commitment *c;
	const struct progress *p;
	const char *lead;         /* the sheet it belongs on: the lead owner */
};
typedef int (*ledger_item_fn)(const struct ledger_item *it, void *ctx, struct trk_error *err);

/* Walks the commitments of q by lead owner (pinyin), due date and key,
 * adding each key to o; then fills o (store, time, author, selection) and
 * seals it. TRK_ENOTFOUND when there are none. */
int ledger_scan(struct store *st, const struct query *q, const struct ledger_export_info *info,
		struct ledger_origin *o, ledger_item_fn fn, void *ctx, struct trk_error *err);

/* The text of a read-only column of it, made inert ("" for fill columns). */
void ledger_item_text(const struct ledger_item *it, enum ledger_col c, struct strbuf *sb);

/* ---- reading -------------------------------------------------------------- */

enum ledger_cell_type {
	LCELL_EMPTY,
	LCELL_TEXT,               /* text: typed, shared, inline, or a formula's */
	LCELL_NUMBER,             /* number (a date typed as a date is one too) */
	LCELL_DATE,               /* an ISO 8601 date cell (t="d") */
	LCELL_BOOL,
	LCELL_ERROR,              /* "#DIV/0!" */
	LCELL_FORMULA,            /* a formula nobody computed: text is the formula */
};

struct ledger_cell {
	enum ledger_cell_type type;
	const char *text;         /* the text as stored ("" when empty) */
	double number;
};

/* A row of a ledger as a reader found it; only the key and the columns to
 * fill are read. Borrowed for the callback. */
struct ledger_row {
	const char *sheet;        /* NULL for CSV */
	long row;                 /* row or line number, from 1 */
	bool date1904;            /* serial dates count from 1904 (old Mac Excel) */
	struct ledger_cell cell[LEDGER__COUNT];
	char col[LEDGER__COUNT][8];   /* "K", or the CSV field number */
};

/* What a reader hands on: the origin first, then the rows in order, and
 * problems it finds with the file's layout (a sheet without a header). */
struct ledger_sink {
	int (*origin)(const struct ledger_origin *o, void *ctx, struct trk_error *err);
	int (*row)(const struct ledger_row *r, void *ctx, struct trk_error *err);
	int (*problem)(const char *sheet, long row, const char *msg, void *ctx,
		       struct trk_error *err);
	void *ctx;
};

/* Reads the workbook at path (record/ledger_read.c). */
int ledger_read_xlsx(const char *path, const struct ledger_sink *s, struct trk_error *err);
/* Reads the CSV at path, UTF-8 or GB18030 (record/ledger_csv.c); *encoding
 * says which (static). */
int ledger_read_csv(const char *path, const struct ledger_sink *s, const char **encoding,
		    struct trk_error *err);

/* The column header row of a sheet: which column each ledger column is in
 * (-1 when missing). True when it is a header row (has 编号 and 本期数值). */
bool ledger_header_row(const char *const *texts, size_t n, int where[LEDGER__COUNT]);
/* The first missing column a ledger needs ("" when none). */
const char *ledger_header_missing(const int where[LEDGER__COUNT]);

#endif
