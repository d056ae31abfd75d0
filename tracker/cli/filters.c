/* filters.c - the filter options (see filters.h). */
#include "filters.h"

#include <stddef.h>
#include <string.h>

#include "util/banned.h"

#define F(field) offsetof(struct filter_opts, field)

/* The filters, their names prefixed by P ("" or "where-"). */
#define FILTERS_WITHOUT_AS_OF(P) \
	{ P "key", OPT_STRING, F(key), "KEY", "one commitment", VAL_KEY, NULL }, \
	{ P "owner", OPT_STRING, F(owner), "NAME", "lead or co-owner (any alias)", VAL_OWNER, \
	  NULL }, \
	{ P "letter", OPT_STRING, F(letter), "DOCNO", "commitments of one letter (文号 in any " \
	  "bracket style, or the suggestion number)", VAL_LETTER, NULL }, \
	{ P "status", OPT_LIST, F(status), "STATUS", "open, in_progress, blocked, done, " \
	  "cancelled", VAL_STATUS, NULL }, \
	{ P "health", OPT_LIST, F(health), "HEALTH", "done, cancelled, overdue, due_unmet, " \
	  "on_track, at_risk, off_track, not_started, no_data", VAL_HEALTH, NULL }, \
	{ P "kind", OPT_STRING, F(kind), "KIND", "quantitative, milestone or ongoing", VAL_KIND, \
	  NULL }, \
	{ P "tag", OPT_STRING, F(tag), "TAG", "commitments with that tag", VAL_TEXT, NULL }, \
	{ P "due-before", OPT_STRING, F(due_before), "DATE", "due on or before DATE", VAL_DATE, \
	  NULL }, \
	{ P "due-after", OPT_STRING, F(due_after), "DATE", "due on or after DATE", VAL_DATE, \
	  NULL }, \
	{ P "open-only", OPT_FLAG, F(open_only), NULL, "leave out done and cancelled", VAL_TEXT, \
	  NULL }

const struct option_spec filter_options[] = {
	FILTERS_WITHOUT_AS_OF(""),
	{ "as-of", OPT_STRING, F(as_of), "DATE", "progress and health as of DATE (default "
	  "today)", VAL_DATE, NULL },
	{ NULL, 0, 0, NULL, NULL, 0, NULL },
};

const struct option_spec filter_options_no_as_of[] = {
	FILTERS_WITHOUT_AS_OF(""),
	{ NULL, 0, 0, NULL, NULL, 0, NULL },
};

const struct option_spec filter_options_where[] = {
	FILTERS_WITHOUT_AS_OF("where-"),
	{ NULL, 0, 0, NULL, NULL, 0, NULL },
};

bool filters_given(const struct filter_opts *o)
{
	return o->key || o->owner || o->letter || o->kind || o->tag || o->due_before ||
	       o->due_after || o->status.n || o->health.n || o->open_only;
}

void filter_selection(const struct filter_opts *o, struct selection *s)
{
	memset(s, 0, sizeof(*s));
	s->key = o->key;
	s->owner = o->owner;
	s->letter = o->letter;
	s->kind = o->kind;
	s->tag = o->tag;
	s->due_before = o->due_before;
	s->due_after = o->due_after;
	s->as_of = o->as_of;
	s->status = &o->status;
	s->health = &o->health;
	s->open_only = o->open_only;
}
