/* cmd_undo.c - `tracker undo`: reverse your last change, if it is recent
 * (the setting undo.window_minutes, default 10), by recording the reverse
 * with the reason "undo" (store/store_undo.h says what that means for
 * each kind of record). */
#include <stddef.h>

#include "cmd.h"
#include "i18n.h"
#include "store/store_undo.h"
#include "util/date.h"
#include "util/utf8.h"
#include "util/banned.h"

struct undo_opts {
	const char *by;
	bool dry_run;
};

static const struct option_spec options[] = {
	{ "by", OPT_STRING, offsetof(struct undo_opts, by), "NAME", "whose change (default: your "
	  "account name); the undo is recorded as theirs", VAL_TEXT, NULL },
	{ "dry-run", OPT_FLAG, offsetof(struct undo_opts, dry_run), NULL, "say what would be "
	  "undone, and change nothing", VAL_TEXT, NULL },
	{ NULL, 0, 0, NULL, NULL, 0, NULL },
};

struct undo_job {
	const struct actor *a;
	bool dry_run;
	struct undo_plan plan;
};

static int apply(struct store *st, void *arg, struct trk_error *err)
{
	struct undo_job *j = arg;
	int rc;

	if ((rc = store_undo_find(st, j->a->name, &j->plan, err)) || j->dry_run)
		return rc;
	return store_undo_apply(st, j->a, &j->plan, err);
}

static void say_item(struct strbuf *sb, const struct undo_item *it)
{
	strbuf_addstr(sb, "  ");
	utf8_add_terminal(sb, it->key, 0);
	strbuf_addstr(sb, ": ");
	if (it->what == UNDO_CREATION) {
		strbuf_addstr(sb, _("added: cancelled"));
	} else if (it->what == UNDO_CHECKIN) {
		strbuf_addf(sb, _("check-in #%d withdrawn by a correction"), it->seq);
	} else {
		strbuf_addf(sb, "%s ", it->field);
		utf8_add_terminal(sb, it->new_value ? it->new_value : _("(none)"), 0);
		strbuf_addstr(sb, " -> ");
		utf8_add_terminal(sb, it->old_value ? it->old_value : _("(none)"), 0);
	}
	strbuf_addch(sb, '\n');
}

static int run(struct cmd_ctx *ctx, void *opts, char **args, int nargs, struct trk_error *err)
{
	const struct undo_opts *o = opts;
	struct strbuf sb = STRBUF_INIT;
	struct undo_job j = { .dry_run = o->dry_run };
	char at[TIMESTAMP_LOCAL_BUFSZ];
	struct actor a;
	struct store *st;
	int rc;

	(void)args, (void)nargs;
	cmd_actor(ctx, o->by, &a);
	j.a = &a;
	if ((rc = cmd_store(ctx, &st, err)) ||
	    (rc = (o->dry_run ? store_read : store_write)(st, apply, &j, err)))
		goto out;
	timestamp_text_local(j.plan.at, at);
	strbuf_addf(&sb, o->dry_run ? _("would undo the change of %s:\n") : _("undid the change "
		    "of %s:\n"), at);
	for (size_t i = 0; i < j.plan.n; i++)
		say_item(&sb, &j.plan.items[i]);
	fputs(sb.buf, ctx->msg);
out:
	undo_plan_release(&j.plan);
	strbuf_release(&sb);
	return rc;
}

const struct command cmd_undo = {
	.name = "undo",
	.summary = "reverse your last change (within undo.window_minutes, default 10)",
	.options = options,
	.opts_size = sizeof(struct undo_opts),
	.description = "The record is append-only: undo records the reverse change with the "
		       "reason \"undo\". Changed fields go back to their old values; a check-in is "
		       "withdrawn by a correction without a figure (a correction restores the "
		       "figure it replaced); a commitment added by hand is cancelled. Owners, "
		       "letters and settings are not undone, nor a change someone has changed "
		       "again since, nor an undo.",
	.run = run,
};
