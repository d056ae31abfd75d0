/* report_html.c - the report as one self-contained HTML page for people
 * who act on it: summary, then what needs attention, then departments and
 * each commitment with its charts (report_svg.c). No scripts, no network;
 * every piece of data goes through escape_html(). Attention rows and
 * commitment cards are spooled until the totals are known. */
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
	"system-ui,sans-serif;color:#263238;margin:0 auto;max-width:1040px;padding:24px 28px;"
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
	"td.d{white-space:nowrap}.none{color:#78909c;margin:2px 0 8px}"
	".attn h3 .count{color:#78909c;font-weight:400}"
	".dot{display:inline-block;width:10px;height:10px;border-radius:5px;margin-right:6px}"
	"a{color:#1565c0;text-decoration:none}"
	".item{border:1px solid #cfd8dc;border-left-width:6px;border-radius:6px;padding:10px 14px;margin:12px 0}"
	".item header{display:flex;gap:10px;align-items:baseline;flex-wrap:wrap}"
	".item h4{margin:0;font-size:15px}.key{font-family:ui-monospace,monospace;color:#546e7a}"
	".facts{display:grid;grid-template-columns:repeat(4,max-content 1fr);gap:2px 10px;margin:8px 0;font-size:13px}"
	".facts dt{color:#607d8b}.facts dd{margin:0}.late{color:#d84315;font-weight:600}"
	".charts{display:flex;gap:18px;align-items:flex-start;flex-wrap:wrap}"
	"svg text{font-size:11px;fill:#37474f;font-family:inherit}"
	"footer{margin-top:28px;color:#78909c;font-size:12px}"
	"@media print{body{max-width:none;padding:0;font-size:10.5pt}"
	"h2{break-after:avoid}.item,tr,.card{break-inside:avoid}"
	"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}a{color:inherit}}"
	"@page{size:A4;margin:14mm}";

struct html_state {
	const struct report_params *p;
	FILE *out;
	FILE *attn[ATTN__COUNT], *items;
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

static void badge(struct strbuf *sb, const struct progress *p, const char *lang)
{
	strbuf_addf(sb, "<span class=\"badge%s\" style=\"background:%s\">%s", light(p->health)
		    ? " light" : "", report_health_color(p->health), health_label(p->health, lang));
	if (p->overridden)
		strbuf_addf(sb, " · %s", report_label(RL_OVERRIDDEN, lang));
	strbuf_addstr(sb, "</span>");
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

static void key_link(struct strbuf *sb, const char *key)
{
	strbuf_addstr(sb, "<td class=\"d\"><a href=\"#c-");
	text(sb, key);
	strbuf_addstr(sb, "\">");
	text(sb, key);
	strbuf_addstr(sb, "</a></td>");
}

static void entry_row(struct strbuf *sb, const struct report_item *it, const char *lang)
{
	char d[DATE_BUFSZ];

	strbuf_addstr(sb, "<tr>");
	key_link(sb, it->c->key);
	td(sb, NULL, it->c->title);
	td(sb, NULL, it->c->owner);
	td(sb, "d", report_date(it->c->due, d, report_label(RL_NO_DUE, lang)));
	td_pct(sb, it->p->has_percent, it->p->percent);
	td_pct(sb, it->p->has_expected, it->p->expected);
	strbuf_addstr(sb, "<td>");
	badge(sb, it->p, lang);
	strbuf_addstr(sb, "</td>");
	td(sb, "d", report_date(it->last_checkin, d, NULL));
	strbuf_addstr(sb, "</tr>\n");
}

/* The cells of a changed target or due date: what, old → new, why, when. */
static void change_cells(struct strbuf *sb, const struct history *h, const char *lang)
{
	td(sb, NULL, report_label(strcmp(h->field, "due") ? RL_FIELD_TARGET : RL_FIELD_DUE, lang));
	strbuf_addstr(sb, "<td>");
	text(sb, h->old_value ? h->old_value : "–");
	strbuf_addstr(sb, " → ");
	text(sb, h->new_value ? h->new_value : "–");
	strbuf_addstr(sb, "</td>");
	td(sb, NULL, h->reason);
	td(sb, "d", h->changed_at);
}

static void change_row(struct strbuf *sb, const struct report_item *it,
		       const struct history *h, const char *lang)
{
	strbuf_addstr(sb, "<tr>");
	key_link(sb, it->c->key);
	td(sb, NULL, it->c->title);
	td(sb, NULL, it->c->owner);
	change_cells(sb, h, lang);
	strbuf_addstr(sb, "</tr>\n");
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
	format_target(&t, &c->target);
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
	else if (c->kind == KIND_QUANTITATIVE && c->status != ST_DONE)
		strbuf_addstr(&t, report_label(RL_NO_FORECAST, lang));
	fact(sb, RL_FORECAST, lang, t.buf, late);
	strbuf_addstr(sb, "</dl>");
	strbuf_release(&t);
}

static void item_checkins(struct strbuf *sb, const struct report_item *it, const char *lang)
{
	char d[DATE_BUFSZ];

	strbuf_addf(sb, "<h5>%s (%zu)</h5>", report_label(RL_CHECKINS, lang), it->ncheckins);
	if (!it->ncheckins) {
		strbuf_addf(sb, "<p class=\"none\">%s</p>", report_label(RL_NONE, lang));
		return;
	}
	strbuf_addf(sb, "<table><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>",
		    report_label(RL_DATE, lang), report_label(RL_VALUE, lang),
		    report_label(RL_NOTE, lang), report_label(RL_EVIDENCE, lang));
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
		strbuf_addstr(sb, "</tr>");
		strbuf_release(&v);
	}
	strbuf_addstr(sb, "</table>");
}

static void item_changes(struct strbuf *sb, const struct report_item *it, const char *lang)
{
	if (!it->nchanges)
		return;
	strbuf_addf(sb, "<h5>%s</h5><table><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>",
		    report_label(RL_ATTN_CHANGED, lang), report_label(RL_FIELD, lang),
		    report_label(RL_OLD_NEW, lang), report_label(RL_REASON, lang),
		    report_label(RL_CHANGED_AT, lang));
	for (size_t i = 0; i < it->nchanges; i++) {
		const struct history *h = &it->changes[i];
		strbuf_addstr(sb, "<tr>");
		change_cells(sb, h, lang);
		strbuf_addstr(sb, "</tr>");
	}
	strbuf_addstr(sb, "</table>");
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
	badge(sb, it->p, lang);
	strbuf_addstr(sb, "</header>");
	item_facts(sb, it, lang);
	strbuf_addstr(sb, "<div class=\"charts\">");
	if (it->p->has_percent || it->p->has_expected)
		svg_progress(sb, it, lang);
	svg_burnup(sb, it, p, lang);
	strbuf_addstr(sb, "</div>");
	item_checkins(sb, it, lang);
	item_changes(sb, it, lang);
	strbuf_addstr(sb, "</article>\n");
}

static int html_item(void *arg, const struct report_item *it, struct trk_error *err)
{
	struct html_state *s = arg;
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
	if (rc)
		return rc;
	item_card(&s->sb, it, s->p);
	return report_flush(s->items, &s->sb, err);
}

static void html_head(struct strbuf *sb, const struct report_summary *s, const char *lang)
{
	const struct report_params *p = s->params;
	char from[DATE_BUFSZ], to[DATE_BUFSZ], d[DATE_BUFSZ];

	date_format(p->from, from);
	date_format(p->to, to);
	strbuf_addf(sb, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		    "<title>%s ", lang[0] == 'z' ? "zh-CN" : "en", report_label(RL_TITLE, lang));
	text(sb, p->label);
	strbuf_addf(sb, "</title>\n<style>%s</style>\n</head>\n<body>\n<header class=\"doc\">"
		    "<h1>%s<span class=\"period\">", css, report_label(RL_TITLE, lang));
	text(sb, p->label);
	strbuf_addf(sb, "</span></h1>\n<dl class=\"meta\"><dt>%s</dt><dd>%s %s %s</dd>"
		    "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>", report_label(RL_PERIOD, lang),
		    from, report_label(RL_FROM_TO, lang), to, report_label(RL_AS_OF, lang), to,
		    report_label(RL_GENERATED, lang), p->generated_at);
	strbuf_addf(sb, "<dt>%s</dt><dd>%s</dd>", report_label(RL_KNOWN_AT, lang), p->generated_at);
	strbuf_addf(sb, "<dt>%s</dt><dd>", report_label(RL_LETTERS, lang));
	for (size_t i = 0; i < s->nletters; i++) {
		strbuf_addstr(sb, i ? "<br>" : "");
		text(sb, s->letters[i].doc_no);
		strbuf_addstr(sb, " ");
		text(sb, s->letters[i].title);
		if (s->letters[i].date != DATE_NONE)
			strbuf_addf(sb, " (%s)", report_date(s->letters[i].date, d, ""));
	}
	strbuf_addstr(sb, s->nletters ? "</dd></dl>\n</header>\n" : "–</dd></dl>\n</header>\n");
}

static void card(struct strbuf *sb, const char *num, const char *label, const char *sub)
{
	strbuf_addf(sb, "<div class=\"card\"><div class=\"num\">%s</div><div class=\"lbl\">%s</div>",
		    num, label);
	if (sub)
		strbuf_addf(sb, "<div class=\"sub\">%s</div>", sub);
	strbuf_addstr(sb, "</div>");
}

static void html_summary(struct strbuf *sb, const struct report_summary *s, const char *lang)
{
	struct strbuf num = STRBUF_INIT, sub = STRBUF_INIT;
	double v;
	bool has;

	strbuf_addf(sb, "<section class=\"summary\"><h2>%s</h2><div class=\"cards\">",
		    report_label(RL_SUMMARY, lang));
	strbuf_addf(&num, "%d", s->total);
	card(sb, num.buf, report_label(RL_COMMITMENTS, lang), NULL);
	strbuf_reset(&num);
	has = report_on_track_share(s, &v);
	has ? format_percent(&num, true, v) : strbuf_addstr(&num, "–");
	card(sb, num.buf, report_label(RL_ON_TRACK_SHARE, lang), NULL);
	strbuf_reset(&num);
	has = report_completion_rate(s, &v);
	has ? format_percent(&num, true, v) : strbuf_addstr(&num, "–");
	strbuf_addf(&sub, "%s %d · %s %d · %s %d", report_label(RL_DUE_BY_END, lang), s->due_by_end,
		    report_label(RL_DONE_OF_DUE, lang), s->done_of_due,
		    report_label(RL_REPLIED_ONLY, lang), s->due_by_end - s->done_of_due);
	card(sb, num.buf, report_label(RL_COMPLETION, lang), sub.buf);
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

static void attn_header(struct strbuf *sb, int a, int count, const char *lang)
{
	static const enum health dots[ATTN__COUNT] = { H_OVERDUE, H_OFF_TRACK, H_NO_DATA,
						       H_AT_RISK, H_DONE };
	static const enum report_label entry[] = { RL_KEY, RL_COMMITMENT, RL_OWNER, RL_DUE,
						   RL_PERCENT, RL_EXPECTED, RL_HEALTH,
						   RL_LAST_CHECKIN };
	static const enum report_label change[] = { RL_KEY, RL_COMMITMENT, RL_OWNER, RL_FIELD,
						    RL_OLD_NEW, RL_REASON, RL_CHANGED_AT };
	const enum report_label *cols = a == ATTN_CHANGED ? change : entry;
	size_t n = a == ATTN_CHANGED ? 7 : 8;

	strbuf_addf(sb, "<h3><span class=\"dot\" style=\"background:%s\"></span>%s "
		    "<span class=\"count\">(%d)</span></h3>\n", report_health_color(dots[a]),
		    report_attention_label(a, lang), count);
	if (!count) {
		strbuf_addf(sb, "<p class=\"none\">%s</p>\n", report_label(RL_NONE, lang));
		return;
	}
	strbuf_addstr(sb, "<table><tr>");
	for (size_t i = 0; i < n; i++)
		strbuf_addf(sb, "<th>%s</th>", report_label(cols[i], lang));
	strbuf_addstr(sb, "</tr>\n");
}

static void html_depts(struct strbuf *sb, const struct report_summary *s, const char *lang)
{
	static const enum health cols[] = { H_DONE, H_ON_TRACK, H_AT_RISK, H_OFF_TRACK,
					    H_OVERDUE };

	strbuf_addf(sb, "<section class=\"depts\"><h2>%s</h2>\n", report_label(RL_DEPTS, lang));
	svg_depts(sb, s, lang);
	strbuf_addf(sb, "\n<table><tr><th>%s</th><th>%s</th>", report_label(RL_DEPT, lang),
		    report_label(RL_COMMITMENTS, lang));
	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		strbuf_addf(sb, "<th>%s</th>", health_label(cols[i], lang));
	strbuf_addf(sb, "<th>%s</th></tr>\n", report_label(RL_NO_CHECKIN, lang));
	for (size_t i = 0; i < s->ndepts; i++) {
		const struct report_dept *d = &s->depts[i];
		strbuf_addstr(sb, "<tr>");
		td(sb, NULL, d->name);
		strbuf_addf(sb, "<td class=\"n\">%d</td>", d->total);
		for (size_t j = 0; j < sizeof(cols) / sizeof(cols[0]); j++)
			strbuf_addf(sb, "<td class=\"n\">%d</td>", d->by_health[cols[j]]);
		strbuf_addf(sb, "<td class=\"n\">%d</td></tr>\n", d->no_checkin);
	}
	strbuf_addstr(sb, "</table></section>\n");
}

static int html_finish(void *arg, const struct report_summary *sum, struct trk_error *err)
{
	struct html_state *s = arg;
	const char *lang = s->p->lang;
	int rc = 0;

	html_head(&s->sb, sum, lang);
	html_summary(&s->sb, sum, lang);
	strbuf_addf(&s->sb, "<section class=\"attn\"><h2>%s</h2>\n", report_label(RL_ATTENTION, lang));
	for (int a = 0; a < ATTN__COUNT && !rc; a++) {
		attn_header(&s->sb, a, sum->attention[a], lang);
		if ((rc = report_flush(s->out, &s->sb, err)) ||
		    (rc = report_spool_copy(s->attn[a], s->out, err)))
			break;
		if (sum->attention[a])
			strbuf_addstr(&s->sb, "</table>\n");
	}
	if (rc)
		return rc;
	strbuf_addstr(&s->sb, "</section>\n");
	html_depts(&s->sb, sum, lang);
	strbuf_addf(&s->sb, "<section class=\"details\"><h2>%s</h2>\n", report_label(RL_DETAILS, lang));
	if ((rc = report_flush(s->out, &s->sb, err)) || (rc = report_spool_copy(s->items, s->out, err)))
		return rc;
	strbuf_addf(&s->sb, "</section>\n<footer>%s %s · tracker · " REPORT_FORMAT_ID
		    "</footer>\n</body>\n</html>\n", report_label(RL_GENERATED, lang),
		    s->p->generated_at);
	return report_flush(s->out, &s->sb, err);
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
	strbuf_init(&s->sb);
	if ((rc = report_attn_open(s->attn, err)))
		return rc;
	return report_spool_open(&s->items, err);
}

const struct report_writer report_html_writer = {
	html_begin, html_item, html_finish, html_release
};
