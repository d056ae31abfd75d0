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

#define TABLE_SPOOL_AT (1u << 20)

void table_init(struct table *t, size_t ncols, const char **headers, const size_t *max_width)
{
	memset(t, 0, sizeof(*t));
	t->ncols = ncols;
	t->headers = headers;
	t->max_width = max_width;
	t->widest = xcalloc(ncols, sizeof(*t->widest));
	strbuf_init(&t->rows);
}

/* Moves the rows held in memory to the end of the spool; they stay in
 * memory when no spool can be made. A write that fails (a full disk) may
 * have left part of a row there: the table remembers it, and printing it
 * fails instead of showing a broken table. */
static void spool_rows(struct table *t)
{
	if (!t->spool_errno && !t->spool && !(t->spool = tmpfile()))
		return;
	errno = 0;
	if (!t->spool_errno && fwrite(t->rows.buf, 1, t->rows.len, t->spool) != t->rows.len)
		t->spool_errno = errno ? errno : EIO;
	strbuf_reset(&t->rows);
}

void table_add(struct table *t, const char *const *row)
{
	for (size_t c = 0; c < t->ncols; c++) {
		const char *cell = row[c] ? row[c] : "-";
		size_t w = utf8_width(cell);
		if (w > t->widest[c])
			t->widest[c] = w;
		strbuf_add(&t->rows, cell, strlen(cell) + 1);
	}
	t->nrows++;
	if (t->rows.len >= TABLE_SPOOL_AT)
		spool_rows(t);
}

static size_t column_width(const struct table *t, size_t c)
{
	size_t w = utf8_width(_(t->headers[c]));
	size_t limit = t->max_width ? t->max_width[c] : 0;

	if (t->widest[c] > w)
		w = t->widest[c];
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

/* One line of cells (the header's or a row's) into out. */
static int print_line(const struct table *t, const char *const *cells, const size_t *w,
		      bool color, FILE *out, struct strbuf *line, struct trk_error *err)
{
	strbuf_reset(line);
	for (size_t c = 0; c < t->ncols; c++)
		add_cell(line, cells[c], w[c], c + 1 == t->ncols, color);
	while (line->len && line->buf[line->len - 1] == ' ')
		line->buf[--line->len] = '\0';
	strbuf_addch(line, '\n');
	if (fwrite(line->buf, 1, line->len, out) != line->len)
		return trk_err(err, TRK_EIO, "cannot write output: %s", strerror(errno));
	return 0;
}

/* The rows in a buffer of NUL-ended cells, [p, end), a row at a time;
 * returns where the rows stopped (a row cut short by the buffer's end
 * stays for the next buffer). */
static const char *print_rows(const struct table *t, const char *p, const char *end,
			      const size_t *w, bool color, FILE *out, struct strbuf *line,
			      const char **cells, int *rc, struct trk_error *err)
{
	while (!*rc) {
		const char *row = p;
		for (size_t c = 0; c < t->ncols; c++) {
			const char *nul = memchr(p, '\0', (size_t)(end - p));
			if (!nul)
				return row;
			cells[c] = p;
			p = nul + 1;
		}
		*rc = print_line(t, cells, w, color, out, line, err);
	}
	return p;
}

/* The spool made whole and read from its start, before a line is
 * printed: a table that cannot be printed whole prints nothing. */
static int rewind_spool(const struct table *t, struct trk_error *err)
{
	if (!t->spool)
		return 0;
	if (t->spool_errno)
		return trk_err(err, TRK_EIO, "cannot write the table to a temporary file: %s",
			       strerror(t->spool_errno));
	if (fflush(t->spool) || fseek(t->spool, 0, SEEK_SET))
		return trk_err(err, TRK_EIO, "cannot read the table back: %s", strerror(errno));
	return 0;
}

/* The spooled rows, read back in blocks. */
static int print_spool(const struct table *t, const size_t *w, bool color, FILE *out,
		       struct strbuf *line, const char **cells, struct trk_error *err)
{
	size_t cap = 1u << 16, len = 0, n;
	char *buf = xmalloc(cap);
	int rc = 0;

	while (!rc && (n = fread(buf + len, 1, cap - len, t->spool)) > 0) {
		const char *done;
		len += n;
		done = print_rows(t, buf, buf + len, w, color, out, line, cells, &rc, err);
		len -= (size_t)(done - buf);
		memmove(buf, done, len);
		if (len == cap)
			buf = xrealloc(buf, cap *= 2);   /* a row longer than the block */
	}
	if (!rc && ferror(t->spool))
		rc = trk_err(err, TRK_EIO, "cannot read the table back: %s", strerror(errno));
	free(buf);
	return rc;
}

int table_print(struct table *t, FILE *out, bool color, struct trk_error *err)
{
	size_t *w = xcalloc(t->ncols, sizeof(*w));
	const char **cells = xcalloc(t->ncols, sizeof(*cells));
	struct strbuf line = STRBUF_INIT;
	int rc = rewind_spool(t, err);

	for (size_t c = 0; c < t->ncols; c++) {
		w[c] = column_width(t, c);
		cells[c] = _(t->headers[c]);
	}
	fit_columns(t, w);
	if (!rc)
		rc = print_line(t, cells, w, false, out, &line, err);
	if (!rc && t->spool)
		rc = print_spool(t, w, color, out, &line, cells, err);
	if (!rc)
		print_rows(t, t->rows.buf, t->rows.buf + t->rows.len, w, color, out, &line, cells,
			   &rc, err);
	strbuf_release(&line);
	free(cells);
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
	if (t->spool)
		fclose(t->spool);
	strbuf_release(&t->rows);
	free(t->widest);
	memset(t, 0, sizeof(*t));
}
