/* cmd_help.c - `tracker help [COMMAND...]`: the commands, or one command's
 * help, from the same declaration the command parses by; `--json` gives
 * the whole declaration to the tools that make the man page and the shell
 * completion, and to the test that holds the help to the table. */
#include <stddef.h>
#include <string.h>

#include "cmd.h"
#include "options.h"
#include "util/jsonw.h"
#include "util/strbuf.h"
#include "util/banned.h"

struct help_opts {
	bool json;
};

static const struct option_spec options[] = {
	{ "json", OPT_FLAG, offsetof(struct help_opts, json), NULL, "every command, argument and "
	  "option as JSON (for the man page, completion and tests)", VAL_TEXT, NULL },
	{ NULL, 0, 0, NULL, NULL, 0, NULL },
};

static const struct arg_spec args_spec[] = {
	{ "COMMAND", VAL_COMMAND, true, true, NULL },
	{ NULL, 0, false, false, NULL },
};

static const char *const value_names[] = {
	[VAL_TEXT] = "text", [VAL_KEY] = "key", [VAL_OWNER] = "owner", [VAL_LETTER] = "letter",
	[VAL_STATUS] = "status", [VAL_HEALTH] = "health", [VAL_KIND] = "kind",
	[VAL_DATE] = "date", [VAL_TIMESTAMP] = "timestamp", [VAL_FILE] = "file",
	[VAL_DIR] = "dir", [VAL_NUMBER] = "number", [VAL_WORDS] = "words",
	[VAL_SETTING] = "setting", [VAL_COMMAND] = "command", [VAL_ROLE] = "role",
	[VAL_USER] = "user",
};

static void json_option(const struct option_spec *o, const char *group, void *arg)
{
	struct jsonw *w = arg;

	jsonw_object(w, NULL);
	jsonw_string(w, "name", o->name);
	jsonw_string(w, "arg", o->arg);
	jsonw_string(w, "help", o->help);
	jsonw_string(w, "value", value_names[o->value]);
	jsonw_string_opt(w, "words", o->words);
	jsonw_bool(w, "repeatable", o->type == OPT_LIST);
	jsonw_string_opt(w, "group", group);
	jsonw_end(w);
}

static void json_command(struct jsonw *w, const struct command *c)
{
	jsonw_object(w, NULL);
	jsonw_string(w, "name", c->name);
	jsonw_string(w, "summary", c->summary);
	jsonw_string_opt(w, "description", c->description);
	jsonw_bool(w, "hidden", c->flags & CMD_HIDDEN);
	jsonw_array(w, "args");
	for (const struct arg_spec *a = c->args; a && a->name; a++) {
		jsonw_object(w, NULL);
		jsonw_string(w, "name", a->name);
		jsonw_string(w, "value", value_names[a->value]);
		jsonw_bool(w, "optional", a->optional || a->repeat);
		jsonw_bool(w, "repeat", a->repeat);
		jsonw_string_opt(w, "words", a->words);
		jsonw_end(w);
	}
	jsonw_end(w);
	jsonw_array(w, "options");
	options_each(c, json_option, w);
	jsonw_end(w);
	jsonw_end(w);
}

static void write_json(struct strbuf *sb)
{
	struct jsonw w;

	jsonw_init(&w, sb, true);
	jsonw_object(&w, NULL);
	jsonw_array(&w, "commands");
	for (const struct command *const *c = commands; *c; c++)
		json_command(&w, *c);
	jsonw_end(&w);
	jsonw_end(&w);
	strbuf_addch(sb, '\n');
}

static int run(struct cmd_ctx *ctx, void *opts, char **args, int nargs, struct trk_error *err)
{
	struct strbuf sb = STRBUF_INIT;
	const struct command *c = NULL;
	int words = 0;

	if (nargs && (!(c = command_lookup(args, nargs, &words)) || words != nargs))
		return trk_err(err, TRK_EUSAGE, "unknown command '%.60s'", args[0]);
	if (((const struct help_opts *)opts)->json)
		write_json(&sb);
	else if (c)
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
	.options = options,
	.opts_size = sizeof(struct help_opts),
	.flags = CMD_NO_STORE,
	.run = run,
};
