/* ledger_import.c - a filled ledger into the store: each filled row
 * becomes a check-in through the store's door (store_checkin_import), in
 * one transaction; every row that cannot be is listed with its place.
 *
 * What is checked here is what only the file can say: that the ledger is
 * this store's, that the key is in it and filled once, that a cell holds a
 * number or a date (typed, text, serial, ISO) and a name. What a check-in
 * must be (a figure only with a target, no date in the future, a figure
 * below the last one only with a reason) is the store's rule, checked by
 * the door, and its message is passed on as it is. */
#include "record/ledger_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/format.h"
#include "util/date.h"
#include "util/numparse.h"
#include "util/banned.h"

struct seen {
	char *sheet;
	long row;
};

struct imp {
	struct store *st;
	const struct actor *a;
	const char *path;
	enum ledger_format fmt;
	struct ledger_result *res;
	const struct ledger_origin *o;
	struct seen *seen;        /* by the key's index in o */
	size_t nseen;
	bool row_bad;             /* the row being read has a problem */
};

/* ---- problems -------------------------------------------------------------------- */

static void add_problem(struct imp *x, const char *sheet, long row, const char *col,
			const char *header, int code, const char *msg)
{
	struct ledger_result *r = x->res;
	struct ledger_problem *p;

	if (r->nproblems >= LEDGER_PROBLEMS_MAX)
		return;
	r->problems = xrealloc(r->problems, (r->nproblems + 1) * sizeof(*r->problems));
	p = &r->problems[r->nproblems++];
	p->sheet = xstrdup(sheet);
	p->row = row;
	snprintf(p->col, sizeof(p->col), "%s", col ? col : "");
	p->header = header;
	p->code = code;
	p->msg = xstrdup(msg);
}

static void cell_problem(struct imp *x, const struct ledger_row *r, enum ledger_col c, int code,
			 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void cell_problem(struct imp *x, const struct ledger_row *r, enum ledger_col c, int code,
			 const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	add_problem(x, r->sheet, r->row, r->col[c], ledger_header(c), code, msg);
	x->row_bad = true;
}

static int sheet_problem(const char *sheet, long row, const char *msg, void *arg,
			 struct trk_error *err)
{
	struct imp *x = arg;

	(void)err;
	add_problem(x, sheet, row, NULL, NULL, TRK_EINPUT, msg);
	x->res->invalid++;
	return 0;
}

/* ---- cells ----------------------------------------------------------------------- */

/* Text as a person typed it: no surrounding (ideographic) spaces. */
static char *trim(const char *s)
{
	size_t n;

	for (;;) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		else if (!strncmp(s, "\xe3\x80\x80", 3))
			s += 3;
		else
			break;
	}
	n = strlen(s);
	for (;;) {
		if (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' ||
			  s[n - 1] == '\r'))
			n--;
		else if (n >= 3 && !memcmp(s + n - 3, "\xe3\x80\x80", 3))
			n -= 3;
		else
			break;
	}
	return xstrndup(s, n);
}

static bool blank(const struct ledger_cell *c)
{
	char *t;
	bool empty;

	if (c->type == LCELL_EMPTY)
		return true;
	if (c->type != LCELL_TEXT)
		return false;
	t = trim(c->text);
	empty = !*t;
	free(t);
	return empty;
}

/* Full-width digits and signs (０-９ ． － ， ／) as ASCII, for text typed
 * with a Chinese input method. */
static char *ascii_digits(const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	while (*s) {
		const unsigned char *u = (const unsigned char *)s;
		if (u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x8C && u[2] <= 0x99) {
			strbuf_addch(&sb, (char)(u[2] - 0x8C + ','));   /* ，－．／０-９ */
			s += 3;
		} else {
			strbuf_addch(&sb, *s++);
		}
	}
	return strbuf_detach(&sb);
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* "1,234.5" -> "1234.5": commas only between groups of three digits of
 * the whole part; false when they stand anywhere else. */
static bool drop_thousands(char *s)
{
	const char *dot = strchr(s, '.'), *end = dot ? dot : s + strlen(s);
	char *w = s;

	for (const char *p = s; p < end; p++) {
		if (*p != ',')
			continue;
		if (p == s || !is_digit(p[-1]) || end - p < 4 || !is_digit(p[1]) ||
		    !is_digit(p[2]) || !is_digit(p[3]) || (p + 4 < end && p[4] != ','))
			return false;
	}
	for (const char *p = s; *p; p++)
		if (*p != ',' || p >= end)
			*w++ = *p;
	*w = '\0';
	return true;
}

static void read_value(struct imp *x, const struct ledger_row *r, struct checkin *k)
{
	const struct ledger_cell *c = &r->cell[LEDGER_VALUE];
	char *t, *a;

	switch (c->type) {
	case LCELL_EMPTY:
		return;
	case LCELL_NUMBER:
		k->has_value = true;
		k->value = c->number == 0 ? 0 : c->number;
		return;
	case LCELL_FORMULA:
		cell_problem(x, r, LEDGER_VALUE, TRK_EINPUT, "a formula (=%.60s) that no spreadsheet "
			     "has computed: type the figure, or open and save the file in Excel, "
			     "WPS or LibreOffice", c->text);
		return;
	case LCELL_ERROR:
		cell_problem(x, r, LEDGER_VALUE, TRK_EINPUT, "the cell shows an error (%.20s)",
			     c->text);
		return;
	case LCELL_TEXT:
		break;
	default:
		cell_problem(x, r, LEDGER_VALUE, TRK_EINPUT, "'%.40s' is not a number", c->text);
		return;
	}
	t = trim(c->text);
	a = ascii_digits(t);
	if (!*t) {
		free(t), free(a);
		return;
	}
	if (!drop_thousands(a) || parse_number(a, "value", &k->value, NULL))
		cell_problem(x, r, LEDGER_VALUE, TRK_EINPUT, "'%.60s' is not a number (the "
			     "figure alone, without its unit)", t);
	else
		k->has_value = true;
	free(t), free(a);
}

/* A serial date: days since 1899-12-30 (the 1900 system, whose day 60 is
 * the 29 February 1900 that never was), or since 1904-01-01. */
static bool serial_date(double v, bool date1904, int32_t *out)
{
	double day = floor(v);

	if (!isfinite(v) || day < 1 || day > 2958465)   /* 9999-12-31 */
		return false;
	if (date1904) {
		*out = date_from_ymd(1904, 1, 1) + (int32_t)day;
		return true;
	}
	if (day == 60)
		return false;
	*out = date_from_ymd(1899, 12, 31) + (int32_t)day - (day > 60);
	return true;
}

static bool digits(const char **p, int min, int max, int *out)
{
	int n = 0, v = 0;

	while (**p >= '0' && **p <= '9' && n < max) {
		v = v * 10 + (*(*p)++ - '0');
		n++;
	}
	*out = v;
	return n >= min;
}

/* Dates as people type them: 2023-09-30, 2023/9/30, 2023.9.30,
 * 2023年9月30日, 20230930; a time after it is ignored. */
static bool text_date(const char *s, int32_t *out)
{
	int y, m, d;
	const char *p = s;

	if (strlen(s) >= 8 && digits(&p, 8, 8, &y) && (!*p || *p == ' ' || *p == 'T')) {
		d = y % 100, m = y / 100 % 100, y /= 10000;
	} else {
		p = s;
		if (!digits(&p, 4, 4, &y))
			return false;
		if (*p == '-' || *p == '/' || *p == '.')
			p++;
		else if (!strncmp(p, "年", 3))
			p += 3;
		else
			return false;
		if (!digits(&p, 1, 2, &m))
			return false;
		if (*p == '-' || *p == '/' || *p == '.')
			p++;
		else if (!strncmp(p, "月", 3))
			p += 3;
		else
			return false;
		if (!digits(&p, 1, 2, &d))
			return false;
		if (!strncmp(p, "日", 3))
			p += 3;
	}
	if (*p && *p != ' ' && *p != 'T')
		return false;
	for (; *p; p++)
		if (!strchr(" T0123456789:.Z", *p))
			return false;
	if (!date_valid_ymd(y, m, d))
		return false;
	*out = date_from_ymd(y, m, d);
	return true;
}

static void read_as_of(struct imp *x, const struct ledger_row *r, struct checkin *k)
{
	const struct ledger_cell *c = &r->cell[LEDGER_AS_OF];
	char *t, *a;
	bool ok;

	switch (c->type) {
	case LCELL_EMPTY:
		cell_problem(x, r, LEDGER_AS_OF, TRK_EINPUT, "empty: the day the figure describes");
		return;
	case LCELL_NUMBER:
		if (!serial_date(c->number, r->date1904, &k->as_of))
			cell_problem(x, r, LEDGER_AS_OF, TRK_EINPUT, "%g is not a date", c->number);
		return;
	case LCELL_FORMULA:
		cell_problem(x, r, LEDGER_AS_OF, TRK_EINPUT, "a formula (=%.60s) that no "
			     "spreadsheet has computed: type the date", c->text);
		return;
	case LCELL_TEXT:
	case LCELL_DATE:
		break;
	default:
		cell_problem(x, r, LEDGER_AS_OF, TRK_EINPUT, "'%.40s' is not a date", c->text);
		return;
	}
	t = trim(c->text);
	a = ascii_digits(t);
	ok = text_date(a, &k->as_of);
	if (!*t)
		cell_problem(x, r, LEDGER_AS_OF, TRK_EINPUT, "empty: the day the figure describes");
	else if (!ok)
		cell_problem(x, r, LEDGER_AS_OF, TRK_EINPUT, "'%.60s' is not a date (such as "
			     "2023-09-30)", t);
	free(t), free(a);
}

/* A text column; NULL when empty. */
static char *read_text(struct imp *x, const struct ledger_row *r, enum ledger_col col)
{
	const struct ledger_cell *c = &r->cell[col];
	struct strbuf sb = STRBUF_INIT;
	char *t;

	switch (c->type) {
	case LCELL_EMPTY:
		return NULL;
	case LCELL_NUMBER:
		format_number(&sb, c->number);
		return strbuf_detach(&sb);
	case LCELL_FORMULA:
		cell_problem(x, r, col, TRK_EINPUT, "a formula (=%.60s) that no spreadsheet has "
			     "computed", c->text);
		return NULL;
	case LCELL_ERROR:
		cell_problem(x, r, col, TRK_EINPUT, "the cell shows an error (%.20s)", c->text);
		return NULL;
	default:
		break;
	}
	t = trim(c->text);
	if (!*t) {
		free(t);
		return NULL;
	}
	return t;
}

/* ---- rows --------------------------------------------------------------------------- */

static bool filled(const struct ledger_row *r)
{
	return !blank(&r->cell[LEDGER_VALUE]) || !blank(&r->cell[LEDGER_AS_OF]) ||
	       !blank(&r->cell[LEDGER_NOTE]) || !blank(&r->cell[LEDGER_EVIDENCE]);
}

/* The key: known, in this ledger, and filled in once. */
static char *read_key(struct imp *x, const struct ledger_row *r)
{
	char *key = read_text(x, r, LEDGER_KEY);
	struct seen *s;
	long i;

	if (!key) {
		cell_problem(x, r, LEDGER_KEY, TRK_EINPUT, "empty: which commitment?");
		return NULL;
	}
	if (!store_commitment_exists(x->st, key))
		cell_problem(x, r, LEDGER_KEY, TRK_ENOTFOUND, "no commitment '%.60s'", key);
	else if ((i = ledger_origin_find(x->o, key)) < 0)
		cell_problem(x, r, LEDGER_KEY, TRK_EINPUT, "'%.60s' is not in this ledger (export "
			     "%s)", key, x->o->export_id ? x->o->export_id : "?");
	else if ((s = &x->seen[i])->row)
		cell_problem(x, r, LEDGER_KEY, TRK_EINPUT, "'%.60s' is filled in twice (first %s%s%s "
			     "%ld)", key, s->sheet ? "sheet '" : "", s->sheet ? s->sheet : "line",
			     s->sheet ? "' row" : "", s->row);
	else {
		s->sheet = xstrdup(r->sheet);
		s->row = r->row;
		return key;
	}
	free(key);
	return NULL;
}

/* Which column a store's refusal is about, by the field it names. */
static enum ledger_col column_of(const char *field)
{
	static const struct { const char *field; enum ledger_col col; } map[] = {
		{ "value", LEDGER_VALUE }, { "as_of", LEDGER_AS_OF }, { "note", LEDGER_NOTE },
		{ "evidence", LEDGER_EVIDENCE }, { "author", LEDGER_AUTHOR },
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(field, map[i].field))
			return map[i].col;
	return LEDGER_KEY;
}

/* The store's word on the row: written, already there, or refused (a
 * refusal of the record is the row's problem; anything else, such as a
 * database error, stops the import). */
static int record(struct imp *x, const struct ledger_row *r, struct checkin *k,
		  struct trk_error *err)
{
	struct trk_error e = { 0 };
	bool added;
	int rc = store_checkin_import(x->st, x->a, k, &added, &e);

	if (!rc) {
		added ? x->res->added++ : x->res->already++;
		return 0;
	}
	if (rc != TRK_EINPUT && rc != TRK_ENOTFOUND && rc != TRK_ECONFLICT) {
		*err = e;
		return rc;
	}
	cell_problem(x, r, column_of(e.field), rc, "%s", e.msg);
	return 0;
}

static int on_row(const struct ledger_row *r, void *arg, struct trk_error *err)
{
	struct imp *x = arg;
	struct checkin k;
	int rc = 0;

	if (!filled(r))
		return 0;
	x->res->filled++;
	x->row_bad = false;
	checkin_init(&k);
	k.commitment_key = read_key(x, r);
	read_value(x, r, &k);
	read_as_of(x, r, &k);
	k.note = read_text(x, r, LEDGER_NOTE);
	k.evidence = read_text(x, r, LEDGER_EVIDENCE);
	k.author = read_text(x, r, LEDGER_AUTHOR);
	if (!k.author && !x->row_bad)
		cell_problem(x, r, LEDGER_AUTHOR, TRK_EINPUT, "empty: who reports this figure?");
	if (!x->row_bad)
		rc = record(x, r, &k, err);
	x->res->invalid += x->row_bad;
	checkin_release(&k);
	return rc;
}

static int on_origin(const struct ledger_origin *o, void *arg, struct trk_error *err)
{
	struct imp *x = arg;
	char id[DIGEST_HEXSZ];
	int rc;

	if (!o->format || strcmp(o->format, LEDGER_FORMAT_ID))
		return trk_err(err, TRK_EINPUT, "not a ledger of this version (%.40s, expected %s)",
			       o->format ? o->format : "no format", LEDGER_FORMAT_ID);
	if (!o->store_id || !o->has_keys)
		return trk_err(err, TRK_EINPUT, "the ledger does not say which store and which "
			       "commitments it is for");
	if ((rc = ledger_store_id(x->st, id, err)))
		return rc;
	if (strcmp(o->store_id, id))
		return trk_err(err, TRK_ECONFLICT, "the ledger was exported from another store "
			       "(store %.12s, this is %.12s): import it there", o->store_id, id);
	x->o = o;
	x->seen = xcalloc(o->nkeys ? o->nkeys : 1, sizeof(*x->seen));
	x->nseen = o->nkeys;
	x->res->export_id = xstrdup(o->export_id);
	x->res->exported_at = xstrdup(o->exported_at);
	x->res->exported_by = xstrdup(o->exported_by);
	return 0;
}

struct run {
	struct imp x;
	bool skip_invalid;
};

static int run(struct store *st, void *arg, struct trk_error *err)
{
	struct run *u = arg;
	struct imp *x = &u->x;
	struct ledger_sink sink = { on_origin, on_row, sheet_problem, x };
	int rc;

	(void)st;
	rc = x->fmt == LEDGER_XLSX ? ledger_read_xlsx(x->path, &sink, err)
				   : ledger_read_csv(x->path, &sink, &x->res->encoding, err);
	if (rc)
		return rc;
	if (x->res->invalid && !u->skip_invalid)
		return trk_err(err, TRK_EINPUT, "invalid filled rows: %d of %d; nothing imported "
			       "(correct them, or import the others with --skip-invalid)",
			       x->res->invalid, x->res->filled);
	return 0;
}

int ledger_import(struct store *st, const struct actor *a, const char *path,
		  bool skip_invalid, struct ledger_result *res, struct trk_error *err)
{
	int fmt = ledger_format_of(path);
	struct run u = { .skip_invalid = skip_invalid };
	int rc;

	memset(res, 0, sizeof(*res));
	res->encoding = "xlsx";
	if (fmt < 0)
		return trk_err(err, TRK_EINPUT, "not a ledger: a .xlsx or .csv file");
	u.x.st = st;
	u.x.a = a;
	u.x.path = path;
	u.x.res = res;
	u.x.fmt = (enum ledger_format)fmt;
	rc = store_write(st, run, &u, err);
	if (rc) {
		/* Nothing was written: what was counted as written was not. */
		res->added = 0;
		res->already = 0;
	}
	/* The origin went with the reader; the seen marks are ours. */
	for (size_t i = 0; i < u.x.nseen; i++)
		free(u.x.seen[i].sheet);
	free(u.x.seen);
	return rc;
}
