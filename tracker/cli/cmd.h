/* cmd.h - the command table: every command is one file (cmd_NAME.c) with a
 * run function of this signature plus one entry in commands.c. help, usage
 * and `COMMAND --help` all come from the same entry. */
#ifndef TRK_CMD_H
#define TRK_CMD_H

#include <stdbool.h>
#include <stdio.h>

#include "util/error.h"
#include "store/store.h"

struct cmd_ctx {
	const char *db_path;      /* from --db, TRACKER_DB or the default */
	struct store *st;         /* opened on first cmd_store() call */
	FILE *out;                /* stdout: data only */
	FILE *msg;                /* stderr: notes such as "imported 27" */
	bool color;               /* stdout is a terminal and NO_COLOR unset */
	const struct command *cmd;
};

struct command {
	const char *name;
	const char *usage;        /* arguments after the name */
	const char *summary;      /* one line */
	const char *help;         /* options, one per line; may be NULL */
	int (*run)(int argc, char **argv, struct cmd_ctx *ctx, struct trk_error *err);
};

extern const struct command commands[];
const struct command *command_find(const char *name);

/* Opens the database on first use (creating and migrating it). The store is
 * the context's and closed by main. */
int cmd_store(struct cmd_ctx *ctx, struct store **out, struct trk_error *err);

/* Each command's run function, argv[0] being the command name. */
#define CMD(name) int cmd_##name(int argc, char **argv, struct cmd_ctx *ctx, \
				 struct trk_error *err)
CMD(init); CMD(seed); CMD(import); CMD(export); CMD(add); CMD(edit);
CMD(status); CMD(log); CMD(list); CMD(show); CMD(owners); CMD(override);
CMD(help); CMD(config); CMD(report); CMD(extract); CMD(check); CMD(backup); CMD(restore);

/* `export ics`, called by cmd_export (cmd_export_ics.c). */
int cmd_export_ics(int argc, char **argv, struct cmd_ctx *ctx, struct trk_error *err);

#endif
