/* json_strict.h - is this text exactly one JSON document, by RFC 8259?
 *
 * cJSON, which parses tracker's input, is lenient: it stops at a NUL inside
 * a string, ignores a second document, keeps one of two members with the
 * same name and reads numbers JSON does not allow (01, +1, 1.). A file that
 * means one thing to tracker and another to the program that wrote it is
 * worse than one refused, so every JSON input is checked here first, and
 * only text that passes reaches cJSON. Refused: invalid UTF-8, raw control
 * characters and \u0000 in strings, lone surrogates, duplicate members at
 * any depth, numbers outside the grammar, anything after the document, and
 * nesting deeper than JSON_STRICT_DEPTH. */
#ifndef TRK_JSON_STRICT_H
#define TRK_JSON_STRICT_H

#include <stdbool.h>
#include <stddef.h>

#define JSON_STRICT_DEPTH 64

struct json_fault {
	size_t offset;            /* byte offset of the fault */
	size_t line;              /* 1-based line of it */
	char path[256];           /* where: "letters[0].commitments[4].value" */
	char message[160];        /* what: "duplicate member \"value\"" */
};

/* True when data[0..len) is one JSON document as above; otherwise fills
 * *f (when not NULL) and returns false. */
bool json_strict_check(const char *data, size_t len, struct json_fault *f);

/* The same, telling done(ctx, upto) now and then (every few megabytes, after
 * an element of a list) that the bytes before upto have been read: a
 * caller with the text mapped from a file may give those pages back. They
 * may still be read again (a message's line number, an object's member
 * names), so they must stay readable. */
bool json_strict_check_progress(const char *data, size_t len, struct json_fault *f,
				void (*done)(void *ctx, size_t upto), void *ctx);

#endif
