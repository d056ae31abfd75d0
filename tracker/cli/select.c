#include "select.h"

#include <string.h>

#include "util/date.h"
#include "util/banned.h"

int select_as_of(const char *as_of, int32_t *out, struct trk_error *err)
{
	return as_of ? date_parse(as_of, out, "--as-of", err) : clock_today(out, err);
}

static int parse_mask(const struct strlist *l, int (*parse)(const char *), const char *opt,
		      unsigned *mask, struct trk_error *err)
{
	for (size_t i = 0; i < l->n; i++) {
		int v = parse(l->items[i]);
		if (v < 0)
			return trk_err(err, TRK_EUSAGE, "--%s: unknown value '%s'", opt, l->items[i]);
		*mask |= 1u << v;
	}
	return 0;
}

static int parse_optional_date(const char *s, const char *opt, int32_t *out,
			       struct trk_error *err)
{
	return s ? date_parse(s, out, opt, err) : 0;
}

int select_build(struct store *st, const struct select_opts *o, struct filter *f,
		 struct view *v, char **owner_buf, struct trk_error *err)
{
	int rc;

	filter_init(f);
	memset(v, 0, sizeof(*v));
	*owner_buf = NULL;
	f->key = o->key;
	f->letter = o->letter;
	f->tag = o->tag;
	f->open_only = o->open_only;
	if (o->kind && (f->kind = kind_parse(o->kind)) < 0)
		return trk_err(err, TRK_EUSAGE, "--kind: unknown value '%s'", o->kind);
	if ((rc = parse_mask(&o->status, status_parse, "status", &f->status_mask, err)) ||
	    (rc = parse_mask(&o->health, health_parse, "health", &f->health_mask, err)) ||
	    (rc = parse_optional_date(o->due_before, "--due-before", &f->due_before, err)) ||
	    (rc = parse_optional_date(o->due_after, "--due-after", &f->due_after, err)) ||
	    (rc = select_as_of(o->as_of, &v->as_of, err)) ||
	    (rc = store_health_config(st, &v->health, err)))
		return rc;
	if (o->owner) {
		if ((rc = store_owner_resolve(st, o->owner, owner_buf, err)))
			return trk_err_prefix(err, "--owner");
		f->owner = *owner_buf;
	}
	if (o->letter) {
		struct letter l;
		if ((rc = store_letter_get(st, o->letter, false, &l, err)))
			return trk_err_prefix(err, "--letter");
		letter_release(&l);
	}
	return 0;
}

void select_release(struct select_opts *o)
{
	strlist_release(&o->status);
	strlist_release(&o->health);
}
