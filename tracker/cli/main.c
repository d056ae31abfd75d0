/* main.c - the thin CLI: global options, the command table, and the one
 * place that prints errors and chooses the exit status. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "util/strbuf.h"
#include "util/banned.h"

static void print_usage(FILE *f)
{
	fputs("usage: tracker [--db PATH] COMMAND [ARGS]\n\ncommands:\n", f);
	for (const struct command *c = commands; c->name; c++)
		fprintf(f, "  %-9s %s\n", c->name, c->summary);
	fputs("\nRun 'tracker COMMAND --help' for a command's options.\n", f);
}

int cmd_help(int argc, char **argv, struct cmd_ctx *ctx, struct trk_error *err)
{
	const struct command *c;

	if (argc < 2) {
		print_usage(ctx->out);
		return 0;
	}
	if (argc > 2)
		return trk_err(err, TRK_EUSAGE, "unexpected argument '%s'", argv[2]);
	if (!(c = command_find(argv[1])))
		return trk_err(err, TRK_EUSAGE, "unknown command '%s'", argv[1]);
	fprintf(ctx->out, "usage: tracker %s %s\n\n%s\n", c->name, c->usage, c->summary);
	if (c->help)
		fprintf(ctx->out, "\noptions:\n%s", c->help);
	return 0;
}

int cmd_store(struct cmd_ctx *ctx, struct store **out, struct trk_error *err)
{
	int rc;

	if (!ctx->st && (rc = store_open(ctx->db_path, 0, &ctx->st, err)))
		return rc;
	*out = ctx->st;
	return 0;
}

/* A closed pipe or a full disk on stdout is a failure too. */
static int finish_output(FILE *out, struct trk_error *err)
{
	if (fflush(out) == EOF || ferror(out))
		return trk_err(err, TRK_EIO, "cannot write output: %s", strerror(errno));
	return 0;
}

static int run(int argc, char **argv, struct cmd_ctx *ctx, struct trk_error *err)
{
	const struct command *c = command_find(argv[0]);
	int rc;

	if (!c)
		return trk_err(err, TRK_EUSAGE, "unknown command '%s' (see 'tracker help')", argv[0]);
	ctx->cmd = c;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "--help")) {
			char *help_argv[] = { "help", argv[0], NULL };
			return cmd_help(2, help_argv, ctx, err);
		}
	}
	rc = c->run(argc, argv, ctx, err);
	if (rc == TRK_EUSAGE)
		trk_err_prefix(err, "%s", c->name);
	return rc;
}

int main(int argc, char **argv)
{
	struct cmd_ctx ctx = { .out = stdout, .msg = stderr };
	struct trk_error err = { 0 };
	char *default_path = NULL;
	int i = 1, rc;

	while (i < argc && !strncmp(argv[i], "--", 2)) {
		if (!strcmp(argv[i], "--db") && i + 1 < argc) {
			ctx.db_path = argv[i + 1];
			i += 2;
		} else if (!strncmp(argv[i], "--db=", 5)) {
			ctx.db_path = argv[i++] + 5;
		} else if (!strcmp(argv[i], "--help")) {
			print_usage(stdout);
			return 0;
		} else if (!strcmp(argv[i], "--version")) {
			puts("tracker 0.1.0");
			return 0;
		} else {
			fprintf(stderr, "tracker: unknown option '%s'\n", argv[i]);
			print_usage(stderr);
			return 2;
		}
	}
	if (i == argc) {
		print_usage(stderr);
		return 2;
	}
	if (!ctx.db_path)
		ctx.db_path = default_path = store_default_path();
	ctx.color = isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
	rc = run(argc - i, argv + i, &ctx, &err);
	if (!rc)
		rc = finish_output(stdout, &err);
	store_close(ctx.st);
	free(default_path);
	if (rc) {
		fprintf(stderr, "tracker: %s\n", err.msg);
		return trk_exit_status(rc);
	}
	return 0;
}
