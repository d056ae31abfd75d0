/* commands.c - the table of commands, in the order `tracker help` lists
 * them. A command is its file plus one line here. */
#include "cmd.h"
#include "util/banned.h"

extern const struct command cmd_init, cmd_seed, cmd_import, cmd_export_json, cmd_export_ics,
	cmd_add, cmd_edit, cmd_status, cmd_override, cmd_log, cmd_list, cmd_show, cmd_owners,
	cmd_owners_add, cmd_owners_alias, cmd_report, cmd_extract, cmd_check, cmd_backup,
	cmd_restore, cmd_config, cmd_user_add, cmd_user_list, cmd_user_tokens, cmd_user_disable,
	cmd_user_enable, cmd_user_token, cmd_user_feed, cmd_user_revoke, cmd_user_password,
	cmd_serve, cmd_help, cmd_undo, cmd_complete;

const struct command *const commands[] = {
	&cmd_init,
	&cmd_seed,
	&cmd_import,
	&cmd_export_json,
	&cmd_export_ics,
	&cmd_add,
	&cmd_edit,
	&cmd_status,
	&cmd_override,
	&cmd_log,
	&cmd_list,
	&cmd_show,
	&cmd_owners,
	&cmd_owners_add,
	&cmd_owners_alias,
	&cmd_report,
	&cmd_extract,
	&cmd_check,
	&cmd_backup,
	&cmd_restore,
	&cmd_config,
	&cmd_serve,
	&cmd_user_add,
	&cmd_user_list,
	&cmd_user_tokens,
	&cmd_user_disable,
	&cmd_user_enable,
	&cmd_user_token,
	&cmd_user_feed,
	&cmd_user_revoke,
	&cmd_user_password,
	&cmd_help,
	&cmd_undo,
	&cmd_complete,
	NULL,
};
