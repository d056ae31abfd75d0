/* commands.c - the table of commands: name, usage, summary, options help,
 * run function. `tracker help`, `COMMAND --help` and usage errors all read
 * it. */
#include <string.h>

#include "cmd.h"
#include "util/banned.h"

#define FILTER_HELP \
	"  --owner NAME     lead or co-owner (any alias)\n" \
	"  --letter DOCNO   commitments of one letter\n" \
	"  --status S       open, in_progress, blocked, done, cancelled (repeatable)\n" \
	"  --health H       done, cancelled, overdue, on_track, at_risk, off_track,\n" \
	"                   not_started, no_data (repeatable)\n" \
	"  --kind K         quantitative, milestone, ongoing\n" \
	"  --tag TAG        commitments with that tag\n" \
	"  --due-before D   due on or before D\n" \
	"  --due-after D    due on or after D\n" \
	"  --open-only      leave out done and cancelled\n" \
	"  --as-of DATE     progress and health as of DATE (default today)\n"

const struct command commands[] = {
	{ "init", "", "create the database (done on first use anyway)", NULL, cmd_init },
	{ "seed", "", "load the bundled seed letter (No. 211) and its commitments", NULL, cmd_seed },
	{ "import", "FILE.json", "import letters and commitments (tracker/1 JSON, - for stdin)",
	  NULL, cmd_import },
	{ "export", "json|ics [OPTIONS]", "export the store as JSON, or deadlines as iCalendar",
	  "  json [--letter DOCNO] [--out FILE]\n"
	  "  ics [FILTERS] [--todo|--both] [--checkins] [--alarm 30d,7d,1d|--no-alarms]\n"
	  "      [--out FILE | --split-by owner --out-dir DIR]\n"
	  "      --todo      tasks (VTODO) instead of all-day events; --both writes both\n"
	  "      --checkins  an event on each quarter's reporting day until the deadline\n"
	  "      --alarm     reminders before the deadline (h, d, w); default 30d,7d,1d\n"
	  "filters for ics:\n" FILTER_HELP, cmd_export },
	{ "add", "KEY --letter DOCNO --title T --quote Q --owner O --kind K [OPTIONS]",
	  "add a commitment",
	  "  --co-owner NAME  (repeatable)  --section S  --tag TAG (repeatable)\n"
	  "  --target N --unit U --comparator '>='|'<='|'=' --baseline N\n"
	  "  --start DATE --due DATE  --by AUTHOR\n", cmd_add },
	{ "edit", "KEY [--title T] [--due D] [--start D] [--owner O] [--target N ...] --reason R",
	  "change a commitment; the change is kept in its history",
	  "  --title T  --due DATE|none  --start DATE|none  --owner O  --co-owner O (repeatable)\n"
	  "  --kind K  --tag TAG (repeatable, replaces)  --target N --unit U --comparator C\n"
	  "  --baseline N  --no-target  --reason R (required for due, start, target)  --by AUTHOR\n",
	  cmd_edit },
	{ "status", "KEY STATE --reason R", "set the lifecycle status (open, in_progress, "
	  "blocked, done, cancelled)", "  --reason R  --by AUTHOR\n", cmd_status },
	{ "override", "KEY HEALTH|--clear --reason R",
	  "set or clear a manual health judgement (shown as such)",
	  "  --clear  --reason R  --by AUTHOR\n", cmd_override },
	{ "log", "KEY [--value N] [--as-of DATE] [--note T] [--evidence E] [--by A]",
	  "log progress (a check-in); a correction is a new check-in",
	  "  --value N      cumulative value in the target's unit (omit for a note)\n"
	  "  --as-of DATE   the date the figure describes (default today)\n"
	  "  --note T  --evidence URL|DOCNO  --by AUTHOR  --corrects SEQ\n", cmd_log },
	{ "list", "[FILTERS] [--sort due|key|owner|status|title|added] [--json]",
	  "list commitments with owner, due date, progress and health",
	  FILTER_HELP "  --sort ORDER  --json\n", cmd_list },
	{ "show", "KEY [--as-of DATE] [--json]",
	  "show a commitment with its check-ins and history", NULL, cmd_show },
	{ "owners", "[add NAME | alias NAME ALIAS] [--json]",
	  "list owners and aliases, add an owner or an alias", NULL, cmd_owners },
	{ "report", "[--quarter 2023Q3 | --from D --to D] [--format json|html|md|csv] [OPTIONS]",
	  "the quarterly status report",
	  "  --quarter 2023Q3       the period (default: the quarter containing today)\n"
	  "  --from D --to D        any other period\n"
	  "  --format F             json, html, md (default) or csv\n"
	  "  --lang zh|en           labels (default from LC_ALL, LC_MESSAGES, LANG)\n"
	  "  --as-known-at TS       the report exactly as it was at that moment\n"
	  "  --out FILE             write atomically to FILE\n"
	  FILTER_HELP, cmd_report },
	{ "extract", "LETTER.txt|- [--json] [--apply]",
	  "propose a reply letter's metadata and commitments for review", NULL, cmd_extract },
	{ "check", "[--json] [--head [--as-known-at TS]]",
	  "check integrity, quotes and the tamper-evident chains",
	  "  --json             findings as JSON\n"
	  "  --head             print the chain head (a hash of the whole record)\n"
	  "  --as-known-at TS   the head as of a moment (a date means the end of that day, UTC)\n",
	  cmd_check },
	{ "backup", "FILE", "copy the database consistently while others write", NULL, cmd_backup },
	{ "restore", "FILE", "replace the database with a backup", NULL, cmd_restore },
	{ "config", "[KEY [VALUE]]", "list, read or change the settings (thresholds, reply "
	  "classes, reporting day)", NULL, cmd_config },
	{ "help", "[COMMAND]", "show the commands, or one command's help", NULL, cmd_help },
	{ NULL, NULL, NULL, NULL, NULL },
};

const struct command *command_find(const char *name)
{
	for (const struct command *c = commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}
