/* cmd_help.c - `tracker help [COMMAND...]`: the commands, or one command's
 * help, from the same declaration the command parses by. */
#include <string.h>

#include "cmd.h"
#include "options.h"
#include "util/strbuf.h"
#include "util/banned.h"

static const struct arg_spec args_spec[] = {
	{ "COMMAND", VAL_COMMAND, true, true, NULL },
	{ NULL, 0, false, false, NULL },
};

static int run(struct cmd_ctx *ctx, void *opts, char **args, int nargs, struct trk_error *err)
{
	struct strbuf sb = STRBUF_INIT;
	const struct command *c = NULL;
	int words = 0;

	(void)opts;
	if (nargs && (!(c = command_lookup(args, nargs, &words)) || words != nargs))
		return trk_err(err, TRK_EUSAGE, "unknown command '%.60s'", args[0]);
	if (c)
		help_write(&sb, c);
	else
		commands_write(&sb);
	fputs(sb.buf, ctx->out);
	strbuf_release(&sb);
	return 0;
}

const struct command cmd_help = {
	.name = "help",
	.summary = "show the commands, or one command's help",
	.args = args_spec,
	.flags = CMD_NO_STORE,
	.run = run,
};
