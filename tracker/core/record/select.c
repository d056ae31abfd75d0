/* select.c - which commitments, as people type it (see select.h). */
#include "record/select.h"

#include <stdlib.h>
#include <string.h>

#include "util/date.h"
#include "util/date_words.h"
#include "util/banned.h"

void selection_hold_release(struct selection_hold *h)
{
	free(h->owner);
	free(h->letter);
	memset(h, 0, sizeof(*h));
}

int selection_date(const char *s, const char *field, int32_t *out, struct trk_error *err)
{
	int32_t today;
	bool literal;
	int rc;

	*out = DATE_NONE;
	if (!s)
		return 0;
	if ((rc = clock_today(&today, err)))
		return rc;
	return date_words_parse(s, today, out, &literal, field, err);
}

static int parse_mask(const struct strlist *l, int (*parse)(const char *), const char *field,
		      const char *names, unsigned *mask, struct trk_error *err)
{
	for (size_t i = 0; l && i < l->n; i++) {
		int v = parse(l->items[i]);
		if (v < 0)
			return trk_err_field(err, TRK_EINPUT, field, "unknown value '%.40s' (%s)",
					     l->items[i], names);
		*mask |= 1u << v;
	}
	return 0;
}

static int parse_enums(const struct selection *s, struct query *q, struct trk_error *err)
{
	int order = SORT_DUE, rc;

	if (s->kind && (q->f.kind = kind_parse(s->kind)) < 0)
		return trk_err_field(err, TRK_EINPUT, "kind", "unknown value '%.40s' (%s)", s->kind,
				     kind_names_list());
	if (s->sort && (order = sort_order_parse(s->sort)) < 0)
		return trk_err_field(err, TRK_EINPUT, "sort", "unknown order '%.40s' (due, key, "
				     "owner, status, title, added)", s->sort);
	q->order = (enum sort_order)order;
	if ((rc = parse_mask(s->status, status_parse, "status", status_names_list(),
			     &q->f.status_mask, err)))
		return rc;
	return parse_mask(s->health, health_parse, "health", health_names_list(),
			  &q->f.health_mask, err);
}

static int parse_dates(const struct selection *s, struct query *q, struct trk_error *err)
{
	int rc;

	if ((rc = selection_date(s->due_before, "due_before", &q->f.due_before, err)) ||
	    (rc = selection_date(s->due_after, "due_after", &q->f.due_after, err)))
		return rc;
	if (s->as_of)
		return selection_date(s->as_of, "as_of", &q->as_of, err);
	return 0;
}

static int resolve_names(struct store *st, const struct selection *s, struct query *q,
			 struct selection_hold *hold, struct trk_error *err)
{
	int rc;

	if (s->owner) {
		if ((rc = store_owner_resolve(st, s->owner, &hold->owner, err)))
			return rc;
		q->f.owner = hold->owner;
	}
	if (s->letter) {
		if ((rc = store_letter_resolve(st, s->letter, &hold->letter, err)))
			return rc;
		q->f.letter = hold->letter;
	}
	return 0;
}

int selection_to_query(struct store *st, const struct selection *s, struct query *q,
		       struct selection_hold *hold, struct trk_error *err)
{
	struct settings set;
	int rc;

	memset(hold, 0, sizeof(*hold));
	if ((rc = query_init(q, err)))
		return rc;
	q->order = SORT_DUE;
	q->f.key = s->key;
	q->f.tag = s->tag;
	q->f.open_only = s->open_only;
	if ((rc = parse_enums(s, q, err)) || (rc = parse_dates(s, q, err)) ||
	    (rc = resolve_names(st, s, q, hold, err)) ||
	    (rc = store_settings(st, NULL, &set, err)))
		return rc;
	q->health = set.health;
	return 0;
}
