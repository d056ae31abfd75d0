/* page_commitment.c - /c/{key}: one commitment with everything about it
 * (its fields, the letter's words with 文号 and deputy, the burn-up chart
 * of the report, check-ins and history with reasons), and, for those the
 * store would let write, the forms to report progress and set the status.
 *
 * The forms post to /c/{key}/checkin and /c/{key}/status and make the
 * API's calls (store_checkin_add, store_commitment_change in one write
 * transaction); the rules are the store's. A refused form comes back with
 * what was typed and the error beside its field, and nothing written. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "model/format.h"
#include "record/select.h"
#include "report/report.h"
#include "server/pages/page.h"
#include "server/route.h"
#include "util/date.h"
#include "util/numparse.h"
#include "util/i18n.h"
#include "util/banned.h"

/* What a refused form shows again. */
struct views {
	const struct form_view *checkin, *status;
};

struct showing {
	struct page *pg;
	const struct views *v;
	int32_t as_of;
	bool found;
};

/* ---- the facts ------------------------------------------------------------------------ */

static void fact(struct page *pg, const char *zh, const char *en, const char *text)
{
	if (!text || !*text)
		return;
	html_raw(pg->sb, "<dt>");
	html_text(pg->sb, tr(pg, zh, en));
	html_raw(pg->sb, "</dt><dd>");
	html_text(pg->sb, text);
	html_raw(pg->sb, "</dd>");
}

static void fact_date(struct page *pg, const char *zh, const char *en, int32_t day)
{
	html_raw(pg->sb, "<dt>");
	html_text(pg->sb, tr(pg, zh, en));
	html_raw(pg->sb, "</dt><dd>");
	page_date(pg, day);
	html_raw(pg->sb, "</dd>");
}

static void letter_facts(struct page *pg, const char *doc_no)
{
	struct trk_error err;
	struct letter l;

	html_raw(pg->sb, "<dt>");
	html_text(pg->sb, tr(pg, "文号", "Letter"));
	html_raw(pg->sb, "</dt><dd><a href=\"");
	html_href(pg->sb, "/letters/", doc_no, NULL);
	html_raw(pg->sb, "\">");
	html_text(pg->sb, doc_no);
	html_raw(pg->sb, "</a></dd>");
	letter_init(&l);
	if (store_letter_get(pg->r->st, doc_no, false, &l, &err) == 0) {
		fact(pg, "来函标题", "Title", l.title);
		fact(pg, "代表", "Deputy", l.addressee);
		fact(pg, "建议号", "Suggestion", l.suggestion_no);
	}
	letter_release(&l);
}

static void facts(struct page *pg, const struct commitment_record *rec)
{
	const struct commitment *c = rec->c;
	const struct progress *p = rec->p;
	struct strbuf t = STRBUF_INIT;

	html_raw(pg->sb, "<dl class=\"facts\">");
	letter_facts(pg, c->letter_doc_no);
	fact(pg, "责任单位", "Owner", c->owner);
	for (size_t i = 0; i < c->co_owners.n; i++) {
		strbuf_addstr(&t, i ? "、" : "");
		strbuf_addstr(&t, c->co_owners.items[i]);
	}
	fact(pg, "协办单位", "Co-owners", t.buf);
	fact(pg, "类型", "Kind", kind_label(c->kind, pg->lang));
	strbuf_reset(&t);
	format_target_text(&t, &c->target);
	fact(pg, "目标", "Target", t.buf);
	fact_date(pg, "开始", "Start", c->window_start);
	fact_date(pg, "期限", "Due", c->due);
	fact(pg, "状态", "Status", status_label(c->status, pg->lang));
	strbuf_reset(&t);
	format_progress(&t, c, p);
	if (p->has_percent) {
		strbuf_addstr(&t, t.len ? " (" : "(");
		format_percent(&t, true, p->percent);
		strbuf_addch(&t, ')');
	}
	fact(pg, "进度", "Progress", t.buf);
	strbuf_reset(&t);
	format_percent(&t, p->has_expected, p->expected);
	fact(pg, "序时进度", "Expected by now", t.buf);
	if (p->has_forecast)
		fact_date(pg, "按当前速度预计达标", "Forecast at this pace", p->forecast);
	fact_date(pg, "最近报送", "Last check-in", p->last_as_of);
	if (p->overridden)
		fact(pg, "状况判断理由", "Why this health", c->health_override_reason);
	strbuf_reset(&t);
	for (size_t i = 0; i < c->tags.n; i++) {
		strbuf_addstr(&t, i ? "、" : "");
		strbuf_addstr(&t, c->tags.items[i]);
	}
	fact(pg, "标签", "Tags", t.buf);
	html_raw(pg->sb, "</dl>");
	strbuf_release(&t);
}

static void quote(struct page *pg, const struct commitment *c)
{
	html_raw(pg->sb, "<section aria-labelledby=\"quote\"><h2 id=\"quote\">");
	html_text(pg->sb, tr(pg, "原文", "The letter's words"));
	html_raw(pg->sb, "</h2><blockquote class=\"quote\">");
	if (c->section) {
		html_raw(pg->sb, "<span class=\"sec\">");
		html_text(pg->sb, c->section);
		html_raw(pg->sb, "</span>");
	}
	html_text(pg->sb, c->quote);
	html_raw(pg->sb, "</blockquote></section>");
}

/* ---- the records ------------------------------------------------------------------------ */

static bool superseded(const struct commitment_record *rec, int seq)
{
	for (size_t i = 0; i < rec->ncheckins; i++)
		if (rec->checkins[i].supersedes == seq)
			return true;
	return false;
}

static void td(struct page *pg, const char *label, const char *text)
{
	html_raw(pg->sb, "<td data-label=\"");
	html_text(pg->sb, label);
	html_raw(pg->sb, "\">");
	html_text(pg->sb, text);
	html_raw(pg->sb, "</td>");
}

static void td_local(struct page *pg, const char *label, const char *utc)
{
	char local[TIMESTAMP_LOCAL_BUFSZ];

	timestamp_text_local(utc ? utc : "", local);
	local[16] = '\0';   /* to the minute */
	if (local[10] == 'T')
		local[10] = ' ';
	td(pg, label, local);
}

static void checkin_row(struct page *pg, const struct commitment_record *rec,
			const struct checkin *k)
{
	struct strbuf v = STRBUF_INIT;
	char d[DATE_BUFSZ];
	bool old = superseded(rec, k->seq);

	strbuf_addf(pg->sb, "<tr id=\"checkin-%d\"%s><td>#%d</td>", k->seq,
		    old ? " class=\"superseded\"" : "", k->seq);
	date_format(k->as_of, d);
	td(pg, tr(pg, "截至", "As of"), d);
	if (k->has_value) {
		format_number(&v, k->value);
		if (rec->c->target.unit)
			strbuf_addf(&v, " %s", rec->c->target.unit);
	}
	if (old) {
		strbuf_addstr(&v, tr(pg, "（已更正）", " (corrected)"));
	}
	td(pg, tr(pg, "数值", "Value"), v.buf);
	strbuf_reset(&v);
	if (k->supersedes)
		strbuf_addf(&v, "#%d", k->supersedes);
	td(pg, tr(pg, "更正", "Corrects"), v.buf);
	td(pg, tr(pg, "说明", "Note"), k->note);
	td(pg, tr(pg, "佐证", "Evidence"), k->evidence);
	td(pg, tr(pg, "原因", "Reason"), k->reason);
	td(pg, tr(pg, "报送人", "By"), k->author);
	td_local(pg, tr(pg, "记录时间", "Recorded"), k->recorded_at);
	html_raw(pg->sb, "</tr>\n");
	strbuf_release(&v);
}

static void table_head(struct page *pg, const char *const *zh, const char *const *en)
{
	const char *const *h = pg->lang[0] == 'e' ? en : zh;

	html_raw(pg->sb, "<div class=\"scroll\"><table class=\"records\"><thead><tr>");
	for (; *h; h++) {
		html_raw(pg->sb, "<th scope=\"col\">");
		html_text(pg->sb, *h);
		html_raw(pg->sb, "</th>");
	}
	html_raw(pg->sb, "</tr></thead><tbody>");
}

static void checkins(struct page *pg, const struct commitment_record *rec)
{
	static const char *const zh[] = { "#", "截至", "数值", "更正", "说明", "佐证", "原因",
					  "报送人", "记录时间", NULL };
	static const char *const en[] = { "#", "As of", "Value", "Corrects", "Note", "Evidence",
					  "Reason", "By", "Recorded", NULL };

	html_raw(pg->sb, "<section aria-labelledby=\"checkins\"><h2 id=\"checkins\">");
	html_text(pg->sb, tr(pg, "进展报送", "Check-ins"));
	html_raw(pg->sb, "</h2>");
	if (!rec->ncheckins) {
		html_raw(pg->sb, "<p class=\"muted\">");
		html_text(pg->sb, tr(pg, "尚无报送。", "No check-in yet."));
		html_raw(pg->sb, "</p></section>");
		return;
	}
	table_head(pg, zh, en);
	for (size_t i = rec->ncheckins; i-- > 0;)
		checkin_row(pg, rec, &rec->checkins[i]);
	html_raw(pg->sb, "</tbody></table></div></section>");
}

/* A status value in the page's words ("in_progress" -> 推进中); others as stored. */
static const char *history_value(const struct page *pg, const struct history *h, const char *v)
{
	int st;

	if (v && !strcmp(h->field, "status") && (st = status_parse(v)) >= 0)
		return status_label((enum status)st, pg->lang);
	return v;
}

static void history(struct page *pg, const struct commitment_record *rec)
{
	static const char *const zh[] = { "#", "字段", "原值", "新值", "修改人", "时间", "原因",
					  NULL };
	static const char *const en[] = { "#", "Field", "Was", "Now", "By", "When", "Reason",
					  NULL };

	html_raw(pg->sb, "<section aria-labelledby=\"history\"><h2 id=\"history\">");
	html_text(pg->sb, tr(pg, "变更记录", "History"));
	html_raw(pg->sb, "</h2>");
	table_head(pg, zh, en);
	for (size_t i = rec->nhistory; i-- > 0;) {
		const struct history *h = &rec->history[i];
		bool created = !strcmp(h->field, "created");

		strbuf_addf(pg->sb, "<tr><td>#%d</td>", h->seq);
		td(pg, tr(pg, "字段", "Field"), created ? tr(pg, "创建", "created") : h->field);
		td(pg, tr(pg, "原值", "Was"), created ? NULL : history_value(pg, h, h->old_value));
		td(pg, tr(pg, "新值", "Now"), created ? NULL : history_value(pg, h, h->new_value));
		td(pg, tr(pg, "修改人", "By"), h->author);
		td_local(pg, tr(pg, "时间", "When"), h->changed_at);
		td(pg, tr(pg, "原因", "Reason"), h->reason);
		html_raw(pg->sb, "</tr>\n");
	}
	html_raw(pg->sb, "</tbody></table></div></section>");
}

/* ---- the forms -------------------------------------------------------------------------- */

static void form_start(struct page *pg, const char *key, const char *action, const char *id,
		       const char *zh, const char *en)
{
	html_raw(pg->sb, "<section class=\"card\" aria-labelledby=\"");
	html_raw(pg->sb, id);
	html_raw(pg->sb, "\"><h2 id=\"");
	html_raw(pg->sb, id);
	html_raw(pg->sb, "\">");
	html_text(pg->sb, tr(pg, zh, en));
	html_raw(pg->sb, "</h2><form method=\"post\" class=\"stack\" action=\"");
	html_href(pg->sb, "/c/", key, action);
	html_raw(pg->sb, "\">");
	page_csrf(pg);
}

static void form_submit(struct page *pg, const char *zh, const char *en)
{
	html_raw(pg->sb, "<div class=\"actions\"><button type=\"submit\">");
	html_text(pg->sb, tr(pg, zh, en));
	html_raw(pg->sb, "</button></div></form></section>");
}

/* The check-ins a correction may name: "" for a new figure, then each. */
static const char **corrects_options(struct page *pg, const struct commitment_record *rec,
				     struct strbuf *labels, char (*seqs)[16])
{
	const char **opt = xcalloc(2 * rec->ncheckins + 3, sizeof(*opt));
	size_t n = 0;
	size_t *at = xcalloc(rec->ncheckins + 1, sizeof(*at));

	opt[n++] = "";
	opt[n++] = tr(pg, "新的数值（不是更正）", "a new figure (not a correction)");
	for (size_t i = 0; i < rec->ncheckins; i++) {
		const struct checkin *k = &rec->checkins[i];
		char d[DATE_BUFSZ];

		date_format(k->as_of, d);
		at[i] = labels->len;
		if (pg->lang[0] == 'e')
			strbuf_addf(labels, "correct #%d (as of %s", k->seq, d);
		else
			strbuf_addf(labels, "更正 #%d（截至 %s", k->seq, d);
		if (k->has_value) {
			strbuf_addstr(labels, tr(pg, "，", ", "));
			format_number(labels, k->value);
		}
		strbuf_addstr(labels, tr(pg, "）", ")"));
		strbuf_addch(labels, '\0');
		snprintf(seqs[i], sizeof(seqs[i]), "%d", k->seq);
	}
	for (size_t i = 0; i < rec->ncheckins; i++) {
		opt[n++] = seqs[i];
		opt[n++] = labels->buf + at[i];
	}
	opt[n] = NULL;
	free(at);
	return opt;
}

static void checkin_form(struct page *pg, const struct commitment_record *rec,
			 const struct form_view *v, int32_t today)
{
	static const char *const names[] = { "value", "as_of", "note", "evidence", "reason",
					     "corrects", NULL };
	struct strbuf labels = STRBUF_INIT, unit = STRBUF_INIT;
	char (*seqs)[16] = xcalloc(rec->ncheckins + 1, sizeof(*seqs));
	const char **opt = corrects_options(pg, rec, &labels, seqs);
	char d[DATE_BUFSZ];

	date_format(today, d);
	if (rec->c->target.unit) {
		strbuf_addstr(&unit, tr(pg, "累计数，单位：", "cumulative, in "));
		strbuf_addstr(&unit, rec->c->target.unit);
	}
	struct field f[] = {
		{ "value", tr(pg, "数值", "Value"), "number", NULL, NULL, unit.len ? unit.buf : NULL,
		  false },
		{ "as_of", tr(pg, "截至日期", "As of"), "date", d, NULL, NULL, true },
		{ "note", tr(pg, "进展说明", "Note"), "textarea", NULL, NULL, NULL, false },
		{ "evidence", tr(pg, "佐证材料", "Evidence"), "text", NULL, NULL,
		  tr(pg, "文件名或链接", "a file name or link"), false },
		{ "corrects", tr(pg, "更正", "Corrects"), "select", NULL, opt, NULL, false },
		{ "reason", tr(pg, "原因（数值下降或更正时填写）", "Reason (when a figure falls or is corrected)"),
		  "text", NULL, NULL, NULL, false },
	};

	form_start(pg, rec->c->key, "/checkin", "report-progress", "报送进展", "Report progress");
	html_form_error(pg->sb, v, names);
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		html_field(pg->sb, "checkin", &f[i], v);
	form_submit(pg, "报送", "Report");
	free(opt);
	free(seqs);
	strbuf_release(&labels);
	strbuf_release(&unit);
}

static void status_form(struct page *pg, const struct commitment *c, const struct form_view *v)
{
	static const char *const names[] = { "status", "reason", NULL };
	const char *opt[2 * ST__COUNT + 1];
	size_t n = 0;

	for (int s = 0; s < ST__COUNT; s++)
		opt[n++] = status_name(s), opt[n++] = status_label(s, pg->lang);
	opt[n] = NULL;
	struct field f[] = {
		{ "status", tr(pg, "状态", "Status"), "select", status_name(c->status), opt, NULL,
		  true },
		{ "reason", tr(pg, "原因", "Reason"), "textarea", NULL, NULL, NULL, false },
	};

	form_start(pg, c->key, "/status", "set-status", "更改状态", "Set the status");
	html_form_error(pg->sb, v, names);
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		html_field(pg->sb, "status", &f[i], v);
	form_submit(pg, "保存状态", "Save the status");
}

/* ---- the page ---------------------------------------------------------------------------- */

static void notice(struct page *pg)
{
	const char *done = req_query(pg->r, "saved");

	if (!done)
		return;
	html_raw(pg->sb, "<p class=\"notice\" role=\"status\">");
	html_text(pg->sb, !strcmp(done, "status") ? tr(pg, "状态已保存。", "The status is saved.")
		  : tr(pg, "进展已报送。", "The progress is recorded."));
	html_raw(pg->sb, "</p>");
}

static int render_one(const struct commitment_record *rec, void *arg, struct trk_error *err)
{
	struct showing *x = arg;
	struct page *pg = x->pg;
	const struct commitment *c = rec->c;
	bool writer = store_may_write(&pg->r->actor, c);

	(void)err;
	x->found = true;
	page_begin(pg, c->key);
	html_raw(pg->sb, "<nav class=\"crumbs\"><a href=\"/\">");
	html_text(pg->sb, tr(pg, "承诺事项", "Commitments"));
	html_raw(pg->sb, "</a> › <span>");
	html_text(pg->sb, c->key);
	html_raw(pg->sb, "</span></nav><h1><span class=\"key\">");
	html_text(pg->sb, c->key);
	html_raw(pg->sb, "</span> ");
	html_text(pg->sb, c->title);
	html_raw(pg->sb, "</h1><p class=\"state\">");
	page_health(pg, rec->p->health, rec->p->overridden);
	html_raw(pg->sb, " <span class=\"status\">");
	html_text(pg->sb, status_label(c->status, pg->lang));
	html_raw(pg->sb, "</span></p>");
	notice(pg);
	html_raw(pg->sb, "<div class=\"cols\"><div class=\"main\">");
	facts(pg, rec);
	quote(pg, c);
	html_raw(pg->sb, "<figure class=\"chart\">");
	report_burnup_svg(pg->sb, rec, x->as_of, pg->lang);
	html_raw(pg->sb, "</figure></div>");
	if (writer) {
		html_raw(pg->sb, "<div class=\"side\">");
		checkin_form(pg, rec, x->v->checkin, x->as_of);
		status_form(pg, c, x->v->status);
		html_raw(pg->sb, "</div>");
	}
	html_raw(pg->sb, "</div>");
	checkins(pg, rec);
	history(pg, rec);
	return 0;
}

/* The whole page for key; status 200, or the status of a refused form. */
static int render(struct request *r, const char *key, const struct views *v, int status)
{
	struct selection s = { .key = key };
	struct selection_hold hold;
	struct trk_error err;
	struct page pg;
	struct query q;
	struct showing x = { &pg, v, 0, false };
	int rc;

	page_init(&pg, r);
	if ((rc = selection_to_query(r->st, &s, &q, &hold, &err)) == 0) {
		q.want = WANT_CHECKINS | WANT_HISTORY;
		q.reader = &r->actor;
		x.as_of = q.as_of;
		rc = store_query(r->st, &q, render_one, &x, &err);
	}
	selection_hold_release(&hold);
	if (rc)
		return resp_trk_error(r, &err);
	if (!x.found)   /* unknown, or outside a viewer's letters: the same */
		return resp_error(r, 404, "not_found", "key", "%s", pg.lang[0] == 'e'
				  ? "no such commitment" : "没有这项承诺");
	return page_end(&pg, status);
}

static int show(struct request *r)
{
	struct views v = { NULL, NULL };

	return render(r, r->params[0], &v, 200);
}

/* ---- writing ---------------------------------------------------------------------------- */

struct append {
	const struct actor *a;
	struct checkin *k;
};

static int append(struct store *st, void *arg, struct trk_error *err)
{
	struct append *x = arg;

	return store_checkin_add(st, x->a, x->k, err);
}

/* The typed text as a check-in; the figures are parsed here (a person's
 * typing), everything else is the store's to judge. */
static int checkin_from_form(const struct form *f, struct checkin *k, struct trk_error *err)
{
	const char *value = form_nonempty(f, "value"), *as_of = form_nonempty(f, "as_of"),
		   *corrects = form_nonempty(f, "corrects");
	long seq;
	int rc;

	if (value) {
		if ((rc = parse_number(value, "value", &k->value, err)))
			return rc;
		k->has_value = true;
	}
	if ((rc = as_of ? selection_date(as_of, "as_of", &k->as_of, err) : clock_today(&k->as_of, err)))
		return rc;
	if (corrects) {
		if ((rc = parse_int(corrects, "corrects", 1, INT_MAX, &seq, err)))
			return rc;
		k->supersedes = (int)seq;
	}
	k->note = xstrdup(form_nonempty(f, "note"));
	k->evidence = xstrdup(form_nonempty(f, "evidence"));
	k->reason = xstrdup(form_nonempty(f, "reason"));
	return 0;
}

/* A refused form: the page again (the error beside its field), unless the
 * writer may not write here at all, which is an error page. */
static int refused(struct request *r, const struct form *f, const struct trk_error *err,
		   bool is_status)
{
	struct form_view fv = { f, err };
	struct views v = { is_status ? NULL : &fv, is_status ? &fv : NULL };

	if (err->code == TRK_EFORBIDDEN || err->code == TRK_ENOTFOUND ||
	    http_status_of(err->code) >= 500)
		return resp_trk_error(r, err);
	return render(r, r->params[0], &v, http_status_of(err->code));
}

static int saved(struct request *r, const char *what)
{
	struct strbuf loc = STRBUF_INIT;
	int rc;

	strbuf_addstr(&loc, "/c/");
	url_encode(&loc, r->params[0]);
	strbuf_addf(&loc, "?saved=%s#%s", what, !strcmp(what, "status") ? "history" : "checkins");
	rc = resp_redirect(r, loc.buf);
	strbuf_release(&loc);
	return rc;
}

/* 0 when r's user may write to the commitment of the path (the store's
 * rule, asked before the form is read, so a forged form from a reader is
 * refused as such whatever it holds); else the answer given (404, 403). */
static int writable(struct request *r)
{
	struct trk_error err;
	struct commitment c;
	int rc;

	commitment_init(&c);
	if ((rc = store_commitment_get(r->st, r->params[0], &c, &err)))
		resp_trk_error(r, &err);
	else if (!store_may_write(&r->actor, &c)) {
		resp_error(r, 403, "forbidden", NULL, _("%s may not write to %s (owner %s)"),
			   r->user.name, c.key, c.owner);
		rc = -1;
	}
	commitment_release(&c);
	return rc;
}

static int log_checkin(struct request *r)
{
	struct trk_error err;
	struct checkin k;
	struct append x = { &r->actor, &k };
	struct form f;
	int rc = -1;

	checkin_init(&k);
	memset(&f, 0, sizeof(f));
	if (writable(r) || form_read(r, &f))
		goto out;
	k.commitment_key = xstrdup(r->params[0]);
	if ((rc = checkin_from_form(&f, &k, &err)) == 0)
		rc = store_write(r->st, append, &x, &err);
	rc = rc ? refused(r, &f, &err, false) : saved(r, "checkin");
out:
	checkin_release(&k);
	form_release(&f);
	return rc;
}

struct change {
	const struct actor *a;
	const char *key, *reason;
	struct field_change status;
};

static int apply_status(struct store *st, void *arg, struct trk_error *err)
{
	struct change *c = arg;

	return store_commitment_change(st, c->a, c->key, &c->status, 1, c->reason, err);
}

static int set_status(struct request *r)
{
	struct change c = { .a = &r->actor, .key = r->params[0], .status = { "status", NULL } };
	struct trk_error err;
	struct form f;
	int rc = -1;

	memset(&f, 0, sizeof(f));
	if (writable(r) || form_read(r, &f))
		goto out;
	c.status.value = form_nonempty(&f, "status");
	c.reason = form_nonempty(&f, "reason");
	if (!c.status.value || status_parse(c.status.value) < 0)
		rc = trk_err_field(&err, TRK_EINPUT, "status", "choose one of %s",
				   status_names_list());
	else
		rc = store_write(r->st, apply_status, &c, &err);
	rc = rc ? refused(r, &f, &err, true) : saved(r, "status");
out:
	form_release(&f);
	return rc;
}

const struct route route_page_commitment = {
	"GET", "/c/{key}", ACCESS_READ, ROUTE_PAGE,
	"one commitment: its words, records and chart, and the forms to write", show,
};
const struct route route_page_checkin = {
	"POST", "/c/{key}/checkin", ACCESS_WRITE, ROUTE_PAGE, "report progress (a form)",
	log_checkin,
};
const struct route route_page_status = {
	"POST", "/c/{key}/status", ACCESS_WRITE, ROUTE_PAGE, "set the status (a form)",
	set_status,
};
