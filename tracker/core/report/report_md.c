/* report_md.c - the report as Markdown, for pasting into documents and
 * emails: header, summary, attention lists (each capped unless the report
 * is in full), departments, and - for a selection or with detail - each
 * commitment with its words, check-ins, changes and corrections. Every
 * piece of data goes through escape_md_cell(). Rows are spooled until the
 * totals are known. */
#include <stdlib.h>
#include <string.h>

#include "util/date.h"
#include "util/escape.h"
#include "report/report.h"
#include "report/report_out.h"
#include "util/strbuf.h"
#include "util/banned.h"

struct md_state {
	const struct report_params *p;
	FILE *out;
	FILE *attn[ATTN__COUNT], *rows, *blocks;
	struct report_caps caps;
	struct strbuf sb;
};

static void cell(struct strbuf *sb, const char *s)
{
	strbuf_addstr(sb, " ");
	/* The placeholder is ours and harmless; only data is escaped. */
	if (s && *s)
		escape_md_cell(sb, s);
	else
		strbuf_addch(sb, '-');
	strbuf_addstr(sb, " |");
}

/* A cell of our own making (a number, a date): nothing to escape. */
static void raw_cell(struct strbuf *sb, const char *s)
{
	strbuf_addf(sb, " %s |", s && *s ? s : "-");
}

static void header_row(struct strbuf *sb, const char *lang, const enum report_label *cols,
		       size_t n)
{
	strbuf_addch(sb, '|');
	for (size_t i = 0; i < n; i++)
		cell(sb, report_label(cols[i], lang));
	strbuf_addstr(sb, "\n|");
	for (size_t i = 0; i < n; i++)
		strbuf_addstr(sb, "---|");
	strbuf_addch(sb, '\n');
}

static void pct_cell(struct strbuf *sb, bool has, double v)
{
	struct strbuf t = STRBUF_INIT;

	format_percent(&t, has, v);
	raw_cell(sb, t.buf);
	strbuf_release(&t);
}

static void date_cell(struct strbuf *sb, int32_t d, const char *none)
{
	char buf[DATE_BUFSZ];

	raw_cell(sb, report_date(d, buf, none));
}

/* Who and when: "市经信局, 2023-11-03 10:05 +08:00". */
static void by_when_cell(struct strbuf *sb, const char *who, const char *utc)
{
	struct strbuf t = STRBUF_INIT;

	if (who && *who)
		strbuf_addf(&t, "%s, ", who);
	report_time_short(&t, utc);
	cell(sb, t.buf);
	strbuf_release(&t);
}

static void health_cell(struct strbuf *sb, const struct report_item *it, const char *lang)
{
	struct strbuf t = STRBUF_INIT;

	report_health_text(&t, it, lang);
	cell(sb, t.buf);
	strbuf_release(&t);
}

static const enum report_label entry_cols[] = {
	RL_KEY, RL_COMMITMENT, RL_OWNER, RL_DUE, RL_PERCENT, RL_EXPECTED, RL_HEALTH,
	RL_LAST_CHECKIN,
};

static void entry_row(struct strbuf *sb, const struct report_item *it, const char *lang)
{
	strbuf_addch(sb, '|');
	cell(sb, it->c->key);
	cell(sb, it->c->title);
	cell(sb, report_owner_short(it->c));
	date_cell(sb, it->c->due, report_label(RL_NO_DUE, lang));
	pct_cell(sb, it->p->has_percent, it->p->percent);
	pct_cell(sb, it->p->has_expected, it->p->expected);
	health_cell(sb, it, lang);
	date_cell(sb, it->last_checkin, NULL);
	strbuf_addch(sb, '\n');
}

static const enum report_label change_cols[] = {
	RL_KEY, RL_COMMITMENT, RL_OWNER, RL_FIELD, RL_OLD_NEW, RL_REASON, RL_BY_WHEN,
};

static void change_row(struct strbuf *sb, const struct report_item *it,
		       const struct history *h, const char *lang)
{
	struct strbuf t = STRBUF_INIT;

	strbuf_addch(sb, '|');
	cell(sb, it->c->key);
	cell(sb, it->c->title);
	cell(sb, report_owner_short(it->c));
	cell(sb, report_field_label(h->field, lang));
	report_old_new(&t, h, lang);
	cell(sb, t.buf);
	cell(sb, h->reason);
	by_when_cell(sb, h->author, h->changed_at);
	strbuf_addch(sb, '\n');
	strbuf_release(&t);
}

static const enum report_label correction_cols[] = {
	RL_KEY, RL_COMMITMENT, RL_OWNER, RL_FIGURE_DATE, RL_WAS_NOW, RL_NOTE, RL_BY_WHEN,
};

static void was_now(struct strbuf *sb, const struct report_correction *k)
{
	if (k->old && k->old->has_value)
		format_number(sb, k->old->value);
	else
		strbuf_addch(sb, '-');
	strbuf_addstr(sb, " → ");
	if (k->k->has_value)
		format_number(sb, k->k->value);
	else
		strbuf_addch(sb, '-');
}

static void correction_row(struct strbuf *sb, const struct report_item *it,
			   const struct report_correction *k)
{
	struct strbuf t = STRBUF_INIT;

	strbuf_addch(sb, '|');
	cell(sb, it->c->key);
	cell(sb, it->c->title);
	cell(sb, report_owner_short(it->c));
	date_cell(sb, k->k->as_of, NULL);
	was_now(&t, k);
	raw_cell(sb, t.buf);
	cell(sb, k->k->note);
	by_when_cell(sb, k->k->author, k->k->recorded_at);
	strbuf_addch(sb, '\n');
	strbuf_release(&t);
}

static const enum report_label item_cols[] = {
	RL_KEY, RL_COMMITMENT, RL_OWNER, RL_DUE, RL_TARGET, RL_CURRENT, RL_PERCENT,
	RL_EXPECTED, RL_HEALTH, RL_CHANGE, RL_FORECAST,
};

static void item_row(struct strbuf *sb, const struct report_item *it, const char *lang)
{
	struct strbuf t = STRBUF_INIT;

	strbuf_addch(sb, '|');
	cell(sb, it->c->key);
	cell(sb, it->c->title);
	cell(sb, it->c->owner);
	date_cell(sb, it->c->due, report_label(RL_NO_DUE, lang));
	format_target_text(&t, &it->c->target);
	cell(sb, t.buf);
	strbuf_reset(&t);
	report_current(&t, it);
	cell(sb, t.buf);
	pct_cell(sb, it->p->has_percent, it->p->percent);
	pct_cell(sb, it->p->has_expected, it->p->expected);
	health_cell(sb, it, lang);
	strbuf_reset(&t);
	report_change(&t, it->has_change, it->change);
	raw_cell(sb, t.buf);
	date_cell(sb, it->p->has_forecast ? it->p->forecast : DATE_NONE, NULL);
	strbuf_addch(sb, '\n');
	strbuf_release(&t);
}

/* "- **label**: " then the caller's text. */
static void bullet(struct strbuf *sb, enum report_label l, const char *lang)
{
	strbuf_addf(sb, "- **%s**: ", report_label(l, lang));
}

static void block_checkins(struct strbuf *sb, const struct report_item *it, const char *lang)
{
	char d[DATE_BUFSZ];

	bullet(sb, RL_CHECKINS, lang);
	if (!it->ncheckins)
		strbuf_addstr(sb, report_label(RL_NONE_THIS_PERIOD, lang));
	strbuf_addch(sb, '\n');
	for (size_t i = 0; i < it->ncheckins; i++) {
		const struct checkin *k = &it->checkins[i];
		date_format(k->as_of, d);
		strbuf_addf(sb, "  - %s", d);
		if (k->has_value) {
			strbuf_addstr(sb, " · ");
			format_number(sb, k->value);
		}
		if (k->note && *k->note) {
			strbuf_addstr(sb, " · ");
			escape_md_cell(sb, k->note);
		}
		if (k->evidence && *k->evidence) {
			strbuf_addf(sb, " · %s: ", report_label(RL_EVIDENCE, lang));
			escape_md_cell(sb, k->evidence);
		}
		if (k->supersedes)
			strbuf_addf(sb, " (%s #%d)", report_label(RL_CORRECTS, lang), k->supersedes);
		strbuf_addch(sb, '\n');
	}
}

static void block_history(struct strbuf *sb, enum report_label l, const struct history *h,
			  size_t n, const char *lang)
{
	struct strbuf t = STRBUF_INIT;

	if (!n)
		return;
	bullet(sb, l, lang);
	strbuf_addch(sb, '\n');
	for (size_t i = 0; i < n; i++) {
		strbuf_reset(&t);
		report_time_short(&t, h[i].changed_at);
		strbuf_addf(&t, " %s ", report_field_label(h[i].field, lang));
		report_old_new(&t, &h[i], lang);
		if (h[i].reason && *h[i].reason)
			strbuf_addf(&t, " · %s: %s", report_label(RL_REASON, lang), h[i].reason);
		if (h[i].author && *h[i].author)
			strbuf_addf(&t, " · %s", h[i].author);
		strbuf_addstr(sb, "  - ");
		escape_md_cell(sb, t.buf);
		strbuf_addch(sb, '\n');
	}
	strbuf_release(&t);
}

static void block_corrections(struct strbuf *sb, const struct report_item *it,
			      const char *lang)
{
	struct strbuf t = STRBUF_INIT;

	if (!it->ncorrections)
		return;
	bullet(sb, RL_CORRECTIONS, lang);
	strbuf_addch(sb, '\n');
	for (size_t i = 0; i < it->ncorrections; i++) {
		const struct report_correction *k = &it->corrections[i];
		strbuf_reset(&t);
		report_correction_text(&t, k);
		if (k->k->note && *k->k->note)
			strbuf_addf(&t, " · %s", k->k->note);
		strbuf_addstr(&t, " · ");
		if (k->k->author && *k->k->author)
			strbuf_addf(&t, "%s, ", k->k->author);
		report_time_short(&t, k->k->recorded_at);
		strbuf_addstr(sb, "  - ");
		escape_md_cell(sb, t.buf);
		strbuf_addch(sb, '\n');
	}
	strbuf_release(&t);
}

/* One commitment in full: its words, where they stand, and what the period
 * brought. */
static void item_block(struct strbuf *sb, const struct report_item *it, const char *lang)
{
	const struct commitment *c = it->c;

	strbuf_addstr(sb, "#### ");
	escape_md_cell(sb, c->key);
	strbuf_addch(sb, ' ');
	escape_md_cell(sb, c->title);
	strbuf_addstr(sb, "\n\n");
	bullet(sb, RL_QUOTE, lang);
	strbuf_addstr(sb, lang[0] == 'z' ? "“" : "\"");
	escape_md_cell(sb, c->quote);
	strbuf_addstr(sb, lang[0] == 'z' ? "”\n" : "\"\n");
	if (c->section && *c->section) {
		bullet(sb, RL_SECTION, lang);
		escape_md_cell(sb, c->section);
		strbuf_addch(sb, '\n');
	}
	bullet(sb, RL_STATUS, lang);
	strbuf_addstr(sb, status_label(c->status, lang));
	if (it->status_reason && *it->status_reason) {
		strbuf_addstr(sb, lang[0] == 'z' ? "（" : " (");
		escape_md_cell(sb, it->status_reason);
		strbuf_addstr(sb, lang[0] == 'z' ? "）" : ")");
	}
	strbuf_addch(sb, '\n');
	if (it->p->overridden && c->health_override_reason) {
		bullet(sb, RL_OVERRIDDEN, lang);
		escape_md_cell(sb, c->health_override_reason);
		strbuf_addch(sb, '\n');
	}
	block_checkins(sb, it, lang);
	block_history(sb, RL_STATUS_CHANGES, it->status_changes, it->nstatus_changes, lang);
	block_history(sb, RL_ATTN_CHANGED, it->changes, it->nchanges, lang);
	block_corrections(sb, it, lang);
	strbuf_addch(sb, '\n');
}

static const struct report_attn_rows md_attn_rows = { entry_row, change_row, correction_row };

static int attn_rows(struct md_state *s, const struct report_item *it, struct trk_error *err)
{
	return report_attn_write(&md_attn_rows, &s->caps, &s->sb, s->attn, it, s->p->lang, err);
}

static int md_item(void *arg, const struct report_item *it, struct trk_error *err)
{
	struct md_state *s = arg;
	int rc;

	if ((rc = attn_rows(s, it, err)) || !s->caps.full)
		return rc;
	item_row(&s->sb, it, s->p->lang);
	if ((rc = report_flush(s->rows, &s->sb, err)))
		return rc;
	item_block(&s->sb, it, s->p->lang);
	return report_flush(s->blocks, &s->sb, err);
}

static void md_head(struct strbuf *sb, const struct report_summary *s, const char *lang,
		    bool full)
{
	size_t shown = full || s->nletters <= REPORT_LETTERS_CAP ? s->nletters : REPORT_LETTERS_CAP;
	const struct report_params *p = s->params;
	struct strbuf t = STRBUF_INIT;
	char from[DATE_BUFSZ], to[DATE_BUFSZ];

	date_format(p->from, from);
	date_format(p->to, to);
	report_period_title(&t, p, lang);
	strbuf_addf(sb, "# %s · %s\n\n", report_label(RL_TITLE, lang), t.buf);
	strbuf_addf(sb, "- %s: %s %s %s\n", report_label(RL_PERIOD, lang), from,
		    report_label(RL_FROM_TO, lang), to);
	strbuf_addf(sb, "- %s: %s\n", report_label(RL_AS_OF, lang), to);
	strbuf_reset(&t);
	report_time(&t, p->generated_at);
	strbuf_addf(sb, "- %s: %s\n", report_label(RL_GENERATED, lang), t.buf);
	strbuf_addf(sb, "- %s: %s\n", report_label(RL_KNOWN_AT, lang), t.buf);
	strbuf_addf(sb, "- %s:", report_label(RL_LETTERS, lang));
	for (size_t i = 0; i < shown; i++) {
		strbuf_reset(&t);
		report_letter_text(&t, &s->letters[i], lang);
		strbuf_addstr(sb, s->nletters > 1 ? "\n  - " : " ");
		escape_md_cell(sb, t.buf);
	}
	if (shown < s->nletters) {
		strbuf_addstr(sb, "\n  - ");
		report_more_letters(sb, s->nletters - shown, lang);
	}
	strbuf_addstr(sb, s->nletters ? "\n\n" : " -\n\n");
	strbuf_release(&t);
}

static void md_counts(struct strbuf *sb, const struct report_summary *s, const char *lang)
{
	strbuf_addf(sb, "| %s |", report_label(RL_HEALTH, lang));
	for (int h = 0; h < H__COUNT; h++)
		cell(sb, health_label(h, lang));
	strbuf_addstr(sb, "\n|---|");
	for (int h = 0; h < H__COUNT; h++)
		strbuf_addstr(sb, "---:|");
	strbuf_addf(sb, "\n| %s |", report_label(RL_COMMITMENTS, lang));
	for (int h = 0; h < H__COUNT; h++)
		strbuf_addf(sb, " %d |", s->by_health[h]);
	strbuf_addf(sb, "\n\n| %s |", report_label(RL_STATUS, lang));
	for (int i = 0; i < ST__COUNT; i++)
		cell(sb, status_label(i, lang));
	strbuf_addstr(sb, "\n|---|");
	for (int i = 0; i < ST__COUNT; i++)
		strbuf_addstr(sb, "---:|");
	strbuf_addf(sb, "\n| %s |", report_label(RL_COMMITMENTS, lang));
	for (int i = 0; i < ST__COUNT; i++)
		strbuf_addf(sb, " %d |", s->by_status[i]);
	strbuf_addstr(sb, "\n\n");
}

static void md_summary(struct strbuf *sb, const struct report_summary *s, const char *lang)
{
	static const enum report_label cols[] = {
		RL_COMMITMENTS, RL_ON_TRACK_SHARE, RL_OVERDUE_ALL, RL_DUE_BY_END, RL_COMPLETION,
		RL_DONE_OF_DUE, RL_DONE_MET, RL_DONE_UNMET, RL_REPLIED_ONLY, RL_CHECKINS_IN_PERIOD,
	};
	struct strbuf t = STRBUF_INIT;
	double v;
	bool has;

	strbuf_addf(sb, "## %s\n\n", report_label(RL_SUMMARY, lang));
	header_row(sb, lang, cols, sizeof(cols) / sizeof(cols[0]));
	strbuf_addf(sb, "| %d |", s->total);
	has = report_on_track_share(s, &v);
	pct_cell(sb, has, v);
	strbuf_addf(&t, "%d", s->overdue);
	if (s->by_health[H_DUE])
		strbuf_addf(&t, lang[0] == 'z' ? "（%s %d）" : " (%s %d)", report_label(RL_OF_WHICH_DUE, lang),
			    s->by_health[H_DUE]);
	raw_cell(sb, t.buf);
	strbuf_release(&t);
	strbuf_addf(sb, " %d |", s->due_by_end);
	has = report_completion_rate(s, &v);
	pct_cell(sb, has, v);
	strbuf_addf(sb, " %d | %d | %d | %d | %d |\n\n", s->done_of_due, s->done_met,
		    s->done_of_due - s->done_met, s->due_by_end - s->done_of_due,
		    s->checkins_in_period);
	md_counts(sb, s, lang);
}

static void md_depts(struct strbuf *sb, const struct report_summary *s, const char *lang)
{
	static const enum health cols[] = { H_DONE, H_ON_TRACK, H_AT_RISK, H_OFF_TRACK };

	strbuf_addf(sb, "## %s\n\n|", report_label(RL_DEPTS, lang));
	cell(sb, report_label(RL_DEPT, lang));
	cell(sb, report_label(RL_COMMITMENTS, lang));
	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		cell(sb, health_label(cols[i], lang));
	cell(sb, report_label(RL_OVERDUE_ALL, lang));
	cell(sb, report_label(RL_NO_CHECKIN, lang));
	strbuf_addstr(sb, "\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
	for (size_t i = 0; i < s->ndepts; i++) {
		const struct report_dept *d = &s->depts[i];
		strbuf_addch(sb, '|');
		cell(sb, d->name);
		strbuf_addf(sb, " %d |", d->total);
		for (size_t j = 0; j < sizeof(cols) / sizeof(cols[0]); j++)
			strbuf_addf(sb, " %d |", d->by_health[cols[j]]);
		strbuf_addf(sb, " %d | %d |\n", d->by_health[H_OVERDUE] + d->by_health[H_DUE],
			    d->no_checkin);
	}
	strbuf_addch(sb, '\n');
}

/* An attention list: its heading and table with "and N more", or one line
 * when it is empty. */
static int md_list(struct md_state *s, enum report_attention a, struct trk_error *err)
{
	const char *lang = s->p->lang;
	int total = s->caps.total[a], rc;

	if (!total) {
		strbuf_addf(&s->sb, "**%s**: %s\n\n", report_attention_label(a, lang),
			    report_label(RL_NONE_THIS_PERIOD, lang));
		return report_flush(s->out, &s->sb, err);
	}
	strbuf_addf(&s->sb, "### %s (%d)\n\n", report_attention_label(a, lang), total);
	if (a == ATTN_CHANGED || a == ATTN_STATUS)
		header_row(&s->sb, lang, change_cols, sizeof(change_cols) / sizeof(change_cols[0]));
	else if (a == ATTN_CORRECTED)
		header_row(&s->sb, lang, correction_cols,
			   sizeof(correction_cols) / sizeof(correction_cols[0]));
	else
		header_row(&s->sb, lang, entry_cols, sizeof(entry_cols) / sizeof(entry_cols[0]));
	if ((rc = report_flush(s->out, &s->sb, err)) ||
	    (rc = report_spool_copy(s->attn[a], s->out, err)))
		return rc;
	if (total > s->caps.shown[a]) {
		strbuf_addch(&s->sb, '\n');
		report_more(&s->sb, total - s->caps.shown[a], lang);
		strbuf_addch(&s->sb, '\n');
	}
	strbuf_addch(&s->sb, '\n');
	return report_flush(s->out, &s->sb, err);
}

/* Every commitment in full, or one line saying where they are. */
static int md_details(struct md_state *s, const struct report_summary *sum,
		      struct trk_error *err)
{
	const char *lang = s->p->lang;
	int rc;

	strbuf_addf(&s->sb, "## %s (%d)\n\n", report_label(RL_DETAILS, lang), sum->total);
	if (!s->caps.full) {
		strbuf_addstr(&s->sb, lang[0] == 'z'
			      ? "逐项情况见 JSON、CSV 格式；按单位、答复函或编号选取（--owner、--letter、"
				"--key）或加 --detail 时在此列出。\n"
			      : "Every commitment is in the JSON and CSV formats; a selection (--owner, "
				"--letter, --key) or --detail lists them here.\n");
		return report_flush(s->out, &s->sb, err);
	}
	header_row(&s->sb, lang, item_cols, sizeof(item_cols) / sizeof(item_cols[0]));
	if ((rc = report_flush(s->out, &s->sb, err)) ||
	    (rc = report_spool_copy(s->rows, s->out, err)))
		return rc;
	strbuf_addch(&s->sb, '\n');
	if ((rc = report_flush(s->out, &s->sb, err)))
		return rc;
	return report_spool_copy(s->blocks, s->out, err);
}

static int md_finish(void *arg, const struct report_summary *sum, struct trk_error *err)
{
	struct md_state *s = arg;
	const char *lang = s->p->lang;
	int rc = 0;

	md_head(&s->sb, sum, lang, s->caps.full);
	md_summary(&s->sb, sum, lang);
	strbuf_addf(&s->sb, "## %s\n\n", report_label(RL_ATTENTION, lang));
	for (int a = 0; a < ATTN__COUNT && !rc; a++)
		rc = md_list(s, a, err);
	if (rc)
		return rc;
	md_depts(&s->sb, sum, lang);
	return md_details(s, sum, err);
}

static void md_release(void *arg)
{
	struct md_state *s = arg;

	if (!s)
		return;
	report_attn_close(s->attn);
	report_spool_close(s->rows);
	report_spool_close(s->blocks);
	strbuf_release(&s->sb);
	free(s);
}

static int md_begin(const struct report_params *p, FILE *out, void **state,
		    struct trk_error *err)
{
	struct md_state *s = xcalloc(1, sizeof(*s));
	int rc = 0;

	*state = s;
	s->p = p;
	s->out = out;
	report_caps_init(&s->caps, p);
	strbuf_init(&s->sb);
	if ((rc = report_attn_open(s->attn, err)) || (rc = report_spool_open(&s->rows, err)))
		return rc;
	return report_spool_open(&s->blocks, err);
}

const struct report_writer report_md_writer = { md_begin, md_item, md_finish, md_release, false };
