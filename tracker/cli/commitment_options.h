/* commitment_options.h - the options that set a commitment's fields,
 * declared once for `add` (all of them) and `edit` (with --reason and the
 * --no-* options), and turned into the core's commitment_text. */
#ifndef TRK_COMMITMENT_OPTIONS_H
#define TRK_COMMITMENT_OPTIONS_H

#include "cmd.h"
#include "record/edit.h"

struct field_opts {
	const char *letter, *title, *quote, *section, *owner, *kind;
	const char *target, *unit, *comparator, *baseline, *start, *due;
	struct strlist co_owners, tags;
	bool no_target, no_co_owners, no_tags;
};

/* The fields every commitment has, and the ones only an edit clears. */
extern const struct option_spec field_options[];
extern const struct option_spec field_clear_options[];

void field_text(const struct field_opts *o, struct commitment_text *t);

#endif
