/* test_table.c - the terminal table (cli/table.c) of many rows: a table of
 * the whole store passes its spool threshold (1 MiB) several times, and
 * must print every row once, in order, in columns as wide as the widest
 * cell, exactly as a table held in memory does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "table.h"
#include "util/strbuf.h"
#include "util/utf8.h"

static unsigned long long rng_state = 20261203;

static unsigned rnd(unsigned n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)(rng_state >> 33) % n;
}

#define NCOLS 3
#define NROWS 40000

/* Row r's cells: a unique key, then texts of 0..24 characters mixing CJK
 * (two columns each) and ASCII; some NULL ("-"). */
static void make_row(int r, char cells[NCOLS][128], const char *row[NCOLS])
{
	static const char *const pieces[] = { "经信局", "a", "机器人", "Zz", "台", "9", "·" };

	snprintf(cells[0], 128, "K%06d", r);
	for (int c = 1; c < NCOLS; c++) {
		unsigned n = rnd(9);
		cells[c][0] = '\0';
		for (unsigned i = 0; i < n; i++)
			strcat(cells[c], pieces[rnd(7)]);
	}
	for (int c = 0; c < NCOLS; c++)
		row[c] = c && rnd(50) == 0 ? NULL : cells[c];
}

/* The line a table of these widths shows for cells: each but the last
 * padded to its column and followed by two spaces, trailing spaces cut. */
static void expected_line(struct strbuf *sb, const char *const *cells, const size_t *w)
{
	size_t start = sb->len;

	for (int c = 0; c < NCOLS; c++) {
		const char *cell = cells[c] ? cells[c] : "-";
		strbuf_addstr(sb, cell);
		for (size_t i = utf8_width(cell); c + 1 < NCOLS && i < w[c] + 2; i++)
			strbuf_addch(sb, ' ');
	}
	while (sb->len > start && sb->buf[sb->len - 1] == ' ')
		sb->buf[--sb->len] = '\0';
	strbuf_addch(sb, '\n');
}

static void test_many_rows(void)
{
	static const char *headers[NCOLS] = { "KEY", "OWNER", "TITLE" };
	struct strbuf want = STRBUF_INIT;
	char cells[NCOLS][128], *got = NULL;
	const char *row[NCOLS];
	size_t w[NCOLS], size = 0;
	struct trk_error err;
	struct table t;
	FILE *out;

	for (int c = 0; c < NCOLS; c++)
		w[c] = strlen(headers[c]);
	table_init(&t, NCOLS, headers, NULL);
	for (int r = 0; r < NROWS; r++) {
		make_row(r, cells, row);
		table_add(&t, row);
		for (int c = 0; c < NCOLS; c++) {
			size_t cw = utf8_width(row[c] ? row[c] : "-");
			w[c] = cw > w[c] ? cw : w[c];
		}
	}
	CHECK(t.spool != NULL);   /* the threshold was passed */
	rng_state = 20261203;
	expected_line(&want, headers, w);
	for (int r = 0; r < NROWS; r++) {
		make_row(r, cells, row);
		expected_line(&want, row, w);
	}
	out = open_memstream(&got, &size);
	CHECK_INT(table_print(&t, out, false, &err), 0);
	fclose(out);
	CHECK_INT((long long)size, (long long)want.len);
	CHECK(got && !strcmp(got, want.buf));
	table_release(&t);
	strbuf_release(&want);
	free(got);
}

int main(void)
{
	setenv("LANGUAGE", "en", 1);
	test_many_rows();
	return check_summary();
}
