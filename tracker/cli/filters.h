/* filters.h - the options that choose commitments, declared once and shared
 * by list, report, export ics and the changes of many commitments at once
 * (status, override, edit), so they filter alike; they become a
 * core selection (record/select.h), the same the server builds from its
 * query parameters. */
#ifndef TRK_FILTERS_H
#define TRK_FILTERS_H

#include "cmd.h"
#include "record/select.h"

struct filter_opts {
	const char *key, *owner, *letter, *kind, *tag, *due_before, *due_after, *as_of;
	struct strlist status, health;
	bool open_only;
};

/* The option table of struct filter_opts (with --as-of). */
extern const struct option_spec filter_options[];
/* The same without --as-of (a report is as of its period's end). */
extern const struct option_spec filter_options_no_as_of[];

/* The same named --where-owner, --where-kind ...: for `edit`, whose own
 * --owner, --kind and --tag set those fields. */
extern const struct option_spec filter_options_where[];

/* True when any filter was given. */
bool filters_given(const struct filter_opts *o);

/* The selection those options give (borrows from o). */
void filter_selection(const struct filter_opts *o, struct selection *s);

#endif
