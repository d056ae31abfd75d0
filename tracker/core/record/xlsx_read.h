/* xlsx_read.h - reading an Excel workbook (.xlsx) that someone sent back,
 * with libzip for the archive and libxml2's streaming reader for the XML,
 * whichever program saved it: Excel, WPS and LibreOffice write shared
 * strings, openpyxl and libxlsxwriter inline ones; a formula keeps the
 * value it was last computed to (or none, when no spreadsheet computed it).
 *
 * The file is not trusted. Every part is read through a counter that stops
 * at XLSX_PART_MAX uncompressed bytes whatever the archive claims (a zip
 * bomb fails early), the whole workbook at XLSX_TOTAL_MAX; a DOCTYPE (and
 * so any entity expansion) is refused; rows, columns, cells and shared
 * strings are bounded; sheets are streamed a row at a time, so memory
 * follows the widest row and the shared strings, not the sheet.
 *
 * Messages name the part and line of the XML ("xl/worksheets/sheet1.xml:
 * line 7: ...") or the sheet and cell ("sheet '经信局' cell K5: ..."); the
 * caller adds the file name. Nothing is printed. */
#ifndef TRK_XLSX_READ_H
#define TRK_XLSX_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

#define XLSX_PART_MAX (128u << 20)       /* uncompressed bytes of one part */
#define XLSX_TOTAL_MAX (512ull << 20)    /* of all parts read */
#define XLSX_ENTRIES_MAX 10000           /* files in the archive */
#define XLSX_SHEETS_MAX 1000
#define XLSX_STRINGS_MAX 2000000         /* shared strings */
#define XLSX_TEXT_MAX (1u << 20)         /* bytes of one cell's text */
#define XLSX_ROWS_MAX 1048576            /* Excel's limits */
#define XLSX_COLS_MAX 16384

struct xlsx;   /* opaque */

/* Opens the workbook at path: the archive, the workbook's list of sheets
 * and the shared strings. *out is the caller's, closed with xlsx_close().
 * TRK_ENOTFOUND when there is no such file, TRK_EIO when it cannot be
 * read, TRK_EINPUT when it is not a workbook or breaks a limit. */
int xlsx_open(const char *path, struct xlsx **out, struct trk_error *err);
void xlsx_close(struct xlsx *x);   /* NULL is fine */

/* The worksheets in workbook order (chart sheets left out). Names are
 * borrowed until xlsx_close(). */
size_t xlsx_sheet_count(const struct xlsx *x);
const char *xlsx_sheet_name(const struct xlsx *x, size_t i);
bool xlsx_sheet_hidden(const struct xlsx *x, size_t i);
/* Serial dates count from 1904-01-01 (workbookPr date1904). */
bool xlsx_date1904(const struct xlsx *x);

enum xlsx_type {
	XLSX_NUMBER,              /* number: also a date typed as a date */
	XLSX_TEXT,                /* typed, shared, inline or a formula's text */
	XLSX_BOOL,
	XLSX_ERROR,               /* "#DIV/0!" */
	XLSX_DATE,                /* an ISO 8601 date cell (t="d") */
	XLSX_FORMULA,             /* a formula without a computed value */
};

/* One cell with something in it; borrowed for the callback. */
struct xlsx_cell {
	uint32_t col;             /* 0 = A */
	enum xlsx_type type;
	const char *text;         /* the value as stored (the number's digits,
				   * the text, "#N/A", "1"), or the formula */
	double number;            /* XLSX_NUMBER */
};

/* Called for every row that has a cell with a value, in file order; row is
 * 1-based as the sheet shows it. A negative return stops the sheet and is
 * returned; a positive one stops it quietly (and 0 is returned). */
typedef int (*xlsx_row_fn)(long row, const struct xlsx_cell *cells, size_t n, void *ctx,
			   struct trk_error *err);
int xlsx_sheet_rows(struct xlsx *x, size_t sheet, xlsx_row_fn fn, void *ctx,
		    struct trk_error *err);

/* "K" for column 10, into out (at least 4 bytes). */
void xlsx_col_name(uint32_t col, char *out);

#endif
