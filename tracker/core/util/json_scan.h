/* json_scan.h - finding the extent of a JSON value without building it, so
 * a large import can be parsed one letter at a time. */
#ifndef TRK_JSON_SCAN_H
#define TRK_JSON_SCAN_H

#include <stddef.h>

/* Returns the offset just past the JSON value that starts at p (after
 * whitespace), or 0 when the text ends inside it. Does not validate: cJSON
 * parses the slice afterwards. */
size_t json_skip_value(const char *p, size_t n);
/* Offset of the first non-whitespace byte at or after p (n if none). */
size_t json_skip_ws(const char *p, size_t n);
/* The 1-based line number of byte offset off in text. */
size_t json_line_of(const char *text, size_t off);

#endif
