#include "util/utf8.h"

#include <string.h>

#include "util/banned.h"

size_t utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t len, i;
	uint32_t c, min;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if ((s[0] & 0xe0) == 0xc0) {
		len = 2, c = s[0] & 0x1f, min = 0x80;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3, c = s[0] & 0x0f, min = 0x800;
	} else if ((s[0] & 0xf8) == 0xf0) {
		len = 4, c = s[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

bool utf8_valid(const char *s, size_t n, size_t *bad_offset)
{
	size_t i = 0, len;
	uint32_t cp;

	while (i < n) {
		len = utf8_decode(s + i, n - i, &cp);
		if (len == 0 || cp == 0) {
			if (bad_offset)
				*bad_offset = i;
			return false;
		}
		i += len;
	}
	return true;
}

struct range {
	uint32_t lo, hi;
};

/* East Asian Wide (W) and Fullwidth (F) blocks from Unicode's
 * EastAsianWidth.txt, merged into the ranges terminals render double. */
static const struct range wide[] = {
	{ 0x1100, 0x115f }, { 0x231a, 0x231b }, { 0x2329, 0x232a },
	{ 0x23e9, 0x23ec }, { 0x23f0, 0x23f0 }, { 0x23f3, 0x23f3 },
	{ 0x25fd, 0x25fe }, { 0x2614, 0x2615 }, { 0x2648, 0x2653 },
	{ 0x267f, 0x267f }, { 0x2693, 0x2693 }, { 0x26a1, 0x26a1 },
	{ 0x26aa, 0x26ab }, { 0x26bd, 0x26be }, { 0x26c4, 0x26c5 },
	{ 0x26ce, 0x26ce }, { 0x26d4, 0x26d4 }, { 0x26ea, 0x26ea },
	{ 0x26f2, 0x26f3 }, { 0x26f5, 0x26f5 }, { 0x26fa, 0x26fa },
	{ 0x26fd, 0x26fd }, { 0x2705, 0x2705 }, { 0x270a, 0x270b },
	{ 0x2728, 0x2728 }, { 0x274c, 0x274c }, { 0x274e, 0x274e },
	{ 0x2753, 0x2755 }, { 0x2757, 0x2757 }, { 0x2795, 0x2797 },
	{ 0x27b0, 0x27b0 }, { 0x27bf, 0x27bf }, { 0x2b1b, 0x2b1c },
	{ 0x2b50, 0x2b50 }, { 0x2b55, 0x2b55 }, { 0x2e80, 0x303e },
	{ 0x3041, 0x33ff }, { 0x3400, 0x4dbf }, { 0x4e00, 0x9fff },
	{ 0xa000, 0xa4cf }, { 0xa960, 0xa97f }, { 0xac00, 0xd7a3 },
	{ 0xf900, 0xfaff }, { 0xfe10, 0xfe19 }, { 0xfe30, 0xfe6f },
	{ 0xff00, 0xff60 }, { 0xffe0, 0xffe6 }, { 0x16fe0, 0x16fe4 },
	{ 0x17000, 0x18cff }, { 0x1b000, 0x1b2ff }, { 0x1f004, 0x1f004 },
	{ 0x1f0cf, 0x1f0cf }, { 0x1f18e, 0x1f18e }, { 0x1f191, 0x1f19a },
	{ 0x1f200, 0x1f251 }, { 0x1f300, 0x1f64f }, { 0x1f680, 0x1f6ff },
	{ 0x1f900, 0x1f9ff }, { 0x20000, 0x2fffd }, { 0x30000, 0x3fffd },
};

static bool in_ranges(uint32_t cp, const struct range *r, size_t n)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cp < r[mid].lo)
			hi = mid;
		else if (cp > r[mid].hi)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

int utf8_cp_width(uint32_t cp)
{
	/* The common cases first: ASCII and Latin, and the CJK block. */
	if (cp < 0x0300)
		return 1;
	if (cp >= 0x4e00 && cp <= 0x9fff)
		return 2;
	if ((cp >= 0x0300 && cp <= 0x036f) || cp == 0x200b || cp == 0x200c ||
	    cp == 0x200d || cp == 0xfeff || (cp >= 0xfe00 && cp <= 0xfe0f))
		return 0;
	return in_ranges(cp, wide, sizeof(wide) / sizeof(wide[0])) ? 2 : 1;
}

size_t utf8_width(const char *s)
{
	size_t n = strlen(s), i = 0, w = 0, len;
	uint32_t cp;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {   /* ASCII: one column, control or not */
			w++, i++;
			continue;
		}
		len = utf8_decode(s + i, n - i, &cp);
		if (len == 0)
			len = 1, cp = 0xfffd;
		w += (size_t)utf8_cp_width(cp);
		i += len;
	}
	return w;
}

size_t utf8_length(const char *s, size_t n)
{
	size_t i = 0, count = 0, len;
	uint32_t cp;

	while (i < n) {
		len = utf8_decode(s + i, n - i, &cp);
		i += len ? len : 1;
		count++;
	}
	return count;
}

bool utf8_is_control(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0);
}

bool utf8_is_bidi_control(uint32_t cp)
{
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	       cp == 0x200e || cp == 0x200f || cp == 0x061c;
}

/* Maps a decoded character to what a terminal may safely be sent: layout
 * controls become a space, every other control (ESC starts escape
 * sequences) the replacement character. */
static uint32_t terminal_safe(uint32_t cp)
{
	if (cp == '\n' || cp == '\t' || cp == '\r')
		return ' ';
	return utf8_is_control(cp) || utf8_is_bidi_control(cp) ? 0xfffd : cp;
}

/* One character of s at i: its length, what a terminal is sent for it
 * (terminal_safe) and the columns that take. Printable ASCII is most of
 * what a table shows, and needs no decoding. */
static size_t next_for_terminal(const char *s, size_t n, uint32_t *cp, uint32_t *safe, int *cw)
{
	unsigned char b = (unsigned char)*s;
	size_t len;

	if (b >= 0x20 && b < 0x7f) {
		*cp = *safe = b;
		*cw = 1;
		return 1;
	}
	len = utf8_decode(s, n, cp);
	if (len == 0)
		len = 1, *cp = 0xfffd;
	*safe = terminal_safe(*cp);
	*cw = utf8_cp_width(*safe);
	return len;
}

/* Characters that go out as they are gather into a run, copied at once. */
size_t utf8_add_terminal(struct strbuf *sb, const char *s, size_t max_width)
{
	size_t n = strlen(s), i = 0, w = 0, run = 0, len;
	int cut = -1;   /* whether s is too wide: asked only once it reaches the last column */
	uint32_t cp, safe;
	int cw;

	while (i < n) {
		len = next_for_terminal(s + i, n - i, &cp, &safe, &cw);
		if (max_width && w + (size_t)cw > max_width - 1) {
			if (cut < 0)
				cut = utf8_width(s) > max_width;
			if (cut) {
				strbuf_add(sb, s + run, i - run);
				strbuf_addstr(sb, "\xe2\x80\xa6");  /* … */
				return w + 1;
			}
		}
		if (safe != cp || cp == 0xfffd) {
			strbuf_add(sb, s + run, i - run);
			strbuf_addstr(sb, safe == ' ' ? " " : "\xef\xbf\xbd");
			run = i + len;
		}
		w += (size_t)cw;
		i += len;
	}
	strbuf_add(sb, s + run, n - run);
	return w;
}

void utf8_add_padded(struct strbuf *sb, const char *s, size_t width)
{
	size_t used = utf8_add_terminal(sb, s, width);

	if (used < width)
		strbuf_addspaces(sb, width - used);
}

/* Whether code point cp (decoded in len bytes, 0: not UTF-8) is replaced
 * by U+FFFD: broken, a control not in keep, or a bidi control. */
static bool replaced(size_t len, uint32_t cp, const char *keep)
{
	return !len || (utf8_is_control(cp) && !(cp && cp < 0x80 && strchr(keep, (int)cp))) ||
	       utf8_is_bidi_control(cp);
}

/* The length of the character at s (n > 0 bytes left) when it is inert
 * whatever keep says: printable ASCII, or three bytes of UTF-8 whose lead
 * rules out overlongs (E0), surrogates (ED) and the bidi controls (E2;
 * U+061C has two bytes). All of CJK; 0 for the rest, decoded. */
static size_t plain_char(const unsigned char *s, size_t n)
{
	if (s[0] >= 0x20 && s[0] < 0x7f)
		return 1;
	return s[0] != 0xe2 ? utf8_plain3(s, n) : 0;
}

/* The bytes at the start of s[0, n) that stay as they are. */
static size_t inert_prefix(const char *s, size_t n, const char *keep)
{
	size_t i = 0, len;
	uint32_t cp = 0;

	while (i < n) {
		if ((len = plain_char((const unsigned char *)s + i, n - i))) {
			i += len;
			continue;
		}
		len = utf8_decode(s + i, n - i, &cp);
		if (replaced(len, cp, keep))
			break;
		i += len;
	}
	return i;
}

void utf8_add_inert(struct strbuf *sb, const char *s, size_t n, const char *keep)
{
	size_t i = 0, len;
	uint32_t cp = 0;

	strbuf_grow(sb, n);
	while ((len = inert_prefix(s + i, n - i, keep)) < n - i) {
		strbuf_add(sb, s + i, len);
		strbuf_addstr(sb, "\xef\xbf\xbd");
		i += len;
		len = utf8_decode(s + i, n - i, &cp);
		i += len ? len : 1;
	}
	strbuf_add(sb, s + i, n - i);
}

/* Nearly every text is inert already (a calendar makes each of its
 * descriptions so): it is then left as it is, not copied out and back. */
void utf8_make_inert(struct strbuf *sb, size_t from, const char *keep)
{
	struct strbuf tmp = STRBUF_INIT;

	if (from >= sb->len)
		return;
	from += inert_prefix(sb->buf + from, sb->len - from, keep);
	if (from == sb->len)
		return;
	utf8_add_inert(&tmp, sb->buf + from, sb->len - from, keep);
	strbuf_setlen(sb, from);
	strbuf_add(sb, tmp.buf, tmp.len);
	strbuf_release(&tmp);
}
