/* cmd_owners.c - `tracker owners`: the departments and the names they go
 * by; `owners add NAME` and `owners alias NAME ALIAS` add to them. */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "table.h"
#include "record/record_json.h"
#include "util/strbuf.h"
#include "util/banned.h"

struct owners_opts {
	bool json;
	const char *by;
};

static const struct option_spec list_options[] = {
	{ "json", OPT_FLAG, offsetof(struct owners_opts, json), NULL, "as JSON", VAL_TEXT, NULL },
	{ NULL, 0, 0, NULL, NULL, 0, NULL },
};

static const struct option_spec add_options[] = {
	{ "by", OPT_STRING, offsetof(struct owners_opts, by), "NAME", "the author recorded "
	  "(default: your account name)", VAL_TEXT, NULL },
	{ NULL, 0, 0, NULL, NULL, 0, NULL },
};

static const struct arg_spec add_args[] = {
	{ "NAME", VAL_TEXT, false, false, NULL },
	{ NULL, 0, false, false, NULL },
};

static const struct arg_spec alias_args[] = {
	{ "NAME", VAL_OWNER, false, false, NULL },
	{ "ALIAS", VAL_TEXT, false, false, NULL },
	{ NULL, 0, false, false, NULL },
};

/* ---- listing ------------------------------------------------------------------- */

struct owner_listing {
	struct table t;
	struct strbuf sb;
	bool json;
	int n;
};

static int add_owner(const struct owner *o, void *arg, struct trk_error *err)
{
	struct owner_listing *x = arg;
	struct strbuf aliases = STRBUF_INIT, counts = STRBUF_INIT;
	struct jsonw w;

	(void)err;
	if (x->json) {
		strbuf_addstr(&x->sb, x->n++ ? ",\n" : "[\n");
		jsonw_init(&w, &x->sb, false);
		json_owner(&w, NULL, o, true);
		return 0;
	}
	for (size_t i = 0; i < o->aliases.n; i++)
		strbuf_addf(&aliases, "%s%s", i ? ", " : "", o->aliases.items[i]);
	strbuf_addf(&counts, "%d", o->lead + o->co);
	const char *row[] = { o->name, counts.buf, aliases.buf };
	table_add(&x->t, row);
	strbuf_release(&aliases);
	strbuf_release(&counts);
	return 0;
}

static int run_list(struct cmd_ctx *ctx, void *opts, char **args, int nargs,
		    struct trk_error *err)
{
	static const char *headers[] = { N_("OWNER"), N_("COMMITMENTS"), N_("ALIASES") };
	struct owner_listing x = { .json = ((const struct owners_opts *)opts)->json,
				   .sb = STRBUF_INIT };
	struct store *st;
	int rc;

	(void)args, (void)nargs;
	table_init(&x.t, 3, headers, NULL);
	if (!(rc = cmd_store(ctx, &st, err)) && !(rc = store_owners(st, add_owner, &x, err))) {
		if (x.json) {
			strbuf_addstr(&x.sb, x.n ? "\n]\n" : "[]\n");
			if (fwrite(x.sb.buf, 1, x.sb.len, ctx->out) != x.sb.len)
				rc = trk_err(err, TRK_EIO, "cannot write output: %s", strerror(errno));
		} else {
			rc = table_print(&x.t, ctx->out, false, err);
		}
	}
	table_release(&x.t);
	strbuf_release(&x.sb);
	return rc;
}

/* ---- adding ---------------------------------------------------------------------- */

struct owner_change {
	const struct actor *a;
	const char *name, *alias;
};

static int apply(struct store *st, void *arg, struct trk_error *err)
{
	struct owner_change *o = arg;

	if (!o->alias)
		return store_owner_add(st, o->a, o->name, err);
	return store_owner_alias_add(st, o->a, o->name, o->alias, err);
}

static int change(struct cmd_ctx *ctx, const struct owners_opts *o, const char *name,
		  const char *alias, struct trk_error *err)
{
	struct actor a;
	struct owner_change c = { &a, name, alias };
	struct store *st;
	int rc;

	cmd_actor(ctx, o->by, &a);
	if ((rc = cmd_store(ctx, &st, err)) || (rc = store_write(st, apply, &c, err)))
		return rc;
	if (alias)
		fprintf(ctx->msg, _("added alias '%s' for '%s'\n"), alias, name);
	else
		fprintf(ctx->msg, _("added owner '%s'\n"), name);
	return 0;
}

static int run_add(struct cmd_ctx *ctx, void *opts, char **args, int nargs,
		   struct trk_error *err)
{
	(void)nargs;
	return change(ctx, opts, args[0], NULL, err);
}

static int run_alias(struct cmd_ctx *ctx, void *opts, char **args, int nargs,
		     struct trk_error *err)
{
	(void)nargs;
	return change(ctx, opts, args[0], args[1], err);
}

const struct command cmd_owners = {
	.name = "owners",
	.summary = "list the owners (departments) and the names they go by",
	.options = list_options,
	.opts_size = sizeof(struct owners_opts),
	.run = run_list,
};

const struct command cmd_owners_add = {
	.name = "owners add",
	.summary = "add an owner",
	.args = add_args,
	.options = add_options,
	.opts_size = sizeof(struct owners_opts),
	.run = run_add,
};

const struct command cmd_owners_alias = {
	.name = "owners alias",
	.summary = "add another name for an owner",
	.args = alias_args,
	.options = add_options,
	.opts_size = sizeof(struct owners_opts),
	.run = run_alias,
};
