/* select.h - the options that choose commitments and the as-of view,
 * shared by list, export ics and report so they filter alike. */
#ifndef TRK_SELECT_H
#define TRK_SELECT_H

#include "cmd.h"
#include "opts.h"
#include "model/model.h"
#include "store/store.h"

struct select_opts {
	const char *owner, *letter, *kind, *tag, *due_before, *due_after, *as_of, *key;
	struct strlist status, health;
	bool open_only;
};

/* Option table entries for struct select_opts; SELECT_OPTS(s) expands to
 * the entries, to be followed by the command's own. */
#define SELECT_OPTS(s) \
	{ "key", OPT_STRING, &(s).key }, \
	{ "owner", OPT_STRING, &(s).owner }, { "letter", OPT_STRING, &(s).letter }, \
	{ "kind", OPT_STRING, &(s).kind }, { "tag", OPT_STRING, &(s).tag }, \
	{ "due-before", OPT_STRING, &(s).due_before }, \
	{ "due-after", OPT_STRING, &(s).due_after }, { "as-of", OPT_STRING, &(s).as_of }, \
	{ "status", OPT_LIST, &(s).status }, { "health", OPT_LIST, &(s).health }, \
	{ "open-only", OPT_FLAG, &(s).open_only }

/* Builds the filter and view from the options: resolves the owner alias
 * (f->owner then points into *owner_buf, which the caller frees), checks
 * every value, and reads the thresholds from the store. */
int select_build(struct store *st, const struct select_opts *o, struct filter *f,
		 struct view *v, char **owner_buf, struct trk_error *err);
void select_release(struct select_opts *o);

/* The as-of date: DATE from --as-of, else today by the clock. */
int select_as_of(const char *as_of, int32_t *out, struct trk_error *err);

#endif
