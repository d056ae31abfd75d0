#include "table.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

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

/* Narrows the columns that have a limit (the long texts: title, owner),
 * the last first, down to TABLE_MIN_WIDTH each, until a line fits in
 * t->fit columns; the others are short and never cut. */
#define TABLE_MIN_WIDTH 8

static void fit_columns(const struct table *t, size_t *w)
{
	size_t total = 2 * (t->ncols - 1), over;

	for (size_t c = 0; c < t->ncols; c++)
		total += w[c];
	if (!t->fit || total <= t->fit || !t->max_width)
		return;
	over = total - t->fit;
	for (size_t c = t->ncols; c-- > 0 && over;) {
		size_t room;
		if (!t->max_width[c] || w[c] <= TABLE_MIN_WIDTH)
			continue;
		room = w[c] - TABLE_MIN_WIDTH;
		room = room < over ? room : over;
		w[c] -= room;
		over -= room;
	}
}

int table_print(const struct table *t, FILE *out, bool color, struct trk_error *err)
{
	size_t *w = xcalloc(t->ncols, sizeof(*w));
	struct strbuf line = STRBUF_INIT;
	int rc = 0;

	for (size_t c = 0; c < t->ncols; c++)
		w[c] = column_width(t, c);
	fit_columns(t, w);
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

size_t table_terminal_width(FILE *out)
{
	const char *env = getenv("COLUMNS");
	struct winsize ws;
	char *end;
	long n;

	if (env && *env && (n = strtol(env, &end, 10)) >= 20 && n <= 10000 && !*end)
		return (size_t)n;
	if (isatty(fileno(out)) && !ioctl(fileno(out), TIOCGWINSZ, &ws) && ws.ws_col >= 20)
		return ws.ws_col;
	return 0;
}

void table_release(struct table *t)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof(*t));
}
