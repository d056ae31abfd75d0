/* extract.c - from a reply letter to proposed commitments (extract.h).
 *
 * The letter is read paragraph by paragraph. Each sentence is classed by
 * tense (extract_class.c); a small state machine per paragraph carries a
 * future frame ("下一步，我市将…") over the sentences after it and a report
 * frame ("2022年累计…") likewise, and a sentence with only weak markers
 * (继续、推进…) counts as a plan unless the report it introduces follows.
 * A chosen sentence is cut into clauses, and clauses are grouped into
 * commitments where target, deadline or a new future verb changes. */
#include "extract/extract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/date.h"
#include "extract/extract_class.h"
#include "extract/extract_int.h"
#include "util/strbuf.h"
#include "util/textenc.h"
#include "util/banned.h"

#define MAX_SENTENCE 1000

struct xclause {
	size_t s, e;
	bool strong, weak, target, when, mile, conn;
	bool dated_deliverable;   /* "于6月底前出台…": a milestone, not a split point */
	struct target tg;
	struct xwhen w;
};

struct xsent {
	size_t s, e;
	enum xclass cls;
	bool list;
	bool yao;
	size_t strong;
};

struct xctx {
	const struct xtext *t;
	const struct extract_options *o;
	struct extract_result *r;
	size_t cap;
	size_t h1s, h1e, h2s, h2e;     /* headings, XT_NONE when absent */
	char *named;                   /* owner named earlier in the paragraph */
	bool list_when_set;
	struct xwhen list_when;
	struct xclause *cl;
	size_t clcap;
};

/* ---- proposals -------------------------------------------------------- */

static void proposal_release(struct proposal *p)
{
	free(p->key);
	free(p->section);
	free(p->quote);
	free(p->title);
	free(p->owner);
	strlist_release(&p->co_owners);
	free(p->target.unit);
}

void extract_result_release(struct extract_result *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		proposal_release(&r->items[i]);
	free(r->items);
	free(r->text);
	letter_release(&r->meta);
	memset(r, 0, sizeof(*r));
}

static struct proposal *proposal_new(struct xctx *x)
{
	struct extract_result *r = x->r;

	if (r->n == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 32;
		r->items = xrealloc(r->items, x->cap * sizeof(*r->items));
	}
	memset(&r->items[r->n], 0, sizeof(r->items[0]));
	return &r->items[r->n++];
}

/* ---- sections --------------------------------------------------------- */

static size_t cn_ordinal(const struct xtext *t, size_t i, size_t e)
{
	size_t k = i;

	while (k < e && k - i < 3 && (xt_cn_digit(t->cp[k]) > 0 || t->cp[k] == 0x5341))
		k++;
	return k - i;
}

/* "一、…" heading: its length in code points, or 0. */
static size_t heading1(const struct xtext *t, size_t s, size_t e)
{
	size_t k = cn_ordinal(t, s, e), stop;

	if (!k || s + k >= e || (t->cp[s + k] != 0x3001 && t->cp[s + k] != 0xFF0E))
		return 0;
	stop = xt_find(t, s, e, "。");
	if (stop == XT_NONE)
		return e - s <= 40 ? e - s : 0;
	return stop - s <= 40 ? stop - s : 0;
}

/* "（一）…" heading: sets the heading extent and returns where the body
 * starts, or s when the line is no such heading. */
static size_t heading2(const struct xtext *t, size_t s, size_t e, size_t *hs, size_t *he)
{
	size_t k, stop;

	if (s >= e || (t->cp[s] != 0xFF08 && t->cp[s] != '('))
		return s;
	k = cn_ordinal(t, s + 1, e);
	if (!k || s + 1 + k >= e || (t->cp[s + 1 + k] != 0xFF09 && t->cp[s + 1 + k] != ')'))
		return s;
	*hs = s;
	stop = xt_find(t, s, e, "。");
	if (stop == XT_NONE && e - s <= 40)
		stop = e;
	if (stop != XT_NONE && stop - s <= 32) {
		*he = stop;
		return stop < e ? stop + 1 : e;
	}
	*he = s + k + 2;
	return s + k + 2;
}

static char *section_text(const struct xctx *x)
{
	struct strbuf sb = STRBUF_INIT;
	char *a;

	if (x->h1s != XT_NONE) {
		a = xt_dup(x->t, x->h1s, x->h1e);
		strbuf_addstr(&sb, a);
		free(a);
	}
	if (x->h2s != XT_NONE) {
		a = xt_dup(x->t, x->h2s, x->h2e);
		strbuf_addf(&sb, "%s%s", sb.len ? " / " : "", a);
		free(a);
	}
	return sb.len ? strbuf_detach(&sb) : NULL;
}

/* ---- clauses ---------------------------------------------------------- */

static const char *const connectives[] = {
	"下一步", "下步", "同时", "此外", "另外", "今后", "首先", "其次", "最后", "为此",
	"对此", "接下来", "下阶段", "下一阶段", "第一", "第二", "第三", "第四", "第五", NULL
};
static const char *const mile_verbs[] = {
	"出台", "制定", "印发", "发布", "遴选", "建成", "启动", "开工", "竣工", "投用",
	"投入使用", "验收", "编制", "挂牌", "成立", "召开", "补充", "修订", "上线",
	"开通", "通车", "交付", "完成", "组建", "提出", "形成", NULL
};
/* Leading words skipped when looking at what a clause does. */
static const char *const lead_words[] = {
	"我市", "我局", "我们", "我区", "我县", "我委", "本局", "也", "仍", "还", "将", "要",
	"力争", "争取", "计划", "拟", "继续", "持续", "进一步", "着力", "深入", "切实",
	"全力", "积极", "并", "同时", "视情况", "适时", "下一步", "下步", "今后", "加快",
	"努力", "确保", "全面", "大力", "认真", NULL
};

static const char *const partners[] = { "会同", "联合", "配合", "协同", "牵头", NULL };

/* "一是", "二是", "（1）", "1."/"1、": a list item's marker; its length. */
static size_t list_marker(const struct xtext *t, size_t i, size_t e)
{
	size_t k = cn_ordinal(t, i, e);

	if (k && xt_at(t, i + k, e, "是"))
		return k + 1;
	if (i + 2 < e && (t->cp[i] == 0xFF08 || t->cp[i] == '(') && xt_digit(t->cp[i + 1]) >= 0 &&
	    (t->cp[i + 2] == 0xFF09 || t->cp[i + 2] == ')'))
		return 3;
	if (i + 1 < e && xt_digit(t->cp[i]) >= 0 && (t->cp[i + 1] == 0x3001 ||
						   t->cp[i + 1] == 0xFF0E))
		return 2;
	return 0;
}

static size_t skip_lead(const struct xtext *t, size_t i, size_t e)
{
	size_t k, ds, de;

	i += list_marker(t, i, e);
	if (xt_find_dept(t, i, e, &ds, &de) && ds == i)
		i = de;
	while (i < e && (k = xt_at_any(t, i, e, lead_words, NULL)))
		i += k;
	/* "会同市财政局": who helps, not what is done. */
	if ((k = xt_at_any(t, i, e, partners, NULL)) && xt_find_dept(t, i + k, e, &ds, &de) &&
	    ds == i + k)
		i = de;
	return i;
}

static bool is_connective(const struct xtext *t, const struct xclause *c)
{
	size_t k = xt_at_any(t, c->s, c->e, connectives, NULL);

	return (k && c->s + k == c->e) || c->e - c->s <= list_marker(t, c->s, c->e);
}

static void clause_scan(const struct xctx *x, struct xclause *c)
{
	const struct xtext *t = x->t;
	size_t pos, lead = skip_lead(t, c->s, c->e);
	bool yao;

	memset(&c->tg, 0, sizeof(c->tg));
	c->strong = xc_strong(t, c->s, c->e) != XT_NONE;
	c->weak = xc_weak(t, c->s, c->e, &yao) > 0;
	c->target = xt_target(t, c->s, c->e, &c->tg, &pos);
	c->when = xt_deadline(t, c->s, c->e, x->r->meta.date, &c->w) && !c->w.past;
	c->mile = xt_at_any(t, lead, c->e, mile_verbs, NULL) > 0;
	c->dated_deliverable = c->when && xt_find_any(t, lead, lead + 16 < c->e ? lead + 16 : c->e,
						      mile_verbs, NULL) != XT_NONE;
	c->conn = is_connective(t, c);
}

/* Splits [s, e) into clauses at commas and colons, into x->cl. */
static size_t clauses(struct xctx *x, size_t s, size_t e)
{
	size_t n = 0;

	while (s < e) {
		size_t ce = xc_clause_end(x->t, s, e);

		while (s < ce && xt_space(x->t->cp[s]))
			s++;
		if (ce > s) {
			if (n == x->clcap) {
				x->clcap = x->clcap ? x->clcap * 2 : 16;
				x->cl = xrealloc(x->cl, x->clcap * sizeof(*x->cl));
			}
			x->cl[n].s = s;
			x->cl[n].e = ce;
			clause_scan(x, &x->cl[n++]);
		}
		s = ce + 1;
	}
	return n;
}

static void clauses_release(struct xctx *x, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(x->cl[i].tg.unit);
}

/* ---- one commitment from clauses [a, b] ------------------------------ */

/* A clause ending in a colon introduces a list ("重点做好以下工作："): it
 * is no commitment itself, its items are. */
static bool header(const struct xctx *x, size_t k)
{
	uint32_t c = x->cl[k].e < x->t->n ? x->t->cp[x->cl[k].e] : 0;

	return c == 0xFF1A || c == ':';
}

static bool trailing_punct(uint32_t c)
{
	return xt_space(c) || c == 0xFF0C || c == ',' || c == 0x3001 || c == 0xFF1B ||
	       c == ';' || c == 0x3002 || c == 0xFF1A || c == ':';
}

static char *make_title(const struct xctx *x, size_t a, size_t b)
{
	const struct xtext *t = x->t;
	size_t k = a, s, e;
	struct strbuf sb = STRBUF_INIT;
	char *txt;

	while (k < b && (x->cl[k].conn || x->cl[k].e - skip_lead(t, x->cl[k].s, x->cl[k].e) < 4))
		k++;
	for (size_t j = a; j <= b; j++)
		if (x->cl[j].target) {
			k = j;
			break;
		}
	s = skip_lead(t, x->cl[k].s, x->cl[k].e);
	e = x->cl[k].e;
	if (e - s < 3)
		s = x->cl[k].s;
	txt = xt_dup(t, s, e - s > 20 ? s + 20 : e);
	strbuf_addstr(&sb, txt);
	if (e - s > 20)
		strbuf_addstr(&sb, "…");
	free(txt);
	return strbuf_detach(&sb);
}

/* "市交通运输局" in a letter of 宁波市交通运输局 is the issuer itself: a
 * name that, less a leading 市/县/区, ends the issuer's name. */
static bool names_issuer(const char *name, const char *issuer)
{
	size_t n, m;

	if (!issuer)
		return false;
	if (!strncmp(name, "市", 3) || !strncmp(name, "县", 3) || !strncmp(name, "区", 3))
		name += 3;
	n = strlen(name), m = strlen(issuer);
	return n >= 6 && n < m && !strcmp(issuer + m - n, name);
}

static char *resolve(const struct xctx *x, char *name)
{
	char *c;

	if (name && names_issuer(name, x->r->meta.issuer)) {
		free(name);
		name = xstrdup(x->r->meta.issuer);
	}
	if (!name || !x->o->resolve)
		return name;
	c = x->o->resolve(name, x->o->resolve_ctx);
	if (!c)
		return name;
	free(name);
	return c;
}

static char *pick_owner(struct xctx *x, const struct xsent *st, size_t a, size_t b)
{
	const struct letter *m = &x->r->meta;
	/* A subject named earlier in the sentence is carried in x->named, so
	 * only the start of the sentence and the group itself are read. */
	size_t from = x->cl[a].s - st->s < 60 ? st->s : x->cl[a].s;
	char *o = xo_named(x->t, from, x->cl[b].e);

	if (o) {
		free(x->named);
		x->named = xstrdup(o);
		return resolve(x, o);
	}
	if (x->named)
		return resolve(x, xstrdup(x->named));
	o = xo_by_topic(x->t, x->h1s, x->h1e, x->h2s, x->h2e, m);
	if (!o)
		o = xstrdup(x->o->owner_default ? x->o->owner_default : m->issuer);
	return resolve(x, o);
}

/* The departments a clause says it works with: "会同市发改局、市财政局和
 * 县自然资源和规划局" gives three co-owners (the lead is never one). */
static void pick_co_owners(struct xctx *x, struct proposal *p, size_t from, size_t to)
{
	size_t k, i, ds, de;

	i = xt_find_any(x->t, from, to, partners, &k);
	if (i == XT_NONE || xt_at(x->t, i, to, "牵头"))
		return;
	for (i += k; xt_find_dept(x->t, i, to, &ds, &de) && ds <= i + 1; i = de) {
		char *name = resolve(x, xt_dup(x->t, ds, de));
		if (!p->owner || strcmp(name, p->owner)) {
			if (!strlist_has(&p->co_owners, name))
				strlist_push(&p->co_owners, name);
		}
		free(name);
		/* Names in a list are joined by 、 or 和/及/与. */
		if (de < to && (x->t->cp[de] == 0x3001 || x->t->cp[de] == 0x548C ||
				x->t->cp[de] == 0x53CA || x->t->cp[de] == 0x4E0E))
			de++;
	}
}

static void set_when(struct xctx *x, struct proposal *p, const struct xsent *st,
		     size_t a, size_t b, struct xwhen *carry)
{
	size_t k;

	for (k = a; k <= b; k++)
		if (x->cl[k].when) {
			*carry = x->cl[k].w;
			break;
		}
	if (carry->due == 0 && carry->start == 0 && x->list_when_set &&
	    (st->list || list_marker(x->t, x->cl[a].s, x->cl[a].e)))
		*carry = x->list_when;
	if (carry->due || carry->start) {
		p->window_start = carry->start;
		p->due = carry->due;
	} else {
		p->window_start = x->r->meta.date;
		p->due = DATE_NONE;
	}
}

static void emit(struct xctx *x, const struct xsent *st, size_t a, size_t b, double conf,
		 struct xwhen *carry)
{
	const struct xtext *t = x->t;
	size_t qs = x->cl[a].s, qe = x->cl[b].e, k;
	struct proposal *p;

	qs += list_marker(t, qs, qe);
	while (qe > qs && trailing_punct(t->cp[qe - 1]))
		qe--;
	if (qe - qs < 4 || header(x, b))
		return;
	p = proposal_new(x);
	p->quote = xt_dup(t, qs, qe);
	p->quote_offset = qs;
	p->quote_byte = t->bo[qs];
	p->section = section_text(x);
	p->title = make_title(x, a, b);
	p->kind = KIND_ONGOING;
	for (k = a; k <= b && !p->target.present; k++)
		if (x->cl[k].target) {
			p->target = x->cl[k].tg;
			p->target.unit = xstrdup(x->cl[k].tg.unit);
			p->kind = KIND_QUANTITATIVE;
			conf += 0.05;
		}
	set_when(x, p, st, a, b, carry);
	if (p->due != DATE_NONE)
		conf += 0.05;
	if (p->kind == KIND_ONGOING && (x->cl[a].mile || x->cl[a].dated_deliverable ||
					(p->due != DATE_NONE && (x->cl[b].mile || x->cl[b].dated_deliverable))))
		p->kind = KIND_MILESTONE;
	p->owner = pick_owner(x, st, a, b);
	pick_co_owners(x, p, x->cl[a].s - st->s < 60 ? st->s : x->cl[a].s, x->cl[b].e);
	p->confidence = conf > 0.95 ? 0.95 : conf;
	p->flags = (p->owner ? 0 : EXTRACT_NO_OWNER) | (p->due == DATE_NONE ? EXTRACT_NO_DATE : 0) |
		   (p->kind == KIND_ONGOING ? EXTRACT_NOT_MEASURABLE : 0);
}

/* ---- one sentence ----------------------------------------------------- */

/* What the commitment being built holds so far. */
struct xgroup {
	bool target, when;
	size_t substance;         /* code points outside connectives */
};

static void group_add(struct xgroup *g, const struct xclause *c)
{
	g->target = g->target || c->target;
	g->when = g->when || c->when;
	if (!c->conn)
		g->substance += c->e - c->s;
}

/* Where a new commitment starts: a second target, a new deadline, a new
 * future verb or deliverable, or an action after a measured one. */
static bool splits(const struct xctx *x, const struct xgroup *g, size_t b,
		   const struct xclause *c)
{
	if (header(x, b))
		return true;
	if (g->substance < 6 || c->conn)
		return false;
	return (c->target && g->target) || (c->when && (g->when || g->target)) || c->strong ||
	       c->mile || (g->target && c->weak);
}

static size_t first_clause(const struct xctx *x, const struct xsent *st, size_t n)
{
	size_t j = 0;

	if (st->cls == XC_FUT && st->strong != st->s) {
		while (j + 1 < n && x->cl[j].e <= st->strong)
			j++;
		while (j > 0 && (x->cl[j - 1].weak || x->cl[j - 1].target || x->cl[j - 1].mile ||
				 list_marker(x->t, x->cl[j - 1].s, x->cl[j - 1].e)) &&
		       !xc_past(x->t, x->cl[j - 1].s, x->cl[j - 1].e))
			j--;
	}
	while (j + 1 < n && x->cl[j].conn && !x->cl[j].strong)
		j++;
	return j;
}

static void emit_sentence(struct xctx *x, const struct xsent *st, double conf)
{
	size_t n = clauses(x, st->s, st->e), a, k;
	struct xgroup g;
	struct xwhen carry;

	memset(&carry, 0, sizeof(carry));
	if (!n)
		return;
	a = first_clause(x, st, n);
	for (k = 0; k < a; k++)     /* "2023年，我局将…": the opening year holds */
		if (x->cl[k].when)
			carry = x->cl[k].w;
	memset(&g, 0, sizeof(g));
	group_add(&g, &x->cl[a]);
	for (k = a + 1; k < n; k++) {
		if (splits(x, &g, k - 1, &x->cl[k])) {
			emit(x, st, a, k - 1, conf, &carry);
			a = k;
			memset(&g, 0, sizeof(g));
		}
		group_add(&g, &x->cl[k]);
	}
	emit(x, st, a, n - 1, conf, &carry);
	clauses_release(x, n);
}

/* ---- one paragraph ---------------------------------------------------- */

static bool sentence_end(uint32_t c)
{
	return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B || c == '!' ||
	       c == '?' || c == ';';
}

static size_t sentences(const struct xctx *x, size_t s, size_t e, struct xsent **v, size_t *cap)
{
	const struct xtext *t = x->t;
	size_t n = 0;

	while (s < e) {
		size_t k = s;

		/* No real sentence is this long; the cap keeps the work per
		 * sentence bounded whatever the input. */
		while (k < e && !sentence_end(t->cp[k]) && k - s < MAX_SENTENCE)
			k++;
		while (s < k && xt_space(t->cp[s]))
			s++;
		if (k > s) {
			if (n == *cap) {
				*cap = *cap ? *cap * 2 : 16;
				*v = xrealloc(*v, *cap * sizeof(**v));
			}
			(*v)[n].s = s;
			(*v)[n].e = k;
			(*v)[n].list = list_marker(t, s, k) > 0;
			(*v)[n].cls = xc_classify(t, s, k, x->r->meta.date, &(*v)[n].strong,
						  &(*v)[n].yao);
			n++;
		}
		s = k + 1;
	}
	return n;
}

/* Where the first "一是" of [s, e) is, or XT_NONE. */
static size_t first_item(const struct xtext *t, size_t s, size_t e)
{
	size_t i;

	for (i = s; i + 1 < e; i++)
		if (t->cp[i] == 0x4E00 && t->cp[i + 1] == 0x662F &&
		    (i == s || xt_punct(t->cp[i - 1])))
			return i;
	return XT_NONE;
}

static bool list_when_in(struct xctx *x, size_t s, size_t e, bool whole_year)
{
	struct xwhen w;
	size_t i;
	int y, m, d;

	for (i = s; i < e && xt_deadline(x->t, i, e, x->r->meta.date, &w);
	     i = w.pos + (w.len ? w.len : 1)) {
		if (w.past || xt_at(x->t, w.pos + w.len, e, "以来"))
			continue;
		date_to_ymd(w.start, &y, &m, &d);
		if (whole_year && !(m == 1 && d == 1 && w.due == date_from_ymd(y, 12, 31)))
			continue;
		x->list_when = w;
		return x->list_when_set = true;
	}
	return false;
}

/* A deadline at the head of a numbered list ("2023年，…：一是…二是…")
 * holds for every item of the paragraph; so does a year stated in the
 * first item ("一是…力争2023年…"), but not a date that item names for
 * itself ("一是9月底前完成…"). */
static void list_default(struct xctx *x, const struct xsent *v, size_t n)
{
	size_t p = first_item(x->t, v[0].s, v[n - 1].e), e;

	x->list_when_set = false;
	if (p == XT_NONE || list_when_in(x, v[0].s, p, false))
		return;
	for (e = p; e < v[n - 1].e && x->t->cp[e] != 0xFF1B && x->t->cp[e] != 0x3002; e++)
		;
	list_when_in(x, p, e, true);
}

/* FUTURE_LIST: a list item after an item that was a plan; it is one too
 * unless a report follows it. */
enum xstate { ST_NEUTRAL_, ST_FUTURE_, ST_FUTURE_LIST_, ST_PAST_ };

/* Whether the next sentence that says anything is a report, which makes a
 * weak sentence before it that report's topic sentence. */
static void mark_topics(const struct xsent *v, size_t n, bool *topic)
{
	enum xclass next = XC_NONE;
	size_t i;

	for (i = n; i-- > 0;) {
		topic[i] = next == XC_PAST || next == XC_PASTL;
		if (v[i].cls != XC_NONE && v[i].cls != XC_BOILER)
			next = v[i].cls;
	}
}

static double choose(const struct xsent *st, enum xstate state, bool topic)
{
	switch (st->cls) {
	case XC_FUT:
		return 0.85;
	case XC_WEAK:
		if (state == ST_FUTURE_)
			return 0.7;
		if (state == ST_FUTURE_LIST_)
			return topic ? 0 : 0.6;
		if (state == ST_NEUTRAL_ && !topic)
			return st->yao ? 0.35 : 0.5;
		return 0;
	case XC_NONE:
		if (state == ST_FUTURE_LIST_)
			return topic ? 0 : 0.5;
		return state == ST_FUTURE_ ? 0.55 : 0;
	default:
		return 0;
	}
}

static void do_paragraph(struct xctx *x, size_t s, size_t e, struct xsent **v, size_t *cap,
			 bool **topic, size_t *tcap)
{
	size_t n = sentences(x, s, e, v, cap), i;
	enum xstate state = ST_NEUTRAL_;
	bool head_future = false, seen_list = false;

	if (!n)
		return;
	if (n > *tcap) {
		*tcap = n;
		*topic = xrealloc(*topic, n * sizeof(**topic));
	}
	mark_topics(*v, n, *topic);
	list_default(x, *v, n);
	free(x->named);
	x->named = NULL;
	for (i = 0; i < n; i++) {
		const struct xsent *st = &(*v)[i];
		double conf;

		if (st->list) {
			seen_list = true;
			state = head_future ? ST_FUTURE_ :
				state == ST_FUTURE_ || state == ST_FUTURE_LIST_ ? ST_FUTURE_LIST_ :
				ST_NEUTRAL_;
		}
		conf = choose(st, state, (*topic)[i]);
		if (conf > 0)
			emit_sentence(x, st, conf);
		if (st->cls == XC_FUT) {
			state = ST_FUTURE_;
			head_future = head_future || !seen_list;
		} else if (st->cls == XC_PAST) {
			state = ST_PAST_;
			free(x->named);
			x->named = NULL;
		}
	}
}

/* ---- the letter ------------------------------------------------------- */

/* The body starts after the addressee line ("罗冲代表："), else after the
 * title line, else at the top. */
static size_t body_start(const struct xtext *t, const struct xline *l, size_t n)
{
	size_t i;

	for (i = 0; i < n && i < 15; i++)
		if (l[i].e - l[i].s <= 30 && (t->cp[l[i].e - 1] == 0xFF1A || t->cp[l[i].e - 1] == ':') &&
		    xt_find(t, l[i].s, l[i].e, "签发人") == XT_NONE)
			return i + 1;
	for (i = 0; i < n && i < 15; i++)
		if (xt_find(t, l[i].s, l[i].e, "答复") != XT_NONE && l[i].e - l[i].s < 60)
			return i + 1;
	return 0;
}

/* The signature block: a line that is only a date or only the issuer. */
static bool signature_line(const struct xctx *x, const struct xline *l)
{
	int32_t d;
	size_t k = xt_abs_date(x->t, l->s, l->e, &d);
	const char *issuer = x->r->meta.issuer;
	size_t len = x->t->bo[l->e] - x->t->bo[l->s];

	if (k && l->s + k == l->e)
		return true;
	return issuer && strlen(issuer) == len && !memcmp(issuer, x->t->s + x->t->bo[l->s], len);
}

static void do_line(struct xctx *x, const struct xline *l, struct xsent **v, size_t *cap,
		    bool **topic, size_t *tcap)
{
	size_t h = heading1(x->t, l->s, l->e), body = l->s;

	if (signature_line(x, l))
		return;

	if (h) {
		x->h1s = l->s;
		x->h1e = l->s + h;
		x->h2s = x->h2e = XT_NONE;
		body = l->s + h < l->e ? l->s + h + 1 : l->e;
	} else {
		size_t hs = XT_NONE, he = XT_NONE;

		body = heading2(x->t, l->s, l->e, &hs, &he);
		if (hs != XT_NONE) {
			x->h2s = hs;
			x->h2e = he;
		}
	}
	if (body < l->e)
		do_paragraph(x, body, l->e, v, cap, topic, tcap);
}

static void walk(struct xctx *x, const struct xline *lines, size_t n)
{
	struct xsent *v = NULL;
	bool *topic = NULL;
	size_t cap = 0, tcap = 0, i;

	x->h1s = x->h1e = x->h2s = x->h2e = XT_NONE;
	for (i = body_start(x->t, lines, n); i < n; i++)
		do_line(x, &lines[i], &v, &cap, &topic, &tcap);
	free(v);
	free(topic);
	free(x->cl);
	free(x->named);
	x->cl = NULL;
	x->named = NULL;
}

/* "慈经信建〔2023〕3号" gives "2023-3" when there is no suggestion number. */
static char *key_prefix(const struct extract_options *o, const struct letter *m)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p;

	if (o->key_prefix)
		return xstrdup(o->key_prefix);
	if (m->suggestion_no)
		return xstrdup(m->suggestion_no);
	for (p = m->doc_no; p && *p; p++) {
		if (*p >= '0' && *p <= '9')
			strbuf_addch(&sb, *p);
		else if (sb.len && sb.buf[sb.len - 1] != '-')
			strbuf_addch(&sb, '-');
	}
	while (sb.len && sb.buf[sb.len - 1] == '-')
		sb.buf[--sb.len] = '\0';
	if (!sb.len)
		strbuf_addstr(&sb, "x");
	return strbuf_detach(&sb);
}

static void assign_keys(const struct extract_options *o, struct extract_result *r)
{
	char *prefix = key_prefix(o, &r->meta);
	size_t i, number = 0;

	for (i = 0; i < r->n; i++) {
		struct strbuf sb = STRBUF_INIT;

		do {
			strbuf_reset(&sb);
			strbuf_addf(&sb, "%s-%02zu", prefix, ++number);
		} while (o->key_taken && o->key_taken(sb.buf, o->resolve_ctx));
		r->items[i].key = strbuf_detach(&sb);
	}
	free(prefix);
}

int extract_letter(const char *data, size_t len, const struct extract_options *opts,
		   struct extract_result *out, struct trk_error *err)
{
	static const struct extract_options none;
	struct xctx x;
	struct xtext t;
	struct xline *lines = NULL;
	size_t n;
	int rc;

	memset(out, 0, sizeof(*out));
	out->meta.date = DATE_NONE;
	rc = textenc_decode(data, len, &out->text, &out->text_len, &out->encoding, err);
	if (rc)
		return rc;
	memset(&x, 0, sizeof(x));
	x.o = opts ? opts : &none;
	x.r = out;
	x.t = &t;
	xtext_init(&t, out->text, out->text_len);
	n = xtext_lines(&t, &lines);
	xt_meta(&t, lines, n, &out->meta);
	walk(&x, lines, n);
	assign_keys(x.o, out);
	free(lines);
	xtext_release(&t);
	if (!out->n)
		return trk_err(err, TRK_EINPUT, "no commitments found in the letter");
	return 0;
}
