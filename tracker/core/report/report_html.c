/* report_html.c - the report as one self-contained HTML page for people
 * who act on it: summary, then what needs attention (each list capped
 * unless the report is in full), then departments, and - for a selection
 * or with detail - each commitment with its words and charts
 * (report_svg.c). It prints on A4. No scripts, no network; every piece of
 * data goes through escape_html(). Attention rows and commitment cards are
 * spooled until the totals are known. */
#include <stdlib.h>
#include <string.h>

#include "util/date.h"
#include "util/escape.h"
#include "report/report.h"
#include "report/report_out.h"
#include "report/report_svg.h"
#include "util/strbuf.h"
#include "util/banned.h"

static const char css[] =
	"*{box-sizing:border-box}"
	"body{font-family:\"PingFang SC\",\"Microsoft YaHei\",\"Noto Sans CJK SC\",\"Source Han Sans SC\","
	"system-ui,sans-serif;color:#263238;margin:0 auto;max-width:960px;padding:24px 28px;"
	"line-height:1.5;font-size:14px;background:#fff}"
	"h1{font-size:24px;margin:0 0 6px}h1 .period{color:#1565c0;margin-left:8px}"
	"h2{font-size:19px;border-bottom:2px solid #263238;padding-bottom:4px;margin:28px 0 12px}"
	"h3{font-size:15px;margin:18px 0 6px}"
	".meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:8px 0;color:#455a64}"
	".meta dt{font-weight:600}.meta dd{margin:0}"
	".cards{display:flex;gap:12px;flex-wrap:wrap}"
	".card{border:1px solid #cfd8dc;border-radius:6px;padding:10px 14px;min-width:170px;flex:1}"
	".card .num{font-size:28px;font-weight:700}.card .lbl{color:#546e7a}.card .sub{font-size:12px;color:#546e7a}"
	".chips{display:flex;gap:8px;flex-wrap:wrap;margin:12px 0 4px}"
	".chip{border-radius:12px;padding:2px 10px;color:#fff;font-weight:600;font-size:13px}"
	".chip.light{color:#263238}"
	".badge{display:inline-block;border-radius:10px;padding:0 9px;color:#fff;font-size:12px;"
	"font-weight:600;white-space:nowrap}.badge.light{color:#263238}"
	"table{border-collapse:collapse;width:100%;margin:4px 0 10px;font-size:13px}"
	"th,td{border-bottom:1px solid #e0e6ea;padding:4px 6px;text-align:left;vertical-align:top}"
	"th{background:#f3f6f8;font-weight:600}td.n{text-align:right;white-space:nowrap}"
	"thead{display:table-header-group}th{white-space:nowrap}"
	"td.d{white-space:nowrap}.none{color:#78909c;margin:2px 0 8px}"
	".attn h3 .count{color:#78909c;font-weight:400}"
	"p.empty{margin:4px 0;color:#546e7a}p.more{margin:2px 0 10px;color:#546e7a;font-style:italic}"
	"blockquote{margin:6px 0;padding:4px 10px;border-left:3px solid #b0bec5;background:#f7f9fa}"
	"blockquote .sec{display:block;color:#78909c;font-size:12px}"
	"h5{font-size:13px;margin:10px 0 4px}"
	"svg{max-width:100%;height:auto}"
	".dot{display:inline-block;width:10px;height:10px;border-radius:5px;margin-right:6px}"
	"a{color:#1565c0;text-decoration:none}"
	".item{border:1px solid #cfd8dc;border-left-width:6px;border-radius:6px;padding:10px 14px;margin:12px 0}"
	".item header{display:flex;gap:10px;align-items:baseline;flex-wrap:wrap}"
	".item h4{margin:0;font-size:15px}.key{font-family:ui-monospace,monospace;color:#546e7a}"
	".facts{display:grid;grid-template-columns:repeat(3,max-content minmax(0,1fr));gap:2px 10px;margin:8px 0;font-size:13px}"
	".facts dt{color:#607d8b}.facts dd{margin:0}.late{color:#d84315;font-weight:600}"
	".charts{display:flex;gap:18px;align-items:flex-start;flex-wrap:wrap}"
	"svg text{font-size:11px;fill:#37474f;font-family:inherit}"
	"footer{margin-top:28px;color:#78909c;font-size:12px}"
	"@media print{body{max-width:none;padding:0;font-size:10pt}"
	"h2,h3{break-after:avoid}.item,tr,.card,svg{break-inside:avoid}"
	"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}a{color:inherit}}"
	"@page{size:A4;margin:14mm}";

struct html_state {
	const struct report_params *p;
	FILE *out;
	FILE *attn[ATTN__COUNT], *items;
	struct report_caps caps;
	struct strbuf sb;
};

static bool light(enum health h)
{
	return h == H_AT_RISK || h == H_NO_DATA;
}

static void text(struct strbuf *sb, const char *s)
{
	escape_html(sb, s);
}

static void badge(struct strbuf *sb, const struct report_item *it, const char *lang)
{
	struct strbuf t = STRBUF_INIT;
	enum health h = it->p->health;

	report_health_text(&t, it, lang);
	strbuf_addf(sb, "<span class=\"badge%s\" style=\"background:%s\">", light(h) ? " light" : "",
		    report_health_color(h));
	text(sb, t.buf);
	strbuf_addstr(sb, "</span>");
	strbuf_release(&t);
}

static void td(struct strbuf *sb, const char *cls, const char *s)
{
	strbuf_addf(sb, "<td%s%s%s>", cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "");
	text(sb, s && *s ? s : "–");
	strbuf_addstr(sb, "</td>");
}

static void td_pct(struct strbuf *sb, bool has, double v)
{
	struct strbuf t = STRBUF_INIT;

	format_percent(&t, has, v);
	td(sb, "n", t.buf);
	strbuf_release(&t);
}

/* Who and when, in one cell: "市经信局<br>2023-11-03 10:05 +08:00". */
static void td_by_when(struct strbuf *sb, const char *who, const char *utc)
{
	struct strbuf t = STRBUF_INIT;

	report_time_short(&t, utc);
	strbuf_addstr(sb, "<td class=\"d\">");
	if (who && *who) {
		text(sb, who);
		strbuf_addstr(sb, "<br>");
	}
	text(sb, t.buf);
	strbuf_addstr(sb, "</td>");
	strbuf_release(&t);
}

/* The key, a link to its card when the cards are there. */
static void key_cell(struct strbuf *sb, const char *key, bool linked)
{
	if (!linked) {
		td(sb, "d", key);
		return;
	}
	strbuf_addstr(sb, "<td class=\"d\"><a href=\"#c-");
	text(sb, key);
	strbuf_addstr(sb, "\">");
	text(sb, key);
	strbuf_addstr(sb, "</a></td>");
}

static void who_cells(struct strbuf *sb, const struct report_item *it, bool linked)
{
	key_cell(sb, it->c->key, linked);
	td(sb, NULL, it->c->title);
	td(sb, NULL, report_owner_short(it->c));
}

static void entry_row(struct strbuf *sb, const struct report_item *it, const char *lang,
		      bool linked)
{
	char d[DATE_BUFSZ];

	strbuf_addstr(sb, "<tr>");
	who_cells(sb, it, linked);
	td(sb, "d", report_date(it->c->due, d, report_label(RL_NO_DUE, lang)));
	td_pct(sb, it->p->has_percent, it->p->percent);
	td_pct(sb, it->p->has_expected, it->p->expected);
	strbuf_addstr(sb, "<td>");
	badge(sb, it, lang);
	strbuf_addstr(sb, "</td>");
	td(sb, "d", report_date(it->last_checkin, d, NULL));
	strbuf_addstr(sb, "</tr>\n");
}

/* The cells of a change: what, old → new, why, who, when. */
static void change_cells(struct strbuf *sb, const struct history *h, const char *lang)
{
	struct strbuf t = STRBUF_INIT;

	td(sb, NULL, report_field_label(h->field, lang));
	report_old_new(&t, h, lang);
	td(sb, NULL, t.buf);
	td(sb, NULL, h->reason);
	td_by_when(sb, h->author, h->changed_at);
	strbuf_release(&t);
}

static void correction_cells(struct strbuf *sb, const struct report_correction *k)
{
	struct strbuf t = STRBUF_INIT;
	char d[DATE_BUFSZ];

	td(sb, "d", report_date(k->k->as_of, d, NULL));
	if (k->old && k->old->has_value)
		format_number(&t, k->old->value);
	else
		strbuf_addstr(&t, "–");
	strbuf_addstr(&t, " → ");
	if (k->k->has_value)
		format_number(&t, k->k->value);
	else
		strbuf_addstr(&t, "–");
	td(sb, "n", t.buf);
	td(sb, NULL, k->k->note);
	td_by_when(sb, k->k->author, k->k->recorded_at);
	strbuf_release(&t);
}

static void fact(struct strbuf *sb, enum report_label l, const char *lang, const char *v,
		 bool late)
{
	strbuf_addf(sb, "<dt>%s</dt><dd%s>", report_label(l, lang), late ? " class=\"late\"" : "");
	text(sb, v && *v ? v : "–");
	strbuf_addstr(sb, "</dd>");
}

static void item_facts(struct strbuf *sb, const struct report_item *it, const char *lang)
{
	const struct commitment *c = it->c;
	struct strbuf t = STRBUF_INIT;
	char d[DATE_BUFSZ];
	bool late = it->p->has_forecast && c->due != DATE_NONE && it->p->forecast > c->due;

	strbuf_addstr(sb, "<dl class=\"facts\">");
	fact(sb, RL_OWNER, lang, c->owner, false);
	fact(sb, RL_DUE, lang, report_date(c->due, d, report_label(RL_NO_DUE, lang)), false);
	format_target_text(&t, &c->target);
	fact(sb, RL_TARGET, lang, t.buf, false);
	strbuf_reset(&t);
	report_current(&t, it);
	fact(sb, RL_CURRENT, lang, t.buf, false);
	strbuf_reset(&t);
	format_percent(&t, it->p->has_percent, it->p->percent);
	fact(sb, RL_PERCENT, lang, t.buf, false);
	strbuf_reset(&t);
	format_percent(&t, it->p->has_expected, it->p->expected);
	fact(sb, RL_EXPECTED, lang, t.buf, false);
	strbuf_reset(&t);
	report_change(&t, it->has_change, it->change);
	fact(sb, RL_CHANGE, lang, t.buf, false);
	strbuf_reset(&t);
	if (it->p->has_forecast)
		strbuf_addf(&t, "%s%s%s", report_date(it->p->forecast, d, ""), late ? " · " : "",
			    late ? report_label(RL_LATE, lang) : "");
	else if (c->kind == KIND_QUANTITATIVE && c->status != ST_DONE &&
		 !target_is_single_unit(c) && !it->p->target_met)
		strbuf_addstr(&t, report_label(RL_NO_FORECAST, lang));
	fact(sb, RL_FORECAST, lang, t.buf, late);
	strbuf_reset(&t);
	strbuf_addstr(&t, status_label(c->status, lang));
	if (it->status_reason && *it->status_reason)
		strbuf_addf(&t, lang[0] == 'z' ? "（%s）" : " (%s)", it->status_reason);
	fact(sb, RL_STATUS, lang, t.buf, false);
	if (it->p->overridden)
		fact(sb, RL_OVERRIDDEN, lang, c->health_override_reason, false);
	strbuf_addstr(sb, "</dl>");
	strbuf_release(&t);
}

/* A sub-list of a card: its heading and table, or one line when empty
 * (when `always` - the period's check-ins are always accounted for). */
static bool sub_head(struct strbuf *sb, enum report_label l, size_t n, bool always,
		     const char *lang, const enum report_label *cols, size_t ncols)
{
	if (!n) {
		if (always)
			strbuf_addf(sb, "<p class=\"empty\">%s%s%s</p>", report_label(l, lang),
				    lang[0] == 'z' ? "：" : ": ", report_label(RL_NONE_THIS_PERIOD, lang));
		return false;
	}
	strbuf_addf(sb, "<h5>%s (%zu)</h5><table><thead><tr>", report_label(l, lang), n);
	for (size_t i = 0; i < ncols; i++)
		strbuf_addf(sb, "<th>%s</th>", report_label(cols[i], lang));
	strbuf_addstr(sb, "</tr></thead>");
	return true;
}

static void item_checkins(struct strbuf *sb, const struct report_item *it, const char *lang)
{
	static const enum report_label cols[] = { RL_DATE, RL_VALUE, RL_NOTE, RL_EVIDENCE, RL_BY };
	char d[DATE_BUFSZ];

	if (!sub_head(sb, RL_CHECKINS, it->ncheckins, true, lang, cols, 5))
		return;
	for (size_t i = 0; i < it->ncheckins; i++) {
		const struct checkin *k = &it->checkins[i];
		struct strbuf v = STRBUF_INIT;
		if (k->has_value)
			format_number(&v, k->value);
		if (k->supersedes)
			strbuf_addf(&v, " (%s #%d)", report_label(RL_CORRECTS, lang), k->supersedes);
		strbuf_addstr(sb, "<tr>");
		td(sb, "d", report_date(k->as_of, d, ""));
		td(sb, "n", v.buf);
		td(sb, NULL, k->note);
		td(sb, NULL, k->evidence);
		td(sb, NULL, k->author);
		strbuf_addstr(sb, "</tr>");
		strbuf_release(&v);
	}
	strbuf_addstr(sb, "</table>");
}

static void item_changes(struct strbuf *sb, enum report_label l, const struct history *h,
			 size_t n, const char *lang)
{
	static const enum report_label cols[] = { RL_FIELD, RL_OLD_NEW, RL_REASON, RL_BY_WHEN };

	if (!sub_head(sb, l, n, false, lang, cols, 4))
		return;
	for (size_t i = 0; i < n; i++) {
		strbuf_addstr(sb, "<tr>");
		change_cells(sb, &h[i], lang);
		strbuf_addstr(sb, "</tr>");
	}
	strbuf_addstr(sb, "</table>");
}

static void item_corrections(struct strbuf *sb, const struct report_item *it, const char *lang)
{
	static const enum report_label cols[] = { RL_FIGURE_DATE, RL_WAS_NOW, RL_NOTE,
						  RL_BY_WHEN };

	if (!sub_head(sb, RL_CORRECTIONS, it->ncorrections, false, lang, cols, 4))
		return;
	for (size_t i = 0; i < it->ncorrections; i++) {
		strbuf_addstr(sb, "<tr>");
		correction_cells(sb, &it->corrections[i]);
		strbuf_addstr(sb, "</tr>");
	}
	strbuf_addstr(sb, "</table>");
}

static void item_quote(struct strbuf *sb, const struct report_item *it, const char *lang)
{
	const struct commitment *c = it->c;

	strbuf_addf(sb, "<blockquote><span class=\"sec\">%s", report_label(RL_QUOTE, lang));
	if (c->section && *c->section) {
		strbuf_addstr(sb, " · ");
		text(sb, c->section);
	}
	strbuf_addstr(sb, "</span>");
	text(sb, c->quote);
	strbuf_addstr(sb, "</blockquote>");
}

static void item_card(struct strbuf *sb, const struct report_item *it,
		      const struct report_params *p)
{
	const char *lang = p->lang;

	strbuf_addstr(sb, "<article class=\"item\" id=\"c-");
	text(sb, it->c->key);
	strbuf_addf(sb, "\" style=\"border-left-color:%s\"><header><span class=\"key\">",
		    report_health_color(it->p->health));
	text(sb, it->c->key);
	strbuf_addstr(sb, "</span><h4>");
	text(sb, it->c->title);
	strbuf_addstr(sb, "</h4>");
	badge(sb, it, lang);
	strbuf_addstr(sb, "</header>");
	item_quote(sb, it, lang);
	item_facts(sb, it, lang);
	strbuf_addstr(sb, "<div class=\"charts\">");
	if (it->p->has_percent || it->p->has_expected)
		svg_progress(sb, it, lang);
	svg_burnup(sb, it, p, lang);
	strbuf_addstr(sb, "</div>");
	item_checkins(sb, it, lang);
	item_changes(sb, RL_STATUS_CHANGES, it->status_changes, it->nstatus_changes, lang);
	item_changes(sb, RL_ATTN_CHANGED, it->changes, it->nchanges, lang);
	item_corrections(sb, it, lang);
	strbuf_addstr(sb, "</article>\n");
}

static void attn_rows(struct html_state *s, const struct report_item *it, int a)
{
	const char *lang = s->p->lang;
	bool linked = s->caps.full;

	if (a == ATTN_CHANGED || a == ATTN_STATUS) {
		const struct history *h = a == ATTN_CHANGED ? it->changes : it->status_changes;
		size_t n = a == ATTN_CHANGED ? it->nchanges : it->nstatus_changes;
		for (size_t i = 0; i < n; i++) {
			if (!report_caps_take(&s->caps, a))
				continue;
			strbuf_addstr(&s->sb, "<tr>");
			who_cells(&s->sb, it, linked);
			change_cells(&s->sb, &h[i], lang);
			strbuf_addstr(&s->sb, "</tr>\n");
		}
	} else if (a == ATTN_CORRECTED) {
		for (size_t i = 0; i < it->ncorrections; i++) {
			if (!report_caps_take(&s->caps, a))
				continue;
			strbuf_addstr(&s->sb, "<tr>");
			who_cells(&s->sb, it, linked);
			correction_cells(&s->sb, &it->corrections[i]);
			strbuf_addstr(&s->sb, "</tr>\n");
		}
	} else if (report_caps_take(&s->caps, a)) {
		entry_row(&s->sb, it, lang, linked);
	}
}

static int html_item(void *arg, const struct report_item *it, struct trk_error *err)
{
	struct html_state *s = arg;
	int rc = 0;

	for (int a = 0; a < ATTN__COUNT && !rc; a++) {
		if (!(it->attention & (1u << a)))
			continue;
		attn_rows(s, it, a);
		rc = report_flush(s->attn[a], &s->sb, err);
	}
	if (rc || !s->caps.full)
		return rc;
	item_card(&s->sb, it, s->p);
	return report_flush(s->items, &s->sb, err);
}

static void html_head(struct strbuf *sb, const struct report_summary *s, const char *lang,
		      bool full)
{
	size_t shown = full || s->nletters <= REPORT_LETTERS_CAP ? s->nletters : REPORT_LETTERS_CAP;
	const struct report_params *p = s->params;
	struct strbuf t = STRBUF_INIT, when = STRBUF_INIT;
	char from[DATE_BUFSZ], to[DATE_BUFSZ];

	date_format(p->from, from);
	date_format(p->to, to);
	report_period_title(&t, p, lang);
	report_time(&when, p->generated_at);
	strbuf_addf(sb, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		    "<title>%s · ", lang[0] == 'z' ? "zh-CN" : "en", report_label(RL_TITLE, lang));
	text(sb, t.buf);
	strbuf_addf(sb, "</title>\n<style>%s</style>\n</head>\n<body>\n<header class=\"doc\">"
		    "<h1>%s<span class=\"period\">", css, report_label(RL_TITLE, lang));
	text(sb, t.buf);
	strbuf_addf(sb, "</span></h1>\n<dl class=\"meta\"><dt>%s</dt><dd>%s %s %s</dd>"
		    "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>", report_label(RL_PERIOD, lang),
		    from, report_label(RL_FROM_TO, lang), to, report_label(RL_AS_OF, lang), to,
		    report_label(RL_GENERATED, lang), when.buf);
	strbuf_addf(sb, "<dt>%s</dt><dd>%s</dd>", report_label(RL_KNOWN_AT, lang), when.buf);
	strbuf_addf(sb, "<dt>%s</dt><dd>", report_label(RL_LETTERS, lang));
	for (size_t i = 0; i < shown; i++) {
		strbuf_reset(&t);
		report_letter_text(&t, &s->letters[i], lang);
		strbuf_addstr(sb, i ? "<br>" : "");
		text(sb, t.buf);
	}
	if (shown < s->nletters) {
		strbuf_addstr(sb, "<br>");
		report_more_letters(sb, s->nletters - shown, lang);
	}
	strbuf_addstr(sb, s->nletters ? "</dd></dl>\n</header>\n" : "–</dd></dl>\n</header>\n");
	strbuf_release(&t);
	strbuf_release(&when);
}

static void card(struct strbuf *sb, const char *num, const char *label, const char *sub)
{
	strbuf_addf(sb, "<div class=\"card\"><div class=\"num\">%s</div><div class=\"lbl\">%s</div>",
		    num, label);
	if (sub)
		strbuf_addf(sb, "<div class=\"sub\">%s</div>", sub);
	strbuf_addstr(sb, "</div>");
}

static void completion_card(struct strbuf *sb, const struct report_summary *s, const char *lang)
{
	struct strbuf num = STRBUF_INIT, sub = STRBUF_INIT;
	double v;

	if (report_completion_rate(s, &v))
		format_percent(&num, true, v);
	else
		strbuf_addstr(&num, "–");
	strbuf_addf(&sub, "%s %d · %s %d%s%s %d · %s %d%s · %s %d",
		    report_label(RL_DUE_BY_END, lang), s->due_by_end,
		    report_label(RL_DONE_OF_DUE, lang), s->done_of_due, lang[0] == 'z' ? "（" : " (",
		    report_label(RL_DONE_MET, lang), s->done_met, report_label(RL_DONE_UNMET, lang),
		    s->done_of_due - s->done_met, lang[0] == 'z' ? "）" : ")",
		    report_label(RL_REPLIED_ONLY, lang), s->due_by_end - s->done_of_due);
	card(sb, num.buf, report_label(RL_COMPLETION, lang), sub.buf);
	strbuf_release(&num);
	strbuf_release(&sub);
}

static void html_summary(struct strbuf *sb, const struct report_summary *s, const char *lang)
{
	struct strbuf num = STRBUF_INIT, sub = STRBUF_INIT;
	double v;

	strbuf_addf(sb, "<section class=\"summary\"><h2>%s</h2><div class=\"cards\">",
		    report_label(RL_SUMMARY, lang));
	strbuf_addf(&num, "%d", s->total);
	card(sb, num.buf, report_label(RL_COMMITMENTS, lang), NULL);
	strbuf_reset(&num);
	if (report_on_track_share(s, &v))
		format_percent(&num, true, v);
	else
		strbuf_addstr(&num, "–");
	card(sb, num.buf, report_label(RL_ON_TRACK_SHARE, lang), NULL);
	strbuf_reset(&num);
	strbuf_addf(&num, "%d", s->overdue);
	if (s->by_health[H_DUE])
		strbuf_addf(&sub, "%s %d", report_label(RL_OF_WHICH_DUE, lang), s->by_health[H_DUE]);
	card(sb, num.buf, report_label(RL_OVERDUE_ALL, lang), sub.len ? sub.buf : NULL);
	completion_card(sb, s, lang);
	strbuf_reset(&num);
	strbuf_addf(&num, "%d", s->checkins_in_period);
	card(sb, num.buf, report_label(RL_CHECKINS_IN_PERIOD, lang), NULL);
	strbuf_addstr(sb, "</div><div class=\"chips\">");
	for (int h = 0; h < H__COUNT; h++)
		strbuf_addf(sb, "<span class=\"chip%s\" style=\"background:%s\">%s %d</span>",
			    light(h) ? " light" : "", report_health_color(h), health_label(h, lang),
			    s->by_health[h]);
	strbuf_addf(sb, "</div><p>%s:", report_label(RL_BY_STATUS, lang));
	for (int i = 0; i < ST__COUNT; i++)
		strbuf_addf(sb, "%s%s %d", i ? " · " : " ", status_label(i, lang), s->by_status[i]);
	strbuf_addstr(sb, "</p></section>\n");
	strbuf_release(&num);
	strbuf_release(&sub);
}

static const enum health attn_dots[ATTN__COUNT] = {
	H_OVERDUE, H_OFF_TRACK, H_NO_DATA, H_AT_RISK, H_AT_RISK, H_NOT_STARTED, H_DONE
};

/* The heading and table head of an attention list, or one line when it is
 * empty; false then. */
static bool attn_header(struct strbuf *sb, int a, int count, const char *lang)
{
	static const enum report_label entry[] = { RL_KEY, RL_COMMITMENT, RL_OWNER, RL_DUE,
						   RL_PERCENT, RL_EXPECTED, RL_HEALTH,
						   RL_LAST_CHECKIN };
	static const enum report_label change[] = { RL_KEY, RL_COMMITMENT, RL_OWNER, RL_FIELD,
						    RL_OLD_NEW, RL_REASON, RL_BY_WHEN };
	static const enum report_label fix[] = { RL_KEY, RL_COMMITMENT, RL_OWNER, RL_FIGURE_DATE,
						 RL_WAS_NOW, RL_NOTE, RL_BY_WHEN };
	const enum report_label *cols = a == ATTN_CHANGED || a == ATTN_STATUS ? change
		: a == ATTN_CORRECTED ? fix : entry;

	if (!count) {
		strbuf_addf(sb, "<p class=\"empty\"><span class=\"dot\" style=\"background:%s\"></span>"
			    "%s%s%s</p>\n", report_health_color(attn_dots[a]),
			    report_attention_label(a, lang), lang[0] == 'z' ? "：" : ": ",
			    report_label(RL_NONE_THIS_PERIOD, lang));
		return false;
	}
	strbuf_addf(sb, "<h3><span class=\"dot\" style=\"background:%s\"></span>%s "
		    "<span class=\"count\">(%d)</span></h3>\n", report_health_color(attn_dots[a]),
		    report_attention_label(a, lang), count);
	strbuf_addstr(sb, "<table><thead><tr>");
	for (size_t i = 0; i < (cols == entry ? 8u : 7u); i++)
		strbuf_addf(sb, "<th>%s</th>", report_label(cols[i], lang));
	strbuf_addstr(sb, "</tr></thead>\n");
	return true;
}

static void html_depts(struct strbuf *sb, const struct report_summary *s, const char *lang)
{
	static const enum health cols[] = { H_DONE, H_ON_TRACK, H_AT_RISK, H_OFF_TRACK };

	strbuf_addf(sb, "<section class=\"depts\"><h2>%s</h2>\n", report_label(RL_DEPTS, lang));
	svg_depts(sb, s, lang);
	strbuf_addf(sb, "\n<table><thead><tr><th>%s</th><th>%s</th>", report_label(RL_DEPT, lang),
		    report_label(RL_COMMITMENTS, lang));
	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		strbuf_addf(sb, "<th>%s</th>", health_label(cols[i], lang));
	strbuf_addf(sb, "<th>%s</th><th>%s</th></tr></thead>\n", report_label(RL_OVERDUE_ALL, lang),
		    report_label(RL_NO_CHECKIN, lang));
	for (size_t i = 0; i < s->ndepts; i++) {
		const struct report_dept *d = &s->depts[i];
		strbuf_addstr(sb, "<tr>");
		td(sb, NULL, d->name);
		strbuf_addf(sb, "<td class=\"n\">%d</td>", d->total);
		for (size_t j = 0; j < sizeof(cols) / sizeof(cols[0]); j++)
			strbuf_addf(sb, "<td class=\"n\">%d</td>", d->by_health[cols[j]]);
		strbuf_addf(sb, "<td class=\"n\">%d</td><td class=\"n\">%d</td></tr>\n",
			    d->by_health[H_OVERDUE] + d->by_health[H_DUE], d->no_checkin);
	}
	strbuf_addstr(sb, "</table></section>\n");
}

static int html_attention(struct html_state *s, struct trk_error *err)
{
	const char *lang = s->p->lang;
	int rc = 0;

	strbuf_addf(&s->sb, "<section class=\"attn\"><h2>%s</h2>\n",
		    report_label(RL_ATTENTION, lang));
	for (int a = 0; a < ATTN__COUNT && !rc; a++) {
		int total = s->caps.total[a];
		if (!attn_header(&s->sb, a, total, lang))
			continue;
		if ((rc = report_flush(s->out, &s->sb, err)) ||
		    (rc = report_spool_copy(s->attn[a], s->out, err)))
			break;
		strbuf_addstr(&s->sb, "</table>\n");
		if (total > s->caps.shown[a]) {
			strbuf_addstr(&s->sb, "<p class=\"more\">");
			report_more(&s->sb, total - s->caps.shown[a], lang);
			strbuf_addstr(&s->sb, "</p>\n");
		}
	}
	strbuf_addstr(&s->sb, "</section>\n");
	return rc;
}

static int html_details(struct html_state *s, const struct report_summary *sum,
			struct trk_error *err)
{
	const char *lang = s->p->lang;
	int rc;

	strbuf_addf(&s->sb, "<section class=\"details\"><h2>%s <span class=\"count\">(%d)</span>"
		    "</h2>\n", report_label(RL_DETAILS, lang), sum->total);
	if (!s->caps.full) {
		strbuf_addstr(&s->sb, lang[0] == 'z'
			      ? "<p class=\"empty\">逐项情况见 JSON、CSV 格式；按单位、答复函或编号选取"
				"（--owner、--letter、--key）或加 --detail 时在此列出。</p>\n"
			      : "<p class=\"empty\">Every commitment is in the JSON and CSV formats; a "
				"selection (--owner, --letter, --key) or --detail lists them here.</p>\n");
		return report_flush(s->out, &s->sb, err);
	}
	if ((rc = report_flush(s->out, &s->sb, err)))
		return rc;
	return report_spool_copy(s->items, s->out, err);
}

static int html_finish(void *arg, const struct report_summary *sum, struct trk_error *err)
{
	struct html_state *s = arg;
	const char *lang = s->p->lang;
	struct strbuf when = STRBUF_INIT;
	int rc;

	html_head(&s->sb, sum, lang, s->caps.full);
	html_summary(&s->sb, sum, lang);
	if ((rc = html_attention(s, err)))
		goto out;
	html_depts(&s->sb, sum, lang);
	if ((rc = html_details(s, sum, err)))
		goto out;
	report_time(&when, s->p->generated_at);
	strbuf_addf(&s->sb, "</section>\n<footer>%s %s · tracker · " REPORT_FORMAT_ID
		    "</footer>\n</body>\n</html>\n", report_label(RL_GENERATED, lang), when.buf);
	rc = report_flush(s->out, &s->sb, err);
out:
	strbuf_release(&when);
	return rc;
}

static void html_release(void *arg)
{
	struct html_state *s = arg;

	if (!s)
		return;
	report_attn_close(s->attn);
	report_spool_close(s->items);
	strbuf_release(&s->sb);
	free(s);
}

static int html_begin(const struct report_params *p, FILE *out, void **state,
		      struct trk_error *err)
{
	struct html_state *s = xcalloc(1, sizeof(*s));
	int rc = 0;

	*state = s;
	s->p = p;
	s->out = out;
	report_caps_init(&s->caps, p);
	strbuf_init(&s->sb);
	if ((rc = report_attn_open(s->attn, err)))
		return rc;
	return report_spool_open(&s->items, err);
}

const struct report_writer report_html_writer = {
	html_begin, html_item, html_finish, html_release, false
};
