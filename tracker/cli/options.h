/* options.h - parsing a command line by a command's declaration (cmd.h),
 * and the help and usage text made from the same declaration. */
#ifndef TRK_OPTIONS_H
#define TRK_OPTIONS_H

#include <stdio.h>

#include "cmd.h"
#include "util/strbuf.h"

/* What parsing leaves beside the options: the dates it rewrote (owned
 * here, so opts may point into them until options_release) and where it
 * says what a date word meant (NULL: nowhere). */
struct parse_out {
	struct strlist owned;
	FILE *msg;
};

/* Parses argv[0..argc) (the words after the command's name) into opts (a
 * zeroed struct of c->opts_size bytes) and the positional arguments (*args,
 * borrowed from argv, NULL for every declared argument not given; the
 * caller frees the array). Unknown
 * options, missing values, missing or extra arguments are TRK_EUSAGE.
 * *help is set for -h/--help, and nothing else is checked then. A date
 * option's value is given to the command as YYYY-MM-DD whatever form the
 * user typed (util/date_words.h); po keeps those strings. */
int options_parse(const struct command *c, int argc, char **argv, void *opts, char ***args,
		  int *nargs, bool *help, struct parse_out *po, struct trk_error *err);
/* Frees what parsing allocated in opts (the lists). */
void options_release(const struct command *c, void *opts);

/* "tracker log KEY [options]". */
void usage_line(struct strbuf *sb, const struct command *c);
/* The whole help of a command: usage, summary, description, arguments and
 * every option with its help line. */
void help_write(struct strbuf *sb, const struct command *c);
/* The list of commands for `tracker help`. */
void commands_write(struct strbuf *sb);

/* Visits every option of c (its own, then its groups'). */
typedef void (*option_visit_fn)(const struct option_spec *o, const char *group, void *ctx);
void options_each(const struct command *c, option_visit_fn fn, void *ctx);

#endif
