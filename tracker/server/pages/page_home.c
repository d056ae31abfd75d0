/* page_home.c - GET /: my commitments. A department sees those its owners
 * lead or co-own, a viewer those of its letters (the store's reader
 * scope), an administrator everything; with the filters of `tracker list`
 * (the same words, read by record/select.h) and, first, what needs
 * attention: overdue or due, off track, at risk, or no check-in this
 * quarter. */
#include <stdlib.h>
#include <string.h>

#include "model/format.h"
#include "server/api.h"
#include "server/pages/page.h"
#include "server/route.h"
#include "util/date.h"
#include "util/banned.h"

/* A page a person reads, not an export: past this many rows the rest are
 * counted and the filters offered (the API and `tracker list` give all). */
#define MAX_ROWS 500

enum rank { RANK_OVERDUE, RANK_OFF_TRACK, RANK_AT_RISK, RANK_NO_CHECKIN, RANK_FINE };

struct row {
	enum rank rank;
	int32_t due;
	size_t order;        /* the query's */
	char *html;          /* the table row */
	char *attn;          /* the attention row */
};

struct rows {
	struct page *pg;
	int32_t quarter_start;
	struct row *v;
	size_t n, alloc;
	size_t more;         /* matched past MAX_ROWS, not shown */
};

static enum rank rank_of(const struct commitment_record *rec, int32_t quarter_start)
{
	const struct progress *p = rec->p;

	if (p->health == H_OVERDUE || p->health == H_DUE)
		return RANK_OVERDUE;
	if (p->health == H_OFF_TRACK)
		return RANK_OFF_TRACK;
	if (p->health == H_AT_RISK)
		return RANK_AT_RISK;
	if (rec->c->status != ST_DONE && rec->c->status != ST_CANCELLED &&
	    (p->last_as_of == DATE_NONE || p->last_as_of < quarter_start))
		return RANK_NO_CHECKIN;
	return RANK_FINE;
}

static const char *rank_words(const struct page *pg, enum rank k)
{
	switch (k) {
	case RANK_OVERDUE:    return tr(pg, "已到期未完成", "past its deadline");
	case RANK_OFF_TRACK:  return tr(pg, "严重滞后", "off track");
	case RANK_AT_RISK:    return tr(pg, "有风险", "at risk");
	default:              return tr(pg, "本季度未报送进展", "no check-in this quarter");
	}
}

static void key_link(struct page *pg, const char *key)
{
	html_raw(pg->sb, "<a class=\"key\" href=\"");
	html_href(pg->sb, "/c/", key, NULL);
	html_raw(pg->sb, "\">");
	html_text(pg->sb, key);
	html_raw(pg->sb, "</a>");
}

static void cell(struct page *pg, const char *cls, const char *label, const char *text)
{
	html_raw(pg->sb, "<td class=\"");
	html_raw(pg->sb, cls);
	html_raw(pg->sb, "\" data-label=\"");
	html_text(pg->sb, label);
	html_raw(pg->sb, "\">");
	html_text(pg->sb, text);
	html_raw(pg->sb, "</td>");
}

static void table_row(struct page *pg, const struct commitment_record *rec)
{
	const struct commitment *c = rec->c;
	const struct progress *p = rec->p;
	struct strbuf prog = STRBUF_INIT, pct = STRBUF_INIT;

	format_progress(&prog, c, p);
	format_percent(&pct, p->has_percent, p->percent);
	html_raw(pg->sb, "<tr><td class=\"k\">");
	key_link(pg, c->key);
	html_raw(pg->sb, "</td>");
	cell(pg, "t", tr(pg, "承诺事项", "Commitment"), c->title);
	cell(pg, "o", tr(pg, "责任单位", "Owner"), c->owner_short ? c->owner_short : c->owner);
	html_raw(pg->sb, "<td class=\"d\" data-label=\"");
	html_text(pg->sb, tr(pg, "期限", "Due"));
	html_raw(pg->sb, "\">");
	page_date(pg, c->due);
	html_raw(pg->sb, "</td>");
	cell(pg, "n", tr(pg, "进度", "Progress"), prog.buf);
	cell(pg, "n", "%", pct.buf);
	html_raw(pg->sb, "<td data-label=\"");
	html_text(pg->sb, tr(pg, "状况", "Health"));
	html_raw(pg->sb, "\">");
	page_health(pg, p->health, p->overridden);
	html_raw(pg->sb, "</td>");
	cell(pg, "s", tr(pg, "状态", "Status"), status_label(c->status, pg->lang));
	html_raw(pg->sb, "<td class=\"d\" data-label=\"");
	html_text(pg->sb, tr(pg, "最近报送", "Last check-in"));
	html_raw(pg->sb, "\">");
	page_date(pg, p->last_as_of);
	html_raw(pg->sb, "</td></tr>\n");
	strbuf_release(&prog);
	strbuf_release(&pct);
}

static void attention_row(struct page *pg, const struct commitment_record *rec, enum rank k)
{
	html_raw(pg->sb, "<li class=\"attn-");
	html_raw(pg->sb, health_name(rec->p->health));
	html_raw(pg->sb, "\">");
	key_link(pg, rec->c->key);
	html_raw(pg->sb, " <span class=\"why\">");
	html_text(pg->sb, rank_words(pg, k));
	html_raw(pg->sb, "</span> ");
	html_text(pg->sb, rec->c->title);
	if (rec->c->due != DATE_NONE) {
		html_raw(pg->sb, " <span class=\"muted\">");
		html_text(pg->sb, tr(pg, "期限 ", "due "));
		page_date(pg, rec->c->due);
		html_raw(pg->sb, "</span>");
	}
	html_raw(pg->sb, "</li>\n");
}

/* Each row is written once into the rows' own buffers, so the attention
 * list can be ordered apart from the table. */
static int collect(const struct commitment_record *rec, void *arg, struct trk_error *err)
{
	struct rows *x = arg;
	struct strbuf *saved = x->pg->sb, sb = STRBUF_INIT;
	struct row *w;

	(void)err;
	if (x->n == MAX_ROWS) {
		x->more++;
		return 0;
	}
	if (x->n == x->alloc) {
		x->alloc = x->alloc ? 2 * x->alloc : 64;
		x->v = xrealloc(x->v, x->alloc * sizeof(*x->v));
	}
	w = &x->v[x->n];
	w->rank = rank_of(rec, x->quarter_start);
	w->due = rec->c->due;
	w->order = x->n++;
	x->pg->sb = &sb;
	table_row(x->pg, rec);
	w->html = strbuf_detach(&sb);
	w->attn = NULL;
	if (w->rank != RANK_FINE) {
		attention_row(x->pg, rec, w->rank);
		w->attn = strbuf_detach(&sb);
	}
	x->pg->sb = saved;
	return 0;
}

static int by_attention(const void *a, const void *b)
{
	const struct row *x = *(const struct row *const *)a, *y = *(const struct row *const *)b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->due != y->due)
		return x->due == DATE_NONE ? 1 : y->due == DATE_NONE ? -1 : x->due < y->due ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static void attention(struct page *pg, struct rows *x)
{
	struct row **sorted = xcalloc(x->n + 1, sizeof(*sorted));
	size_t n = 0;

	for (size_t i = 0; i < x->n; i++)
		if (x->v[i].attn)
			sorted[n++] = &x->v[i];
	qsort(sorted, n, sizeof(*sorted), by_attention);
	html_raw(pg->sb, "<section aria-labelledby=\"attn\"><h2 id=\"attn\">");
	html_text(pg->sb, tr(pg, "需要关注", "Needs attention"));
	strbuf_addf(pg->sb, " <span class=\"count\">%zu</span></h2>", n);
	if (!n) {
		html_raw(pg->sb, "<p class=\"muted\">");
		html_text(pg->sb, tr(pg, "没有需要关注的承诺。", "Nothing needs attention."));
		html_raw(pg->sb, "</p>");
	} else {
		html_raw(pg->sb, "<ul class=\"attention\">");
		for (size_t i = 0; i < n; i++)
			html_raw(pg->sb, sorted[i]->attn);
		html_raw(pg->sb, "</ul>");
	}
	html_raw(pg->sb, "</section>");
	free(sorted);
}

static void table(struct page *pg, struct rows *x)
{
	static const char *const zh[] = { "编号", "承诺事项", "责任单位", "期限", "进度", "%",
					  "状况", "状态", "最近报送", NULL };
	static const char *const en[] = { "Key", "Commitment", "Owner", "Due", "Progress", "%",
					  "Health", "Status", "Last check-in", NULL };
	const char *const *head = pg->lang[0] == 'e' ? en : zh;

	html_raw(pg->sb, "<section aria-labelledby=\"all\"><h2 id=\"all\">");
	html_text(pg->sb, tr(pg, "全部承诺", "All commitments"));
	strbuf_addf(pg->sb, " <span class=\"count\">%zu</span></h2>", x->n + x->more);
	if (!x->n) {
		html_raw(pg->sb, "<p class=\"muted\">");
		html_text(pg->sb, tr(pg, "没有符合条件的承诺。", "No commitment matches."));
		html_raw(pg->sb, "</p></section>");
		return;
	}
	html_raw(pg->sb, "<div class=\"scroll\"><table class=\"list\"><thead><tr>");
	for (; *head; head++) {
		html_raw(pg->sb, "<th scope=\"col\">");
		html_text(pg->sb, *head);
		html_raw(pg->sb, "</th>");
	}
	html_raw(pg->sb, "</tr></thead><tbody>\n");
	for (size_t i = 0; i < x->n; i++)
		html_raw(pg->sb, x->v[i].html);
	html_raw(pg->sb, "</tbody></table></div>");
	if (x->more) {
		html_raw(pg->sb, "<p class=\"muted\">");
		if (pg->lang[0] == 'e')
			strbuf_addf(pg->sb, "and %zu more: narrow the list with the filters", x->more);
		else
			strbuf_addf(pg->sb, "另有 %zu 项未列出，请用筛选缩小范围", x->more);
		html_raw(pg->sb, "</p>");
	}
	html_raw(pg->sb, "</section>");
}

/* The filters: a GET form, so a filtered list has an address to keep. */
static void filters(struct page *pg, const struct form *typed, const struct trk_error *err)
{
	static const char *const names[] = { "status", "health", "owner", "due_before", "sort",
					     NULL };
	const char *st[2 * ST__COUNT + 3], *he[2 * H__COUNT + 3];
	static const char *const sort_zh[] = { "due", "按期限", "key", "按编号", "owner", "按单位",
					       "status", "按状态", NULL };
	static const char *const sort_en[] = { "due", "by due date", "key", "by key", "owner",
					       "by owner", "status", "by status", NULL };
	struct form_view v = { typed, err };
	size_t i = 0;

	st[i++] = "", st[i++] = tr(pg, "全部", "all");
	for (int s = 0; s < ST__COUNT; s++)
		st[i++] = status_name(s), st[i++] = status_label(s, pg->lang);
	st[i] = NULL;
	i = 0;
	he[i++] = "", he[i++] = tr(pg, "全部", "all");
	for (int h = 0; h < H__COUNT; h++)
		he[i++] = health_name(h), he[i++] = health_label(h, pg->lang);
	he[i] = NULL;
	struct field f[] = {
		{ "status", tr(pg, "状态", "Status"), "select", NULL, st, NULL, false },
		{ "health", tr(pg, "状况", "Health"), "select", NULL, he, NULL, false },
		{ "owner", tr(pg, "责任单位", "Owner"), "text", NULL, NULL, NULL, false },
		{ "due_before", tr(pg, "期限不晚于", "Due by"), "date", NULL, NULL, NULL, false },
		{ "sort", tr(pg, "排序", "Order"), "select", NULL, pg->lang[0] == 'e' ? sort_en
		  : sort_zh, NULL, false },
	};

	html_raw(pg->sb, "<details class=\"filters\"");
	html_raw(pg->sb, typed->n || err ? " open><summary>" : "><summary>");
	html_text(pg->sb, tr(pg, "筛选", "Filter"));
	html_raw(pg->sb, "</summary><form method=\"get\" action=\"/\" class=\"row\">");
	html_form_error(pg->sb, &v, names);
	for (size_t k = 0; k < sizeof(f) / sizeof(f[0]); k++)
		html_field(pg->sb, "filter", &f[k], &v);
	html_raw(pg->sb, "<div class=\"actions\"><button type=\"submit\">");
	html_text(pg->sb, tr(pg, "筛选", "Apply"));
	html_raw(pg->sb, "</button> <a href=\"/\">");
	html_text(pg->sb, tr(pg, "清除", "Clear"));
	html_raw(pg->sb, "</a></div></form></details>");
}

static const char *heading(const struct page *pg)
{
	switch (pg->r->user.role) {
	case ROLE_DEPARTMENT: return tr(pg, "我的承诺", "My commitments");
	case ROLE_ADMIN:      return tr(pg, "全部承诺事项", "All commitments");
	default:              return tr(pg, "承诺事项", "Commitments");
	}
}

static void scope_line(struct page *pg)
{
	const struct user *u = &pg->r->user;
	const struct strlist *l = u->role == ROLE_DEPARTMENT ? &u->owners : &u->letters;

	if (!l->n)
		return;
	html_raw(pg->sb, "<p class=\"muted scope\">");
	html_text(pg->sb, u->role == ROLE_DEPARTMENT ? tr(pg, "责任单位：", "Owners: ")
		  : tr(pg, "来函：", "Letters: "));
	for (size_t i = 0; i < l->n; i++) {
		html_text(pg->sb, i ? "、" : "");
		html_text(pg->sb, l->items[i]);
	}
	html_raw(pg->sb, "</p>");
}

static int run(struct request *r, const struct selection *s, struct rows *x,
	       struct trk_error *err)
{
	struct selection_hold hold;
	struct query q;
	int rc, y, m, d;

	if ((rc = selection_to_query(r->st, s, &q, &hold, err)) == 0) {
		q.reader = &r->actor;
		if (r->user.role == ROLE_DEPARTMENT)
			q.f.owners_any = &r->user.owners;
		date_to_ymd(q.as_of, &y, &m, &d);
		x->quarter_start = date_quarter_start(y, date_quarter(q.as_of));
		rc = store_query(r->st, &q, collect, x, err);
	}
	selection_hold_release(&hold);
	return rc;
}

static int home(struct request *r)
{
	static const char *const names[] = { "status", "health", "owner", "due_before", "sort",
					     NULL };
	struct page pg;
	struct rows x = { .pg = &pg };
	struct api_lists lists;
	struct selection s;
	struct trk_error err;
	struct form typed;
	int rc;

	page_init(&pg, r);
	api_selection(r, &s, &lists);
	s.key = s.letter = s.kind = s.tag = s.due_after = s.as_of = NULL;
	rc = run(r, &s, &x, &err);
	api_lists_release(&lists);
	if (rc && http_status_of(rc) >= 500) {
		rc = resp_trk_error(r, &err);
		goto out;
	}
	form_from_query(r, names, &typed);
	page_begin(&pg, heading(&pg));
	html_raw(pg.sb, "<h1>");
	html_text(pg.sb, heading(&pg));
	html_raw(pg.sb, "</h1>");
	scope_line(&pg);
	filters(&pg, &typed, rc ? &err : NULL);
	if (!rc) {
		attention(&pg, &x);
		table(&pg, &x);
	}
	form_release(&typed);
	rc = page_end(&pg, rc ? http_status_of(rc) : 200);
out:
	for (size_t i = 0; i < x.n; i++) {
		free(x.v[i].html);
		free(x.v[i].attn);
	}
	free(x.v);
	return rc;
}

const struct route route_page_home = {
	"GET", "/", ACCESS_READ, ROUTE_PAGE, "my commitments, what needs attention first", home,
};
