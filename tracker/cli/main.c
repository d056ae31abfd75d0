/* main.c - the thin CLI: global options, finding the command, and the one
 * place that prints errors and chooses the exit status. */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "i18n.h"
#include "options.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/banned.h"

#ifndef TRACKER_VERSION          /* from CMake's project() */
#define TRACKER_VERSION "0.2.0"
#endif

const struct command *command_lookup(char **argv, int argc, int *words)
{
	const struct command *best = NULL;
	struct strbuf name = STRBUF_INIT;

	*words = 0;
	for (int n = 1; n <= 2 && n <= argc; n++) {
		strbuf_addf(&name, "%s%s", n > 1 ? " " : "", argv[n - 1]);
		for (const struct command *const *c = commands; *c; c++)
			if (!strcmp((*c)->name, name.buf)) {
				best = *c;
				*words = n;
			}
	}
	strbuf_release(&name);
	return best;
}

int cmd_store_create(struct cmd_ctx *ctx, bool create, struct store **out,
		     struct trk_error *err)
{
	int rc;

	if (!ctx->st && (rc = store_open(ctx->db_path, create ? STORE_CREATE : 0, &ctx->st, err)))
		return rc;
	*out = ctx->st;
	return 0;
}

int cmd_store(struct cmd_ctx *ctx, struct store **out, struct trk_error *err)
{
	return cmd_store_create(ctx, ctx->cmd->flags & CMD_CREATE, out, err);
}

void cmd_actor(struct cmd_ctx *ctx, const char *by, struct actor *a)
{
	store_local_actor(a, by && *by ? by : ctx->user);
}

/* The account name: who the record says wrote it when --by is not given. */
static char *account_name(void)
{
	struct passwd *pw = getpwuid(getuid());
	const char *env = getenv("USER");
	char buf[32];

	if (pw && pw->pw_name && *pw->pw_name)
		return xstrdup(pw->pw_name);
	if (env && *env)
		return xstrdup(env);
	snprintf(buf, sizeof(buf), "uid %ld", (long)getuid());
	return xstrdup(buf);
}

/* A closed pipe or a full disk on stdout is a failure too. */
static int finish_output(FILE *out, struct trk_error *err)
{
	if (fflush(out) == EOF || ferror(out))
		return trk_err(err, TRK_EIO, "cannot write output: %s", strerror(errno));
	return 0;
}

static int write_help(FILE *f, const struct command *c)
{
	struct strbuf sb = STRBUF_INIT;

	if (c)
		help_write(&sb, c);
	else
		commands_write(&sb);
	fputs(sb.buf, f);
	strbuf_release(&sb);
	return 0;
}

/* The subcommands of a word that is only a group ("tracker export"). */
static int group_usage(const char *word, struct trk_error *err)
{
	struct strbuf names = STRBUF_INIT;
	size_t n = strlen(word);
	int rc;

	for (const struct command *const *c = commands; *c; c++)
		if (!strncmp((*c)->name, word, n) && (*c)->name[n] == ' ')
			strbuf_addf(&names, "%s'tracker %s'", names.len ? ", " : "", (*c)->name);
	if (names.len)
		rc = trk_err(err, TRK_EUSAGE, "'%s' needs a subcommand: %s", word, names.buf);
	else
		rc = trk_err(err, TRK_EUSAGE, "unknown command '%.60s' (see 'tracker help')", word);
	strbuf_release(&names);
	return rc;
}

static int run(int argc, char **argv, struct cmd_ctx *ctx, struct trk_error *err)
{
	int words, nargs = 0, rc;
	const struct command *c = command_lookup(argv, argc, &words);
	char **args = NULL;
	struct parse_out po = { .msg = ctx->msg };
	void *opts;
	bool help;

	if (!c)
		return group_usage(argv[0], err);
	ctx->cmd = c;
	opts = xcalloc(1, c->opts_size ? c->opts_size : 1);
	rc = options_parse(c, argc - words, argv + words, opts, &args, &nargs, &help, &po, err);
	if (!rc && help)
		rc = write_help(ctx->out, c);
	else if (!rc)
		rc = c->run(ctx, opts, args, nargs, err);
	options_release(c, opts);
	strlist_release(&po.owned);
	free(opts);
	free(args);
	return rc;
}

/* One line on stderr, made inert for the terminal (a file's field may
 * carry escape sequences), and for a usage error the usage line. */
static void print_error(const struct cmd_ctx *ctx, const struct trk_error *err, int rc)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addstr(&sb, "tracker: ");
	if (ctx->cmd && rc == TRK_EUSAGE)
		strbuf_addf(&sb, "%s: ", ctx->cmd->name);
	utf8_add_terminal(&sb, err->msg, 0);
	strbuf_addch(&sb, '\n');
	if (ctx->cmd && rc == TRK_EUSAGE) {
		usage_line(&sb, ctx->cmd);
		strbuf_addf(&sb, _("  (see 'tracker %s --help')\n"), ctx->cmd->name);
	}
	fputs(sb.buf, stderr);
	strbuf_release(&sb);
}

/* A command that created the database and then failed (a refused first
 * import) removes it: nothing is left of a command that did nothing. Its
 * transaction was rolled back, so the file holds only the empty schema. */
static void forget_new_database(struct cmd_ctx *ctx, int rc)
{
	bool created = ctx->st && store_was_created(ctx->st);
	struct strbuf path = STRBUF_INIT;

	store_close(ctx->st);
	ctx->st = NULL;
	if (!rc || !created)
		return;
	for (const char *const *sfx = (const char *const[]){ "", "-wal", "-shm", NULL }; *sfx; sfx++) {
		strbuf_reset(&path);
		strbuf_addf(&path, "%s%s", ctx->db_path, *sfx);
		unlink(path.buf);
	}
	strbuf_release(&path);
}

/* Global options come before the command: --db PATH, --help, --version. */
static int global_options(int argc, char **argv, struct cmd_ctx *ctx, int *first,
			  struct trk_error *err)
{
	int i = 1;

	while (i < argc && argv[i][0] == '-') {
		if (!strcmp(argv[i], "--db") && i + 1 < argc) {
			ctx->db_path = argv[i + 1];
			i += 2;
		} else if (!strncmp(argv[i], "--db=", 5)) {
			ctx->db_path = argv[i++] + 5;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			write_help(stdout, NULL);
			return 1;
		} else if (!strcmp(argv[i], "--version")) {
			puts("tracker " TRACKER_VERSION);
			return 1;
		} else {
			return trk_err(err, TRK_EUSAGE, "unknown option '%.60s' (the global options "
				       "are --db PATH, --help, --version)", argv[i]);
		}
	}
	if (i == argc)
		return trk_err(err, TRK_EUSAGE, "no command given (see 'tracker help')");
	*first = i;
	return 0;
}

int main(int argc, char **argv)
{
	struct cmd_ctx ctx = { .out = stdout, .msg = stderr };
	struct trk_error err = { 0 };
	char *default_path = NULL;
	int first = 1, rc;

	i18n_init();
	rc = global_options(argc, argv, &ctx, &first, &err);
	if (rc > 0)
		return 0;
	ctx.user = account_name();
	if (!rc) {
		if (!ctx.db_path)
			ctx.db_path = default_path = store_default_location();
		ctx.color = isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
		rc = run(argc - first, argv + first, &ctx, &err);
	}
	if (!rc)
		rc = finish_output(stdout, &err);
	forget_new_database(&ctx, rc);
	free(default_path);
	free(ctx.user);
	if (rc) {
		print_error(&ctx, &err, rc);
		return trk_exit_status(rc);
	}
	return 0;
}
