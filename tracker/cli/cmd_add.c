/* cmd_add.c - `tracker add KEY ...`: a commitment typed in by hand. */
#include <stddef.h>
#include <stdlib.h>

#include "cmd.h"
#include "i18n.h"
#include "commitment_options.h"
#include "util/banned.h"

struct add_opts {
	struct field_opts fields;
	const char *by;
};

static const struct option_spec options[] = {
	{ "by", OPT_STRING, offsetof(struct add_opts, by), "NAME", "the author recorded "
	  "(default: your account name)", VAL_TEXT, NULL },
	{ NULL, 0, 0, NULL, NULL, 0, NULL },
};

static const struct option_group groups[] = {
	{ field_options, offsetof(struct add_opts, fields), "fields" },
	{ NULL, 0, NULL },
};

static const struct arg_spec args_spec[] = {
	{ "KEY", VAL_TEXT, false, false, NULL },
	{ NULL, 0, false, false, NULL },
};

struct add {
	const struct actor *a;
	struct commitment *c;
};

/* The letter by any of its names (store_letter_resolve), as --letter
 * takes it everywhere, then the commitment. */
static int add(struct store *st, void *arg, struct trk_error *err)
{
	struct add *x = arg;
	char *doc_no;
	int rc;

	if (x->c->letter_doc_no) {
		if ((rc = store_letter_resolve(st, x->c->letter_doc_no, &doc_no, err)))
			return rc;
		free(x->c->letter_doc_no);
		x->c->letter_doc_no = doc_no;
	}
	return store_commitment_add(st, x->a, x->c, err);
}

static int run(struct cmd_ctx *ctx, void *opts, char **args, int nargs, struct trk_error *err)
{
	const struct add_opts *o = opts;
	struct commitment_text t;
	struct commitment c;
	struct actor a;
	struct add x = { &a, &c };
	struct store *st;
	int rc;

	(void)nargs;
	field_text(&o->fields, &t);
	cmd_actor(ctx, o->by, &a);
	if ((rc = commitment_from_text(args[0], &t, &c, err)))
		return rc;
	if (!(rc = cmd_store(ctx, &st, err)) && !(rc = store_write(st, add, &x, err)))
		fprintf(ctx->msg, _("added %s\n"), c.key);
	commitment_release(&c);
	return rc;
}

const struct command cmd_add = {
	.name = "add",
	.summary = "add a commitment by hand",
	.args = args_spec,
	.options = options,
	.groups = groups,
	.opts_size = sizeof(struct add_opts),
	.description = "Needs --letter, --title, --quote (the letter's exact words), --owner and "
		       "--kind; a quantitative commitment needs --target.",
	.run = run,
};
