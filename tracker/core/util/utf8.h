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

/* True when s[0..n) is valid UTF-8 with no NUL byte; *bad_offset (if not
 * NULL) gets the byte offset of the first bad byte. */
bool utf8_valid(const char *s, size_t n, size_t *bad_offset);

/* Columns a code point takes: 0 (combining, zero width), 1, or 2 (East
 * Asian Wide and Fullwidth). Control characters count 1 (shown as U+FFFD). */
int utf8_cp_width(uint32_t cp);
/* Display width of a NUL-terminated UTF-8 string. */
size_t utf8_width(const char *s);
/* Number of code points (the unit of quote offsets). */
size_t utf8_length(const char *s, size_t n);

/* Appends s to sb made safe for a terminal: C0/C1 controls and DEL become
 * U+FFFD (so no escape sequence reaches the terminal), newlines and tabs a
 * space; if max_width > 0, the text is cut to that many columns with "…". */
void utf8_add_terminal(struct strbuf *sb, const char *s, size_t max_width);
/* Appends s padded with spaces to exactly `width` columns (cut if longer). */
void utf8_add_padded(struct strbuf *sb, const char *s, size_t width);

#endif
