/* json_strict.c - an RFC 8259 checker with duplicate detection (see
 * json_strict.h). A recursive descent over the bytes, keeping the path for
 * the message; member names of each object are compared at its end, after
 * sorting by hash, so a hostile object with many members costs n log n. */
#include "util/json_strict.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/banned.h"

struct key {
	uint64_t hash;
	size_t start, len;        /* the raw name, between the quotes */
};

struct checker {
	const char *d;
	size_t n, i;
	int depth;
	struct json_fault *f;
	bool failed;
	/* The path: one entry per open container. */
	const char *seg_name[JSON_STRICT_DEPTH];
	size_t seg_len[JSON_STRICT_DEPTH];
	long seg_index[JSON_STRICT_DEPTH];   /* -1 inside an object */
	struct key *keys;         /* member names of the open objects */
	size_t nkeys, akeys;
	void (*done)(void *ctx, size_t upto);   /* json_strict_check_progress() */
	void *done_ctx;
	size_t done_upto;
};

#define PROGRESS_STEP ((size_t)4 << 20)

static void progress(struct checker *c)
{
	if (c->done && c->i - c->done_upto >= PROGRESS_STEP) {
		c->done_upto = c->i;
		c->done(c->done_ctx, c->i);
	}
}

static void build_path(struct checker *c, char *out, size_t size)
{
	size_t used = 0;

	out[0] = '\0';
	for (int i = 0; i < c->depth && used < size; i++) {
		if (c->seg_index[i] >= 0)
			used += (size_t)snprintf(out + used, size - used, "[%ld]", c->seg_index[i]);
		else if (c->seg_name[i])
			used += (size_t)snprintf(out + used, size - used, "%s%.*s", used ? "." : "",
						 (int)(c->seg_len[i] > 60 ? 60 : c->seg_len[i]),
						 c->seg_name[i]);
	}
}

__attribute__((format(printf, 2, 3)))
static bool fail(struct checker *c, const char *fmt, ...)
{
	va_list ap;

	if (c->failed || !c->f)
		return c->failed = true, false;
	c->failed = true;
	c->f->offset = c->i;
	c->f->line = 1;
	for (size_t k = 0; k < c->i && k < c->n; k++)
		c->f->line += c->d[k] == '\n';
	build_path(c, c->f->path, sizeof(c->f->path));
	va_start(ap, fmt);
	vsnprintf(c->f->message, sizeof(c->f->message), fmt, ap);
	va_end(ap);
	return false;
}

static bool is_ws(char ch)
{
	return ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t';
}

static void skip_ws(struct checker *c)
{
	while (c->i < c->n && is_ws(c->d[c->i]))
		c->i++;
}

static bool at(struct checker *c, char ch)
{
	return c->i < c->n && c->d[c->i] == ch;
}

static bool literal(struct checker *c, const char *word)
{
	size_t len = strlen(word);

	if (c->n - c->i < len || memcmp(c->d + c->i, word, len))
		return fail(c, "invalid JSON value");
	c->i += len;
	return true;
}

static int hexval(char ch)
{
	return ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
	     : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
}

static bool read_u4(struct checker *c, unsigned *out)
{
	*out = 0;
	if (c->n - c->i < 4)
		return fail(c, "the file ends inside a \\u escape");
	for (int k = 0; k < 4; k++) {
		int h = hexval(c->d[c->i + (size_t)k]);
		if (h < 0)
			return fail(c, "invalid \\u escape");
		*out = *out << 4 | (unsigned)h;
	}
	c->i += 4;
	return true;
}

static bool escape(struct checker *c)
{
	unsigned u, lo;

	if (c->i >= c->n)
		return fail(c, "the file ends inside a string");
	switch (c->d[c->i++]) {
	case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
		return true;
	case 'u':
		if (!read_u4(c, &u))
			return false;
		if (u == 0)
			return fail(c, "a NUL character (\\u0000) in a string");
		if (u >= 0xdc00 && u <= 0xdfff)
			return fail(c, "a lone low surrogate (\\u%04X)", u);
		if (u < 0xd800 || u > 0xdbff)
			return true;
		if (c->n - c->i < 2 || c->d[c->i] != '\\' || c->d[c->i + 1] != 'u')
			return fail(c, "a high surrogate (\\u%04X) not followed by a low one", u);
		c->i += 2;
		if (!read_u4(c, &lo))
			return false;
		return lo >= 0xdc00 && lo <= 0xdfff ? true
		       : fail(c, "a high surrogate (\\u%04X) not followed by a low one", u);
	default:
		c->i--;
		return fail(c, "invalid escape '\\%c'", c->d[c->i] >= 0x20 ? c->d[c->i] : '?');
	}
}

/* The length of the character at s (n > 0 bytes left) when it needs no
 * more checking: printable ASCII other than '"' and '\\', or a three-byte
 * UTF-8 sequence that can be neither overlong (E0) nor a surrogate (ED):
 * all of CJK. 0 for anything else, which string() looks at the long way.
 * Nearly every byte of an import is one of these, and a call to
 * utf8_decode() for each was a third of the check. */
static size_t plain_char(const unsigned char *s, size_t n)
{
	if (s[0] >= 0x20 && s[0] < 0x80)
		return s[0] != '"' && s[0] != '\\';
	return utf8_plain3(s, n);
}

/* A string at c->i (its opening quote); start and len give its raw contents. */
static bool string(struct checker *c, size_t *start, size_t *len)
{
	uint32_t cp;
	size_t k;

	c->i++;
	*start = c->i;
	while (c->i < c->n) {
		unsigned char ch = (unsigned char)c->d[c->i];
		if ((k = plain_char((const unsigned char *)c->d + c->i, c->n - c->i))) {
			c->i += k;
			continue;
		}
		if (ch == '"') {
			*len = c->i - *start;
			c->i++;
			return true;
		}
		if (ch == '\\') {
			c->i++;
			if (!escape(c))
				return false;
			continue;
		}
		if (ch == 0)
			return fail(c, "a raw NUL byte in a string");
		if (ch < 0x20)
			return fail(c, "a raw control character (0x%02X) in a string; write it as "
				    "\\u%04X", ch, ch);
		if (!(k = utf8_decode(c->d + c->i, c->n - c->i, &cp)))
			return fail(c, "invalid UTF-8 in a string");
		c->i += k;
	}
	return fail(c, "the file ends inside a string (truncated?)");
}

static bool digits(struct checker *c)
{
	size_t from = c->i;

	while (c->i < c->n && c->d[c->i] >= '0' && c->d[c->i] <= '9')
		c->i++;
	return c->i > from;
}

static bool number(struct checker *c)
{
	if (at(c, '-'))
		c->i++;
	if (at(c, '0')) {
		c->i++;
		if (c->i < c->n && c->d[c->i] >= '0' && c->d[c->i] <= '9')
			return fail(c, "a number with a leading zero");
	} else if (!digits(c)) {
		return fail(c, "invalid JSON value");
	}
	if (at(c, '.')) {
		c->i++;
		if (!digits(c))
			return fail(c, "a number with no digits after its decimal point");
	}
	if (at(c, 'e') || at(c, 'E')) {
		c->i++;
		if (at(c, '+') || at(c, '-'))
			c->i++;
		if (!digits(c))
			return fail(c, "a number with no digits in its exponent");
	}
	return true;
}

static bool value(struct checker *c);

/* ---- member names ------------------------------------------------------------ */

static unsigned hex4(const char *s)
{
	unsigned u = 0;

	for (int k = 0; k < 4; k++)
		u = u << 4 | (unsigned)hexval(s[k]);
	return u;
}

static void add_utf8(struct strbuf *out, unsigned cp)
{
	if (cp < 0x80) {
		strbuf_addch(out, (char)cp);
	} else if (cp < 0x800) {
		strbuf_addch(out, (char)(0xc0 | cp >> 6));
		strbuf_addch(out, (char)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		strbuf_addch(out, (char)(0xe0 | cp >> 12));
		strbuf_addch(out, (char)(0x80 | (cp >> 6 & 0x3f)));
		strbuf_addch(out, (char)(0x80 | (cp & 0x3f)));
	} else {
		strbuf_addch(out, (char)(0xf0 | cp >> 18));
		strbuf_addch(out, (char)(0x80 | (cp >> 12 & 0x3f)));
		strbuf_addch(out, (char)(0x80 | (cp >> 6 & 0x3f)));
		strbuf_addch(out, (char)(0x80 | (cp & 0x3f)));
	}
}

/* The decoded name of a member (already checked as a valid string), for
 * comparing names written differently: "b" and "\u0062" are one name. */
static void decode(const char *s, size_t n, struct strbuf *out)
{
	strbuf_reset(out);
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\\' || i + 1 >= n) {
			strbuf_addch(out, s[i]);
			continue;
		}
		i++;
		if (s[i] == 'u' && i + 4 < n) {
			unsigned u = hex4(s + i + 1);
			i += 4;
			if (u >= 0xd800 && u <= 0xdbff && i + 6 < n) {
				u = 0x10000 + ((u - 0xd800) << 10) + (hex4(s + i + 3) - 0xdc00);
				i += 6;
			}
			add_utf8(out, u);
		} else {
			strbuf_addch(out, s[i] == 'n' ? '\n' : s[i] == 't' ? '\t' : s[i] == 'r' ? '\r'
				     : s[i] == 'b' ? '\b' : s[i] == 'f' ? '\f' : s[i]);
		}
	}
}

static uint64_t fnv1a(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
}

/* FNV-1a over the decoded name. A name without a backslash is its own
 * decoding, and is hashed where it lies: an import has ten names a
 * check-in, each decoded into a buffer of its own before. */
static uint64_t name_hash(const char *s, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	uint64_t h;

	if (!memchr(s, '\\', n))
		return fnv1a(s, n);
	decode(s, n, &sb);
	h = fnv1a(sb.buf, sb.len);
	strbuf_release(&sb);
	return h;
}

static int by_hash(const void *a, const void *b)
{
	const struct key *x = a, *y = b;

	return x->hash < y->hash ? -1 : x->hash > y->hash ? 1
	     : x->start < y->start ? -1 : x->start > y->start;
}

/* Checks the names of the object whose keys start at from. */
static bool unique_names(struct checker *c, size_t from)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	size_t n = c->nkeys - from;
	struct key *k = n ? c->keys + from : NULL;   /* an empty object has no keys array */
	bool ok = true;

	if (n > 1)
		qsort(k, n, sizeof(*k), by_hash);
	for (size_t i = 1; i < n && ok; i++) {
		if (k[i].hash != k[i - 1].hash)
			continue;
		decode(c->d + k[i - 1].start, k[i - 1].len, &a);
		decode(c->d + k[i].start, k[i].len, &b);
		if (a.len == b.len && !memcmp(a.buf, b.buf, a.len)) {
			c->i = k[i].start - 1;
			ok = fail(c, "a duplicate member \"%.*s\"", (int)(k[i].len > 60 ? 60 : k[i].len),
				  c->d + k[i].start);
		}
	}
	strbuf_release(&a);
	strbuf_release(&b);
	c->nkeys = from;
	return ok;
}

static void push_key(struct checker *c, size_t start, size_t len)
{
	if (c->nkeys == c->akeys) {
		c->akeys = c->akeys ? 2 * c->akeys : 64;
		c->keys = xrealloc(c->keys, c->akeys * sizeof(*c->keys));
	}
	c->keys[c->nkeys++] = (struct key){ name_hash(c->d + start, len), start, len };
}

/* ---- containers ------------------------------------------------------------------ */

static bool enter(struct checker *c)
{
	if (c->depth >= JSON_STRICT_DEPTH)
		return fail(c, "nested deeper than %d levels", JSON_STRICT_DEPTH);
	c->seg_name[c->depth] = NULL;
	c->seg_len[c->depth] = 0;
	c->seg_index[c->depth] = -1;
	c->depth++;
	return true;
}

static bool member(struct checker *c)
{
	size_t start, len;

	skip_ws(c);
	if (c->i >= c->n)
		return fail(c, "the file ends inside an object (truncated?)");
	if (!at(c, '"'))
		return fail(c, "expected a member name in quotes");
	if (!string(c, &start, &len))
		return false;
	push_key(c, start, len);
	c->seg_name[c->depth - 1] = c->d + start;
	c->seg_len[c->depth - 1] = len;
	skip_ws(c);
	if (c->i >= c->n)
		return fail(c, "the file ends inside an object (truncated?)");
	if (!at(c, ':'))
		return fail(c, "expected ':' after a member name");
	c->i++;
	return value(c);
}

static bool object(struct checker *c)
{
	size_t from = c->nkeys;

	c->i++;
	if (!enter(c))
		return false;
	skip_ws(c);
	if (!at(c, '}')) {
		for (;;) {
			if (!member(c))
				return false;
			skip_ws(c);
			if (at(c, '}'))
				break;
			if (!at(c, ','))
				return fail(c, c->i < c->n ? "expected ',' or '}' after a member"
					    : "the file ends inside an object (truncated?)");
			c->i++;
		}
	}
	c->i++;
	if (!unique_names(c, from))
		return false;
	c->depth--;
	return true;
}

static bool array(struct checker *c)
{
	long index = 0;

	c->i++;
	if (!enter(c))
		return false;
	skip_ws(c);
	if (!at(c, ']')) {
		for (;;) {
			c->seg_index[c->depth - 1] = index++;
			if (!value(c))
				return false;
			progress(c);
			skip_ws(c);
			if (at(c, ']'))
				break;
			if (!at(c, ','))
				return fail(c, c->i < c->n ? "expected ',' or ']' after an element"
					    : "the file ends inside a list (truncated?)");
			c->i++;
		}
	}
	c->i++;
	c->depth--;
	return true;
}

static bool value(struct checker *c)
{
	size_t start, len;

	skip_ws(c);
	if (c->i >= c->n)
		return fail(c, "the file ends where a value was expected (truncated?)");
	switch (c->d[c->i]) {
	case '{': return object(c);
	case '[': return array(c);
	case '"': return string(c, &start, &len);
	case 't': return literal(c, "true");
	case 'f': return literal(c, "false");
	case 'n': return literal(c, "null");
	default: return number(c);
	}
}

bool json_strict_check(const char *data, size_t len, struct json_fault *f)
{
	return json_strict_check_progress(data, len, f, NULL, NULL);
}

bool json_strict_check_progress(const char *data, size_t len, struct json_fault *f,
				void (*done)(void *ctx, size_t upto), void *ctx)
{
	struct checker c = { .d = data, .n = len, .f = f, .done = done, .done_ctx = ctx };
	bool ok;

	if (f)
		memset(f, 0, sizeof(*f));
	ok = value(&c);
	if (ok) {
		skip_ws(&c);
		if (c.i < c.n)
			ok = fail(&c, "text after the end of the JSON document (a second "
				  "document, or a missing comma?)");
	}
	free(c.keys);
	return ok;
}
