/* escape.h - making text inert in the formats people open: HTML (text and
 * attribute values), CSV cells (RFC 4180, with spreadsheet formulas
 * neutralised) and Markdown. Each function appends to a strbuf owned by the
 * caller; the input is UTF-8 and is not modified. */
#ifndef TRK_ESCAPE_H
#define TRK_ESCAPE_H

#include "util/strbuf.h"

/* Appends s (NULL = nothing) with & < > " ' as character references, and
 * C0 controls other than tab and newline as U+FFFD, so the text is safe
 * both as element content and inside a quoted attribute value. */
void escape_html(struct strbuf *sb, const char *s);

/* Appends s as one CSV field. A text that begins with = + - @ tab or CR
 * gets a leading ' so a spreadsheet reads it as text, not a formula; the
 * field is quoted (with "" for ") when it holds , " CR or LF, or when it
 * begins or ends with a space. NULL is an empty field. */
void escape_csv(struct strbuf *sb, const char *s);

/* Appends s for one Markdown table cell: | and the characters that start
 * emphasis, code, links or HTML are backslash-escaped, a leading block
 * marker (# > - + = or "1.") is escaped, and line breaks become spaces. */
void escape_md_cell(struct strbuf *sb, const char *s);

#endif
