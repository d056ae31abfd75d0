/* commitment_options.c - a commitment's fields as options. */
#include "commitment_options.h"

#include <stddef.h>
#include <string.h>

#include "util/banned.h"

#define F(field) offsetof(struct field_opts, field)

const struct option_spec field_options[] = {
	{ "letter", OPT_STRING, F(letter), "DOCNO", "the letter it answers (add only)",
	  VAL_LETTER, NULL },
	{ "title", OPT_STRING, F(title), "TEXT", "a short title", VAL_TEXT, NULL },
	{ "quote", OPT_STRING, F(quote), "TEXT", "the letter's exact words (add only)", VAL_TEXT,
	  NULL },
	{ "section", OPT_STRING, F(section), "TEXT", "the heading it sits under (add only)",
	  VAL_TEXT, NULL },
	{ "owner", OPT_STRING, F(owner), "NAME", "the lead department (主办), any alias",
	  VAL_OWNER, NULL },
	{ "co-owner", OPT_LIST, F(co_owners), "NAME", "a supporting department (协办)",
	  VAL_OWNER, NULL },
	{ "kind", OPT_STRING, F(kind), "KIND", "quantitative, milestone or ongoing", VAL_KIND,
	  NULL },
	{ "target", OPT_STRING, F(target), "N", "the target value", VAL_NUMBER, NULL },
	{ "unit", OPT_STRING, F(unit), "UNIT", "its unit (台, 个, %)", VAL_TEXT, NULL },
	{ "comparator", OPT_STRING, F(comparator), "CMP", "'>=' (default), '<=' or '='",
	  VAL_WORDS, ">=|<=|=" },
	{ "baseline", OPT_STRING, F(baseline), "N", "where the count starts (default 0)",
	  VAL_NUMBER, NULL },
	{ "start", OPT_STRING, F(start), "DATE", "the window's first day ('none' clears it)",
	  VAL_DATE, NULL },
	{ "due", OPT_STRING, F(due), "DATE", "the deadline ('none' clears it)", VAL_DATE, NULL },
	{ "tag", OPT_LIST, F(tags), "TAG", "a tag (an edit replaces them all)", VAL_TEXT, NULL },
	{ NULL, 0, 0, NULL, NULL, 0, NULL },
};

const struct option_spec field_clear_options[] = {
	{ "no-target", OPT_FLAG, F(no_target), NULL, "remove the target", VAL_TEXT, NULL },
	{ "no-co-owners", OPT_FLAG, F(no_co_owners), NULL, "remove every co-owner", VAL_TEXT,
	  NULL },
	{ "no-tags", OPT_FLAG, F(no_tags), NULL, "remove every tag", VAL_TEXT, NULL },
	{ NULL, 0, 0, NULL, NULL, 0, NULL },
};

void field_text(const struct field_opts *o, struct commitment_text *t)
{
	memset(t, 0, sizeof(*t));
	t->letter = o->letter, t->title = o->title, t->quote = o->quote;
	t->section = o->section, t->owner = o->owner, t->kind = o->kind;
	t->target = o->target, t->unit = o->unit, t->comparator = o->comparator;
	t->baseline = o->baseline, t->start = o->start, t->due = o->due;
	t->co_owners = &o->co_owners, t->tags = &o->tags;
	t->no_target = o->no_target, t->no_co_owners = o->no_co_owners;
	t->no_tags = o->no_tags;
}
