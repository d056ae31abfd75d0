/* edit.c - a commitment's fields from text (see edit.h). */
#include "record/edit.h"

#include <stdlib.h>
#include <string.h>

#include "model/commitment_field.h"
#include "record/select.h"
#include "util/date.h"
#include "util/numparse.h"
#include "util/strbuf.h"
#include "util/banned.h"

static int parse_target(const struct commitment_text *t, const struct target *keep_unit,
			struct target *out, struct trk_error *err)
{
	int cmp = CMP_GE, rc;

	memset(out, 0, sizeof(*out));
	if (!t->target) {
		if (t->unit || t->comparator || t->baseline)
			return trk_err_field(err, TRK_EINPUT, "target", "a unit, comparator or "
					     "baseline needs a target value");
		return 0;
	}
	if (t->comparator && (cmp = comparator_parse(t->comparator)) < 0)
		return trk_err_field(err, TRK_EINPUT, "comparator", "'%.10s' is not >=, <= or =",
				     t->comparator);
	if ((rc = parse_number(t->target, "target", &out->value, err)) ||
	    (t->baseline && (rc = parse_number(t->baseline, "baseline", &out->baseline, err))))
		return rc;
	out->cmp = (enum comparator)cmp;
	out->unit = xstrdup(t->unit ? t->unit : keep_unit ? keep_unit->unit : NULL);
	out->present = true;
	return 0;
}

static int parse_date(const char *s, const char *field, int32_t *out, struct trk_error *err)
{
	*out = DATE_NONE;
	if (!s || !strcmp(s, "none"))
		return 0;
	return selection_date(s, field, out, err);
}

static void copy_list(struct strlist *dst, const struct strlist *src)
{
	for (size_t i = 0; src && i < src->n; i++)
		strlist_push(dst, src->items[i]);
}

int commitment_from_text(const char *key, const struct commitment_text *t,
			 struct commitment *c, struct trk_error *err)
{
	int kind, rc;

	commitment_init(c);
	if (t->no_target || t->no_co_owners || t->no_tags)
		return trk_err_field(err, TRK_EINPUT, "target", "clearing a field is for an edit");
	if (!t->kind)
		return trk_err_field(err, TRK_EINPUT, "kind", "missing (%s)", kind_names_list());
	if ((kind = kind_parse(t->kind)) < 0)
		return trk_err_field(err, TRK_EINPUT, "kind", "unknown value '%.40s' (%s)", t->kind,
				     kind_names_list());
	c->kind = (enum kind)kind;
	c->key = xstrdup(key);
	c->letter_doc_no = xstrdup(t->letter);
	c->title = xstrdup(t->title);
	c->quote = xstrdup(t->quote);
	c->section = xstrdup(t->section);
	c->owner = xstrdup(t->owner);
	copy_list(&c->co_owners, t->co_owners);
	copy_list(&c->tags, t->tags);
	if ((rc = parse_target(t, NULL, &c->target, err)) ||
	    (rc = parse_date(t->start, "window_start", &c->window_start, err)) ||
	    (rc = parse_date(t->due, "due", &c->due, err)))
		commitment_release(c);
	return rc;
}

/* ---- an edit ---------------------------------------------------------------------- */

static void push(struct edit_changes *e, const char *field, char *value)
{
	e->items[e->n].field = field;
	e->items[e->n].value = value;
	e->values[e->n++] = value;
}

static char *date_value(int32_t d)
{
	char buf[DATE_BUFSZ];

	date_format(d, buf);
	return d == DATE_NONE ? NULL : xstrdup(buf);
}

static int dates_and_target(const struct commitment_text *t, const struct commitment *cur,
			    struct edit_changes *e, struct trk_error *err)
{
	struct target target;
	int32_t d;
	int rc;

	if (t->due) {
		if ((rc = parse_date(t->due, "due", &d, err)))
			return rc;
		push(e, "due", date_value(d));
	}
	if (t->start) {
		if ((rc = parse_date(t->start, "window_start", &d, err)))
			return rc;
		push(e, "window_start", date_value(d));
	}
	if (t->target && t->no_target)
		return trk_err_field(err, TRK_EINPUT, "target", "give a target or clear it, not both");
	if (t->target || t->no_target || t->unit || t->comparator || t->baseline) {
		if ((rc = parse_target(t, &cur->target, &target, err)))
			return rc;
		push(e, "target", target_to_text(&target));
		free(target.unit);
	}
	return 0;
}

static char *list_text(const struct strlist *l)
{
	struct commitment t;
	char *text;

	commitment_init(&t);
	copy_list(&t.tags, l);
	text = commitment_field_get(&t, "tags");
	commitment_release(&t);
	return text;
}

int edit_changes_build(const struct commitment_text *t, const struct commitment *cur,
		       struct edit_changes *out, struct trk_error *err)
{
	int rc;

	memset(out, 0, sizeof(*out));
	if (t->letter || t->quote || t->section)
		return trk_err_field(err, TRK_EINPUT, t->letter ? "letter" : t->quote ? "quote"
				     : "section", "the letter, quote and section of a commitment do "
				     "not change: add a new commitment and cancel this one");
	if (t->title)
		push(out, "title", xstrdup(t->title));
	if (t->kind)
		push(out, "kind", xstrdup(t->kind));
	if (t->owner)
		push(out, "owner", xstrdup(t->owner));
	if ((t->co_owners && t->co_owners->n) || t->no_co_owners)
		push(out, "co_owners", list_text(t->co_owners));
	if ((t->tags && t->tags->n) || t->no_tags)
		push(out, "tags", list_text(t->tags));
	if ((rc = dates_and_target(t, cur, out, err))) {
		edit_changes_release(out);
		return rc;
	}
	if (!out->n)
		return trk_err(err, TRK_EINPUT, "nothing to change");
	return 0;
}

void edit_changes_release(struct edit_changes *e)
{
	for (size_t i = 0; i < e->n; i++)
		free(e->values[i]);
	memset(e, 0, sizeof(*e));
}
