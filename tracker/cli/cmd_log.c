/* cmd_log.c - `tracker log KEY`: a check-in (progress against a
 * commitment). Check-ins are never changed: a correction is a new one. */
#include <stddef.h>
#include <stdlib.h>

#include "cmd.h"
#include "i18n.h"
#include "record/select.h"
#include "util/date.h"
#include "util/numparse.h"
#include "util/strbuf.h"
#include "util/banned.h"

struct log_opts {
	const char *value, *as_of, *note, *evidence, *reason, *corrects, *by;
};

#define L(field) offsetof(struct log_opts, field)

static const struct option_spec options[] = {
	{ "value", OPT_STRING, L(value), "N", "the figure, cumulative, in the target's unit",
	  VAL_NUMBER, NULL },
	{ "as-of", OPT_STRING, L(as_of), "DATE", "the day the figure describes (default today)",
	  VAL_DATE, NULL },
	{ "note", OPT_STRING, L(note), "TEXT", "what was done", VAL_TEXT, NULL },
	{ "evidence", OPT_STRING, L(evidence), "TEXT", "a document number or link", VAL_TEXT,
	  NULL },
	{ "reason", OPT_STRING, L(reason), "TEXT", "why a figure falls below the one before",
	  VAL_TEXT, NULL },
	{ "corrects", OPT_STRING, L(corrects), "SEQ", "the check-in this one corrects",
	  VAL_NUMBER, NULL },
	{ "by", OPT_STRING, L(by), "NAME", "the author recorded (default: your account name)",
	  VAL_TEXT, NULL },
	{ NULL, 0, 0, NULL, NULL, 0, NULL },
};

static const struct arg_spec args_spec[] = {
	{ "KEY", VAL_KEY, false, false, NULL },
	{ NULL, 0, false, false, NULL },
};

struct append {
	const struct actor *a;
	struct checkin *k;
};

static int append(struct store *st, void *arg, struct trk_error *err)
{
	struct append *x = arg;

	return store_checkin_add(st, x->a, x->k, err);
}

static int build(const struct log_opts *o, const char *key, struct checkin *k,
		 struct trk_error *err)
{
	long seq;
	int rc;

	if (!o->value && !o->note && !o->evidence)
		return trk_err(err, TRK_EUSAGE, "give --value, --note or --evidence");
	if ((o->value && (rc = parse_number(o->value, "value", &k->value, err))) ||
	    (rc = o->as_of ? selection_date(o->as_of, "as_of", &k->as_of, err)
			   : clock_today(&k->as_of, err)) ||
	    (o->corrects && (rc = parse_int(o->corrects, "corrects", 1, 1000000000, &seq, err))))
		return rc;
	k->has_value = o->value != NULL;
	k->supersedes = o->corrects ? (int)seq : 0;
	k->commitment_key = xstrdup(key);
	k->note = xstrdup(o->note);
	k->evidence = xstrdup(o->evidence);
	k->reason = xstrdup(o->reason);
	k->author = xstrdup(o->by);
	return 0;
}

static int run(struct cmd_ctx *ctx, void *opts, char **args, int nargs, struct trk_error *err)
{
	struct checkin k;
	struct actor a;
	struct append x = { &a, &k };
	struct store *st;
	int rc;

	(void)nargs;
	checkin_init(&k);
	cmd_actor(ctx, ((const struct log_opts *)opts)->by, &a);
	if (!(rc = build(opts, args[0], &k, err)) && !(rc = cmd_store(ctx, &st, err)) &&
	    !(rc = store_write(st, append, &x, err)))
		fprintf(ctx->msg, _("logged check-in #%d on %s\n"), k.seq, args[0]);
	checkin_release(&k);
	return rc;
}

const struct command cmd_log = {
	.name = "log",
	.summary = "log progress (a check-in); a correction is a new check-in",
	.args = args_spec,
	.options = options,
	.opts_size = sizeof(struct log_opts),
	.description = "A figure needs a target; without one, log a note. A figure below the one "
		       "reported before it (for a '>=' target) needs --reason, or correct the "
		       "earlier check-in with --corrects.",
	.run = run,
};
