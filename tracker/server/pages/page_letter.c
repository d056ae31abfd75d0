/* page_letter.c - the letters: /letters lists those the user may read,
 * /letters/{docno} shows one letter's text with the words of each of its
 * commitments highlighted and linked to the commitment, which is what a
 * deputy wants to see: what was promised, where, and how it stands. A
 * viewer limited to letters finds the others as if they did not exist. */
#include <stdlib.h>
#include <string.h>

#include "record/select.h"
#include "server/pages/page.h"
#include "server/route.h"
#include "util/banned.h"

/* ---- the list ---------------------------------------------------------------------------- */

struct listing {
	struct page *pg;
	int n;
};

static int letter_row(const struct letter *l, void *arg, struct trk_error *err)
{
	struct listing *x = arg;
	struct page *pg = x->pg;

	(void)err;
	if (pg->r->actor.letters && !strlist_has(pg->r->actor.letters, l->doc_no))
		return 0;
	x->n++;
	html_raw(pg->sb, "<tr><td><a href=\"");
	html_href(pg->sb, "/letters/", l->doc_no, NULL);
	html_raw(pg->sb, "\">");
	html_text(pg->sb, l->doc_no);
	html_raw(pg->sb, "</a></td><td>");
	html_text(pg->sb, l->title);
	html_raw(pg->sb, "</td><td>");
	html_text(pg->sb, l->addressee);
	html_raw(pg->sb, "</td><td class=\"d\">");
	page_date(pg, l->date);
	html_raw(pg->sb, "</td></tr>\n");
	return 0;
}

static int letters(struct request *r)
{
	struct trk_error err;
	struct page pg;
	struct listing x = { &pg, 0 };

	page_init(&pg, r);
	page_begin(&pg, tr(&pg, "答复函", "Letters"));
	html_raw(pg.sb, "<h1>");
	html_text(pg.sb, tr(&pg, "答复函", "Letters"));
	html_raw(pg.sb, "</h1><div class=\"scroll\"><table><thead><tr><th scope=\"col\">");
	html_text(pg.sb, tr(&pg, "文号", "No."));
	html_raw(pg.sb, "</th><th scope=\"col\">");
	html_text(pg.sb, tr(&pg, "标题", "Title"));
	html_raw(pg.sb, "</th><th scope=\"col\">");
	html_text(pg.sb, tr(&pg, "代表", "Deputy"));
	html_raw(pg.sb, "</th><th scope=\"col\">");
	html_text(pg.sb, tr(&pg, "日期", "Date"));
	html_raw(pg.sb, "</th></tr></thead><tbody>");
	if (store_letters(r->st, false, letter_row, &x, &err))
		return resp_trk_error(r, &err);
	html_raw(pg.sb, "</tbody></table></div>");
	return page_end(&pg, 200);
}

/* ---- one letter --------------------------------------------------------------------------- */

struct quoted {
	char *key, *title, *quote;
	enum health health;
	const char *at;      /* where the quote starts in the text, or NULL */
};

struct quotes {
	struct quoted *v;
	size_t n;
};

static int collect(const struct commitment_record *rec, void *arg, struct trk_error *err)
{
	struct quotes *x = arg;
	struct quoted *q;

	(void)err;
	x->v = xrealloc(x->v, (x->n + 1) * sizeof(*x->v));
	q = &x->v[x->n++];
	q->key = xstrdup(rec->c->key);
	q->title = xstrdup(rec->c->title);
	q->quote = xstrdup(rec->c->quote);
	q->health = rec->p->health;
	q->at = NULL;
	return 0;
}

static int by_place(const void *a, const void *b)
{
	const struct quoted *x = a, *y = b;

	if (!x->at || !y->at)
		return x->at ? -1 : y->at ? 1 : 0;
	return x->at < y->at ? -1 : x->at > y->at;
}

static void mark(struct page *pg, const struct quoted *q)
{
	size_t n = strlen(q->quote);
	char *words = xstrndup(q->at, n);

	html_raw(pg->sb, "<mark id=\"q-");
	html_text(pg->sb, q->key);
	html_raw(pg->sb, "\"><a href=\"");
	html_href(pg->sb, "/c/", q->key, NULL);
	html_raw(pg->sb, "\"><span class=\"tag\">");
	html_text(pg->sb, q->key);
	html_raw(pg->sb, "</span>");
	html_text(pg->sb, words);
	html_raw(pg->sb, "</a></mark>");
	free(words);
}

/* The text with each quote marked where it first occurs; quotes that
 * overlap one already marked are listed below instead. */
static void text_with_marks(struct page *pg, const char *text, struct quotes *x)
{
	const char *done = text;
	char *piece;

	for (size_t i = 0; i < x->n; i++)
		x->v[i].at = x->v[i].quote && *x->v[i].quote ? strstr(text, x->v[i].quote) : NULL;
	qsort(x->v, x->n, sizeof(*x->v), by_place);
	html_raw(pg->sb, "<div class=\"letter-text\">");
	for (size_t i = 0; i < x->n && x->v[i].at; i++) {
		if (x->v[i].at < done) {
			x->v[i].at = NULL;
			continue;
		}
		piece = xstrndup(done, (size_t)(x->v[i].at - done));
		html_text(pg->sb, piece);
		free(piece);
		mark(pg, &x->v[i]);
		done = x->v[i].at + strlen(x->v[i].quote);
	}
	html_text(pg->sb, done);
	html_raw(pg->sb, "</div>");
}

static void commitment_list(struct page *pg, const struct quotes *x)
{
	html_raw(pg->sb, "<h2>");
	html_text(pg->sb, tr(pg, "本函的承诺事项", "This letter's commitments"));
	strbuf_addf(pg->sb, " <span class=\"count\">%zu</span></h2><ul>", x->n);
	for (size_t i = 0; i < x->n; i++) {
		html_raw(pg->sb, "<li><a class=\"key\" href=\"");
		html_href(pg->sb, "/c/", x->v[i].key, NULL);
		html_raw(pg->sb, "\">");
		html_text(pg->sb, x->v[i].key);
		html_raw(pg->sb, "</a> ");
		page_health(pg, x->v[i].health, false);
		html_raw(pg->sb, " ");
		html_text(pg->sb, x->v[i].title);
		if (!x->v[i].at) {
			html_raw(pg->sb, " <small class=\"muted\">");
			html_text(pg->sb, tr(pg, "（原文未在正文中标出）", "(its words are not marked in the text)"));
			html_raw(pg->sb, "</small>");
		}
		html_raw(pg->sb, "</li>");
	}
	html_raw(pg->sb, "</ul>");
}

static void heading(struct page *pg, const struct letter *l)
{
	html_raw(pg->sb, "<h1>");
	html_text(pg->sb, l->title ? l->title : l->doc_no);
	html_raw(pg->sb, "</h1><dl class=\"facts\"><dt>");
	html_text(pg->sb, tr(pg, "文号", "No."));
	html_raw(pg->sb, "</dt><dd>");
	html_text(pg->sb, l->doc_no);
	html_raw(pg->sb, "</dd>");
	if (l->addressee) {
		html_raw(pg->sb, "<dt>");
		html_text(pg->sb, tr(pg, "代表", "Deputy"));
		html_raw(pg->sb, "</dt><dd>");
		html_text(pg->sb, l->addressee);
		html_raw(pg->sb, "</dd>");
	}
	html_raw(pg->sb, "<dt>");
	html_text(pg->sb, tr(pg, "日期", "Date"));
	html_raw(pg->sb, "</dt><dd>");
	page_date(pg, l->date);
	html_raw(pg->sb, "</dd></dl>");
}

static int query(struct request *r, const char *doc_no, struct quotes *x, struct trk_error *err)
{
	struct selection s = { .letter = doc_no, .sort = "key" };
	struct selection_hold hold;
	struct query q;
	int rc;

	if ((rc = selection_to_query(r->st, &s, &q, &hold, err)) == 0) {
		q.reader = &r->actor;
		rc = store_query(r->st, &q, collect, x, err);
	}
	selection_hold_release(&hold);
	return rc;
}

static int show(struct request *r)
{
	struct quotes x = { NULL, 0 };
	struct trk_error err;
	struct letter l;
	struct page pg;
	char *doc_no = NULL;
	int rc;

	letter_init(&l);
	page_init(&pg, r);
	if ((rc = store_letter_resolve(r->st, r->params[0], &doc_no, &err)) ||
	    (r->actor.letters && !strlist_has(r->actor.letters, doc_no)) ||
	    (rc = store_letter_get(r->st, doc_no, true, &l, &err)) ||
	    (rc = query(r, doc_no, &x, &err))) {
		rc = rc && rc != TRK_ENOTFOUND ? resp_trk_error(r, &err)
		     : resp_error(r, 404, "not_found", NULL, "%s", tr(&pg, "没有这份答复函",
								      "no such letter"));
		goto out;
	}
	page_begin(&pg, l.doc_no);
	heading(&pg, &l);
	if (l.text)
		text_with_marks(&pg, l.text, &x);
	else {
		html_raw(pg.sb, "<p class=\"muted\">");
		html_text(pg.sb, tr(&pg, "本函正文未收录。", "The letter's text is not on record."));
		html_raw(pg.sb, "</p>");
	}
	commitment_list(&pg, &x);
	rc = page_end(&pg, 200);
out:
	for (size_t i = 0; i < x.n; i++) {
		free(x.v[i].key);
		free(x.v[i].title);
		free(x.v[i].quote);
	}
	free(x.v);
	free(doc_no);
	letter_release(&l);
	return rc;
}

const struct route route_page_letters = {
	"GET", "/letters", ACCESS_READ, ROUTE_PAGE, "the letters the user may read", letters,
};
const struct route route_page_letter = {
	"GET", "/letters/{docno}", ACCESS_READ, ROUTE_PAGE,
	"a letter's text with its commitments' words marked", show,
};
