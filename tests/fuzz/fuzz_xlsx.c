/* fuzz_xlsx.c - libFuzzer target: the workbook reader (record/xlsx_read.h)
 * on whatever comes back from a department: the input is the .xlsx file's
 * bytes. Every sheet is read a row at a time. Besides "no crash, no leak,
 * bounded memory": rows come in 1..XLSX_ROWS_MAX, cells in
 * 0..XLSX_COLS_MAX-1 in increasing order, every text is valid UTF-8 of at
 * most XLSX_TEXT_MAX bytes, and a failure fills the error message. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "record/xlsx_read.h"
#include "util/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int row_fn(long row, const struct xlsx_cell *cells, size_t n, void *ctx,
		  struct trk_error *err)
{
	(void)ctx, (void)err;
	if (row < 1 || row > XLSX_ROWS_MAX || !n)
		abort();
	for (size_t i = 0; i < n; i++) {
		const char *t = cells[i].text;
		if (cells[i].col >= XLSX_COLS_MAX || (i && cells[i].col <= cells[i - 1].col))
			abort();
		if (!t || strlen(t) > XLSX_TEXT_MAX || !utf8_valid(t, strlen(t), NULL))
			abort();
	}
	return 0;
}

/* The reader takes a path (it is libzip's): the input goes to a file. */
static char *to_file(const uint8_t *data, size_t size)
{
	char *path = strdup("/tmp/fuzz_xlsx.XXXXXX");
	int fd = mkstemp(path);

	if (fd < 0 || write(fd, data, size) != (ssize_t)size)
		abort();
	close(fd);
	return path;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *path = to_file(data, size);
	struct trk_error err = { 0 };
	struct xlsx *x = NULL;

	if (!xlsx_open(path, &x, &err)) {
		for (size_t i = 0; i < xlsx_sheet_count(x); i++) {
			if (!xlsx_sheet_name(x, i))
				abort();
			err.msg[0] = '\0';
			if (xlsx_sheet_rows(x, i, row_fn, NULL, &err) && !err.msg[0])
				abort();
		}
	} else if (!err.msg[0]) {
		abort();
	}
	xlsx_close(x);
	unlink(path);
	free(path);
	return 0;
}
