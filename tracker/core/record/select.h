/* select.h - which commitments, as people type it.
 *
 * The CLI's filter options and the server's query parameters are the same
 * words (owner, letter, status, health, kind, tag, due_before, due_after,
 * as_of, sort, key, open_only); both hand the text here and get the same
 * query or the same error, naming the field ("status: unknown value
 * 'finished' (open, in_progress, ...)"). */
#ifndef TRK_SELECT_H
#define TRK_SELECT_H

#include <stdbool.h>

#include "model/model.h"
#include "store/store.h"

struct selection {
	const char *key, *owner, *letter, *kind, *tag;
	const char *due_before, *due_after, *as_of, *sort;
	const struct strlist *status, *health;   /* NULL or empty: all */
	bool open_only;
};

/* What a query built from a selection points to (resolved names). */
struct selection_hold {
	char *owner, *letter;
};
void selection_hold_release(struct selection_hold *h);

/* Builds q from s: every value checked, the owner and letter resolved by
 * any of their names, the thresholds read from the store, as_of today
 * unless given, the order by due unless given. q's strings point into
 * *hold, which the caller releases after the query. */
int selection_to_query(struct store *st, const struct selection *s, struct query *q,
		       struct selection_hold *hold, struct trk_error *err);

/* A date a person typed for field (YYYY-MM-DD, and the words of
 * util/date_words.h); DATE_NONE when s is NULL. */
int selection_date(const char *s, const char *field, int32_t *out, struct trk_error *err);

#endif
