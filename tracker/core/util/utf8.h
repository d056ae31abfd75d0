/* utf8.h - UTF-8 text as people see it: validity, display width in
 * terminal columns (CJK wide characters take two), and making text inert
 * for a terminal. */
#ifndef TRK_UTF8_H
#define TRK_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/strbuf.h"

/* Decodes one code point at s (at most n bytes); returns its length in
 * bytes, or 0 when the bytes there are not valid UTF-8 (overlongs,
 * surrogates and values past U+10FFFF are invalid). */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);
/* 3 when s (n bytes left) starts with a three-byte sequence that needs no
 * decoding to be known valid: a lead of E1-EF but ED (so neither overlong
 * nor a surrogate: all of CJK) and two continuation bytes; else 0. Inline:
 * the scanners that call it meet it on nearly every Chinese character. */
static inline size_t utf8_plain3(const unsigned char *s, size_t n)
{
	return n >= 3 && s[0] >= 0xe1 && s[0] <= 0xef && s[0] != 0xed &&
	       (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80 ? 3 : 0;
}

/* True when s[0..n) is valid UTF-8 with no NUL byte; *bad_offset (if not
 * NULL) gets the byte offset of the first bad byte. */
bool utf8_valid(const char *s, size_t n, size_t *bad_offset);

/* C0 and C1 control characters and DEL. */
bool utf8_is_control(uint32_t cp);
/* The characters that reorder text on screen (U+202A-202E, U+2066-2069,
 * LRM, RLM, ALM): a name that carries one can read as something else. */
bool utf8_is_bidi_control(uint32_t cp);

/* Appends s[0..n) with everything a reader's program could act on made
 * inert: invalid UTF-8, C0 controls other than those in `keep` (e.g.
 * "\t\n"), DEL, C1 controls and bidi controls become U+FFFD. Every text
 * output (HTML, Markdown, CSV, iCalendar) passes its text through this,
 * so a control character written into the database behind tracker's back
 * still reaches no reader. */
void utf8_add_inert(struct strbuf *sb, const char *s, size_t n, const char *keep);
/* The same in place, for sb from byte `from` on. */
void utf8_make_inert(struct strbuf *sb, size_t from, const char *keep);

/* Columns a code point takes: 0 (combining, zero width), 1, or 2 (East
 * Asian Wide and Fullwidth). Control characters count 1 (shown as U+FFFD). */
int utf8_cp_width(uint32_t cp);
/* Display width of a NUL-terminated UTF-8 string. */
size_t utf8_width(const char *s);
/* Number of code points (the unit of quote offsets). */
size_t utf8_length(const char *s, size_t n);

/* Appends s to sb made safe for a terminal: C0/C1 controls, DEL and bidi
 * controls become U+FFFD (so no escape sequence reaches the terminal), newlines and tabs a
 * space; if max_width > 0, the text is cut to that many columns with "…".
 * Returns the columns appended (a table pads with it: no second measure). */
size_t utf8_add_terminal(struct strbuf *sb, const char *s, size_t max_width);
/* Appends s padded with spaces to exactly `width` columns (cut if longer). */
void utf8_add_padded(struct strbuf *sb, const char *s, size_t width);

#endif
