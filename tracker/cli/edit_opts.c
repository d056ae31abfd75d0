#include "edit_opts.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/date.h"
#include "util/strbuf.h"
#include "util/banned.h"

int edit_opts_number(const char *s, const char *opt, double *out, struct trk_error *err)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	if (!*s || *end || !isfinite(*out) || errno == ERANGE)
		return trk_err(err, TRK_EINPUT, "%s: '%.40s' is not a number", opt, s);
	return 0;
}

int edit_opts_texts(const struct edit_opts *o, struct trk_error *err)
{
	const char *texts[] = { o->letter, o->title, o->quote, o->section, o->unit, o->reason, o->by };
	const char *names[] = { "--letter", "--title", "--quote", "--section", "--unit", "--reason", "--by" };
	int rc;

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (texts[i] && (rc = text_check(texts[i], strlen(texts[i]), names[i], err)))
			return rc;
	for (size_t i = 0; i < o->tags.n; i++)
		if ((rc = text_check(o->tags.items[i], strlen(o->tags.items[i]), "--tag", err)))
			return rc;
	return 0;
}

int edit_opts_date(const char *s, const char *opt, int32_t *out, struct trk_error *err)
{
	if (!s)
		return 0;
	if (!strcmp(s, "none")) {
		*out = DATE_NONE;
		return 0;
	}
	return date_parse(s, out, opt, err);
}

int edit_opts_target(const struct edit_opts *o, struct target *t, struct trk_error *err)
{
	int cmp = CMP_GE, rc;

	if (!o->target) {
		if (o->unit || o->comparator || o->baseline)
			return trk_err(err, TRK_EUSAGE, "--unit, --comparator and --baseline need --target");
		return 0;
	}
	if (o->comparator && (cmp = comparator_parse(o->comparator)) < 0)
		return trk_err(err, TRK_EUSAGE, "--comparator: '%s' is not >=, <= or =", o->comparator);
	if ((rc = edit_opts_number(o->target, "--target", &t->value, err)) ||
	    (o->baseline && (rc = edit_opts_number(o->baseline, "--baseline", &t->baseline, err))))
		return rc;
	free(t->unit);
	t->unit = xstrdup(o->unit);
	t->cmp = (enum comparator)cmp;
	t->present = true;
	return 0;
}

int edit_opts_coowners(struct store *st, const struct edit_opts *o, struct strlist *out,
		       struct trk_error *err)
{
	char *canonical;
	int rc;

	for (size_t i = 0; i < o->co_owners.n; i++) {
		if ((rc = store_owner_resolve(st, o->co_owners.items[i], &canonical, err)))
			return trk_err_prefix(err, "--co-owner");
		strlist_push(out, canonical);
		free(canonical);
	}
	return 0;
}

int edit_opts_check_unused_for_add(const struct edit_opts *o, struct trk_error *err)
{
	if (o->reason || o->no_target || o->no_tags || o->no_co_owners)
		return trk_err(err, TRK_EUSAGE, "--reason and --no-* are for 'tracker edit'");
	return 0;
}

void edit_opts_release(struct edit_opts *o)
{
	strlist_release(&o->co_owners);
	strlist_release(&o->tags);
}
