/* cmd_show.c - `tracker show KEY`: every field, the progress as of a date,
 * the check-ins and the history. */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "model/format.h"
#include "record/record_json.h"
#include "record/select.h"
#include "util/date.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/banned.h"

struct show_opts {
	const char *as_of;
	bool json;
};

static const struct option_spec options[] = {
	{ "as-of", OPT_STRING, offsetof(struct show_opts, as_of), "DATE", "progress and health "
	  "as of DATE (default today)", VAL_DATE, NULL },
	{ "json", OPT_FLAG, offsetof(struct show_opts, json), NULL, "the commitment with its "
	  "records, as JSON", VAL_TEXT, NULL },
	{ NULL, 0, 0, NULL, NULL, 0, NULL },
};

static const struct arg_spec args_spec[] = {
	{ "KEY", VAL_KEY, false, false, NULL },
	{ NULL, 0, false, false, NULL },
};

static void field(struct strbuf *sb, const char *label, const char *value)
{
	if (!value || !*value)
		return;
	utf8_add_padded(sb, label, 12);
	utf8_add_terminal(sb, value, 0);
	strbuf_addch(sb, '\n');
}

static void join(struct strbuf *sb, const struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		strbuf_addf(sb, "%s%s", i ? ", " : "", l->items[i]);
}

static void target_line(struct strbuf *t, const struct commitment *c)
{
	format_target(t, &c->target);
	if (c->target.present && c->target.baseline != 0) {
		strbuf_addstr(t, " from ");
		format_number(t, c->target.baseline);
	}
}

static void progress_line(struct strbuf *t, const struct commitment *c, const struct progress *p)
{
	char d[DATE_BUFSZ];

	format_progress(t, c, p);
	if (p->has_percent)
		strbuf_addf(t, "  %.0f%%", p->percent);
	if (p->has_expected)
		strbuf_addf(t, _("  (expected %.0f%%)"), p->expected);
	if (p->has_forecast) {
		date_format(p->forecast, d);
		strbuf_addf(t, _("  forecast %s"), d);
	}
}

static void show_fields(struct strbuf *sb, const struct commitment *c, const struct progress *p,
			int32_t as_of)
{
	struct strbuf t = STRBUF_INIT;
	char d1[DATE_BUFSZ], d2[DATE_BUFSZ];

	field(sb, _("key"), c->key);
	field(sb, _("title"), c->title);
	field(sb, _("letter"), c->letter_doc_no);
	field(sb, _("section"), c->section);
	field(sb, _("quote"), c->quote);
	field(sb, _("owner"), c->owner);
	join(&t, &c->co_owners);
	field(sb, _("co-owners"), t.buf);
	field(sb, _("kind"), strcmp(cli_lang(), "zh") ? kind_name(c->kind) : kind_label(c->kind, "zh"));
	strbuf_reset(&t);
	target_line(&t, c);
	field(sb, _("target"), t.buf);
	date_format(c->window_start, d1);
	date_format(c->due, d2);
	strbuf_reset(&t);
	strbuf_addf(&t, "%s .. %s", *d1 ? d1 : _("(open)"), *d2 ? d2 : _("(no due date)"));
	field(sb, _("window"), t.buf);
	field(sb, _("status"), status_word(c->status));
	strbuf_reset(&t);
	join(&t, &c->tags);
	field(sb, _("tags"), t.buf);
	strbuf_reset(&t);
	progress_line(&t, c, p);
	field(sb, _("progress"), t.buf);
	date_format(as_of, d1);
	strbuf_reset(&t);
	strbuf_addf(&t, _("%s as of %s"), health_word(p->health), d1);
	if (p->overridden)
		strbuf_addf(&t, _(" (manual override: %s)"), c->health_override_reason ?
			    c->health_override_reason : "");
	field(sb, _("health"), t.buf);
	field(sb, _("uid"), c->uid);
	strbuf_release(&t);
}

/* Who and when, in local time: "recorded 2023-09-30T16:00:00+08:00 by 张三". */
static void stamp(struct strbuf *sb, const char *what, const char *utc, const char *author)
{
	char local[TIMESTAMP_LOCAL_BUFSZ];

	timestamp_text_local(utc, local);
	strbuf_addf(sb, "  %s %s", what, local);
	if (author) {
		strbuf_addstr(sb, _(" by "));
		utf8_add_terminal(sb, author, 0);
	}
}

static void show_checkin(struct strbuf *sb, const struct checkin *k)
{
	char d[DATE_BUFSZ];

	date_format(k->as_of, d);
	strbuf_addf(sb, "  #%-3d %s  ", k->seq, d);
	if (k->has_value)
		format_number(sb, k->value);
	else
		strbuf_addch(sb, '-');
	if (k->supersedes)
		strbuf_addf(sb, _("  (corrects #%d)"), k->supersedes);
	stamp(sb, _("recorded"), k->recorded_at, k->author);
	if (k->note) {
		strbuf_addstr(sb, "\n        ");
		utf8_add_terminal(sb, k->note, 0);
	}
	if (k->reason) {
		strbuf_addf(sb, "\n        %s ", _("reason:"));
		utf8_add_terminal(sb, k->reason, 0);
	}
	if (k->evidence) {
		strbuf_addf(sb, "\n        %s ", _("evidence:"));
		utf8_add_terminal(sb, k->evidence, 0);
	}
	strbuf_addch(sb, '\n');
}

static void show_history(struct strbuf *sb, const struct history *h)
{
	char local[TIMESTAMP_LOCAL_BUFSZ];

	timestamp_text_local(h->changed_at, local);
	strbuf_addf(sb, "  #%-3d %s  ", h->seq, local);
	if (h->seq == 0) {
		strbuf_addstr(sb, _("created"));
	} else {
		strbuf_addf(sb, "%s: ", h->field);
		utf8_add_terminal(sb, h->old_value ? h->old_value : _("(none)"), 0);
		strbuf_addstr(sb, " -> ");
		utf8_add_terminal(sb, h->new_value ? h->new_value : _("(none)"), 0);
	}
	if (h->author) {
		strbuf_addstr(sb, _(" by "));
		utf8_add_terminal(sb, h->author, 0);
	}
	if (h->reason && h->seq > 0) {
		strbuf_addf(sb, "\n        %s ", _("reason:"));
		utf8_add_terminal(sb, h->reason, 0);
	}
	strbuf_addch(sb, '\n');
}

static void show_json(struct strbuf *sb, const struct commitment_record *r)
{
	struct jsonw w;

	jsonw_init(&w, sb, true);
	json_commitment_full(&w, NULL, r);
	strbuf_addch(sb, '\n');
}

struct show {
	FILE *out;
	bool json;
	int32_t as_of;
};

static int show_one(const struct commitment_record *r, void *arg, struct trk_error *err)
{
	struct show *x = arg;
	struct strbuf sb = STRBUF_INIT;
	int rc = 0;

	if (x->json) {
		show_json(&sb, r);
	} else {
		show_fields(&sb, r->c, r->p, x->as_of);
		strbuf_addf(&sb, "\n%s\n", _("check-ins:"));
		for (size_t i = 0; i < r->ncheckins; i++)
			show_checkin(&sb, &r->checkins[i]);
		strbuf_addf(&sb, "\n%s\n", _("history:"));
		for (size_t i = 0; i < r->nhistory; i++)
			show_history(&sb, &r->history[i]);
	}
	if (fwrite(sb.buf, 1, sb.len, x->out) != sb.len)
		rc = trk_err(err, TRK_EIO, "cannot write output: %s", strerror(errno));
	strbuf_release(&sb);
	return rc;
}

static int run(struct cmd_ctx *ctx, void *opts, char **args, int nargs, struct trk_error *err)
{
	const struct show_opts *o = opts;
	struct show x = { .out = ctx->out, .json = o->json };
	struct selection sel = { .key = args[0], .as_of = o->as_of };
	struct selection_hold hold;
	struct query q;
	struct store *st;
	int rc;

	(void)nargs;
	if ((rc = cmd_store(ctx, &st, err)))
		return rc;
	if (!store_commitment_exists(st, args[0]))
		return trk_err_field(err, TRK_ENOTFOUND, "key", "no commitment '%s'", args[0]);
	if (!(rc = selection_to_query(st, &sel, &q, &hold, err))) {
		q.want = WANT_CHECKINS | WANT_HISTORY;
		x.as_of = q.as_of;
		rc = store_query(st, &q, show_one, &x, err);
	}
	selection_hold_release(&hold);
	return rc;
}

const struct command cmd_show = {
	.name = "show",
	.summary = "show a commitment with its check-ins and history",
	.args = args_spec,
	.options = options,
	.opts_size = sizeof(struct show_opts),
	.run = run,
};
