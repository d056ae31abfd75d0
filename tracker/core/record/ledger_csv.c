/* ledger_csv.c - the ledger as CSV, for offices that prefer it: the same
 * columns as the workbook, after one line that says where the ledger came
 * from ("tracker-ledger/1,store=…,export=…,keys=…").
 *
 * Written as UTF-8 with a BOM and CRLF (Excel then reads the Chinese
 * right), RFC 4180 quoting, text that could start a formula neutralised.
 * Read back as UTF-8 or GB18030 (what Excel on a Chinese Windows saves as
 * "CSV"), or UTF-16 with a BOM ("Unicode text", tab-separated), detected;
 * the separator is whatever follows the format's name on the first line. */
#include "record/ledger_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "model/format.h"
#include "record/xlsx_read.h"
#include "util/date.h"
#include "util/escape.h"
#include "util/textenc.h"
#include "util/banned.h"

#define CSV_MAX (64u << 20)       /* bytes of a CSV ledger */
#define KEYS_CELL_MAX 30000       /* bytes of keys per cell (Excel holds 32,767) */
#define FIELDS_MAX 16384
#define HEADER_LINES_MAX 10

/* ---- writing ------------------------------------------------------------------ */

struct csvw {
	FILE *spool;
	struct strbuf sb;
};

static int flush_to(FILE *f, struct strbuf *sb, struct trk_error *err)
{
	if (sb->len && fwrite(sb->buf, 1, sb->len, f) != sb->len)
		return trk_err(err, TRK_EIO, "cannot write the ledger: %s", strerror(errno));
	strbuf_reset(sb);
	return 0;
}

static int csv_item(const struct ledger_item *it, void *arg, struct trk_error *err)
{
	struct csvw *w = arg;
	struct strbuf t = STRBUF_INIT;

	for (int c = 0; c < LEDGER__COUNT; c++) {
		if (c)
			strbuf_addch(&w->sb, ',');
		strbuf_reset(&t);
		ledger_item_text(it, c, &t);
		/* Figures and dates are our own digits: bare, so they stay numbers. */
		if (c == LEDGER_LAST_VALUE || c == LEDGER_DUE || c == LEDGER_LAST_DATE)
			strbuf_addstr(&w->sb, t.buf);
		else
			escape_csv(&w->sb, t.buf);
	}
	strbuf_addstr(&w->sb, "\r\n");
	strbuf_release(&t);
	return flush_to(w->spool, &w->sb, err);
}

static void origin_field(struct strbuf *sb, const char *name, const char *value)
{
	struct strbuf t = STRBUF_INIT;

	strbuf_addf(&t, "%s=%s", name, value ? value : "");
	strbuf_addch(sb, ',');
	escape_csv(sb, t.buf);
	strbuf_release(&t);
}

/* The keys, space-separated, in cells Excel can hold. */
static void origin_keys(struct strbuf *sb, const struct ledger_origin *o)
{
	size_t cell = 0;

	strbuf_addstr(sb, ",keys=");
	for (size_t i = 0; i < o->nkeys; i++) {
		size_t n = strlen(o->keys[i]);
		if (cell && cell + n + 1 > KEYS_CELL_MAX) {
			strbuf_addstr(sb, ",keys=");
			cell = 0;
		}
		if (cell)
			strbuf_addch(sb, ' ');
		strbuf_addstr(sb, o->keys[i]);
		cell += n + 1;
	}
}

static void head_lines(struct strbuf *sb, const struct ledger_origin *o)
{
	strbuf_addstr(sb, "\xef\xbb\xbf" LEDGER_FORMAT_ID);
	origin_field(sb, "store", o->store_id);
	origin_field(sb, "export", o->export_id);
	origin_field(sb, "exported_at", o->exported_at);
	origin_field(sb, "exported_by", o->exported_by);
	origin_field(sb, "selection", o->selection);
	origin_keys(sb, o);
	strbuf_addstr(sb, "\r\n");
	for (int c = 0; c < LEDGER__COUNT; c++)
		strbuf_addf(sb, "%s%s", c ? "," : "", ledger_header(c));
	strbuf_addstr(sb, "\r\n");
}

static int copy_spool(FILE *spool, FILE *out, struct trk_error *err)
{
	char buf[65536];
	size_t n;

	rewind(spool);
	while ((n = fread(buf, 1, sizeof(buf), spool)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			return trk_err(err, TRK_EIO, "cannot write the ledger: %s", strerror(errno));
	if (ferror(spool))
		return trk_err(err, TRK_EIO, "cannot read back the ledger's rows");
	return 0;
}

int ledger_export_csv(struct store *st, const struct query *q,
		      const struct ledger_export_info *info, FILE *out,
		      struct ledger_export_stats *n, struct trk_error *err)
{
	struct csvw w = { NULL, STRBUF_INIT };
	struct ledger_origin o;
	int rc;

	memset(n, 0, sizeof(*n));
	ledger_origin_init(&o);
	/* The rows wait in a temporary file: the first line lists their keys. */
	if (!(w.spool = tmpfile()))
		return trk_err(err, TRK_EIO, "cannot create a temporary file: %s", strerror(errno));
	if (!(rc = ledger_scan(st, q, info, &o, csv_item, &w, err))) {
		head_lines(&w.sb, &o);
		if (!(rc = flush_to(out, &w.sb, err)))
			rc = copy_spool(w.spool, out, err);
		n->commitments = (int)o.nkeys;
		n->sheets = 1;
	}
	fclose(w.spool);
	strbuf_release(&w.sb);
	ledger_origin_release(&o);
	return rc;
}

/* ---- reading ------------------------------------------------------------------ */

struct csvr {
	const char *p, *end;
	char sep;
	long line;                /* of the next character */
	struct strbuf *f;         /* fields of the current record */
	size_t nf, af;
};

static struct strbuf *next_field(struct csvr *r)
{
	if (r->nf == r->af) {
		r->af = r->af ? 2 * r->af : 32;
		r->f = xrealloc(r->f, r->af * sizeof(*r->f));
		for (size_t i = r->nf; i < r->af; i++)
			strbuf_init(&r->f[i]);
	}
	strbuf_reset(&r->f[r->nf]);
	return &r->f[r->nf++];
}

static int quoted(struct csvr *r, struct strbuf *f, long start, struct trk_error *err)
{
	for (r->p++; r->p < r->end; r->p++) {
		if (*r->p == '"') {
			if (r->p + 1 < r->end && r->p[1] == '"') {
				strbuf_addch(f, '"');
				r->p++;
				continue;
			}
			r->p++;
			return 0;
		}
		if (*r->p == '\n')
			r->line++;
		strbuf_addch(f, *r->p);
	}
	return trk_err(err, TRK_EINPUT, "line %ld: a quoted field is not closed", start);
}

/* The next record into r->f; false at the end. *start is its first line. */
static int next_record(struct csvr *r, long *start, bool *got, struct trk_error *err)
{
	struct strbuf *f;
	int rc;

	r->nf = 0;
	*got = r->p < r->end;
	*start = r->line;
	while (*got) {
		if (r->nf >= FIELDS_MAX)
			return trk_err(err, TRK_EINPUT, "line %ld: more than %d fields", *start,
				       FIELDS_MAX);
		f = next_field(r);
		if (r->p < r->end && *r->p == '"' && (rc = quoted(r, f, *start, err)))
			return rc;
		while (r->p < r->end && *r->p != r->sep && *r->p != '\n')
			strbuf_addch(f, *r->p++);
		if (r->p >= r->end)
			break;
		if (*r->p++ == '\n') {
			r->line++;
			break;
		}
	}
	return 0;
}

/* The first line: "tracker-ledger/1" (maybe quoted) and the separator. */
static int origin_line(struct csvr *r, struct ledger_origin *o, struct trk_error *err)
{
	const size_t n = strlen(LEDGER_FORMAT_ID);
	const char *s = r->p + (r->p < r->end && *r->p == '"');
	long start;
	bool got;
	int rc;

	if ((size_t)(r->end - s) <= n || memcmp(s, LEDGER_FORMAT_ID, n))
		return trk_err(err, TRK_EINPUT, "line 1: not a ledger: the first line should "
			       "begin with %s (see 'tracker export csv')", LEDGER_FORMAT_ID);
	s += n + (s[n] == '"');
	r->sep = *s;
	if (r->sep != ',' && r->sep != ';' && r->sep != '\t')
		return trk_err(err, TRK_EINPUT, "line 1: no separator after %s", LEDGER_FORMAT_ID);
	if ((rc = next_record(r, &start, &got, err)))
		return rc;
	o->has_keys = true;
	ledger_origin_set(o, "format", LEDGER_FORMAT_ID);
	for (size_t i = 1; i < r->nf; i++) {
		char *field = r->f[i].buf, *eq = strchr(field, '='), *save = NULL, *k;
		if (!eq)
			continue;
		*eq = '\0';
		if (strcmp(field, "keys")) {
			ledger_origin_set(o, field, eq + 1);
			continue;
		}
		for (k = strtok_r(eq + 1, " ", &save); k; k = strtok_r(NULL, " ", &save))
			if ((rc = ledger_origin_add_key(o, k, err)))
				return rc;
	}
	ledger_origin_sort(o);
	return 0;
}

static int header_lines(struct csvr *r, int where[LEDGER__COUNT], struct trk_error *err)
{
	const char **texts = NULL;
	const char *missing;
	long start;
	bool got, found = false;
	int rc = 0;

	for (int i = 0; i < HEADER_LINES_MAX && !found; i++) {
		if ((rc = next_record(r, &start, &got, err)) || !got)
			break;
		texts = xrealloc(texts, r->nf * sizeof(*texts));
		for (size_t k = 0; k < r->nf; k++)
			texts[k] = r->f[k].buf;
		found = ledger_header_row(texts, r->nf, where);
	}
	free(texts);
	if (rc)
		return rc;
	if (!found)
		return trk_err(err, TRK_EINPUT, "no header row (编号 … 填报人) in the first %d "
			       "lines after the first", HEADER_LINES_MAX);
	if (*(missing = ledger_header_missing(where)))
		return trk_err(err, TRK_EINPUT, "line %ld: the header row has no column '%s'",
			       start, missing);
	return 0;
}

static int data_lines(struct csvr *r, const int where[LEDGER__COUNT],
		      const struct ledger_sink *s, struct trk_error *err)
{
	struct ledger_row lr;
	long start;
	bool got;
	int rc;

	while (!(rc = next_record(r, &start, &got, err)) && got) {
		memset(&lr, 0, sizeof(lr));
		lr.row = start;
		for (int c = 0; c < LEDGER__COUNT; c++) {
			lr.cell[c].text = "";
			if (where[c] < 0 || (c != LEDGER_KEY && c < LEDGER_FIRST_FILL))
				continue;
			xlsx_col_name((uint32_t)where[c], lr.col[c]);
			if ((size_t)where[c] < r->nf && r->f[where[c]].len) {
				lr.cell[c].type = LCELL_TEXT;
				lr.cell[c].text = r->f[where[c]].buf;
			}
		}
		if ((rc = s->row(&lr, s->ctx, err)))
			return rc;
	}
	return rc;
}

static int read_file(const char *path, char **data, size_t *len, struct trk_error *err)
{
	struct strbuf sb = STRBUF_INIT;
	FILE *f = fopen(path, "rb");
	char buf[65536];
	size_t n;

	if (!f)
		return trk_err(err, errno == ENOENT ? TRK_ENOTFOUND : TRK_EIO, "cannot open: %s",
			       strerror(errno));
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		if (sb.len + n > CSV_MAX) {
			fclose(f);
			strbuf_release(&sb);
			return trk_err(err, TRK_EINPUT, "more than %u bytes: too large for a ledger",
				       CSV_MAX);
		}
		strbuf_add(&sb, buf, n);
	}
	if (ferror(f)) {
		fclose(f);
		strbuf_release(&sb);
		return trk_err(err, TRK_EIO, "cannot read: %s", strerror(errno));
	}
	fclose(f);
	*len = sb.len;
	*data = strbuf_detach(&sb);
	return 0;
}

int ledger_read_csv(const char *path, const struct ledger_sink *s, const char **encoding,
		    struct trk_error *err)
{
	struct csvr r = { .line = 1 };
	struct ledger_origin o;
	int where[LEDGER__COUNT];
	char *raw = NULL, *text = NULL;
	size_t len = 0, tlen = 0;
	int rc;

	ledger_origin_init(&o);
	if ((rc = read_file(path, &raw, &len, err)) ||
	    (rc = textenc_decode_limit(raw, len, CSV_MAX, &text, &tlen, encoding, err)))
		goto out;
	r.p = text;
	r.end = text + tlen;
	if (!(rc = origin_line(&r, &o, err)) && !(rc = s->origin(&o, s->ctx, err)) &&
	    !(rc = header_lines(&r, where, err)))
		rc = data_lines(&r, where, s, err);
out:
	for (size_t i = 0; i < r.af; i++)
		strbuf_release(&r.f[i]);
	free(r.f);
	free(raw);
	free(text);
	ledger_origin_release(&o);
	return rc;
}
