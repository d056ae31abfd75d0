/* cmd.h - the command table and the one signature of every command.
 *
 * A command is one file (cmd_NAME.c) that declares its options once, in a
 * table of struct option_spec, and a `const struct command` entry that
 * commands.c lists (tmux's cmd_entry, git's builtin/). From that
 * declaration come the parsing, `tracker help CMD`, `CMD --help`/`-h`, the
 * usage line printed on a bad command line, the man page and the shell
 * completion (cli/help.c), so none of them can drift from what the command
 * accepts. */
#ifndef TRK_CMD_H
#define TRK_CMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "model/model.h"
#include "store/store.h"
#include "util/error.h"

/* What a value is, for completion (and the man page's wording). */
enum value_kind {
	VAL_TEXT, VAL_KEY, VAL_OWNER, VAL_LETTER, VAL_STATUS, VAL_HEALTH, VAL_KIND, VAL_DATE,
	VAL_TIMESTAMP, VAL_FILE, VAL_DIR, VAL_NUMBER, VAL_WORDS, VAL_SETTING, VAL_COMMAND,
	VAL_ROLE, VAL_USER,
};

enum opt_type {
	OPT_FLAG,                 /* bool */
	OPT_STRING,               /* const char * (borrowed from argv) */
	OPT_LIST,                 /* struct strlist, repeatable */
};

struct option_spec {
	const char *name;         /* long name without "--"; NULL ends a table */
	enum opt_type type;
	size_t offset;            /* of the value in the command's options struct */
	const char *arg;          /* the value's name in help ("DATE"); NULL for flags */
	const char *help;         /* one line */
	enum value_kind value;
	const char *words;        /* VAL_WORDS: the values, "json|html|md|csv" */
};

/* Options several commands share (the filters), placed at `offset` in
 * each command's options struct. */
struct option_group {
	const struct option_spec *specs;
	size_t offset;
	const char *title;        /* "filters" */
};

struct arg_spec {
	const char *name;         /* "KEY"; NULL ends a table */
	enum value_kind value;
	bool optional;
	bool repeat;              /* the rest of the arguments */
	const char *words;        /* VAL_WORDS */
};

struct cmd_ctx;

enum command_flags {
	CMD_CREATE = 1,           /* may create the database (init, seed, import) */
	CMD_NO_STORE = 2,         /* never opens the database itself */
	CMD_HIDDEN = 4,           /* for scripts: left out of `tracker help` and the man page */
};

struct command {
	const char *name;         /* "log", or "export ics" for a subcommand */
	const char *summary;      /* one line */
	const struct arg_spec *args;
	const struct option_spec *options;
	const struct option_group *groups;   /* NULL or ends with specs NULL */
	size_t opts_size;         /* the command's options struct */
	unsigned flags;
	const char *description;  /* a paragraph for help and the man page, or NULL */
	/* args are the positional arguments, argv[] order, NULL-terminated. */
	int (*run)(struct cmd_ctx *ctx, void *opts, char **args, int nargs, struct trk_error *err);
};

/* Every command, NULL-terminated, in the order `tracker help` lists them. */
extern const struct command *const commands[];

struct cmd_ctx {
	const char *db_path;      /* from --db, TRACKER_DB or the default */
	struct store *st;         /* opened on first cmd_store() call */
	FILE *out;                /* stdout: data only */
	FILE *msg;                /* stderr: notes such as "imported 27" */
	bool color;               /* stdout is a terminal and NO_COLOR unset */
	const struct command *cmd;
	char *user;               /* the operating-system account name */
};

/* Opens the database on first use: never created, unless the command is
 * CMD_CREATE. The store is the context's and closed by main. */
int cmd_store(struct cmd_ctx *ctx, struct store **out, struct trk_error *err);
/* The same, creating a missing database when create is true. */
int cmd_store_create(struct cmd_ctx *ctx, bool create, struct store **out,
		     struct trk_error *err);

/* The actor for a write: the local user (or --by), an administrator of
 * their own store. */
void cmd_actor(struct cmd_ctx *ctx, const char *by, struct actor *a);

/* The command whose name is the longest match of argv[0..], and how many
 * words it took; NULL if none. */
const struct command *command_lookup(char **argv, int argc, int *words);

#endif
