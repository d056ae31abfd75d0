/* table.h - aligned terminal tables. Cells are UTF-8; widths are display
 * columns (a CJK character takes two), text is made inert for terminals,
 * and long cells are cut with "…" to the column's limit. */
#ifndef TRK_TABLE_H
#define TRK_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "util/error.h"

struct table {
	size_t ncols;
	const char **headers;       /* borrowed; translated when printed */
	const size_t *max_width;    /* per column, 0 = no limit; may be NULL */
	size_t fit;                 /* a line's width to fit in (the columns with a
				     * limit give way), 0 = as wide as it comes */
	char **cells;               /* nrows * ncols, owned */
	size_t nrows, alloc;
};

void table_init(struct table *t, size_t ncols, const char **headers, const size_t *max_width);
/* Adds a row of ncols cells (copied; NULL shows as "-"). */
void table_add(struct table *t, const char *const *row);
/* Writes the table; with color, health words get ANSI colours. */
int table_print(const struct table *t, FILE *out, bool color, struct trk_error *err);
void table_release(struct table *t);
/* The width to fit a table in: $COLUMNS when set (20 or more), else the
 * terminal's when out is one, else 0 (a pipe gets the whole width). */
size_t table_terminal_width(FILE *out);

#endif
