/* edit_opts.h - the options that set a commitment's fields, shared by
 * `add` (all fields) and `edit` (the fields that change, with history). */
#ifndef TRK_EDIT_OPTS_H
#define TRK_EDIT_OPTS_H

#include "opts.h"
#include "model/model.h"
#include "store/store.h"

struct edit_opts {
	const char *letter, *title, *quote, *section, *owner, *kind;
	const char *target, *unit, *comparator, *baseline, *start, *due, *reason, *by;
	struct strlist co_owners, tags;
	bool no_target, no_tags, no_co_owners;
};

#define EDIT_OPTS(o) \
	{ "letter", OPT_STRING, &(o).letter }, { "title", OPT_STRING, &(o).title }, \
	{ "quote", OPT_STRING, &(o).quote }, { "section", OPT_STRING, &(o).section }, \
	{ "owner", OPT_STRING, &(o).owner }, { "kind", OPT_STRING, &(o).kind }, \
	{ "target", OPT_STRING, &(o).target }, { "unit", OPT_STRING, &(o).unit }, \
	{ "comparator", OPT_STRING, &(o).comparator }, \
	{ "baseline", OPT_STRING, &(o).baseline }, { "start", OPT_STRING, &(o).start }, \
	{ "due", OPT_STRING, &(o).due }, { "reason", OPT_STRING, &(o).reason }, \
	{ "by", OPT_STRING, &(o).by }, { "co-owner", OPT_LIST, &(o).co_owners }, \
	{ "tag", OPT_LIST, &(o).tags }, { "no-target", OPT_FLAG, &(o).no_target }, \
	{ "no-tags", OPT_FLAG, &(o).no_tags }, { "no-co-owners", OPT_FLAG, &(o).no_co_owners }

/* Checks the free-text options are UTF-8 without control separators. */
int edit_opts_texts(const struct edit_opts *o, struct trk_error *err);
/* Parses a date option; "none" (for edit) or absent leaves/sets DATE_NONE. */
int edit_opts_date(const char *s, const char *opt, int32_t *out, struct trk_error *err);
/* Builds the target from --target/--unit/--comparator/--baseline. */
int edit_opts_target(const struct edit_opts *o, struct target *t, struct trk_error *err);
/* Resolves each --co-owner alias into out (canonical names). */
int edit_opts_coowners(struct store *st, const struct edit_opts *o, struct strlist *out,
		       struct trk_error *err);
/* `add` has no use for --reason/--no-* options: refuse them. */
int edit_opts_check_unused_for_add(const struct edit_opts *o, struct trk_error *err);
/* Parses a finite number option ("NaN", "1e999", "12x" are errors). */
int edit_opts_number(const char *s, const char *opt, double *out, struct trk_error *err);
void edit_opts_release(struct edit_opts *o);

#endif
