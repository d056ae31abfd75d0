/* jsonw.h - writing JSON text into a strbuf, member by member.
 *
 * Why not build a cJSON tree and print it: the record serialisers run once
 * per record of a whole-store export (a million check-ins), and a tree per
 * record costs an allocation per member; and hashes are taken over JSON
 * text (a commitment's creation record), which needs one fixed spelling of
 * every number. Numbers are written in one form
 * (json_number_text: the shortest text that reads back exactly, never "-0"); strings are
 * UTF-8 as given, with " \ and control characters escaped.
 *
 * The writer tracks only whether a comma is due; the caller nests objects
 * and arrays correctly (jsonw_end closes what jsonw_object/array opened). */
#ifndef TRK_JSONW_H
#define TRK_JSONW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/strbuf.h"

#define JSONW_DEPTH 16

struct jsonw {
	struct strbuf *sb;        /* borrowed: the output */
	int depth;
	bool need_comma[JSONW_DEPTH];
	char close[JSONW_DEPTH];  /* '}' or ']' for each open container */
	bool pretty;              /* two-space indent, one member a line */
};

/* Starts writing into sb (appending). */
void jsonw_init(struct jsonw *w, struct strbuf *sb, bool pretty);

/* Containers: a NULL name inside an array or at the top. */
void jsonw_object(struct jsonw *w, const char *name);
void jsonw_array(struct jsonw *w, const char *name);
void jsonw_end(struct jsonw *w);

/* Members (or array elements when name is NULL). A NULL string writes
 * null; jsonw_string_opt leaves the member out instead. */
void jsonw_string(struct jsonw *w, const char *name, const char *s);
void jsonw_string_opt(struct jsonw *w, const char *name, const char *s);
void jsonw_stringn(struct jsonw *w, const char *name, const char *s, size_t n);
void jsonw_number(struct jsonw *w, const char *name, double v);
void jsonw_int(struct jsonw *w, const char *name, int64_t v);
void jsonw_bool(struct jsonw *w, const char *name, bool v);
void jsonw_null(struct jsonw *w, const char *name);
/* A date as "YYYY-MM-DD", null for DATE_NONE; _opt leaves it out. */
void jsonw_date(struct jsonw *w, const char *name, int32_t d);
void jsonw_date_opt(struct jsonw *w, const char *name, int32_t d);
/* A JSON value written by someone else (already valid JSON text). */
void jsonw_raw(struct jsonw *w, const char *name, const char *json);

/* Appends s as a JSON string literal (with quotes) to sb. */
void json_quote(struct strbuf *sb, const char *s, size_t n);

/* The text of a number in JSON: the shortest of %.15g/%.16g/%.17g that
 * reads back as the same double (5.64, not 5.6399999999999997), -0 written
 * as 0. Non-finite numbers never reach the store (the rules refuse them);
 * they are written as 0 here rather than as invalid JSON. */
void json_number_text(double v, char out[32]);

/* The text of a number in the hashed form of a record: "%.17g" (exact for
 * every double; the form the first stores hashed), with -0 written as 0
 * because -0 and 0 are one value to every database. out holds 32 bytes. */
void canon_number(double v, char out[32]);
/* v in decimal digits, NUL-terminated; returns the length. */
size_t int_text(int64_t v, char out[24]);

#endif
