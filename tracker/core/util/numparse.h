/* numparse.h - numbers typed by people (command-line options, form fields,
 * settings), parsed strictly: the whole text must be the number, in range.
 * "12x", "", " 5", "NaN", "1e999" and "4294967297" for an int are errors
 * that name the field. */
#ifndef TRK_NUMPARSE_H
#define TRK_NUMPARSE_H

#include "util/error.h"

/* A finite decimal number; -0 comes back as 0. TRK_EINPUT otherwise. */
int parse_number(const char *s, const char *field, double *out, struct trk_error *err);

/* A decimal integer in [min, max] (no sign unless min < 0, no spaces, no
 * leading '+'). TRK_EINPUT otherwise. */
int parse_int(const char *s, const char *field, long min, long max, long *out,
	      struct trk_error *err);

#endif
