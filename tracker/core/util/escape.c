#include "util/escape.h"

#include <stdbool.h>
#include <string.h>

#include "util/utf8.h"
#include "util/banned.h"

void escape_html(struct strbuf *sb, const char *text)
{
	struct strbuf safe = STRBUF_INIT;
	const char *s;

	if (!text)
		return;
	utf8_add_inert(&safe, text, strlen(text), "\t\n");
	for (s = safe.buf; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		switch (ch) {
		case '&': strbuf_addstr(sb, "&amp;"); break;
		case '<': strbuf_addstr(sb, "&lt;"); break;
		case '>': strbuf_addstr(sb, "&gt;"); break;
		case '"': strbuf_addstr(sb, "&quot;"); break;
		case '\'': strbuf_addstr(sb, "&#39;"); break;
		default:
			strbuf_addch(sb, (char)ch);
		}
	}
	strbuf_release(&safe);
}

static bool csv_formula_start(char ch)
{
	return ch == '=' || ch == '+' || ch == '-' || ch == '@' || ch == '\t' || ch == '\r';
}

void escape_csv(struct strbuf *sb, const char *text)
{
	struct strbuf safe = STRBUF_INIT;
	const char *s;
	size_t n;
	bool quote;

	if (!text || !*text)
		return;
	utf8_add_inert(&safe, text, strlen(text), "\t\r\n");
	s = safe.buf;
	n = safe.len;
	quote = strpbrk(s, ",\"\r\n") || s[0] == ' ' || s[n - 1] == ' ' || s[0] == '\t';
	if (quote)
		strbuf_addch(sb, '"');
	if (csv_formula_start(s[0]))
		strbuf_addch(sb, '\'');
	for (; *s; s++) {
		if (*s == '"')
			strbuf_addch(sb, '"');
		strbuf_addch(sb, *s);
	}
	if (quote)
		strbuf_addch(sb, '"');
	strbuf_release(&safe);
}

/* A leading "12." or "12)" would start an ordered list. */
static size_t md_ordered_marker(const char *s)
{
	size_t i = 0;

	while (s[i] >= '0' && s[i] <= '9')
		i++;
	return i > 0 && (s[i] == '.' || s[i] == ')') ? i : 0;
}

void escape_md_cell(struct strbuf *sb, const char *text)
{
	struct strbuf safe = STRBUF_INIT;
	const char *s;
	size_t lead;

	if (!text)
		return;
	utf8_add_inert(&safe, text, strlen(text), "\n");
	s = safe.buf;
	while (*s == ' ')
		s++;
	if (*s && strchr("#>-+=", *s)) {
		strbuf_addch(sb, '\\');
		strbuf_addch(sb, *s++);
	} else if ((lead = md_ordered_marker(s))) {
		strbuf_add(sb, s, lead);
		strbuf_addch(sb, '\\');
		s += lead;
	}
	for (; *s; s++) {
		if (*s == '\n' || *s == '\r') {
			strbuf_addch(sb, ' ');
			continue;
		}
		if (strchr("\\|`*_[]<>~&", *s))
			strbuf_addch(sb, '\\');
		strbuf_addch(sb, *s);
	}
	strbuf_release(&safe);
}
