/* jsonw.c - writing JSON text member by member (see jsonw.h). */
#include "util/jsonw.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/date.h"
#include "util/banned.h"

void jsonw_init(struct jsonw *w, struct strbuf *sb, bool pretty)
{
	memset(w, 0, sizeof(*w));
	w->sb = sb;
	w->pretty = pretty;
}

static bool any_needs_escape(const char *s, size_t n);

/* Writes at o, where room was made, a line break and the indent of this
 * depth. Returns the end. */
static char *put_newline(const struct jsonw *w, char *o)
{
	*o++ = '\n';
	memset(o, ' ', (size_t)(2 * w->depth));
	return o + 2 * w->depth;
}

/* The same for what goes before a value: the comma after a sibling, then
 * (pretty) the line break. */
static char *put_separator(struct jsonw *w, char *o)
{
	if (w->depth == 0)
		return o;
	if (w->need_comma[w->depth])
		*o++ = ',';
	w->need_comma[w->depth] = true;
	return w->pretty ? put_newline(w, o) : o;
}

static void finish_at(struct strbuf *sb, char *o)
{
	*o = '\0';
	sb->len = (size_t)(o - sb->buf);
}

static void newline(struct jsonw *w)
{
	strbuf_grow(w->sb, 1 + (size_t)(2 * w->depth));
	finish_at(w->sb, put_newline(w, w->sb->buf + w->sb->len));
}

/* The comma, the line break and the member name before a value, made room
 * for once: a pretty report is mostly punctuation and member names, and
 * five appends a member, each growing the buffer, were 5 % of a JSON
 * report's instructions. A name needing an escape (none of tracker's)
 * goes through json_quote(). */
static void member(struct jsonw *w, const char *name)
{
	size_t n = name ? strlen(name) : 0;
	bool plain = !name || !any_needs_escape(name, n);
	char *o;

	strbuf_grow(w->sb, 2 + (size_t)(2 * w->depth) + (plain && name ? n + 4 : 0));
	o = put_separator(w, w->sb->buf + w->sb->len);
	if (name && plain) {
		*o++ = '"';
		memcpy(o, name, n);
		o += n;
		*o++ = '"';
		*o++ = ':';
		if (w->pretty)
			*o++ = ' ';
	}
	finish_at(w->sb, o);
	if (name && !plain) {
		json_quote(w->sb, name, n);
		strbuf_addstr(w->sb, w->pretty ? ": " : ":");
	}
}

static void open_container(struct jsonw *w, const char *name, char open, char close)
{
	member(w, name);
	strbuf_addch(w->sb, open);
	if (w->depth + 1 < JSONW_DEPTH)   /* deeper nesting is a caller's bug */
		w->depth++;
	w->need_comma[w->depth] = false;
	w->close[w->depth] = close;
}

void jsonw_object(struct jsonw *w, const char *name)
{
	open_container(w, name, '{', '}');
}

void jsonw_array(struct jsonw *w, const char *name)
{
	open_container(w, name, '[', ']');
}

void jsonw_end(struct jsonw *w)
{
	bool had_members = w->need_comma[w->depth];
	char close = w->close[w->depth];

	if (w->depth > 0)
		w->depth--;
	if (w->pretty && had_members)
		newline(w);
	strbuf_addch(w->sb, close ? close : '}');
}

/* Bytes a JSON string cannot carry as they are. */
static bool needs_escape(unsigned char ch)
{
	return ch < 0x20 || ch == '"' || ch == '\\';
}

/* Writes the escape of ch at o; returns the end. */
static char *put_escape(char *o, unsigned char ch)
{
	static const char hex[] = "0123456789abcdef";

	*o++ = '\\';
	switch (ch) {
	case '"': *o++ = '"'; break;
	case '\\': *o++ = '\\'; break;
	case '\n': *o++ = 'n'; break;
	case '\t': *o++ = 't'; break;
	case '\r': *o++ = 'r'; break;
	default:
		memcpy(o, "u00", 3);
		o[3] = hex[ch >> 4];
		o[4] = hex[ch & 15];
		o += 5;
	}
	return o;
}

/* Eight bytes at once: is any of them a control character, '"' or '\\'?
 * The zero-byte test of Hacker's Delight (6-1): on x for the bytes below
 * 0x20, and on x with '"' (then '\\') XORed out of it for those. Its yes
 * is exact for the word (a borrow only follows a byte that matched), and
 * UTF-8's bytes from 0x80 up never match. q and b have x's high bits, so
 * one ~x serves the three tests. */
static bool word_needs_escape(const char *p)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	uint64_t x, q, b;

	memcpy(&x, p, sizeof(x));
	q = x ^ (ones * '"');
	b = x ^ (ones * '\\');
	return (((x - ones * 0x20) | (q - ones) | (b - ones)) & ~x & highs) != 0;
}

/* Whether any byte of s[0, n) needs an escape: a word at a time, the last
 * word overlapping the one before it; a text shorter than a word, padded
 * to one with a letter. */
static bool any_needs_escape(const char *s, size_t n)
{
	if (n < 8) {   /* member names, dates, figures: one word, padded */
		char word[8];
		memset(word, 'a', sizeof(word));
		memcpy(word, s, n);
		return word_needs_escape(word);
	}
	for (size_t i = 0; n - i > 8; i += 8)
		if (word_needs_escape(s + i))
			return true;
	return word_needs_escape(s + n - 8);
}

/* Nearly every text needs no escape (Chinese text, dates, hex hashes: a
 * whole-store export quotes a few hundred megabytes of them), and is
 * copied whole once a word-at-a-time look says so. The others (a creation
 * record holds a JSON document: a quote every few bytes) are written a
 * byte at a time into room for the worst case. */
void json_quote(struct strbuf *sb, const char *s, size_t n)
{
	char *o;

	if (!any_needs_escape(s, n)) {
		strbuf_grow(sb, n + 2);
		sb->buf[sb->len++] = '"';
		memcpy(sb->buf + sb->len, s, n);
		sb->len += n;
		sb->buf[sb->len++] = '"';
		sb->buf[sb->len] = '\0';
		return;
	}
	strbuf_grow(sb, 6 * n + 2);   /* \u00XX for each byte at most */
	o = sb->buf + sb->len;
	*o++ = '"';
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (needs_escape(ch))
			o = put_escape(o, ch);
		else
			*o++ = (char)ch;
	}
	*o++ = '"';
	*o = '\0';
	sb->len = (size_t)(o - sb->buf);
}

void jsonw_stringn(struct jsonw *w, const char *name, const char *s, size_t n)
{
	member(w, name);
	json_quote(w->sb, s, n);
}

void jsonw_string(struct jsonw *w, const char *name, const char *s)
{
	if (!s) {
		jsonw_null(w, name);
		return;
	}
	jsonw_stringn(w, name, s, strlen(s));
}

void jsonw_string_opt(struct jsonw *w, const char *name, const char *s)
{
	if (s)
		jsonw_stringn(w, name, s, strlen(s));
}

/* The common numbers (counts, targets, percentages with one decimal) as
 * integer digits with up to three decimals, without printf and strtod: the
 * report and the export spell millions of them. Exact: m / 10^k == v means
 * v is the double nearest to that decimal, which %.15g would print the same
 * way (no exponent for 0.001 <= |v| < 1e15, trailing zeros dropped). */
static bool short_decimal_text(double v, char out[32])
{
	static const double scale[] = { 1, 10, 100, 1000 };
	char digits[24];
	int n = 0, o = 0;

	for (int k = 0; k < 4; k++) {
		double m = v * scale[k];
		if (fabs(m) >= 1e15 || m != floor(m) || m / scale[k] != v)
			continue;
		uint64_t u = (uint64_t)fabs(m);
		for (; u || n <= k; u /= 10)
			digits[n++] = (char)('0' + u % 10);
		if (v < 0)
			out[o++] = '-';
		while (n > k)
			out[o++] = digits[--n];
		if (k) {
			out[o++] = '.';
			while (n)
				out[o++] = digits[--n];
			while (out[o - 1] == '0')   /* 2.50 -> 2.5 */
				o--;
		}
		out[o] = '\0';
		return true;
	}
	return false;
}

void json_number_text(double v, char out[32])
{
	if (!isfinite(v) || v == 0) {
		out[0] = '0', out[1] = '\0';
		return;
	}
	if (fabs(v) >= 0.001 && short_decimal_text(v, out))
		return;
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(out, 32, "%.*g", prec, v);
		if (strtod(out, NULL) == v)
			return;
	}
}

size_t int_text(int64_t v, char out[24])
{
	char digits[24];
	size_t n = 0;
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;

	do
		digits[sizeof(digits) - ++n] = (char)('0' + u % 10);
	while ((u /= 10));
	if (v < 0)
		digits[sizeof(digits) - ++n] = '-';
	memcpy(out, digits + sizeof(digits) - n, n);
	out[n] = '\0';
	return n;
}

/* A whole number below 10^15 is what %.17g spells it: its digits (the
 * exponent form starts at 10^17). Every check-in's figure is hashed, most
 * of them whole; printf was a twentieth of a check. */
void canon_number(double v, char out[32])
{
	if (!isfinite(v) || v == 0) {
		out[0] = '0', out[1] = '\0';
		return;
	}
	if (fabs(v) < 1e15 && v == (double)(int64_t)v) {
		int_text((int64_t)v, out);
		return;
	}
	snprintf(out, 32, "%.17g", v);
}

void jsonw_number(struct jsonw *w, const char *name, double v)
{
	char num[32];

	member(w, name);
	json_number_text(v, num);
	strbuf_addstr(w->sb, num);
}

void jsonw_int(struct jsonw *w, const char *name, int64_t v)
{
	char digits[24];
	size_t n = int_text(v, digits);

	member(w, name);
	strbuf_add(w->sb, digits, n);
}

void jsonw_bool(struct jsonw *w, const char *name, bool v)
{
	member(w, name);
	strbuf_addstr(w->sb, v ? "true" : "false");
}

void jsonw_null(struct jsonw *w, const char *name)
{
	member(w, name);
	strbuf_addstr(w->sb, "null");
}

void jsonw_date(struct jsonw *w, const char *name, int32_t d)
{
	char buf[DATE_BUFSZ];

	if (d == DATE_NONE) {
		jsonw_null(w, name);
		return;
	}
	date_format(d, buf);
	jsonw_stringn(w, name, buf, 10);
}

void jsonw_date_opt(struct jsonw *w, const char *name, int32_t d)
{
	if (d != DATE_NONE)
		jsonw_date(w, name, d);
}

void jsonw_raw(struct jsonw *w, const char *name, const char *json)
{
	member(w, name);
	strbuf_addstr(w->sb, json);
}
