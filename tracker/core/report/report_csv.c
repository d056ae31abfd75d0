/* report_csv.c - the report as one table, a row per commitment, for
 * spreadsheets: UTF-8 with a BOM (so Chinese reads right), RFC 4180 quoting
 * and CRLF, text cells that could start a formula neutralised
 * (escape_csv). Numbers are written bare so they stay numbers. Rows stream
 * straight out: the totals are in the other formats. */
#include <stdlib.h>

#include "util/date.h"
#include "util/escape.h"
#include "report/report.h"
#include "report/report_out.h"
#include "util/strbuf.h"
#include "util/banned.h"

struct csv_state {
	const struct report_params *p;
	FILE *out;
	struct strbuf row;
	struct strbuf period;     /* the period as people name it */
};

static void text(struct strbuf *sb, const char *s)
{
	escape_csv(sb, s);
	strbuf_addch(sb, ',');
}

static void num(struct strbuf *sb, bool has, double v)
{
	if (has)
		format_number(sb, v);
	strbuf_addch(sb, ',');
}

static void date_cell(struct strbuf *sb, int32_t d)
{
	char buf[DATE_BUFSZ];

	text(sb, report_date(d, buf, NULL));
}

static void attention_cell(struct strbuf *sb, const struct report_item *it, const char *lang)
{
	struct strbuf t = STRBUF_INIT;

	for (int a = 0; a < ATTN__COUNT; a++)
		if (it->attention & (1u << a))
			strbuf_addf(&t, "%s%s", t.len ? "; " : "", report_attention_label(a, lang));
	escape_csv(sb, t.buf);
	strbuf_release(&t);
}

static void figures(struct strbuf *sb, const struct report_item *it, const char *lang)
{
	const struct commitment *c = it->c;
	const struct progress *p = it->p;

	date_cell(sb, c->due);
	num(sb, c->target.present, c->target.value);
	text(sb, c->target.present ? c->target.unit : NULL);
	num(sb, p->has_current, p->current);
	num(sb, p->has_percent, report_round1(p->percent));
	text(sb, c->target.present || c->status == ST_DONE
	     ? report_label(p->target_met ? RL_YES : RL_NO, lang) : NULL);
	num(sb, p->has_expected, report_round1(p->expected));
	text(sb, health_label(p->health, lang));
	num(sb, it->has_prev_percent, report_round1(it->prev_percent));
	num(sb, it->has_change, report_round1(it->change));
	date_cell(sb, it->p->has_forecast ? it->p->forecast : DATE_NONE);
	date_cell(sb, it->last_checkin);
	num(sb, true, (double)it->ncheckins);
}

/* The period's status changes and judgements, "2023-11-20 推进中 → 受阻：
 * 宣传经费未到位（市经信局）", joined by "; ". */
static void status_cell(struct strbuf *sb, const struct report_item *it, const char *lang)
{
	struct strbuf t = STRBUF_INIT;

	for (size_t i = 0; i < it->nstatus_changes; i++) {
		const struct history *h = &it->status_changes[i];
		if (t.len)
			strbuf_addstr(&t, "; ");
		report_time_date(&t, h->changed_at);
		strbuf_addf(&t, " %s ", report_field_label(h->field, lang));
		report_old_new(&t, h, lang);
		if (h->reason && *h->reason)
			strbuf_addf(&t, ": %s", h->reason);
		if (h->author && *h->author)
			strbuf_addf(&t, " (%s)", h->author);
	}
	text(sb, t.buf);
	strbuf_release(&t);
}

/* The period's corrections, "2023-09-30: 520 → 505 (市经信局, 2023-11-03)". */
static void corrections_cell(struct strbuf *sb, const struct report_item *it)
{
	struct strbuf t = STRBUF_INIT;

	for (size_t i = 0; i < it->ncorrections; i++) {
		const struct report_correction *k = &it->corrections[i];
		if (t.len)
			strbuf_addstr(&t, "; ");
		report_correction_text(&t, k);
		strbuf_addstr(&t, " (");
		if (k->k->author && *k->k->author)
			strbuf_addf(&t, "%s, ", k->k->author);
		report_time_date(&t, k->k->recorded_at);
		strbuf_addch(&t, ')');
	}
	text(sb, t.buf);
	strbuf_release(&t);
}

static int csv_item(void *arg, const struct report_item *it, struct trk_error *err)
{
	struct csv_state *s = arg;
	const char *lang = s->p->lang;
	const struct commitment *c = it->c;

	text(&s->row, s->period.buf);
	text(&s->row, c->key);
	text(&s->row, c->letter_doc_no);
	text(&s->row, it->letter ? it->letter->addressee : NULL);
	text(&s->row, it->letter ? it->letter->suggestion_no : NULL);
	text(&s->row, c->section);
	text(&s->row, c->title);
	text(&s->row, c->quote);
	text(&s->row, c->owner);
	text(&s->row, kind_label(c->kind, lang));
	text(&s->row, status_label(c->status, lang));
	text(&s->row, it->status_reason);
	figures(&s->row, it, lang);
	text(&s->row, it->ncheckins ? it->checkins[it->ncheckins - 1].note : NULL);
	status_cell(&s->row, it, lang);
	corrections_cell(&s->row, it);
	attention_cell(&s->row, it, lang);
	strbuf_addstr(&s->row, "\r\n");
	/* Flushed in blocks: one fwrite per row costs more than the row. */
	return s->row.len > 65536 ? report_flush(s->out, &s->row, err) : 0;
}

static int csv_finish(void *arg, const struct report_summary *sum, struct trk_error *err)
{
	struct csv_state *s = arg;

	return report_flush(s->out, &s->row, err);
}

static void csv_release(void *arg)
{
	struct csv_state *s = arg;

	if (!s)
		return;
	strbuf_release(&s->row);
	strbuf_release(&s->period);
	free(s);
}

static int csv_begin(const struct report_params *p, FILE *out, void **state,
		     struct trk_error *err)
{
	static const enum report_label cols[] = {
		RL_PERIOD, RL_KEY, RL_DOC_NO, RL_ADDRESSEE, RL_SUGGESTION, RL_SECTION,
		RL_COMMITMENT, RL_QUOTE, RL_OWNER, RL_KIND, RL_STATUS, RL_STATUS_REASON, RL_DUE, RL_TARGET, RL_UNIT,
		RL_CURRENT, RL_PERCENT, RL_TARGET_MET, RL_EXPECTED, RL_HEALTH, RL_PREVIOUS,
		RL_CHANGE, RL_FORECAST, RL_LAST_CHECKIN, RL_CHECKINS, RL_NOTE, RL_STATUS_CHANGES,
		RL_CORRECTIONS, RL_ATTN_COL,
	};
	struct csv_state *s = xcalloc(1, sizeof(*s));

	*state = s;
	s->p = p;
	s->out = out;
	strbuf_init(&s->row);
	strbuf_init(&s->period);
	report_period_title(&s->period, p, p->lang);
	strbuf_addstr(&s->row, "\xef\xbb\xbf");
	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
		if (i)
			strbuf_addch(&s->row, ',');
		escape_csv(&s->row, report_label(cols[i], p->lang));
	}
	strbuf_addstr(&s->row, "\r\n");
	return 0;
}

const struct report_writer report_csv_writer = { csv_begin, csv_item, csv_finish, csv_release,
						 false };
