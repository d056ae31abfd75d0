/* jsonw.c - writing JSON text member by member (see jsonw.h). */
#include "util/jsonw.h"

#include <math.h>
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

static void newline(struct jsonw *w)
{
	strbuf_addch(w->sb, '\n');
	strbuf_addspaces(w->sb, (size_t)(2 * w->depth));
}

/* The comma, the line break and the member name before a value. */
static void member(struct jsonw *w, const char *name)
{
	if (w->depth > 0) {
		if (w->need_comma[w->depth])
			strbuf_addch(w->sb, ',');
		w->need_comma[w->depth] = true;
		if (w->pretty)
			newline(w);
	}
	if (name) {
		json_quote(w->sb, name, strlen(name));
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

void json_quote(struct strbuf *sb, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t run = 0;

	strbuf_grow(sb, n + 2);
	strbuf_addch(sb, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch >= 0x20 && ch != '"' && ch != '\\')
			continue;
		strbuf_add(sb, s + run, i - run);
		run = i + 1;
		switch (ch) {
		case '"': strbuf_addstr(sb, "\\\""); break;
		case '\\': strbuf_addstr(sb, "\\\\"); break;
		case '\n': strbuf_addstr(sb, "\\n"); break;
		case '\t': strbuf_addstr(sb, "\\t"); break;
		case '\r': strbuf_addstr(sb, "\\r"); break;
		default:
			strbuf_addstr(sb, "\\u00");
			strbuf_addch(sb, hex[ch >> 4]);
			strbuf_addch(sb, hex[ch & 15]);
		}
	}
	strbuf_add(sb, s + run, n - run);
	strbuf_addch(sb, '"');
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

void json_number_text(double v, char out[32])
{
	if (!isfinite(v) || v == 0) {
		out[0] = '0', out[1] = '\0';
		return;
	}
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(out, 32, "%.*g", prec, v);
		if (strtod(out, NULL) == v)
			return;
	}
}

void canon_number(double v, char out[32])
{
	if (!isfinite(v) || v == 0) {
		out[0] = '0', out[1] = '\0';
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
	member(w, name);
	strbuf_addf(w->sb, "%lld", (long long)v);
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
