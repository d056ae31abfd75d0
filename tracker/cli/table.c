#include "table.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/banned.h"

void table_init(struct table *t, size_t ncols, const char **headers, const size_t *max_width)
{
	memset(t, 0, sizeof(*t));
	t->ncols = ncols;
	t->headers = headers;
	t->max_width = max_width;
}

void table_add(struct table *t, const char *const *row)
{
	if (t->nrows == t->alloc) {
		t->alloc = t->alloc ? t->alloc * 2 : 16;
		t->cells = xrealloc(t->cells, t->alloc * t->ncols * sizeof(*t->cells));
	}
	for (size_t c = 0; c < t->ncols; c++)
		t->cells[t->nrows * t->ncols + c] = xstrdup(row[c] ? row[c] : "-");
	t->nrows++;
}

static size_t column_width(const struct table *t, size_t c)
{
	size_t w = utf8_width(_(t->headers[c]));
	size_t limit = t->max_width ? t->max_width[c] : 0;

	for (size_t r = 0; r < t->nrows; r++) {
		size_t cw = utf8_width(t->cells[r * t->ncols + c]);
		if (cw > w)
			w = cw;
	}
	return limit && w > limit ? limit : w;
}

/* The colour of a health word as a table shows it (health_word()). */
static const char *health_color(const char *cell)
{
	static const struct { enum health h; const char *code; } colors[] = {
		{ H_OVERDUE, "\033[31m" }, { H_OFF_TRACK, "\033[31m" }, { H_AT_RISK, "\033[33m" },
		{ H_ON_TRACK, "\033[32m" }, { H_DONE, "\033[32m" },
	};

	for (size_t i = 0; i < sizeof(colors) / sizeof(colors[0]); i++) {
		const char *word = health_word(colors[i].h);
		if (!strncmp(cell, word, strlen(word)))
			return colors[i].code;
	}
	return NULL;
}

static void add_cell(struct strbuf *line, const char *cell, size_t width, bool last, bool color)
{
	const char *code = color ? health_color(cell) : NULL;

	if (code)
		strbuf_addstr(line, code);
	if (last) {
		utf8_add_terminal(line, cell, width);
	} else {
		utf8_add_padded(line, cell, width);
	}
	if (code)
		strbuf_addstr(line, "\033[0m");
	if (!last)
		strbuf_addstr(line, "  ");
}

int table_print(const struct table *t, FILE *out, bool color, struct trk_error *err)
{
	size_t *w = xcalloc(t->ncols, sizeof(*w));
	struct strbuf line = STRBUF_INIT;
	int rc = 0;

	for (size_t c = 0; c < t->ncols; c++)
		w[c] = column_width(t, c);
	for (size_t r = 0; r <= t->nrows && !rc; r++) {
		strbuf_reset(&line);
		for (size_t c = 0; c < t->ncols; c++) {
			const char *cell = r == 0 ? _(t->headers[c]) : t->cells[(r - 1) * t->ncols + c];
			add_cell(&line, cell, w[c], c + 1 == t->ncols, color && r > 0);
		}
		while (line.len && line.buf[line.len - 1] == ' ')
			line.buf[--line.len] = '\0';
		strbuf_addch(&line, '\n');
		if (fwrite(line.buf, 1, line.len, out) != line.len)
			rc = trk_err(err, TRK_EIO, "cannot write output: %s", strerror(errno));
	}
	strbuf_release(&line);
	free(w);
	return rc;
}

void table_release(struct table *t)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof(*t));
}
