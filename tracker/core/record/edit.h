/* edit.h - a commitment's fields as people type them.
 *
 * `tracker add` and `tracker edit` take options, the server's forms and
 * PATCH take members; both hand the text here and get a commitment (or the
 * field changes an edit asks for) or an error naming the field. What the
 * values must mean together (a target for a quantitative commitment, a
 * window that does not start after it is due, owners that exist) is the
 * store's to check, once, for every front end. */
#ifndef TRK_EDIT_H
#define TRK_EDIT_H

#include <stdbool.h>

#include "model/model.h"
#include "store/store.h"

/* NULL: not given. */
struct commitment_text {
	const char *letter, *title, *quote, *section, *owner, *kind;
	const char *target, *unit, *comparator, *baseline;
	const char *start, *due;          /* "none" clears a date (edit) */
	const struct strlist *co_owners, *tags;
	bool no_target, no_co_owners, no_tags;
};

/* A new commitment with key from t (c initialised here; caller releases). */
int commitment_from_text(const char *key, const struct commitment_text *t,
			 struct commitment *c, struct trk_error *err);

#define EDIT_MAX_CHANGES 12

/* The changes an edit of cur asks for, in the fields' text forms. */
struct edit_changes {
	struct field_change items[EDIT_MAX_CHANGES];
	char *values[EDIT_MAX_CHANGES];   /* owned: what items[].value point to */
	size_t n;
};
int edit_changes_build(const struct commitment_text *t, const struct commitment *cur,
		       struct edit_changes *out, struct trk_error *err);
void edit_changes_release(struct edit_changes *e);

#endif
