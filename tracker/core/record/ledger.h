/* ledger.h - the ledger (台账) round trip of a supervision office.
 *
 * The office exports the commitments of each department as an Excel
 * workbook (one sheet per department) or as CSV, with the commitment's
 * words, deadline, target, latest figure and health, and empty columns to
 * fill: 本期数值, 截至日期, 进展说明, 佐证材料, 填报人. The department fills
 * them in Excel, WPS or LibreOffice and sends the file back; the import
 * records every filled row as a check-in by the person named, through the
 * store's door (store_checkin_import), so the store's rules apply.
 *
 * Where a ledger came from travels with it: a hidden sheet (xlsx) or the
 * first line (CSV) names the store (the hash of the first entry of its
 * journal), the export, and the keys it was made for. A ledger from another
 * store is refused, and so is a row for a key outside the ledger.
 *
 * A row is already recorded when its commitment has a check-in with the
 * same 截至日期 (as_of), the same figure and the same 进展说明 (note): the
 * store's own test for a check-in from a file, so importing a ledger twice
 * changes nothing, whoever imports it. */
#ifndef TRK_LEDGER_H
#define TRK_LEDGER_H

#include <stdbool.h>
#include <stdio.h>

#include "store/store.h"
#include "util/error.h"

#define LEDGER_FORMAT_ID "tracker-ledger/1"
/* The hidden sheet that says where a workbook came from. */
#define LEDGER_ORIGIN_SHEET "_tracker"

/* The columns, in the order they are written. */
enum ledger_col {
	LEDGER_KEY, LEDGER_OWNER, LEDGER_QUOTE, LEDGER_TITLE, LEDGER_DUE, LEDGER_TARGET,
	LEDGER_LAST_VALUE, LEDGER_LAST_DATE, LEDGER_HEALTH,
	/* the columns a department fills */
	LEDGER_VALUE, LEDGER_AS_OF, LEDGER_NOTE, LEDGER_EVIDENCE, LEDGER_AUTHOR,
	LEDGER__COUNT
};
#define LEDGER_FIRST_FILL LEDGER_VALUE

/* The header of a column ("编号", "本期数值"); static storage. */
const char *ledger_header(enum ledger_col c);
/* The column whose header is text (surrounding spaces ignored), or -1. */
int ledger_header_parse(const char *text);

enum ledger_format { LEDGER_XLSX, LEDGER_CSV };

/* LEDGER_XLSX or LEDGER_CSV by the file name's extension (.xlsx, .csv,
 * any case), or -1 for anything else. */
int ledger_format_of(const char *path);

/* What an export says about itself; strings borrowed for the call. */
struct ledger_export_info {
	const char *by;           /* who exports (the actor's name) */
	const char *selection;    /* the filters as people read them, "" for all */
};

struct ledger_export_stats {
	int commitments;
	int sheets;               /* departments (xlsx) */
};

/* Writes the commitments q selects (with their progress as of q->as_of) as
 * a workbook at path, atomically (util/outfile.h): one sheet per lead
 * department in pinyin order, and the hidden origin sheet. TRK_ENOTFOUND
 * when q selects nothing. */
int ledger_export_xlsx(struct store *st, const struct query *q,
		       const struct ledger_export_info *info, const char *path,
		       struct ledger_export_stats *n, struct trk_error *err);
/* The same as CSV (UTF-8 with a BOM, CRLF, RFC 4180; formulas neutralised)
 * to out: the origin line, the header line, one line per commitment. */
int ledger_export_csv(struct store *st, const struct query *q,
		      const struct ledger_export_info *info, FILE *out,
		      struct ledger_export_stats *n, struct trk_error *err);

/* A row the import refused, and why: the place as a person finds it in the
 * file. */
struct ledger_problem {
	char *sheet;              /* the sheet (xlsx), NULL for CSV */
	long row;                 /* the row (xlsx) or line (CSV); 0: the file */
	char col[8];              /* "K" (xlsx) or the field number (CSV); "" */
	const char *header;       /* the column's header, or NULL */
	int code;                 /* TRK_E* */
	char *msg;
};

/* At most this many problems are kept (the rest are counted). */
#define LEDGER_PROBLEMS_MAX 200

struct ledger_result {
	const char *encoding;     /* static: "xlsx", "UTF-8", "GB18030", ... */
	int filled;               /* rows with something to record */
	int added;                /* check-ins written */
	int already;              /* rows already recorded */
	int invalid;              /* rows refused (also sheets without a header) */
	struct ledger_problem *problems;   /* the first LEDGER_PROBLEMS_MAX */
	size_t nproblems;
	char *export_id, *exported_at, *exported_by;   /* from the origin */
};
void ledger_result_release(struct ledger_result *r);

/* Imports the ledger at path (xlsx or CSV, by its extension) as actor a, in
 * one transaction. Every filled row is checked (key known and in the
 * ledger, figure, date, author, then the store's rules) and each refused
 * row is listed in res->problems. Unless skip_invalid, nothing is written
 * when any row is refused: TRK_EINPUT, err saying how many. With
 * skip_invalid the valid rows are written and the others listed. A file
 * that is not a ledger of this store fails as a whole (TRK_EINPUT,
 * TRK_ECONFLICT for another store's). res is the caller's to release,
 * filled as far as the import got, also on failure. */
int ledger_import(struct store *st, const struct actor *a, const char *path,
		  bool skip_invalid, struct ledger_result *res, struct trk_error *err);

#endif
