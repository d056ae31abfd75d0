/* table.h - aligned terminal tables. Cells are UTF-8; widths are display
 * columns (a CJK character takes two), text is made inert for terminals,
 * and long cells are cut with "…" to the column's limit. */
#ifndef TRK_TABLE_H
#define TRK_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "util/error.h"
#include "util/strbuf.h"

/* The rows are kept as their cells' bytes, each cell ended by a NUL, and
 * measured as they come: a table of the whole store (100,000 rows) is
 * spooled to a temporary file once it passes TABLE_SPOOL_AT bytes, so its
 * memory does not grow with the store (in memory when no temporary file
 * can be made). */
struct table {
	size_t ncols;
	const char **headers;       /* borrowed; translated when printed */
	const size_t *max_width;    /* per column, 0 = no limit; may be NULL */
	size_t fit;                 /* a line's width to fit in (the columns with a
				     * limit give way), 0 = as wide as it comes */
	size_t *widest;             /* per column, the widest cell so far, owned */
	struct strbuf rows;         /* the rows not spooled yet */
	FILE *spool;                /* the rows before them, or NULL */
	int spool_errno;            /* a write to the spool failed: the table
				     * cannot be printed whole */
	size_t nrows;
};

void table_init(struct table *t, size_t ncols, const char **headers, const size_t *max_width);
/* Adds a row of ncols cells (copied; NULL shows as "-"). */
void table_add(struct table *t, const char *const *row);
/* Writes the table; with color, health words get ANSI colours. Once. */
int table_print(struct table *t, FILE *out, bool color, struct trk_error *err);
void table_release(struct table *t);
/* The width to fit a table in: $COLUMNS when set (20 or more), else the
 * terminal's when out is one, else 0 (a pipe gets the whole width). */
size_t table_terminal_width(FILE *out);

#endif
