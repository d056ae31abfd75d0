/* cmd_add.c - `tracker add KEY ...`: a commitment typed in by hand. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "edit_opts.h"
#include "opts.h"
#include "util/date.h"
#include "util/strbuf.h"
#include "util/banned.h"

static int insert(struct store *st, void *c, struct trk_error *err)
{
	return store_commitment_insert(st, c, err);
}

/* The fields every new commitment needs, named in the error if missing. */
static int require(const char *value, const char *opt, struct trk_error *err)
{
	return value && *value ? 0 : trk_err(err, TRK_EUSAGE, "--%s is required", opt);
}

static int build(const struct edit_opts *o, const char *key, struct store *st,
		 struct commitment *c, struct trk_error *err)
{
	int rc, kind;

	if ((rc = require(o->letter, "letter", err)) || (rc = require(o->title, "title", err)) ||
	    (rc = require(o->quote, "quote", err)) || (rc = require(o->owner, "owner", err)) ||
	    (rc = require(o->kind, "kind", err)))
		return rc;
	if ((kind = kind_parse(o->kind)) < 0)
		return trk_err(err, TRK_EUSAGE, "--kind: unknown value '%s'", o->kind);
	c->kind = (enum kind)kind;
	c->key = xstrdup(key);
	c->letter_doc_no = xstrdup(o->letter);
	c->title = xstrdup(o->title);
	c->quote = xstrdup(o->quote);
	c->section = xstrdup(o->section);
	if ((rc = edit_opts_texts(o, err)) ||
	    (rc = store_owner_resolve(st, o->owner, &c->owner, err)) ||
	    (rc = edit_opts_coowners(st, o, &c->co_owners, err)) ||
	    (rc = edit_opts_target(o, &c->target, err)) ||
	    (rc = edit_opts_date(o->start, "--start", &c->window_start, err)) ||
	    (rc = edit_opts_date(o->due, "--due", &c->due, err)))
		return rc;
	for (size_t i = 0; i < o->tags.n; i++)
		strlist_push(&c->tags, o->tags.items[i]);
	if (c->kind == KIND_QUANTITATIVE && !c->target.present)
		return trk_err(err, TRK_EUSAGE, "--target is required for a quantitative commitment");
	if (c->window_start != DATE_NONE && c->due != DATE_NONE && c->due < c->window_start)
		return trk_err(err, TRK_EINPUT, "--due: before --start");
	return 0;
}

int cmd_add(int argc, char **argv, struct cmd_ctx *ctx, struct trk_error *err)
{
	struct edit_opts o = { 0 };
	struct opt opts[] = { EDIT_OPTS(o), { NULL, 0, NULL } };
	struct commitment c;
	struct store *st;
	const char *key;
	bool help;
	int rc;

	commitment_init(&c);
	if ((rc = opts_parse(argc, argv, opts, &key, 1, 1, NULL, &help, err)) ||
	    (rc = edit_opts_check_unused_for_add(&o, err)) ||
	    (rc = cmd_store(ctx, &st, err)) || (rc = build(&o, key, st, &c, err)) ||
	    (rc = store_write(st, insert, &c, err)))
		goto out;
	fprintf(ctx->msg, "added %s\n", key);
out:
	commitment_release(&c);
	edit_opts_release(&o);
	return rc;
}
