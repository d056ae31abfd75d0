/* opts.h - per-command option parsing. Options are declared in a table;
 * unknown options, missing values and leftover arguments are usage errors.
 * Accepts "--name value" and "--name=value"; "--" ends options. */
#ifndef TRK_OPTS_H
#define TRK_OPTS_H

#include <stdbool.h>

#include "util/error.h"

enum opt_type { OPT_FLAG, OPT_STRING, OPT_LIST };

struct opt {
	const char *name;         /* without "--" */
	enum opt_type type;
	void *dest;               /* bool *, const char **, or struct strlist * */
};

/* Parses argv[1..] against opts. Positional arguments are collected into
 * pos (borrowed pointers into argv), at most max_pos of them, at least
 * min_pos. *help is set when --help was given (other checks skipped). */
int opts_parse(int argc, char **argv, const struct opt *opts, const char **pos,
	       int min_pos, int max_pos, int *npos, bool *help, struct trk_error *err);

#endif
