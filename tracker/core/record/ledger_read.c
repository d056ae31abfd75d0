/* ledger_read.c - a ledger workbook as rows: the origin from the hidden
 * sheet, then each department's sheet, its columns found by their headers
 * (so a column moved, or a title row added above, reads the same). */
#include "record/ledger_internal.h"

#include <stdlib.h>
#include <string.h>

#include "record/xlsx_read.h"
#include "util/banned.h"

/* How far down a sheet its header row may be. */
#define HEADER_ROWS_MAX 10
#define STOP_SHEET 1   /* a positive return: stop reading the sheet */

struct rd {
	struct xlsx *x;
	const struct ledger_sink *s;
	struct ledger_origin o;
	/* the sheet being read */
	const char *sheet;
	bool header, in_keys;
	int rows_before;          /* rows with cells before the header */
	int where[LEDGER__COUNT];
};

static const char *cell_text(const struct xlsx_cell *c)
{
	return c->type == XLSX_FORMULA ? "" : c->text;
}

/* The origin sheet: "name | value" rows, then "keys" and a key a row. */
static int origin_row(long row, const struct xlsx_cell *cells, size_t n, void *arg,
		      struct trk_error *err)
{
	struct rd *r = arg;
	const char *a = NULL, *b = "";

	(void)row;
	for (size_t i = 0; i < n; i++) {
		if (cells[i].col == 0)
			a = cell_text(&cells[i]);
		else if (cells[i].col == 1)
			b = cell_text(&cells[i]);
	}
	if (!a || !*a)
		return 0;
	if (r->in_keys)
		return ledger_origin_add_key(&r->o, a, err);
	if (!strcmp(a, "keys")) {
		r->in_keys = true;
		r->o.has_keys = true;
	} else {
		ledger_origin_set(&r->o, a, b);
	}
	return 0;
}

static int read_origin(struct rd *r, struct trk_error *err)
{
	int rc;

	for (size_t i = 0; i < xlsx_sheet_count(r->x); i++) {
		if (strcmp(xlsx_sheet_name(r->x, i), LEDGER_ORIGIN_SHEET))
			continue;
		if ((rc = xlsx_sheet_rows(r->x, i, origin_row, r, err)))
			return rc;
		ledger_origin_sort(&r->o);
		return r->s->origin(&r->o, r->s->ctx, err);
	}
	return trk_err(err, TRK_EINPUT, "no sheet '%s': not a ledger made by tracker (see "
		       "'tracker export xlsx')", LEDGER_ORIGIN_SHEET);
}

static enum ledger_cell_type cell_type(enum xlsx_type t)
{
	switch (t) {
	case XLSX_NUMBER: return LCELL_NUMBER;
	case XLSX_TEXT: return LCELL_TEXT;
	case XLSX_BOOL: return LCELL_BOOL;
	case XLSX_ERROR: return LCELL_ERROR;
	case XLSX_DATE: return LCELL_DATE;
	case XLSX_FORMULA: return LCELL_FORMULA;
	}
	return LCELL_EMPTY;
}

/* A sheet that cannot be read as a ledger: listed, and the rest of it
 * skipped. */
static int sheet_problem(struct rd *r, long row, const char *msg, struct trk_error *err)
{
	int rc = r->s->problem(r->sheet, row, msg, r->s->ctx, err);

	return rc ? rc : STOP_SHEET;
}

/* Looks for the header row among the first rows of the sheet. */
static int find_header(struct rd *r, long row, const struct xlsx_cell *cells, size_t n,
		       struct trk_error *err)
{
	const char *texts[LEDGER__COUNT * 4] = { 0 };
	const size_t width = sizeof(texts) / sizeof(texts[0]);
	const char *missing;
	char msg[160];

	for (size_t i = 0; i < n; i++)
		if (cells[i].col < width && cells[i].type == XLSX_TEXT)
			texts[cells[i].col] = cells[i].text;
	if (!ledger_header_row(texts, width, r->where)) {
		if (++r->rows_before < HEADER_ROWS_MAX)
			return 0;
		return sheet_problem(r, 0, "no header row (编号 … 填报人) in its first rows: not a "
				     "ledger sheet", err);
	}
	if (*(missing = ledger_header_missing(r->where))) {
		snprintf(msg, sizeof(msg), "the header row has no column '%s'", missing);
		return sheet_problem(r, row, msg, err);
	}
	r->header = true;
	return 0;
}

static int data_row(long row, const struct xlsx_cell *cells, size_t n, void *arg,
		    struct trk_error *err)
{
	struct rd *r = arg;
	struct ledger_row lr;

	if (!r->header)
		return find_header(r, row, cells, n, err);
	memset(&lr, 0, sizeof(lr));
	lr.sheet = r->sheet;
	lr.row = row;
	lr.date1904 = xlsx_date1904(r->x);
	for (int c = 0; c < LEDGER__COUNT; c++) {
		lr.cell[c].text = "";
		if (r->where[c] >= 0)
			xlsx_col_name((uint32_t)r->where[c], lr.col[c]);
	}
	for (size_t i = 0; i < n; i++) {
		for (int c = 0; c < LEDGER__COUNT; c++) {
			if (r->where[c] != (int)cells[i].col ||
			    (c != LEDGER_KEY && c < LEDGER_FIRST_FILL))
				continue;
			lr.cell[c].type = cell_type(cells[i].type);
			lr.cell[c].text = cells[i].text;
			lr.cell[c].number = cells[i].number;
		}
	}
	return r->s->row(&lr, r->s->ctx, err);
}

int ledger_read_xlsx(const char *path, const struct ledger_sink *s, struct trk_error *err)
{
	struct rd r = { .s = s };
	int rc;

	ledger_origin_init(&r.o);
	if ((rc = xlsx_open(path, &r.x, err)))
		return rc;
	if ((rc = read_origin(&r, err)))
		goto out;
	for (size_t i = 0; i < xlsx_sheet_count(r.x) && !rc; i++) {
		r.sheet = xlsx_sheet_name(r.x, i);
		if (!strcmp(r.sheet, LEDGER_ORIGIN_SHEET))
			continue;
		r.header = false;
		r.rows_before = 0;
		rc = xlsx_sheet_rows(r.x, i, data_row, &r, err);
	}
out:
	ledger_origin_release(&r.o);
	xlsx_close(r.x);
	return rc;
}
