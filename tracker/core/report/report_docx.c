/* report_docx.c - the report as a Word bulletin (督查通报) in the layout of
 * GB/T 9704-2012: the 版头 (masthead and 文号 from settings, a red line),
 * the title, the addressee, the summary in words and figures, the attention
 * lists as tables, the departments, every commitment by department when the
 * report is in full, the signature and date, and the 版记. The page (A4,
 * margins, 22 lines of 28 characters, page numbers "— 1 —" at the outside
 * edges) and the fonts are those of reports/templates/docx/.
 *
 * Like the HTML and Markdown, a summary shows the first REPORT_LIST_CAP
 * rows of each attention list and counts the rest, so a bulletin of a
 * large store stays a few pages; a selection (--owner, --letter, --key) or
 * --detail shows every row. Rows are spooled as XML until the totals that
 * go before them are known; word/document.xml is written whole into the
 * spool and zipped from there, so memory does not grow with the list
 * lengths (the section by department, in full reports only, is held in
 * memory). All data goes through docx_text(). */
#include <stdlib.h>
#include <string.h>

#include "report/docx.h"
#include "report/report.h"
#include "report/report_out.h"
#include "model/settings.h"
#include "util/date.h"
#include "util/banned.h"

/* One department's rows of the commitment-by-commitment section. */
struct docx_dept {
	char *owner;
	struct strbuf rows;
	int n;
};

struct docx_state {
	const struct report_params *p;
	FILE *out, *body;
	FILE *attn[ATTN__COUNT];
	struct report_caps caps;
	bool full;
	struct docx_dept *depts;
	size_t ndepts, alloc;
	struct strbuf sb;
};

static bool zh(const struct docx_state *s)
{
	return s->p->lang[0] == 'z';
}

/* Column sets; widths add up to the text width (DOCX_TEXT_WIDTH). */
#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))
static const enum report_label entry_cols[] = {
	RL_KEY, RL_COMMITMENT, RL_OWNER, RL_DUE, RL_PERCENT, RL_HEALTH, RL_LAST_CHECKIN,
};
static const int entry_w[] = { 950, 2094, 1000, 1400, 800, 1200, 1400 };
static const enum report_label change_cols[] = {
	RL_KEY, RL_COMMITMENT, RL_OWNER, RL_FIELD, RL_OLD_NEW, RL_REASON, RL_BY_WHEN,
};
static const int change_w[] = { 950, 1800, 1000, 1000, 1600, 1294, 1200 };
static const enum report_label correction_cols[] = {
	RL_KEY, RL_COMMITMENT, RL_OWNER, RL_FIGURE_DATE, RL_WAS_NOW, RL_NOTE, RL_BY_WHEN,
};
static const int correction_w[] = { 950, 1800, 1000, 1400, 1200, 1294, 1200 };
static const enum report_label detail_cols[] = {
	RL_KEY, RL_COMMITMENT, RL_DUE, RL_TARGET, RL_CURRENT, RL_PERCENT, RL_HEALTH,
};
static const int detail_w[] = { 950, 2394, 1400, 1300, 1000, 800, 1000 };

static void headers_of(const enum report_label *cols, size_t n, const char *lang,
		       const char **out)
{
	for (size_t i = 0; i < n; i++)
		out[i] = report_label(cols[i], lang);
}

/* The cells of a row are built in t[i]; texts of our own (dates, numbers)
 * and data alike go through docx_text() when the row is written. */
struct row {
	struct strbuf t[8];
	const char *cells[8];
};

static void row_init(struct row *r)
{
	for (size_t i = 0; i < 8; i++)
		strbuf_init(&r->t[i]);
}

static void row_release(struct row *r)
{
	for (size_t i = 0; i < 8; i++)
		strbuf_release(&r->t[i]);
}

static void row_put(struct row *r, const int *w, size_t n, unsigned centred,
		    struct strbuf *sb)
{
	for (size_t i = 0; i < n; i++)
		r->cells[i] = r->t[i].buf;
	docx_table_row(sb, w, n, r->cells, centred);
}

static void add_date(struct strbuf *sb, int32_t d, const char *none)
{
	char buf[DATE_BUFSZ];

	strbuf_addstr(sb, report_date(d, buf, none ? none : ""));
}

static void entry_row(struct strbuf *sb, const struct report_item *it, const char *lang)
{
	struct row r;

	row_init(&r);
	strbuf_addstr(&r.t[0], it->c->key);
	strbuf_addstr(&r.t[1], it->c->title);
	strbuf_addstr(&r.t[2], report_owner_short(it->c));
	add_date(&r.t[3], it->c->due, report_label(RL_NO_DUE, lang));
	format_percent(&r.t[4], it->p->has_percent, it->p->percent);
	report_health_text(&r.t[5], it, lang);
	add_date(&r.t[6], it->last_checkin, NULL);
	row_put(&r, entry_w, NCOLS(entry_w), 0x59, sb);
	row_release(&r);
}

static void by_when(struct strbuf *sb, const char *who, const char *utc)
{
	if (who && *who)
		strbuf_addf(sb, "%s\n", who);
	report_time_short(sb, utc);
}

static void change_row(struct strbuf *sb, const struct report_item *it,
		       const struct history *h, const char *lang)
{
	struct row r;

	row_init(&r);
	strbuf_addstr(&r.t[0], it->c->key);
	strbuf_addstr(&r.t[1], it->c->title);
	strbuf_addstr(&r.t[2], report_owner_short(it->c));
	strbuf_addstr(&r.t[3], report_field_label(h->field, lang));
	report_old_new(&r.t[4], h, lang);
	strbuf_addstr(&r.t[5], h->reason ? h->reason : "");
	by_when(&r.t[6], h->author, h->changed_at);
	row_put(&r, change_w, NCOLS(change_w), 0x1, sb);
	row_release(&r);
}

static void correction_row(struct strbuf *sb, const struct report_item *it,
			   const struct report_correction *k)
{
	struct row r;

	row_init(&r);
	strbuf_addstr(&r.t[0], it->c->key);
	strbuf_addstr(&r.t[1], it->c->title);
	strbuf_addstr(&r.t[2], report_owner_short(it->c));
	add_date(&r.t[3], k->k->as_of, NULL);
	if (k->old && k->old->has_value)
		format_number(&r.t[4], k->old->value);
	strbuf_addstr(&r.t[4], " → ");
	if (k->k->has_value)
		format_number(&r.t[4], k->k->value);
	strbuf_addstr(&r.t[5], k->k->note ? k->k->note : "");
	by_when(&r.t[6], k->k->author, k->k->recorded_at);
	row_put(&r, correction_w, NCOLS(correction_w), 0x19, sb);
	row_release(&r);
}

static void detail_row(struct strbuf *sb, const struct report_item *it, const char *lang)
{
	struct row r;

	row_init(&r);
	strbuf_addstr(&r.t[0], it->c->key);
	strbuf_addstr(&r.t[1], it->c->title);
	add_date(&r.t[2], it->c->due, report_label(RL_NO_DUE, lang));
	format_target_text(&r.t[3], &it->c->target);
	report_current(&r.t[4], it);
	format_percent(&r.t[5], it->p->has_percent, it->p->percent);
	report_health_text(&r.t[6], it, lang);
	row_put(&r, detail_w, NCOLS(detail_w), 0x25, sb);
	row_release(&r);
}

static const struct report_attn_rows docx_attn_rows = { entry_row, change_row, correction_row };

static int attn_rows(struct docx_state *s, const struct report_item *it,
		     struct trk_error *err)
{
	return report_attn_write(&docx_attn_rows, &s->caps, &s->sb, s->attn, it, s->p->lang, err);
}

/* The department of a commitment in the section by department; they come
 * in the order first seen and are few, so a scan will do. */
static struct docx_dept *dept_find(struct docx_state *s, const char *owner)
{
	for (size_t i = 0; i < s->ndepts; i++)
		if (!strcmp(s->depts[i].owner, owner))
			return &s->depts[i];
	return NULL;
}

static struct docx_dept *dept_of(struct docx_state *s, const char *owner)
{
	struct docx_dept *d = dept_find(s, owner);

	if (d)
		return d;
	if (s->ndepts == s->alloc) {
		s->alloc = s->alloc ? 2 * s->alloc : 16;
		s->depts = xrealloc(s->depts, s->alloc * sizeof(*s->depts));
	}
	s->depts[s->ndepts].owner = xstrdup(owner);
	strbuf_init(&s->depts[s->ndepts].rows);
	s->depts[s->ndepts].n = 0;
	return &s->depts[s->ndepts++];
}

static int docx_item(void *arg, const struct report_item *it, struct trk_error *err)
{
	struct docx_state *s = arg;
	struct docx_dept *d;
	int rc;

	if ((rc = attn_rows(s, it, err)) || !s->full)
		return rc;
	d = dept_of(s, it->c->owner ? it->c->owner : "");
	detail_row(&d->rows, it, s->p->lang);
	d->n++;
	return 0;
}

/* The 文号 from its pattern: {year} and {quarter} of the period's end. */
static void doc_no(struct strbuf *sb, const char *pattern, int32_t to)
{
	int y, m, d;

	date_to_ymd(to, &y, &m, &d);
	for (const char *p = pattern; *p; p++) {
		if (!strncmp(p, "{year}", 6)) {
			strbuf_addf(sb, "%d", y);
			p += 5;
		} else if (!strncmp(p, "{quarter}", 9)) {
			strbuf_addf(sb, "%d", (m - 1) / 3 + 1);
			p += 8;
		} else {
			strbuf_addch(sb, *p);
		}
	}
}

/* "2023年10月10日" (zh) or "10 October 2023": the local date of utc. */
static void long_date(struct strbuf *sb, const char *utc, bool in_zh)
{
	static const char *const months[] = { "January", "February", "March", "April", "May",
		"June", "July", "August", "September", "October", "November", "December" };
	int64_t t = 0;
	struct trk_error ignored;
	int y, m, d;

	if (!utc || timestamp_parse(utc, &t, "generated_at", &ignored))
		return;
	date_to_ymd(local_date(t), &y, &m, &d);
	if (in_zh)
		strbuf_addf(sb, "%d年%d月%d日", y, m, d);
	else
		strbuf_addf(sb, "%d %s %d", d, months[m - 1], y);
}

/* The 版头: the masthead in red, the 文号, and the red line under it. */
static void masthead(struct docx_state *s)
{
	const struct settings *st = s->p->settings;
	struct strbuf t = STRBUF_INIT;

	if (*st->bulletin_masthead)
		strbuf_addstr(&t, st->bulletin_masthead);
	else
		strbuf_addf(&t, "%s%s", st->bulletin_issuer, zh(s) ? "文件" : "");
	docx_para(&s->sb, "Masthead", t.buf);
	docx_para(&s->sb, NULL, NULL);
	strbuf_reset(&t);
	doc_no(&t, st->bulletin_doc_no, s->p->to);
	docx_para(&s->sb, "DocNumber", t.buf);
	docx_para(&s->sb, NULL, NULL);
	strbuf_release(&t);
}

static void title(struct docx_state *s)
{
	struct strbuf t = STRBUF_INIT, period = STRBUF_INIT;

	report_period_title(&period, s->p, s->p->lang);
	if (zh(s))
		/* Two lines of about equal length rather than one and a word. */
		strbuf_addf(&t, "关于%s\n承诺事项落实情况的通报", period.buf);
	else
		strbuf_addf(&t, "Bulletin on the commitments\n%s", period.buf);
	docx_para(&s->sb, "DocTitle", t.buf);
	docx_para(&s->sb, NULL, NULL);
	if (*s->p->settings->bulletin_addressee) {
		strbuf_reset(&t);
		strbuf_addf(&t, "%s%s", s->p->settings->bulletin_addressee, zh(s) ? "：" : ":");
		docx_para(&s->sb, "Addressee", t.buf);
	}
	strbuf_release(&t);
	strbuf_release(&period);
}

/* "正常推进12项、存在风险3项" - every health that has commitments. */
static void health_counts(struct strbuf *sb, const struct report_summary *sum, bool in_zh)
{
	const char *lang = in_zh ? "zh" : "en";
	bool first = true;

	for (int h = 0; h < H__COUNT; h++) {
		if (!sum->by_health[h])
			continue;
		if (!first)
			strbuf_addstr(sb, in_zh ? "、" : ", ");
		if (in_zh)
			strbuf_addf(sb, "%s%d项", health_label(h, lang), sum->by_health[h]);
		else
			strbuf_addf(sb, "%d %s", sum->by_health[h], health_label(h, lang));
		first = false;
	}
}

static void summary_zh(struct strbuf *t, const struct report_summary *sum, int32_t day)
{
	int y, m, d;

	struct strbuf pct = STRBUF_INIT;
	double v;
	bool has = report_completion_rate(sum, &v);

	format_percent(&pct, has, v);
	date_to_ymd(day, &y, &m, &d);
	strbuf_addf(t, "截至%d年%d月%d日，共跟踪答复函%zu份、承诺事项%d项。其中", y, m, d,
		    sum->nletters, sum->total);
	health_counts(t, sum, true);
	strbuf_addf(t, "。已逾期（含到期未完成）%d项。期末前到期事项%d项，已办成%d项（其中目标达成"
		    "%d项），办成率%s。本期各单位共报送进展%d次。", sum->overdue, sum->due_by_end,
		    sum->done_of_due, sum->done_met, has ? pct.buf : "—", sum->checkins_in_period);
	strbuf_release(&pct);
}

static void summary_en(struct strbuf *t, const struct report_summary *sum, const char *to)
{
	struct strbuf pct = STRBUF_INIT;
	double v;
	bool has = report_completion_rate(sum, &v);

	format_percent(&pct, has, v);
	strbuf_addf(t, "As of %s, %zu letters and %d commitments are tracked: ", to, sum->nletters,
		    sum->total);
	health_counts(t, sum, false);
	strbuf_addf(t, ". %d are overdue (incl. due, not done). Of %d due by the period end, %d "
		    "are done (%d with the target met), a completion rate of %s. Departments "
		    "made %d check-ins this period.", sum->overdue, sum->due_by_end,
		    sum->done_of_due, sum->done_met, has ? pct.buf : "-", sum->checkins_in_period);
	strbuf_release(&pct);
}

static void letters(struct docx_state *s, const struct report_summary *sum)
{
	size_t shown = sum->nletters <= REPORT_LETTERS_CAP ? sum->nletters : REPORT_LETTERS_CAP;
	struct strbuf t = STRBUF_INIT;

	strbuf_addf(&t, "%s%s", report_label(RL_LETTERS, s->p->lang), zh(s) ? "：" : ": ");
	for (size_t i = 0; i < shown; i++) {
		if (i)
			strbuf_addstr(&t, zh(s) ? "；" : "; ");
		report_letter_text(&t, &sum->letters[i], s->p->lang);
	}
	if (shown < sum->nletters)
		report_more_letters(&t, sum->nletters - shown, s->p->lang);
	strbuf_addstr(&t, zh(s) ? "。" : ".");
	docx_para(&s->sb, "BodyText", t.buf);
	strbuf_release(&t);
}

/* 1..99 in Chinese numerals, as headings count: 一, 十, 十一, 二十三. */
static void numeral(struct strbuf *sb, int n)
{
	static const char *const digits[] = { "", "一", "二", "三", "四", "五", "六", "七", "八",
					      "九" };

	if (n < 1 || n > 99) {
		strbuf_addf(sb, "%d", n);
		return;
	}
	if (n >= 10)
		strbuf_addf(sb, "%s十", n >= 20 ? digits[n / 10] : "");
	strbuf_addstr(sb, digits[n % 10]);
}

/* "一、总体情况" / "1. Summary" */
static void heading1(struct docx_state *s, int n, const char *text)
{
	struct strbuf t = STRBUF_INIT;

	if (zh(s)) {
		numeral(&t, n + 1);
		strbuf_addf(&t, "、%s", text);
	} else {
		strbuf_addf(&t, "%d. %s", n + 1, text);
	}
	docx_para(&s->sb, "Heading1", t.buf);
	strbuf_release(&t);
}

/* "（一）已逾期或到期未完成（3项）" / "(1) Overdue (3)" */
static void heading2(struct docx_state *s, int n, const char *text, int count)
{
	struct strbuf t = STRBUF_INIT;

	if (zh(s)) {
		strbuf_addstr(&t, "（");
		numeral(&t, n + 1);
		strbuf_addf(&t, "）%s（%d项）", text, count);
	} else {
		strbuf_addf(&t, "(%d) %s (%d)", n + 1, text, count);
	}
	docx_para(&s->sb, "Heading2", t.buf);
	strbuf_release(&t);
}

static void summary(struct docx_state *s, const struct report_summary *sum)
{
	struct strbuf t = STRBUF_INIT;
	char to[DATE_BUFSZ];

	date_format(s->p->to, to);
	heading1(s, 0, report_label(RL_SUMMARY, s->p->lang));
	if (zh(s))
		summary_zh(&t, sum, s->p->to);
	else
		summary_en(&t, sum, to);
	docx_para(&s->sb, "BodyText", t.buf);
	if (sum->nletters)
		letters(s, sum);
	strbuf_release(&t);
}

/* The line under a capped list. A bulletin on paper points to no other
 * format: it says how many more there are, and a selection by department
 * (--owner) lists them all. */
static void more(struct docx_state *s, int n)
{
	struct strbuf t = STRBUF_INIT;

	if (zh(s))
		strbuf_addf(&t, "……等另外%d项（按单位分别通报时逐项列出）。", n);
	else
		strbuf_addf(&t, "… and %d more (a bulletin per department lists every one).", n);
	docx_para(&s->sb, "BodyText", t.buf);
	strbuf_release(&t);
}

static int attn_list(struct docx_state *s, enum report_attention a, int n,
		     struct trk_error *err)
{
	const char *lang = s->p->lang, *heads[8];
	const enum report_label *cols = entry_cols;
	const int *w = entry_w;
	int total = s->caps.total[a], rc;

	heading2(s, n, report_attention_label(a, lang), total);
	if (!total) {
		docx_para(&s->sb, "BodyText", report_label(RL_NONE_THIS_PERIOD, lang));
		return report_flush(s->body, &s->sb, err);
	}
	if (a == ATTN_CHANGED || a == ATTN_STATUS)
		cols = change_cols, w = change_w;
	else if (a == ATTN_CORRECTED)
		cols = correction_cols, w = correction_w;
	headers_of(cols, NCOLS(entry_cols), lang, heads);
	docx_table_begin(&s->sb, w, NCOLS(entry_cols), heads);
	if ((rc = report_flush(s->body, &s->sb, err)) ||
	    (rc = report_spool_copy(s->attn[a], s->body, err)))
		return rc;
	docx_table_end(&s->sb);
	if (total > s->caps.shown[a])
		more(s, total - s->caps.shown[a]);
	return report_flush(s->body, &s->sb, err);
}

static void dept_table(struct docx_state *s, const struct report_summary *sum)
{
	static const enum health cols[] = { H_DONE, H_ON_TRACK, H_AT_RISK, H_OFF_TRACK };
	static const int w[] = { 2100, 963, 963, 963, 963, 963, 963, 963 };
	const char *lang = s->p->lang, *heads[8];
	struct row r;

	heads[0] = report_label(RL_DEPT, lang);
	heads[1] = report_label(RL_COMMITMENTS, lang);
	for (size_t j = 0; j < NCOLS(cols); j++)
		heads[2 + j] = health_label(cols[j], lang);
	heads[6] = report_label(RL_OVERDUE_ALL, lang);
	heads[7] = report_label(RL_NO_CHECKIN, lang);
	docx_table_begin(&s->sb, w, NCOLS(w), heads);
	for (size_t i = 0; i < sum->ndepts; i++) {
		const struct report_dept *d = &sum->depts[i];
		row_init(&r);
		strbuf_addstr(&r.t[0], d->name);
		strbuf_addf(&r.t[1], "%d", d->total);
		for (size_t j = 0; j < NCOLS(cols); j++)
			strbuf_addf(&r.t[2 + j], "%d", d->by_health[cols[j]]);
		strbuf_addf(&r.t[6], "%d", d->by_health[H_OVERDUE] + d->by_health[H_DUE]);
		strbuf_addf(&r.t[7], "%d", d->no_checkin);
		row_put(&r, w, NCOLS(w), 0xFE, &s->sb);
		row_release(&r);
	}
	docx_table_end(&s->sb);
}

/* Each department's commitments, in the order of the departments' table. */
static int by_dept(struct docx_state *s, const struct report_summary *sum, int n,
		   struct trk_error *err)
{
	const char *heads[8];
	int rc = 0, shown = 0;

	heading1(s, n, report_label(RL_DETAILS, s->p->lang));
	headers_of(detail_cols, NCOLS(detail_cols), s->p->lang, heads);
	for (size_t i = 0; i < sum->ndepts && !rc; i++) {
		const struct docx_dept *d = dept_find(s, sum->depts[i].name);
		if (!d)
			continue;
		heading2(s, shown++, d->owner, d->n);
		docx_table_begin(&s->sb, detail_w, NCOLS(detail_w), heads);
		strbuf_add(&s->sb, d->rows.buf, d->rows.len);
		docx_table_end(&s->sb);
		rc = report_flush(s->body, &s->sb, err);
	}
	return rc;
}

/* The signature and date, then the 版记: issuer and 印发 date between
 * two rules. */
static void closing(struct docx_state *s)
{
	const char *issuer = s->p->settings->bulletin_issuer;
	struct strbuf date = STRBUF_INIT;

	long_date(&date, s->p->generated_at, zh(s));
	docx_para(&s->sb, NULL, NULL);
	docx_para(&s->sb, "Signature", issuer);
	docx_para(&s->sb, "Signature", date.buf);
	docx_para(&s->sb, NULL, NULL);
	docx_para_begin(&s->sb, "Imprint", NULL);
	docx_run(&s->sb, NULL, issuer);
	strbuf_addstr(&s->sb, "<w:r><w:tab/></w:r>");
	strbuf_addstr(&date, zh(s) ? "印发" : " (issued)");
	docx_run(&s->sb, NULL, date.buf);
	docx_para_end(&s->sb);
	strbuf_release(&date);
}

static int write_body(struct docx_state *s, const struct report_summary *sum,
		      struct trk_error *err)
{
	int rc = 0, n = 0;

	masthead(s);
	title(s);
	summary(s, sum);
	heading1(s, 1, report_label(RL_ATTENTION, s->p->lang));
	for (int a = 0; a < ATTN__COUNT && !rc; a++)
		rc = attn_list(s, a, n++, err);
	if (rc)
		return rc;
	heading1(s, 2, report_label(RL_DEPTS, s->p->lang));
	dept_table(s, sum);
	if (s->full && (rc = by_dept(s, sum, 3, err)))
		return rc;
	closing(s);
	if ((rc = report_flush(s->body, &s->sb, err)))
		return rc;
	return docx_document_end(s->body, err);
}

static int docx_finish(void *arg, const struct report_summary *sum, struct trk_error *err)
{
	struct docx_state *s = arg;
	struct strbuf t = STRBUF_INIT, period = STRBUF_INIT;
	struct docx_meta meta = {
		.creator = s->p->settings->bulletin_issuer, .created = s->p->generated_at,
	};
	int rc;

	if ((rc = write_body(s, sum, err)))
		return rc;
	report_period_title(&period, s->p, s->p->lang);
	strbuf_addf(&t, "%s · %s", report_label(RL_TITLE, s->p->lang), period.buf);
	meta.title = t.buf;
	meta.description = s->p->chain_head;
	rc = docx_package(s->out, s->body, &meta, err);
	strbuf_release(&t);
	strbuf_release(&period);
	return rc;
}

static void docx_release(void *arg)
{
	struct docx_state *s = arg;

	if (!s)
		return;
	report_attn_close(s->attn);
	report_spool_close(s->body);
	for (size_t i = 0; i < s->ndepts; i++) {
		free(s->depts[i].owner);
		strbuf_release(&s->depts[i].rows);
	}
	free(s->depts);
	strbuf_release(&s->sb);
	free(s);
}

static int docx_begin(const struct report_params *p, FILE *out, void **state,
		      struct trk_error *err)
{
	struct docx_state *s = xcalloc(1, sizeof(*s));
	int rc;

	*state = s;
	s->p = p;
	s->out = out;
	s->full = report_in_full(p);
	report_caps_init(&s->caps, p);
	strbuf_init(&s->sb);
	if (!p->settings)
		return trk_err(err, TRK_EINTERNAL, "the bulletin needs the settings");
	if ((rc = report_attn_open(s->attn, err)) || (rc = report_spool_open(&s->body, err)))
		return rc;
	return docx_document_begin(s->body, err);
}

const struct report_writer report_docx_writer = { docx_begin, docx_item, docx_finish,
						  docx_release, true };
