/* report_md.c - the report as Markdown, for pasting into documents and
 * emails: header, summary, attention lists, departments, the commitments
 * table and the period's check-ins. Every cell goes through
 * escape_md_cell(). Rows are spooled until the totals are known. */
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
	FILE *attn[ATTN__COUNT], *rows, *checkins;
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

static void health_cell(struct strbuf *sb, const struct progress *p, const char *lang)
{
	struct strbuf t = STRBUF_INIT;

	strbuf_addstr(&t, health_label(p->health, lang));
	if (p->overridden)
		strbuf_addf(&t, " (%s)", report_label(RL_OVERRIDDEN, lang));
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
	cell(sb, it->c->owner);
	date_cell(sb, it->c->due, report_label(RL_NO_DUE, lang));
	pct_cell(sb, it->p->has_percent, it->p->percent);
	pct_cell(sb, it->p->has_expected, it->p->expected);
	health_cell(sb, it->p, lang);
	date_cell(sb, it->last_checkin, NULL);
	strbuf_addch(sb, '\n');
}

static const enum report_label change_cols[] = {
	RL_KEY, RL_COMMITMENT, RL_OWNER, RL_FIELD, RL_OLD_NEW, RL_REASON, RL_CHANGED_AT,
};

static void change_row(struct strbuf *sb, const struct report_item *it,
		       const struct history *h, const char *lang)
{
	struct strbuf t = STRBUF_INIT;

	strbuf_addch(sb, '|');
	cell(sb, it->c->key);
	cell(sb, it->c->title);
	cell(sb, it->c->owner);
	cell(sb, report_label(strcmp(h->field, "due") ? RL_FIELD_TARGET : RL_FIELD_DUE, lang));
	strbuf_addf(&t, "%s → %s", h->old_value ? h->old_value : "-",
		    h->new_value ? h->new_value : "-");
	cell(sb, t.buf);
	cell(sb, h->reason);
	cell(sb, h->changed_at);
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
	format_target(&t, &it->c->target);
	cell(sb, t.buf);
	strbuf_reset(&t);
	report_current(&t, it);
	cell(sb, t.buf);
	pct_cell(sb, it->p->has_percent, it->p->percent);
	pct_cell(sb, it->p->has_expected, it->p->expected);
	health_cell(sb, it->p, lang);
	strbuf_reset(&t);
	report_change(&t, it->has_change, it->change);
	raw_cell(sb, t.buf);
	date_cell(sb, it->p->has_forecast ? it->p->forecast : DATE_NONE, NULL);
	strbuf_addch(sb, '\n');
	strbuf_release(&t);
}

static void checkin_lines(struct strbuf *sb, const struct report_item *it, const char *lang)
{
	char d[DATE_BUFSZ];

	strbuf_addstr(sb, "- **");
	escape_md_cell(sb, it->c->key);
	strbuf_addstr(sb, "** ");
	escape_md_cell(sb, it->c->title);
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

static int md_item(void *arg, const struct report_item *it, struct trk_error *err)
{
	struct md_state *s = arg;
	const char *lang = s->p->lang;
	int rc = 0;

	for (int a = 0; a < ATTN__COUNT && !rc; a++) {
		if (!(it->attention & (1u << a)))
			continue;
		if (a == ATTN_CHANGED)
			for (size_t i = 0; i < it->nchanges; i++)
				change_row(&s->sb, it, &it->changes[i], lang);
		else
			entry_row(&s->sb, it, lang);
		rc = report_flush(s->attn[a], &s->sb, err);
	}
	item_row(&s->sb, it, lang);
	if (rc || (rc = report_flush(s->rows, &s->sb, err)) || !it->ncheckins)
		return rc;
	checkin_lines(&s->sb, it, lang);
	return report_flush(s->checkins, &s->sb, err);
}

static void md_head(struct strbuf *sb, const struct report_summary *s, const char *lang)
{
	const struct report_params *p = s->params;
	char from[DATE_BUFSZ], to[DATE_BUFSZ], d[DATE_BUFSZ];

	date_format(p->from, from);
	date_format(p->to, to);
	strbuf_addf(sb, "# %s %s\n\n", report_label(RL_TITLE, lang), p->label);
	strbuf_addf(sb, "- %s: %s %s %s\n", report_label(RL_PERIOD, lang), from,
		    report_label(RL_FROM_TO, lang), to);
	strbuf_addf(sb, "- %s: %s\n", report_label(RL_AS_OF, lang), to);
	strbuf_addf(sb, "- %s: %s\n", report_label(RL_GENERATED, lang), p->generated_at);
	strbuf_addf(sb, "- %s: %s\n", report_label(RL_KNOWN_AT, lang), p->generated_at);
	strbuf_addf(sb, "- %s:", report_label(RL_LETTERS, lang));
	for (size_t i = 0; i < s->nletters; i++) {
		strbuf_addstr(sb, i ? "; " : " ");
		escape_md_cell(sb, s->letters[i].doc_no);
		if (s->letters[i].title) {
			strbuf_addch(sb, ' ');
			escape_md_cell(sb, s->letters[i].title);
		}
		if (s->letters[i].date != DATE_NONE)
			strbuf_addf(sb, " (%s)", report_date(s->letters[i].date, d, ""));
	}
	strbuf_addstr(sb, s->nletters ? "\n\n" : " -\n\n");
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
		RL_COMMITMENTS, RL_ON_TRACK_SHARE, RL_COMPLETION, RL_DUE_BY_END, RL_DONE_OF_DUE,
		RL_REPLIED_ONLY, RL_CHECKINS_IN_PERIOD,
	};
	double v;
	bool has;

	strbuf_addf(sb, "## %s\n\n", report_label(RL_SUMMARY, lang));
	header_row(sb, lang, cols, sizeof(cols) / sizeof(cols[0]));
	strbuf_addf(sb, "| %d |", s->total);
	has = report_on_track_share(s, &v);
	pct_cell(sb, has, v);
	has = report_completion_rate(s, &v);
	pct_cell(sb, has, v);
	strbuf_addf(sb, " %d | %d | %d | %d |\n\n", s->due_by_end, s->done_of_due,
		    s->due_by_end - s->done_of_due, s->checkins_in_period);
	md_counts(sb, s, lang);
}

static void md_depts(struct strbuf *sb, const struct report_summary *s, const char *lang)
{
	static const enum health cols[] = { H_DONE, H_ON_TRACK, H_AT_RISK, H_OFF_TRACK,
					    H_OVERDUE };

	strbuf_addf(sb, "## %s\n\n|", report_label(RL_DEPTS, lang));
	cell(sb, report_label(RL_DEPT, lang));
	cell(sb, report_label(RL_COMMITMENTS, lang));
	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		cell(sb, health_label(cols[i], lang));
	cell(sb, report_label(RL_NO_CHECKIN, lang));
	strbuf_addstr(sb, "\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
	for (size_t i = 0; i < s->ndepts; i++) {
		const struct report_dept *d = &s->depts[i];
		strbuf_addch(sb, '|');
		cell(sb, d->name);
		strbuf_addf(sb, " %d |", d->total);
		for (size_t j = 0; j < sizeof(cols) / sizeof(cols[0]); j++)
			strbuf_addf(sb, " %d |", d->by_health[cols[j]]);
		strbuf_addf(sb, " %d |\n", d->no_checkin);
	}
	strbuf_addch(sb, '\n');
}

/* A heading, then the spooled table or "None". */
static int md_section(struct md_state *s, const char *heading, int count,
		      const enum report_label *cols, size_t ncols, FILE *spool,
		      struct trk_error *err)
{
	int rc;

	strbuf_addf(&s->sb, "%s (%d)\n\n", heading, count);
	if (!count) {
		strbuf_addf(&s->sb, "%s\n\n", report_label(RL_NONE, s->p->lang));
		return report_flush(s->out, &s->sb, err);
	}
	if (cols)
		header_row(&s->sb, s->p->lang, cols, ncols);
	if ((rc = report_flush(s->out, &s->sb, err)) || (rc = report_spool_copy(spool, s->out, err)))
		return rc;
	strbuf_addch(&s->sb, '\n');
	return report_flush(s->out, &s->sb, err);
}

static int md_finish(void *arg, const struct report_summary *sum, struct trk_error *err)
{
	struct md_state *s = arg;
	const char *lang = s->p->lang;
	struct strbuf h = STRBUF_INIT;
	int rc = 0;

	md_head(&s->sb, sum, lang);
	md_summary(&s->sb, sum, lang);
	strbuf_addf(&s->sb, "## %s\n\n", report_label(RL_ATTENTION, lang));
	for (int a = 0; a < ATTN__COUNT && !rc; a++) {
		strbuf_reset(&h);
		strbuf_addf(&h, "### %s", report_attention_label(a, lang));
		rc = a == ATTN_CHANGED
			? md_section(s, h.buf, sum->attention[a], change_cols, 7, s->attn[a], err)
			: md_section(s, h.buf, sum->attention[a], entry_cols, 8, s->attn[a], err);
	}
	if (!rc) {
		md_depts(&s->sb, sum, lang);
		strbuf_reset(&h);
		strbuf_addf(&h, "## %s", report_label(RL_DETAILS, lang));
		rc = md_section(s, h.buf, sum->total, item_cols, 11, s->rows, err);
	}
	if (!rc) {
		strbuf_reset(&h);
		strbuf_addf(&h, "### %s", report_label(RL_CHECKINS, lang));
		rc = md_section(s, h.buf, sum->checkins_in_period, NULL, 0, s->checkins, err);
	}
	strbuf_release(&h);
	return rc;
}

static void md_release(void *arg)
{
	struct md_state *s = arg;

	if (!s)
		return;
	report_attn_close(s->attn);
	report_spool_close(s->rows);
	report_spool_close(s->checkins);
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
	strbuf_init(&s->sb);
	if ((rc = report_attn_open(s->attn, err)) || (rc = report_spool_open(&s->rows, err)))
		return rc;
	return report_spool_open(&s->checkins, err);
}

const struct report_writer report_md_writer = { md_begin, md_item, md_finish, md_release };
