/* cmd_export_ics.c - `tracker export ics`: deadlines (and to-dos, check-in
 * days) as iCalendar for the calendars people already use. The same filters
 * as `list`; one file, standard output, or one file per department. */
#include <stddef.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "filters.h"
#include "calendar/ics_export.h"
#include "util/date.h"
#include "util/outfile.h"
#include "util/banned.h"

struct ics_opts {
	struct filter_opts filters;
	const char *alarm, *out, *split_by, *out_dir;
	bool todo, both, checkins, no_alarms, allow_empty;
};

#define I(field) offsetof(struct ics_opts, field)

static const struct option_spec options[] = {
	{ "todo", OPT_FLAG, I(todo), NULL, "tasks (VTODO) instead of all-day events", VAL_TEXT,
	  NULL },
	{ "both", OPT_FLAG, I(both), NULL, "events and tasks", VAL_TEXT, NULL },
	{ "checkins", OPT_FLAG, I(checkins), NULL, "an event on each quarter's reporting day "
	  "until the deadline", VAL_TEXT, NULL },
	{ "alarm", OPT_STRING, I(alarm), "SPEC", "reminders before the deadline (h, d, w); "
	  "default 30d,7d,1d", VAL_TEXT, NULL },
	{ "no-alarms", OPT_FLAG, I(no_alarms), NULL, "no reminders", VAL_TEXT, NULL },
	{ "out", OPT_STRING, I(out), "FILE", "write to FILE (atomically)", VAL_FILE, NULL },
	{ "split-by", OPT_STRING, I(split_by), "owner", "one file per department (with "
	  "--out-dir)", VAL_WORDS, "owner" },
	{ "out-dir", OPT_STRING, I(out_dir), "DIR", "where --split-by writes", VAL_DIR, NULL },
	{ "allow-empty", OPT_FLAG, I(allow_empty), NULL, "write a calendar with no entries "
	  "instead of failing (exit 4) when nothing matches", VAL_TEXT, NULL },
	{ NULL, 0, 0, NULL, NULL, 0, NULL },
};

static const struct option_group groups[] = {
	{ filter_options, offsetof(struct ics_opts, filters), "filters" },
	{ NULL, 0, NULL },
};

static int check_opts(const struct ics_opts *o, struct ics_config *cfg, struct trk_error *err)
{
	int rc;

	cfg->parts = o->both ? ICS_EVENTS | ICS_TODOS : o->todo ? ICS_TODOS : ICS_EVENTS;
	cfg->allow_empty = o->allow_empty;
	if (o->checkins)
		cfg->parts |= ICS_CHECKINS;
	if (o->alarm && o->no_alarms)
		return trk_err(err, TRK_EUSAGE, "--alarm and --no-alarms exclude each other");
	if (o->no_alarms)
		cfg->alarms.n = 0;
	else if (!o->alarm)
		ics_alarms_default(&cfg->alarms);
	else if ((rc = ics_parse_alarms(o->alarm, &cfg->alarms, err)))
		return rc;
	if (o->split_by && strcmp(o->split_by, "owner"))
		return trk_err(err, TRK_EUSAGE, "--split-by: unknown value '%.40s' (only 'owner')",
			       o->split_by);
	if (o->split_by && !o->out_dir)
		return trk_err(err, TRK_EUSAGE, "--split-by owner needs --out-dir DIR");
	if (o->out_dir && !o->split_by)
		return trk_err(err, TRK_EUSAGE, "--out-dir goes with --split-by owner");
	if (o->split_by && o->out)
		return trk_err(err, TRK_EUSAGE, "--out and --split-by exclude each other");
	if (o->split_by && o->filters.owner)
		return trk_err(err, TRK_EUSAGE, "--owner and --split-by owner exclude each other");
	return 0;
}

static void print_counts(FILE *msg, const char *path, const struct ics_counts *n,
			 unsigned parts)
{
	if (!ics_counts_components(n)) {
		fprintf(msg, "note: %s%snothing to put in a calendar; wrote an empty one "
			"(--allow-empty)\n", path ? path : "", path ? ": " : "");
		return;
	}
	fprintf(msg, "%s%sexported %ld commitments: %ld events, %ld to-dos, %ld check-in days, "
		"%ld reminders\n", path ? path : "", path ? ": " : "", n->commitments, n->events,
		n->todos, n->checkins, n->alarms);
	if (n->undated && (parts & ICS_EVENTS))
		fprintf(msg, "note: %ld commitments have no due date and so no deadline event%s\n",
			n->undated, parts & (ICS_TODOS | ICS_CHECKINS) ? "" : " (see --todo, --checkins)");
}

struct split {
	struct cmd_ctx *ctx;
	const struct ics_opts *o;
	const struct selection *sel;
	unsigned parts;
	int files;
};

static void split_calname(struct strbuf *sb, const char *owner, void *arg)
{
	struct split *x = arg;

	ics_calname(sb, x->sel, x->o->todo && !x->o->both, owner);
}

static void split_done(const char *owner, const char *path, const struct ics_counts *n,
		       void *arg)
{
	struct split *x = arg;

	if (!path) {
		fprintf(x->ctx->msg, "note: %s: nothing dated to put in a calendar; no file "
			"written\n", owner);
		return;
	}
	x->files++;
	print_counts(x->ctx->msg, path, n, x->parts);
}

static int export_one(struct cmd_ctx *ctx, struct store *st, const struct ics_opts *o,
		      const struct selection *sel, const struct query *q, struct ics_config *cfg,
		      struct trk_error *err)
{
	struct strbuf calname = STRBUF_INIT;
	struct ics_counts n;
	struct outfile of;
	int rc;

	ics_calname(&calname, sel, o->todo && !o->both, q->f.owner);
	cfg->calname = calname.buf;
	if (!(rc = outfile_open(&of, o->out, ctx->out, err))) {
		rc = ics_export(st, q, cfg, of.f, &n, err);
		if ((rc = outfile_close(&of, rc, err)) == 0)
			print_counts(ctx->msg, o->out, &n, cfg->parts);
	}
	strbuf_release(&calname);
	return rc;
}

static int run(struct cmd_ctx *ctx, void *opts, char **args, int nargs, struct trk_error *err)
{
	const struct ics_opts *o = opts;
	struct ics_config cfg = { 0 };
	struct selection_hold hold;
	struct selection sel;
	struct settings s;
	struct query q;
	struct store *st;
	int rc;

	(void)args, (void)nargs;
	filter_selection(&o->filters, &sel);
	/* Everything that can fail is checked before a file is opened, so a bad
	 * option never leaves a file behind. */
	if ((rc = check_opts(o, &cfg, err)) || (rc = cmd_store(ctx, &st, err)))
		return rc;
	if ((rc = selection_to_query(st, &sel, &q, &hold, err)) ||
	    (rc = store_settings(st, NULL, &s, err)) || (rc = clock_now_epoch(&cfg.now, err)))
		goto out;
	cfg.checkin_day = s.checkin_day;
	cfg.as_of = q.as_of;
	if (o->split_by) {
		struct split x = { ctx, o, &sel, cfg.parts, 0 };
		rc = ics_export_split(st, &q, &cfg, o->out_dir, split_calname, split_done, &x, err);
		if (!rc && !x.files)
			fputs(_("note: nothing to put in a calendar; no files written\n"), ctx->msg);
	} else {
		rc = export_one(ctx, st, o, &sel, &q, &cfg, err);
	}
out:
	selection_hold_release(&hold);
	return rc;
}

const struct command cmd_export_ics = {
	.name = "export ics",
	.summary = "export deadlines as iCalendar, for the calendars people use",
	.options = options,
	.groups = groups,
	.opts_size = sizeof(struct ics_opts),
	.run = run,
};
