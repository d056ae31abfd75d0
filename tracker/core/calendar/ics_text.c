/* ics_text.c - the text around libical: the UTF-8 aware folding post-pass,
 * values for properties libical does not escape, and safe file names. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar/ics.h"
#include "util/utf8.h"
#include "util/banned.h"

static bool is_continuation(unsigned char ch)
{
	return (ch & 0xC0) == 0x80;
}

/* Appends one logical line (unfolded, without its line end) folded. A fold
 * goes before a byte that starts a character, so no character is split
 * (for invalid input: before any non-continuation byte). */
static void fold_line(struct strbuf *sb, const char *s, size_t n)
{
	size_t room = ICS_FOLD_OCTETS;

	while (n > room) {
		size_t cut = room;
		while (cut > 0 && is_continuation((unsigned char)s[cut]))
			cut--;
		if (cut == 0)   /* only continuation bytes: cannot happen for UTF-8 */
			cut = room;
		strbuf_add(sb, s, cut);
		strbuf_add(sb, "\r\n ", 3);
		s += cut, n -= cut;
		room = ICS_FOLD_OCTETS - 1;   /* the leading space counts */
	}
	strbuf_add(sb, s, n);
	strbuf_add(sb, "\r\n", 2);
}

void ics_fold(struct strbuf *sb, const char *ical)
{
	struct strbuf line = STRBUF_INIT;
	const char *p = ical;

	while (*p) {
		size_t n = strcspn(p, "\r\n");
		strbuf_add(&line, p, n);
		p += n;
		if (*p == '\r')
			p++;
		if (*p == '\n')
			p++;
		if (*p == ' ' || *p == '\t') {   /* a continuation: unfold */
			p++;
			continue;
		}
		if (line.len)
			fold_line(sb, line.buf, line.len);
		strbuf_reset(&line);
	}
	if (line.len)
		fold_line(sb, line.buf, line.len);
	strbuf_release(&line);
}

void ics_add_unescaped_safe(struct strbuf *sb, const char *text)
{
	struct strbuf safe = STRBUF_INIT;
	const char *s;

	if (!text)
		return;
	utf8_add_inert(&safe, text, strlen(text), "");
	for (s = safe.buf; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == ',')
			strbuf_addstr(sb, "\xEF\xBC\x8C");        /* ， */
		else if (ch == ';')
			strbuf_addstr(sb, "\xEF\xBC\x9B");        /* ； */
		else if (ch == '\\')
			strbuf_addstr(sb, "\xEF\xBC\xBC");        /* ＼ */
		else
			strbuf_addch(sb, (char)ch);
	}
	strbuf_release(&safe);
}

static bool name_char_bad(uint32_t cp)
{
	return utf8_is_control(cp) || utf8_is_bidi_control(cp) ||
	       (cp < 0x80 && strchr("/\\:*?\"<>|", (int)cp));
}

/* CON, PRN, AUX, NUL, COM1-9, LPT1-9, alone or before a dot. */
static bool windows_device(const char *s)
{
	static const char *const names[] = { "CON", "PRN", "AUX", "NUL" };
	size_t len = strcspn(s, ".");

	for (int i = 0; i < 4; i++)
		if (len == 3 && !strncasecmp(s, names[i], 3))
			return true;
	return len == 4 && (!strncasecmp(s, "COM", 3) || !strncasecmp(s, "LPT", 3)) &&
	       s[3] >= '1' && s[3] <= '9';
}

/* Copies name into sb character by character, replacing what is unsafe,
 * stopping before ICS_FILENAME_MAX bytes. */
static void add_name_chars(struct strbuf *sb, const char *name)
{
	size_t n = strlen(name);

	while (n) {
		uint32_t cp;
		size_t len = utf8_decode(name, n, &cp);
		bool bad = !len || name_char_bad(cp);
		size_t add = bad ? 1 : len;
		if (sb->len + add > ICS_FILENAME_MAX)
			break;
		if (bad)
			strbuf_addch(sb, '_');
		else
			strbuf_add(sb, name, len);
		name += len ? len : 1;
		n -= len ? len : 1;
	}
}

char *ics_safe_filename(const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	size_t start = 0;

	if (name && windows_device(name))
		strbuf_addch(&sb, '_');
	add_name_chars(&sb, name ? name : "");
	while (sb.len && (sb.buf[sb.len - 1] == '.' || sb.buf[sb.len - 1] == ' '))
		sb.buf[--sb.len] = '\0';
	while (start < sb.len && (sb.buf[start] == '.' || sb.buf[start] == ' '))
		sb.buf[start++] = '_';
	if (!sb.len)
		strbuf_addch(&sb, '_');
	return strbuf_detach(&sb);
}
