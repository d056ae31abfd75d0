/* cmd_complete.c - `tracker __complete WHAT`: the candidates the shell
 * completion offers for a value, one per line. The bash and zsh scripts
 * (generated from `tracker help --json` by completion/gen_completion.py)
 * call it for what only the database knows (keys, owners and their aliases,
 * letters, users) and for the words of the enums, so both come from this
 * program.
 * Hidden from `tracker help`: it is for the scripts, not for people. It
 * never creates, migrates or complains: without a database, or with one it
 * cannot read, it prints nothing and succeeds. */
#include <string.h>

#include "cmd.h"
#include "model/settings.h"
#include "store/store_user.h"
#include "util/banned.h"

static const struct arg_spec args_spec[] = {
	{ "WHAT", VAL_WORDS, false, false, "keys|owners|letters|users|statuses|health|"
	  "kinds|roles|settings|commands" },
	{ NULL, 0, false, false, NULL },
};

static int print_key(const struct commitment_record *r, void *ctx, struct trk_error *err)
{
	(void)err;
	fprintf(ctx, "%s\n", r->c->key);
	return 0;
}

static int print_owner(const struct owner *o, void *ctx, struct trk_error *err)
{
	(void)err;
	fprintf(ctx, "%s\n", o->name);
	for (size_t i = 0; i < o->aliases.n; i++)
		fprintf(ctx, "%s\n", o->aliases.items[i]);
	return 0;
}

static int print_letter(const struct letter *l, void *ctx, struct trk_error *err)
{
	(void)err;
	fprintf(ctx, "%s\n", l->doc_no);
	if (l->suggestion_no && *l->suggestion_no)
		fprintf(ctx, "%s\n", l->suggestion_no);
	return 0;
}

static int print_user(const struct user *u, void *ctx, struct trk_error *err)
{
	(void)err;
	fprintf(ctx, "%s\n", u->name);
	return 0;
}

/* What only the database knows; errors (no database) print nothing. */
static void from_store(struct cmd_ctx *ctx, const char *what)
{
	struct trk_error ignored = { 0 };
	struct store *st = NULL;
	struct query q;

	if (store_open(ctx->db_path, STORE_READONLY, &st, &ignored))
		return;
	if (!strcmp(what, "keys") && !query_init(&q, &ignored))
		store_query(st, &q, print_key, ctx->out, &ignored);
	else if (!strcmp(what, "owners"))
		store_owners(st, print_owner, ctx->out, &ignored);
	else if (!strcmp(what, "letters"))
		store_letters(st, false, print_letter, ctx->out, &ignored);
	else if (!strcmp(what, "users"))
		store_users(st, print_user, ctx->out, &ignored);
	store_close(st);
}

static void names(FILE *out, const char *(*name)(int), int n)
{
	for (int i = 0; i < n; i++)
		fprintf(out, "%s\n", name(i));
}

static const char *status_at(int i) { return status_name((enum status)i); }
static const char *health_at(int i) { return health_name((enum health)i); }
static const char *kind_at(int i) { return kind_name((enum kind)i); }
static const char *role_at(int i) { return role_name((enum role)i); }

static int run(struct cmd_ctx *ctx, void *opts, char **args, int nargs, struct trk_error *err)
{
	const char *what = args[0];

	(void)opts, (void)nargs;
	if (!strcmp(what, "statuses"))
		names(ctx->out, status_at, ST__COUNT);
	else if (!strcmp(what, "health"))
		names(ctx->out, health_at, H__COUNT);
	else if (!strcmp(what, "kinds"))
		names(ctx->out, kind_at, KIND__COUNT);
	else if (!strcmp(what, "roles"))
		names(ctx->out, role_at, ROLE__COUNT);
	else if (!strcmp(what, "settings"))
		for (const struct setting_info *s = settings_table; s->key; s++)
			fprintf(ctx->out, "%s\n", s->key);
	else if (!strcmp(what, "commands"))
		for (const struct command *const *c = commands; *c; c++) {
			if (!((*c)->flags & CMD_HIDDEN))
				fprintf(ctx->out, "%s\n", (*c)->name);
		}
	else if (!strcmp(what, "keys") || !strcmp(what, "owners") || !strcmp(what, "letters") ||
		 !strcmp(what, "users"))
		from_store(ctx, what);
	else
		return trk_err(err, TRK_EUSAGE, "unknown completion '%.40s'", what);
	return 0;
}

const struct command cmd_complete = {
	.name = "__complete",
	.summary = "completion candidates for the shell scripts (one per line)",
	.args = args_spec,
	.flags = CMD_NO_STORE | CMD_HIDDEN,
	.run = run,
};
