/* extract.c - from a reply letter to proposed commitments (extract.h).
 *
 * The letter is read paragraph by paragraph. Each sentence is classed by
 * tense (extract_class.c); a small state machine per paragraph carries a
 * future frame ("下一步，我市将…") over the sentences after it and a report
 * frame ("2022年累计…") likewise, and a sentence with only weak markers
 * (继续、推进…) counts as a plan unless the report it introduces follows.
 * A chosen sentence is cut into clauses, each known by its role - a line
 * of work, a deliverable, a measure (target, deadline, indicator), framing
 * (time, partner, basis), a result, a report - and clauses are grouped into
 * commitments by the granularity rule of tests/extract/QUALITY.md: framing
 * goes with what it frames, a line of work and a measure after it are two,
 * a measure of the deliverable just named stays with it, an action with
 * its result stands apart, a second deadline or target or a new
 * deliverable starts anew. */
#include "extract/extract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/date.h"
#include "extract/extract_class.h"
#include "extract/extract_int.h"
#include "util/strbuf.h"
#include "util/textenc.h"
#include "util/utf8.h"
#include "util/banned.h"

#define MAX_SENTENCE 1000

struct xclause {
	size_t s, e;
	bool strong, weak, target, when, mile, conn, approx;
	bool past;                /* "已完成…": a report inside the sentence */
	bool line;                /* a line of work: "加大…力度", "进一步完善…机制" */
	bool indicator;           /* a rate or share to reach: "参与率达到95%以上" */
	bool own_object;          /* its dated deliverable has an object: "6月底前提出…方案" */
	bool own_when;            /* a deadline other than the one in force (per sentence) */
	bool frame;               /* a partner, a basis or a period (framing_clause) */
	bool effect;              /* the result of the action before: "有效防范…" */
	bool dated_deliverable;   /* "于6月底前出台…": a milestone, not a split point */
	bool coverage;            /* a state to reach, all of it: "…5G网络全覆盖" */
	bool cond;                /* opened by a condition: "待条件成熟后，", "如…，" */
	struct target tg;
	struct xwhen w;
};

struct xsent {
	size_t s, e;
	uint32_t end;             /* the punctuation that ends it, or 0 */
	enum xclass cls;
	bool list;
	bool yao;
	size_t strong;
};

/* What the heading over a passage says it is. */
enum xsection { SEC_NONE, SEC_PAST, SEC_GUIDE, SEC_GOALS, SEC_FUTURE };

struct xctx {
	const struct xtext *t;
	const struct extract_options *o;
	struct extract_result *r;
	size_t cap;
	int32_t ref;                   /* the date relative deadlines count from */
	enum extract_kind kind;
	enum xsection sec1, sec2;      /* of the "一、" and "（一）" headings */
	bool scope;                    /* "将采取以下措施：" was read: list items follow */
	bool item_line;                /* the line starts with a list marker */
	size_t turn;                   /* where the reply turns to what it will do */
	size_t owners_from;            /* first proposal an owner parenthesis names */
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
	free(p->tracked_key);
}

void extract_result_release(struct extract_result *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		proposal_release(&r->items[i]);
	free(r->items);
	for (i = 0; i < r->n_owners; i++) {
		free(r->owners[i].name);
		strlist_release(&r->owners[i].aliases);
	}
	free(r->owners);
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
static const char *const item_punct[] = { "，", "；", ",", ";", NULL };

static size_t heading1(const struct xtext *t, size_t s, size_t e)
{
	size_t k = cn_ordinal(t, s, e), stop;

	if (!k || s + k >= e || (t->cp[s + k] != 0x3001 && t->cp[s + k] != 0xFF0E))
		return 0;
	stop = xt_find(t, s, e, "。");
	if (stop == XT_NONE)
		return e - s <= 40 ? e - s : 0;
	/* "二、目前区政府已有扩建计划，待资金落实后将尽快实施。" alone on its
	 * line: an item that is a sentence with clauses, not a heading over
	 * the text after it ("一、强化监督，确保施工质量。针对…") */
	if (stop + 1 >= e && xt_find_any(t, s, stop, item_punct, NULL) != XT_NONE)
		return 0;
	return stop - s <= 40 ? stop - s : 0;
}

/* "（一）…" heading: sets the heading extent and returns where the body
 * starts, or s when the line is no such heading. letter: the date a time
 * is ahead of (DATE_NONE: none is). */
static size_t heading2(const struct xtext *t, size_t s, size_t e, int32_t letter, size_t *hs,
		       size_t *he)
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
	/* "（二）我局将于年底前完成全部电梯的安全检测。" alone on its line: an
	 * item that says what will be done, not a heading over the text after
	 * it ("（一）加大资金支持。2024年计划…"). A heading may hold clauses
	 * ("（一）减轻企业负担，稳定就业岗位。"), never a future marker or a
	 * time ahead of the letter ("（三）2024年6月底前出台《…办法》。"). */
	if (stop != XT_NONE && stop + 1 >= e && (xc_strong(t, s + k + 2, stop) != XT_NONE ||
						 xc_future_time(t, s + k + 2, stop, letter))) {
		*he = s + k + 2;
		return s + k + 2;
	}
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
	"开通", "通车", "交付", "完成", "组建", "提出", "形成", "列出", "公布", "规划建设", "新开工",
	"新建",
	NULL
};
/* Verbs and adverbs of a line of work: effort in a direction, followed by
 * its progress rather than checked by a number or a date. */
static const char *const line_verbs[] = {
	"推进", "推动", "加大", "加强", "完善", "健全", "深化", "扩大", "优化", "落实", "强化",
	"巩固", "督促", "指导", "支持", "鼓励", "引导", "提升", "做好", "抓好", "开展", NULL
};
static const char *const line_adverbs[] = {
	"继续", "持续", "进一步", "加快", "深入", "着力", "切实", "全力", "大力", "积极", "努力",
	"不断", NULL
};
/* Adverbs that state the result of the action before ("加强就业监测分析，
 * 有效防范规模性失业风险"; "合理配置…", "大幅提升…"). */
static const char *const effect_adverbs[] = { "有效", "合理", "大幅", "显著", "明显", NULL };
/* Leading words skipped when looking at what a clause does. */
static const char *const lead_words[] = {
	"我市", "我局", "我们", "我区", "我县", "我委", "本局", "也", "仍", "还", "将", "要",
	"力争", "争取", "计划", "拟", "继续", "持续", "进一步", "着力", "深入", "切实",
	"全力", "积极", "并", "同时", "视情况", "适时", "下一步", "下步", "今后", "加快",
	"努力", "确保", "全面", "大力", "认真", "提早", "提前", "如期", "尽快", "及早", "抓紧", NULL
};

static const char *const partners[] = { "会同", "联合", "配合", "协同", "牵头", NULL };

/* "3.6月底前完成…", "10.9月底前…": an item's number and its dot, then a
 * month (no decimal: months are not counted in tenths); its length, or 0. */
static size_t month_after_item(const struct xtext *t, size_t i, size_t e)
{
	size_t d = 0, m = 0;

	while (i + d < e && d < 2 && xt_digit(t->cp[i + d]) >= 0)
		d++;
	if (!d || i + d >= e || t->cp[i + d] != '.')
		return 0;
	while (i + d + 1 + m < e && m < 2 && xt_digit(t->cp[i + d + 1 + m]) >= 0)
		m++;
	return m && i + d + 1 + m < e && t->cp[i + d + 1 + m] == 0x6708 ? d + 1 : 0;   /* 月 */
}

/* "一是", "二是", "（1）", "1."/"1、": a list item's marker; its length. */
static size_t list_marker(const struct xtext *t, size_t i, size_t e)
{
	size_t k = cn_ordinal(t, i, e);

	if (k && xt_at(t, i + k, e, "是"))
		return k + 1;
	/* "二、目前…，待…后将尽快实施。": an item that is no heading (heading1) */
	if (k && i + k < e && t->cp[i + k] == 0x3001)
		return k + 1;
	if (i + 2 < e && (t->cp[i] == 0xFF08 || t->cp[i] == '(') && xt_digit(t->cp[i + 1]) >= 0 &&
	    (t->cp[i + 2] == 0xFF09 || t->cp[i + 2] == ')'))
		return 3;
	if (i + 1 < e && xt_digit(t->cp[i]) >= 0 && (t->cp[i + 1] == 0x3001 ||
						   t->cp[i + 1] == 0xFF0E))
		return 2;
	if (i + 2 < e && xt_digit(t->cp[i]) >= 0 && t->cp[i + 1] == '.' && xt_digit(t->cp[i + 2]) < 0)
		return 2;
	if ((k = month_after_item(t, i, e)))
		return k;
	if (i + 3 < e && xt_digit(t->cp[i]) >= 0 && xt_digit(t->cp[i + 1]) >= 0 &&
	    (t->cp[i + 2] == '.' || t->cp[i + 2] == 0x3001) && xt_digit(t->cp[i + 3]) < 0)
		return 3;
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

static bool dept_char(uint32_t c);

static const char *const basis_words[] = {
	"根据", "依据", "按照", "依托", "对照", "围绕", "立足", "基于", NULL
};
/* "根据课后服务开展情况": a basis ends in a noun, whatever verb it holds. */
static const char *const basis_nouns[] = {
	"情况", "要求", "部署", "规划", "原则", "精神", "实际", "需要", "安排", "意见", "标准",
	"进度", NULL
};
static const char *const basis_ends[] = { "基础上", "前提下", "框架下", "指导下", NULL };
/* "如今后改造政策有变化", "若资金到位", "一旦发现": a condition. */
static const char *const if_words[] = { "如果", "假如", "倘若", "如遇", "如有", "一旦", "若", "如", NULL };
/* Words that start with 如 or 若 but set no condition: "如期完成". */
static const char *const not_if[] = {
	"如期", "如实", "如下", "如何", "如此", "如同", "如今", "若干", NULL
};

/* A clause that states the condition of the action after it (QUALITY.md,
 * rule 1); "如今后…" is 如 + 今后. */
static bool if_clause(const struct xtext *t, size_t i, size_t e)
{
	if (xt_at_any(t, i, e, not_if, NULL) && !xt_at(t, i, e, "如今后"))
		return false;
	return xt_at_any(t, i, e, if_words, NULL) && e - i >= 4 && e - i <= 24;
}

/* A clause that frames the action after it: who it is done with ("县教育局
 * 会同县发改局、县自然资源和规划局"), on what basis ("依据国家和省…清单",
 * "在前期诊断调研基础上"), on what condition ("如今后政策有变化"), or how
 * long a policy runs ("实施期限至…"). */
static const char *const answer_leads[] = { "针对", "对于", "对", "关于", "就", NULL };
static const char *const answered[] = { "建议", "提案", "意见", "问题", NULL };

/* A short clause that only says once what: "资金到位后", "项目批复以后". */
static bool after_clause(const struct xtext *t, size_t i, size_t e)
{
	static const char *const ends[] = { "之后", "以后", "后", NULL };
	size_t k;

	for (k = 0; ends[k]; k++) {
		size_t n = strlen(ends[k]) / 3;

		if (e - i >= n + 2 && e - i <= 16 && xt_at(t, e - n, e, ends[k]))
			return xc_strong(t, i, e) == XT_NONE && !xc_past(t, i, e) &&
			       xt_find_any(t, i, e, mile_verbs, NULL) == XT_NONE;
	}
	return false;
}

/* "由区市场监管局牵头", "区住建局配合": who leads or helps the action
 * after it, and nothing more (rule 1: the partner goes with what it frames). */
static const char *const lead_roles[] = {
	"牵头负责", "具体负责", "牵头", "负责", "配合", "协助", "协办", "主办", NULL
};

static bool lead_clause(const struct xtext *t, size_t i, size_t e)
{
	static const char *const joins[] = { "、", "和", "及", "与", NULL };
	size_t ds, de, k;

	if (xt_at(t, i, e, "由"))
		i++;
	/* one department, or several: "市财政局、市自然资源和规划局配合" */
	for (;;) {
		if (!xt_find_dept(t, i, e, &ds, &de) || ds != i)
			return false;
		if (!(k = xt_at_any(t, de, e, joins, NULL)) || !xt_find_dept(t, de + k, e, &ds, &i) ||
		    ds != de + k) {
			i = de;
			break;
		}
		i = de + k;
	}
	return (k = xt_at_any(t, i, e, lead_roles, NULL)) && i + k == e;
}

static bool framing_clause(const struct xtext *t, size_t s, size_t e)
{
	size_t i = s + list_marker(t, s, e), ds, de, k;

	if (lead_clause(t, i, e))
		return true;
	if (xt_find_dept(t, i, e, &ds, &de) && ds == i)
		i = de;
	while (i < e && (k = xt_at_any(t, i, e, lead_words, NULL)))
		i += k;
	if (xt_at_any(t, i, e, partners, NULL) && dept_char(t->cp[e - 1]))
		return true;
	if (if_clause(t, i, e))
		return true;
	/* "资金到位后，将组织施工": once a condition holds, a time (rule 1) */
	if (after_clause(t, i, e))
		return true;
	/* "对您提出的建议，…", "针对代表反映的问题，…", "您反映的城南路段，…":
	 * what it answers */
	if (xt_at_any(t, i, e, answer_leads, NULL) && e - i >= 5 &&
	    xt_at_any(t, e - 2, e, answered, NULL))
		return true;
	if (xc_told(t, i, e) && xc_strong(t, i, e) == XT_NONE)
		return true;
	/* "结合《2024—2026年…三年行动计划》": a document the work follows */
	if ((k = xt_at_any(t, i, e, basis_words, NULL)) || (k = xt_at(t, i, e, "结合")))
		if (i + k < e && t->cp[i + k] == 0x300A && t->cp[e - 1] == 0x300B)   /* 《 》 */
			return true;
	/* "结合城市更新，计划…": what the work goes with, no action of its own */
	if (xt_at(t, i, e, "结合") && e - i <= 24 && xt_find_any(t, i, e, line_verbs, NULL) == XT_NONE &&
	    xt_find_any(t, i, e, mile_verbs, NULL) == XT_NONE)
		return true;
	if (xt_at_any(t, i, e, basis_words, NULL))
		return (xt_find_any(t, i, e, line_verbs, NULL) == XT_NONE &&
			xt_find_any(t, i, e, mile_verbs, NULL) == XT_NONE) ||
		       (e - i > 4 && xt_at_any(t, e - 2, e, basis_nouns, NULL));
	if (t->cp[i] == 0x5728)                                   /* 在 */
		for (k = 0; basis_ends[k]; k++)
			if (e - i > 4 && xt_at(t, e - 3, e, basis_ends[k]))
				return true;
	return xt_at(t, i, e, "实施期限") || xt_at(t, i, e, "执行期限") || xt_at(t, i, e, "有效期");
}

/* A time and 起 or 开始, and nothing more: "2024年起", "今年9月开始". */
static bool since_clause(const struct xtext *t, size_t s, size_t e)
{
	static const char *const since[] = { "起", "开始", NULL };
	struct xwhen w;
	size_t k;

	if (!xt_deadline(t, s, e, DATE_NONE, &w) || w.pos != s)
		return false;
	k = xt_at_any(t, w.pos + w.len, e, since, NULL);
	return k && w.pos + w.len + k == e;
}

static bool is_connective(const struct xtext *t, const struct xclause *c)
{
	size_t k = xt_at_any(t, c->s, c->e, connectives, NULL), s = c->s;

	if ((k && c->s + k == c->e) || c->e - c->s <= list_marker(t, c->s, c->e) || c->frame)
		return true;
	/* "到2025年底前，…", "力争到2025年底，…", "今年，…": a time that the
	 * next clause is about. */
	s = skip_lead(t, s, c->e);
	s += xt_at(t, s, c->e, "到") + xt_at(t, s, c->e, "至");
	if (c->when && c->w.pos <= s && c->w.pos + c->w.len + 1 >= c->e)
		return true;
	/* "从2024年起，每学年…": when the work after it starts */
	s += xt_at(t, s, c->e, "从") + xt_at(t, s, c->e, "自");
	return since_clause(t, s, c->e);
}

/* "待条件成熟后": the condition of the action after it, not a split. */
static bool dai_clause(const struct xtext *t, const struct xclause *c)
{
	return c->e - c->s >= 3 && t->cp[c->s] == 0x5F85 &&
	       (t->cp[c->e - 1] == 0x540E || xt_at(t, c->e - 2, c->e, "以后"));
}

/* Past a place, where the verb of the clause is: after "在…上" or "在…中"
 * ("在年度重点涉外展会目录上补充…"), or a short place ("在原址规划建设…");
 * else i. */
static size_t past_locative(const struct xtext *t, size_t i, size_t e)
{
	if (i < e && t->cp[i] == 0x5728)                          /* 在 */
		for (size_t k = i + 2; k < e && k < i + 24 && !xt_punct(t->cp[k]); k++) {
			if (k <= i + 6 && xt_at_any(t, k, e, mile_verbs, NULL))
				return k;
			if ((t->cp[k] == 0x4E0A || t->cp[k] == 0x4E2D) &&    /* 上 中 */
			    xt_at_any(t, k + 1, e, mile_verbs, NULL))
				return k + 1;
		}
	return i;
}

/* Whether the clause's verb at lead (past a place) is a deliverable's;
 * "建成后可新增…" is a time, once the work is done, not a new deliverable. */
static bool deliverable_verb(const struct xtext *t, size_t lead, size_t e)
{
	size_t k = past_locative(t, lead, e), m = xt_at_any(t, k, e, mile_verbs, NULL);

	return m > 0 && !xt_at(t, k + m, e, "后");
}

/* What completes a deliverable verb without being its object: "建成通车",
 * "开工建设", "竣工投用", "建成并投入运营". */
static const char *const verb_results[] = {
	"通车", "投用", "使用", "运营", "运行", "开放", "营业", "投产", "并投入使用", "并投入运营",
	"并通车", "并投用", "建设", "实施", NULL
};

/* Whether the deliverable verb near the lead has an object after it
 * ("6月底前提出…方案"), unlike "第三季度投入使用" or "2025年建成通车". */
static bool verb_object(const struct xtext *t, size_t lead, size_t e)
{
	size_t k, r, v = xt_find_any(t, lead, lead + 16 < e ? lead + 16 : e, mile_verbs, &k);

	if (v == XT_NONE)
		return false;
	r = xt_at_any(t, v + k, e, verb_results, NULL);
	return e - (v + k) >= 2 && !(r && v + k + r == e);
}

/* What 争取 takes when it is the future's "strive to": a time or a verb
 * ("争取年底前完成", "争取早日开工", "争取列入…"). */
static const char *const strive_next[] = {
	"早日", "尽快", "尽早", "在", "于", "到", "今年", "明年", "年内", "年底", "实现", "完成",
	"建成", "开工", "通过", "列入", "纳入", "立项", "实施", "启动", "解决", "把", "将", "使", "让",
	NULL
};

/* "争取上级资金", "争取卫生室重建工作": 争取 with a noun is the verb "to
 * obtain", the aim of the actions before it, not a new future marker. */
static bool obtain_verb(const struct xtext *t, size_t sp, size_t e)
{
	size_t i = sp + 2;

	return xt_at(t, sp, e, "争取") && i < e && xt_digit(t->cp[i]) < 0 &&
	       !xt_at_any(t, i, e, strive_next, NULL);
}

/* Whether clause c opens with a condition: "待条件成熟后", "如项目争取成功",
 * "资金到位后". */
static bool cond_clause(const struct xtext *t, const struct xclause *c, size_t lead)
{
	size_t k = xt_find(t, c->s, c->e, "后");

	if (t->cp[lead] == 0x5F85 && k != XT_NONE)                     /* 待 */
		return true;
	return if_clause(t, lead, c->e) || after_clause(t, lead, c->e);
}

static void clause_scan(const struct xctx *x, struct xclause *c)
{
	const struct xtext *t = x->t;
	size_t pos, lead = skip_lead(t, c->s, c->e);
	bool yao;

	memset(&c->tg, 0, sizeof(c->tg));
	pos = xc_strong(t, c->s, c->e);
	c->strong = pos != XT_NONE && !obtain_verb(t, pos, c->e);
	c->weak = xc_weak(t, c->s, c->e, &yao) > 0;
	c->target = xt_target(t, c->s, c->e, &c->tg, &pos, &c->approx);
	c->when = xt_deadline(t, c->s, c->e, x->ref, &c->w) && !c->w.past;
	/* "2021年5月1日起按…执行": when it starts, not a deadline. */
	if (c->when && xt_at(t, c->w.pos + c->w.len, c->e, "起"))
		c->when = false;
	c->mile = deliverable_verb(t, lead, c->e);
	c->dated_deliverable = c->when && xt_find_any(t, lead, lead + 16 < c->e ? lead + 16 : c->e,
						      mile_verbs, NULL) != XT_NONE;
	c->frame = framing_clause(t, c->s, c->e);
	c->conn = is_connective(t, c) || dai_clause(t, c) || c->e - lead < 2;
	c->past = xc_past(t, c->s, c->e);
	c->line = !c->target && !c->when && !c->mile &&
		  (xt_find_any(t, c->s, lead + 2 < c->e ? lead + 2 : c->e, line_adverbs, NULL) != XT_NONE ||
		   xt_at_any(t, lead, c->e, line_verbs, NULL));
	c->effect = xt_at_any(t, lead, c->e, effect_adverbs, NULL) && !xt_at(t, lead, c->e, "有效期");
	c->indicator = c->target && c->tg.unit && !strcmp(c->tg.unit, "%") && c->tg.cmp != CMP_LE;
	c->own_object = c->dated_deliverable && verb_object(t, lead, c->e);
	c->coverage = !c->line && c->e - c->s > 5 && xt_at(t, c->e - 3, c->e, "全覆盖");
	c->cond = cond_clause(t, c, lead);
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
static const char *const header_words[] = {
	"以下", "如下", "下列", "方面", "措施", "目标", "任务", "工作", "内容", "重点", "要求",
	"包括", "其中", "分别", "是", "为", NULL
};

/* A colon that names a thing and then says which ("完成甸中河中小河流治理
 * 工程（一期）：旧寨村到下甸尾村…段治理工程，…") specifies, it opens no list:
 * no announcing word before it, no list marker after it. */
static bool inline_colon(const struct xtext *t, const struct xclause *c)
{
	size_t i = c->e + 1;

	while (i < t->n && xt_space(t->cp[i]))
		i++;
	if (i >= t->n || xt_punct(t->cp[i]) || list_marker(t, i, t->n) || !xt_han(t->cp[i]))
		return false;
	return xt_find_any(t, c->s, c->e, header_words, NULL) == XT_NONE;
}

static bool header(const struct xctx *x, size_t k)
{
	uint32_t c = x->cl[k].e < x->t->n ? x->t->cp[x->cl[k].e] : 0;

	return (c == 0xFF1A || c == ':') && !inline_colon(x->t, &x->cl[k]);
}

static bool trailing_punct(uint32_t c)
{
	return xt_space(c) || c == 0xFF0C || c == ',' || c == 0x3001 || c == 0xFF1B ||
	       c == ';' || c == 0x3002 || c == 0xFF1A || c == ':';
}

static bool bare_action(const struct xctx *x, const struct xclause *c, bool cond_open);
static bool funding_clause(const struct xtext *t, const struct xclause *c);

/* What comes after a sentence's subject: "城北学校项目已完成立项". */
static const char *const predicate_starts[] = {
	"已", "正在", "目前", "现已", "计划", "将", "拟", "预计", NULL
};

/* "城北学校项目已完成立项，计划2024年8月开工建设": a commitment that is only
 * a bare action ("2024年8月开工建设") takes the subject its sentence opened
 * with into its title, else the title does not say what starts. Adds it to
 * sb when clause 0, before the commitment's first clause a, opens with a
 * short subject. */
static void add_subject(const struct xctx *x, size_t a, size_t k, struct strbuf *sb)
{
	const struct xtext *t = x->t;
	size_t s, i;
	char *subject;

	if (a == 0 || !bare_action(x, &x->cl[k], false))
		return;
	s = skip_lead(t, x->cl[0].s, x->cl[0].e);
	for (i = s; i < x->cl[0].e && i - s <= 12 && xt_han(t->cp[i]) &&
	     !xt_at_any(t, i, x->cl[0].e, predicate_starts, NULL); i++)
		;
	if (i - s < 2 || i - s > 12 || i >= x->cl[0].e ||
	    !xt_at_any(t, i, x->cl[0].e, predicate_starts, NULL))
		return;
	subject = xt_dup(t, s, i);
	strbuf_addstr(sb, subject);
	free(subject);
}

/* Whether a time expression ("2025年底前", "今年6月底前", "每年4月前")
 * starts at i. */
static bool at_time(const struct xctx *x, size_t i, size_t e)
{
	struct xwhen w;

	return i < e && xt_deadline(x->t, i, e, x->ref, &w) && w.pos == i;
}

static char *make_title(const struct xctx *x, size_t a, size_t b)
{
	const struct xtext *t = x->t;
	size_t k = a, s, e;
	struct strbuf sb = STRBUF_INIT;
	char *txt;

	while (k < b && (x->cl[k].conn || x->cl[k].e - skip_lead(t, x->cl[k].s, x->cl[k].e) < 4))
		k++;
	/* the clause with the target, unless it only says what the work costs
	 * ("…启动前期设计，预计总投资380万元") */
	for (size_t j = a; j <= b; j++)
		if (x->cl[j].target && !funding_clause(t, &x->cl[j])) {
			k = j;
			break;
		}
	s = skip_lead(t, x->cl[k].s, x->cl[k].e);
	e = x->cl[k].e;
	if (e - s < 3)
		s = x->cl[k].s;
	/* "积极争取上级专项资金": 争取 with a noun is the verb, not a lead word */
	if (s >= x->cl[k].s + 2 && xt_at(t, s - 2, e, "争取") && obtain_verb(t, s - 2, e))
		s -= 2;
	/* "于2025年底前完成…": the time stays, its preposition goes */
	if (xt_at(t, s, e, "于") && at_time(x, s + 1, e))
		s++;
	add_subject(x, a, k, &sb);
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

/* Records that the letter writes canonical as written. */
static void owner_note(struct extract_result *r, const char *canonical, const char *written)
{
	size_t i;

	for (i = 0; i < r->n_owners && strcmp(r->owners[i].name, canonical); i++)
		;
	if (i == r->n_owners) {
		r->owners = xrealloc(r->owners, (r->n_owners + 1) * sizeof(*r->owners));
		memset(&r->owners[i], 0, sizeof(r->owners[i]));
		r->owners[i].name = xstrdup(canonical);
		r->n_owners++;
	}
	if (strcmp(canonical, written) && !strlist_has(&r->owners[i].aliases, written))
		strlist_push(&r->owners[i].aliases, written);
}

/* The one way a name becomes an owner, for lead and co-owners alike: the
 * store's name when it knows the name or its spelt-out form, else the
 * spelt-out form (extract_dept_canonical). Takes name; returns malloc'd. */
static char *resolve(const struct xctx *x, char *name)
{
	const char *issuer = x->r->meta.issuer;
	char *canon, *c = NULL;

	if (!name)
		return NULL;
	if (names_issuer(name, issuer)) {
		free(name);
		name = xstrdup(issuer);
	}
	canon = extract_dept_canonical(name, issuer);
	if (x->o->resolve && !(c = x->o->resolve(name, x->o->resolve_ctx)))
		c = x->o->resolve(canon, x->o->resolve_ctx);
	if (c) {
		free(canon);
		canon = c;
	}
	owner_note(x->r, canon, name);
	free(name);
	return canon;
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

/* The departments of a list from i ("市发改局、市财政局和县自然资源和规划局")
 * as co-owners of p (the lead is never one). */
static void add_co_owners(struct xctx *x, struct proposal *p, size_t i, size_t to)
{
	size_t ds, de;

	for (; xt_find_dept(x->t, i, to, &ds, &de) && ds <= i + 1; i = de) {
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

static bool clause_punct(uint32_t c)
{
	return c == 0xFF0C || c == ',' || c == 0xFF1B || c == ';' || c == 0x3002;
}

/* The departments a sentence says it works with: after a partner word
 * ("会同市发改局、市财政局"), or before a helper's role in a clause of their
 * own ("由市住建局牵头，市财政局、市自然资源和规划局配合，…"). */
static void pick_co_owners(struct xctx *x, struct proposal *p, size_t from, size_t to)
{
	static const char *const helper_roles[] = { "配合", "协助", "协办", NULL };
	size_t k, i = xt_find_any(x->t, from, to, partners, &k);

	if (i != XT_NONE && !xt_at(x->t, i, to, "牵头"))
		add_co_owners(x, p, i + k, to);
	for (i = xt_find_any(x->t, from, to, helper_roles, &k); i != XT_NONE;
	     i = xt_find_any(x->t, i + k, to, helper_roles, &k)) {
		size_t cs = i;

		while (cs > from && !clause_punct(x->t->cp[cs - 1]))
			cs--;
		if (cs < i && lead_clause(x->t, cs, i + k))
			add_co_owners(x, p, cs + xt_at(x->t, cs, i, "由"), i);
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
		p->window_start = x->ref;
		p->due = DATE_NONE;
	}
}

static enum xsection section(const struct xctx *x);

/* In a plan's goals, clauses [a, b] with no number, date or deliverable of
 * their own are an aim, not a commitment ("推动形成…良好社会环境"). */
static bool bare_goal(const struct xctx *x, size_t a, size_t b)
{
	if (x->kind != EXTRACT_PLAN || section(x) != SEC_GOALS)
		return false;
	for (size_t k = a; k <= b; k++)
		if (x->cl[k].target || x->cl[k].when || x->cl[k].mile)
			return false;
	return true;
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
	if (qe - qs < 4 || header(x, b) || bare_goal(x, a, b))
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
			if (x->cl[k].approx) {
				/* 左右: a tenth either side, the usual reading. */
				p->tolerance = p->target.value / 10;
				p->flags |= EXTRACT_APPROXIMATE;
			}
			conf += 0.05;
		}
	set_when(x, p, st, a, b, carry);
	if (carry->recurring)
		p->flags |= EXTRACT_RECURRING;
	if (p->due != DATE_NONE)
		conf += 0.05;
	if (p->kind == KIND_ONGOING && (x->cl[a].mile || x->cl[a].dated_deliverable ||
					(p->due != DATE_NONE && (x->cl[b].mile || x->cl[b].dated_deliverable))))
		p->kind = KIND_MILESTONE;
	p->owner = pick_owner(x, st, a, b);
	pick_co_owners(x, p, x->cl[a].s - st->s < 60 ? st->s : x->cl[a].s, x->cl[b].e);
	p->confidence = conf > 0.95 ? 0.95 : conf;
	p->flags |= (p->owner ? 0 : EXTRACT_NO_OWNER) | (p->due == DATE_NONE ? EXTRACT_NO_DATE : 0) |
		    (p->kind == KIND_ONGOING ? EXTRACT_NOT_MEASURABLE : 0);
}

/* ---- one sentence ----------------------------------------------------- */

/* What the commitment being built holds so far. */
struct xgroup {
	bool target, when;
	bool closed;              /* it ends with a result: the next action is new */
	bool line, deliverable;   /* a clause of a line of work; of a deliverable */
	size_t substance;         /* code points outside connectives */
};

static void group_add(struct xgroup *g, const struct xclause *c)
{
	g->target = g->target || c->target;
	g->when = g->when || c->when;
	if (!c->conn) {
		g->substance += c->e - c->s;
		g->line = g->line || c->line;
		g->deliverable = g->deliverable || c->mile;
	}
}

/* A line of work so far, nothing delivered or measured ("加强…建设，专注
 * 百强企业…，加快…全覆盖"). */
static bool group_line(const struct xgroup *g)
{
	return g->line && !g->deliverable && !g->target && !g->when;
}

/* "待项目建成投入使用后可有效解决…": what the work named before gives once
 * done, like "建成后可…", not a new commitment. */
static bool completion_result(const struct xtext *t, const struct xclause *c)
{
	static const char *const done[] = { "建成", "完工", "竣工", "投入使用", "投用", NULL };
	size_t k = xt_find(t, c->s, c->e, "后");

	return t->cp[c->s] == 0x5F85 && k != XT_NONE && k > c->s + 2 &&                /* 待 */
	       xt_find_any(t, c->s, k, done, NULL) != XT_NONE &&
	       (xt_at(t, k + 1, c->e, "可") || xt_at(t, k + 1, c->e, "将"));
}

/* What an action with no object of its own says: "适时组织实施", "待省厅
 * 终审后实施", "项目批准后即可实施建设工作". */
/* "进场开工": entering the site names no object either; nor does putting
 * what was just named into service ("试点开通2条…线路，第三季度投入运营":
 * its date, rule 5). */
static const char *const bare_verbs[] = {
	"进场开工", "进场施工", "组织实施", "组织施工", "启动实施", "开工建设", "动工建设", "实施", "开工", "动工", "启动", "建设",
	"施工", "治理", "改造", "解决", "落实",
	"投入运营", "投入使用", "开通运营", "建成通车", "建成投用", "建成使用", "通车", "投用", NULL
};
static const char *const bare_objects[] = { "建设工作", "工作", "建设", NULL };
/* "将予以治理": 予以 adds no object */
static const char *const bare_leads[] = {
	"即可", "方可", "再", "后", "予以", "预计", "早日", "会", "逐步", "阶段性", "分期", "进行", NULL
};

/* Whether clause c is such an action: past a 待…后 condition (begun in the
 * clause before when cond_open), its lead words and its date, only a bare
 * verb is left, with at most a word as general as 工作. */
static bool bare_action(const struct xctx *x, const struct xclause *c, bool cond_open)
{
	const struct xtext *t = x->t;
	size_t i = c->s, k;
	struct xwhen w;

	/* the condition first: "待省厅…" is no department's name */
	if ((cond_open || t->cp[i] == 0x5F85) && (k = xt_find(t, i, c->e, "后")) != XT_NONE)
		i = k + 1;                                            /* 待 */
	i = skip_lead(t, i, c->e);
	while ((k = xt_at_any(t, i, c->e, bare_leads, NULL)))
		i += k;
	if (xt_deadline(t, i, c->e, x->ref, &w) && w.pos == i)
		i += w.len + xt_at(t, i + w.len, c->e, "份");
	if (!(k = xt_at_any(t, i, c->e, bare_verbs, NULL)))
		return false;
	i += k;
	return i == c->e || i + xt_at_any(t, i, c->e, bare_objects, NULL) == c->e;
}

/* Two-character words too general to say two clauses share an object. */
static const char *const common_words[] = {
	"建设", "工作", "项目", "工程", "改造", "服务", "管理", "体系", NULL
};

/* Whether counted clause c makes what the text [s, e) works on: a word of
 * its object (two ideographs past its verb) is there ("推进污水管网建设，
 * 新建污水管网不少于8公里"), unlike "落实基本医保…政策，新建区域性养老服务
 * 中心15所". */
static bool same_object(const struct xtext *t, size_t s, size_t e, const struct xclause *c)
{
	size_t v = past_locative(t, skip_lead(t, c->s, c->e), c->e), i;

	v += xt_at_any(t, v, c->e, mile_verbs, NULL);
	for (i = v; i + 1 < c->e && xt_han(t->cp[i]) && xt_han(t->cp[i + 1]); i++) {
		char *w = xt_dup(t, i, i + 2);
		bool found = xt_find(t, s, e, w) != XT_NONE;
		int j;

		for (j = 0; common_words[j] && strcmp(common_words[j], w); j++)
			;
		free(w);
		if (found && !common_words[j])
			return true;
	}
	return false;
}

/* Where a new commitment starts: a second target, a new deadline, a new
 * future verb or deliverable, or an action after a measured one. The
 * marker of the sentence does not split it from the clauses read back
 * before it (own_marker) unless they hold a number or date: they say what
 * it is about ("目前正在进行施工，预计年底完工"). */
/* "逐步推进、分批实施": only how the work before is paced, with no object
 * of its own - the manner of that work (rule 2), not a new commitment. */
static bool manner_clause(const struct xtext *t, const struct xclause *c)
{
	static const char *const pace[] = {
		"逐步推进", "有序推进", "稳步推进", "分批实施", "分期实施", "分步实施", "逐年实施",
		"分年度实施", "分期分批", "逐年分批", "、", NULL
	};
	size_t i = c->s, k;

	while (i < c->e && (k = xt_at_any(t, i, c->e, pace, NULL)))
		i += k;
	return i == c->e && c->e > c->s;
}

/* "计划投入1.18亿元": money for the work named next, its measure (rule 4). */
static bool funding_clause(const struct xtext *t, const struct xclause *c)
{
	static const char *const spend[] = { "投入", "投资", "安排资金", "筹措", "筹集", NULL };

	return c->target && c->tg.unit && strstr(c->tg.unit, "元") &&
	       xt_find_any(t, c->s, c->e, spend, NULL) != XT_NONE;
}

/* Whether clauses [a, b] only say how much money the work gets. */
static bool funding_only(const struct xctx *x, size_t a, size_t b)
{
	bool any = false;

	for (size_t k = a; k <= b; k++) {
		if (x->cl[k].conn || x->cl[k].frame)
			continue;
		if (!funding_clause(x->t, &x->cl[k]))
			return false;
		any = true;
	}
	return any;
}

static bool splits(const struct xctx *x, const struct xgroup *g, size_t a, size_t b,
		   const struct xclause *c, bool own_marker)
{
	if (header(x, b))
		return true;
	/* "兴庆区计划投入1.18亿元，…对102个老旧小区…进行改造": the money is
	 * the measure of the work it is for, not a commitment apart */
	if (funding_only(x, a, b) || manner_clause(x->t, c))
		return false;
	/* "拟于2025年3月启动前期设计，预计总投资380万元": the money the work
	 * named before will cost is its measure, no commitment apart (rule 4) */
	if (funding_clause(x->t, c) && !c->when)
		return false;
	if (g->substance < 6 || c->conn)
		return false;
	if (g->closed)
		return true;
	/* "将积极与上级部门汇报沟通，待条件成熟后，将尽早组织实施": the step
	 * taken once the condition holds stays with the work that brings the
	 * condition about; only a date or number of its own cuts it (QUALITY.md,
	 * rule 9) */
	if (c->cond && !c->when && !c->target)
		return false;
	if (g->target || g->when)
		own_marker = false;
	/* An indicator is a target of its own; a line of work and the date
	 * after it are two commitments; so are a deliverable and a dated one
	 * with its own object ("出台《…》，力争9月底前完成…遴选工作"). */
	if (c->indicator || (c->own_when && group_line(g)) || (c->when && c->own_object))
		return true;
	/* "…，待用地手续完备，办理…手续后，开工建设": starting the work named before,
	 * with no object of its own, is no new deliverable (rule 6) */
	if (!(c->when && g->when) && bare_action(x, c, true))
		return false;
	if (completion_result(x->t, c))
		return false;
	/* "…比例达到100%，乡镇以上区域…5G网络全覆盖": full coverage is a second
	 * target, the 100% of its own field (rule 6). */
	if (c->coverage && g->target)
		return true;
	/* a line of work on another object after a deliverable is new (rule 6):
	 * "新建县第一人民医院，加快建设县级医疗物资储备中心" */
	if (c->line && (g->deliverable || g->target) && !c->strong &&
	    !same_object(x->t, x->cl[a].s, x->cl[b].e, c))
		return true;
	/* "…避免建设项目重复实施，同时加大道路开挖审批管理，…": 同时 in the
	 * sentence adds a line of work on another object (rule 6) */
	if (c->line && xt_at(x->t, c->s, c->e, "同时") && !same_object(x->t, x->cl[a].s, x->cl[b].e, c))
		return true;
	/* a count of what the same work makes stays with it (rule 4) */
	if (c->mile && c->target && group_line(g) && !c->strong &&
	    same_object(x->t, x->cl[a].s, x->cl[b].e, c))
		return false;
	return (c->target && g->target) || (c->when && (g->when || g->target)) ||
	       (c->strong && !own_marker) || c->mile || (g->target && c->weak);
}

/* A clause read back from a marker is a report when a past-only word or a
 * past year says so; but a list item says what the item does ("三是出台
 * 《…办法》，力争9月底前…"), so only a past year makes it one. */
static bool report_clause(const struct xctx *x, const struct xclause *c)
{
	struct xwhen w;

	if (!list_marker(x->t, c->s, c->e))
		return xc_past_local(x->t, c->s, c->e, x->ref);
	return xt_deadline(x->t, c->s, c->e, x->ref, &w) && w.past;
}

/* How the issuer took the suggestion ("非常切合实际，我们也十分重视，…，我局领导
 * 班子非常重视，拟作为一项建设计划报请市政府"): before the marker, no part of
 * what it will do. */
static const char *const attitude_words[] = {
	"重视", "切合实际", "十分及时", "非常及时", "针对性", NULL
};

/* Whether clause k before a sentence's marker says what the marker is
 * about: it is no connective, report, courtesy, attitude or list header. */
static bool read_back(const struct xctx *x, size_t k)
{
	const struct xclause *c = &x->cl[k];

	return !c->conn && !c->past && !report_clause(x, c) && !xc_boiler(x->t, c->s, c->e) &&
	       xt_find_any(x->t, c->s, c->e, attitude_words, NULL) == XT_NONE && !header(x, k);
}

/* The clause the sentence's commitments start at; *marker gets the clause
 * of its future marker, or n. */
static size_t first_clause(const struct xctx *x, const struct xsent *st, size_t n,
			   size_t *marker)
{
	size_t j = 0;

	*marker = n;
	if (st->cls == XC_FUT && st->strong != st->s) {
		while (j + 1 < n && x->cl[j].e <= st->strong)
			j++;
		*marker = j;
		/* The clauses before the marker that say what is done belong to
		 * it ("正在进行施工，预计年底完工"; "继续加大…，完善…，积极争取…"),
		 * three at most, none a report. */
		size_t back = 0;

		while (j > 0 && back < 3) {
			if (x->cl[j - 1].frame) {     /* it goes with what follows */
				j--;
				continue;
			}
			if (!read_back(x, j - 1))
				break;
			j--;
			back++;
		}
	}
	/* "下一步，", "同时，" open nothing; a partner or basis is kept. */
	while (j + 1 < n && x->cl[j].conn && !x->cl[j].strong && !x->cl[j].frame)
		j++;
	return j;
}

/* "该段河道治理已纳入全国中小河流规划，将…适时组织实施", "现邢峰线…道路，已列入
 * 交通厅动态管理系统，待省厅终审后实施": the action from a names no object;
 * the report that the work is listed does, and is its subject, not a report
 * apart. Returns where the commitment starts (a, or the listed clause and
 * the topic before a subject-less one), clearing their past mark. */
/* "已将该段道路上报为2024年破损路改造项目，将予以治理": put on a list. */
static const char *const listed_words[] = { "列入", "纳入", "上报为", "列为", NULL };

static size_t listed_subject(struct xctx *x, size_t n, size_t a)
{
	const struct xtext *t = x->t;
	size_t m = a, l;

	bool open;

	while (m + 1 < n && (x->cl[m].frame || x->cl[m].conn) && !dai_clause(t, &x->cl[m]))
		m++;
	/* "待乡镇…选址确定，项目批准后即可实施…": the action is after the 后 */
	open = t->cp[x->cl[m].s] == 0x5F85 && m + 1 < n &&
	       xt_find(t, x->cl[m].s, x->cl[m].e, "后") == XT_NONE;
	if (!a || !bare_action(x, &x->cl[m + open], open) || !x->cl[a - 1].past)
		return a;
	l = a - 1;
	if (xt_find_any(t, x->cl[l].s, x->cl[l].e, listed_words, NULL) == XT_NONE)
		return a;
	x->cl[l].past = false;
	if (l > 0 && t->cp[x->cl[l].s] == 0x5DF2 && read_back(x, l - 1))        /* 已 */
		l--;
	return l;
}

static bool same_window(const struct xwhen *a, const struct xwhen *b)
{
	return a->start == b->start && a->due == b->due;
}

/* Marks the clauses whose deadline is not the one in force: the sentence's
 * opening time or the list's ("2023年，…：一是…"). */
static void mark_own_when(struct xctx *x, size_t n, const struct xwhen *carry)
{
	for (size_t k = 0; k < n; k++) {
		struct xclause *c = &x->cl[k];

		/* The item that states the list's year has it as its own. */
		c->own_when = c->when && !same_window(&c->w, carry) &&
			      !(x->list_when_set && same_window(&c->w, &x->list_when) &&
				c->w.pos != x->list_when.pos);
	}
}

/* Clause k seen with the framing clauses [p, k) before it, which go
 * wherever it goes ("…，到2027年底前，在…基础上，向全市推开"). */
static struct xclause with_framing(const struct xctx *x, size_t p, size_t k)
{
	struct xclause c = x->cl[k];

	for (size_t j = p; j < k; j++) {
		c.when = c.when || x->cl[j].when;
		c.own_when = c.own_when || x->cl[j].own_when;
		c.strong = c.strong || x->cl[j].strong;
		c.cond = c.cond || x->cl[j].cond;
	}
	return c;
}

static void group_of(const struct xctx *x, size_t a, size_t b, struct xgroup *g)
{
	memset(g, 0, sizeof(*g));
	for (size_t k = a; k < b; k++)
		group_add(g, &x->cl[k]);
}

/* Where the action before a result starts (its framing included), when
 * other actions of the group [a, p) come before it; else a. A measure is
 * no action: after "…建设，建成后可新增133个停车位，有效缓解…" the result is
 * the whole group's. */
static size_t cause_start(const struct xctx *x, size_t a, size_t p)
{
	size_t q = p - 1, k;

	while (q > a && x->cl[q].conn)
		q--;
	if (x->cl[q].target || x->cl[q].when)
		return a;
	while (q > a && x->cl[q - 1].conn)
		q--;
	for (k = a; k < q; k++)
		if (!x->cl[k].conn)
			return q;
	return a;
}

/* After a report clause k inside a plan's sentence ("…逐年分批实施，已完成
 * 招标手续路段…"), the clauses that still belong to the report: up to the
 * next one with a marker of its own. Returns the last of them. */
static size_t report_end(const struct xctx *x, size_t n, size_t k)
{
	while (k + 1 < n && !x->cl[k + 1].strong)
		k++;
	return k;
}

/* Where clause k, seen with its framing [p, k), starts a new commitment of
 * the group [a, p): at p when it splits, earlier for a result that takes
 * the action before it along (QUALITY.md, rule 3), or nowhere (a). */
static size_t cut_at(const struct xctx *x, const struct xgroup *g, size_t a, size_t p,
		     const struct xclause *c, bool own_marker)
{
	if (c->effect)
		return cause_start(x, a, p);
	return splits(x, g, a, p - 1, c, own_marker) ? p : a;
}

/* A sentence cut into commitments: a group of clauses [a, p) grows until a
 * clause starts a new one, and the framing clauses just before that clause
 * go with it. */
static void emit_sentence(struct xctx *x, const struct xsent *st, double conf)
{
	size_t n = clauses(x, st->s, st->e), a, k, p, q, marker;
	struct xgroup g;
	struct xwhen carry;

	memset(&carry, 0, sizeof(carry));
	if (!n)
		return;
	a = listed_subject(x, n, first_clause(x, st, n, &marker));
	for (k = 0; k < a; k++)     /* "2023年，我局将…": the opening year holds */
		if (x->cl[k].when)
			carry = x->cl[k].w;
	mark_own_when(x, n, &carry);
	group_of(x, a, a + 1, &g);
	for (k = p = a + 1; k < n; k++) {
		struct xclause c;

		if (x->cl[k].past) {
			emit(x, st, a, p - 1, conf, &carry);
			a = report_end(x, n, k) + 1;
			p = a + 1;
			group_of(x, a, a < n ? p : a, &g);
			k = a;
			continue;
		}
		if (x->cl[k].conn && k + 1 < n)
			continue;
		c = with_framing(x, p, k);
		q = cut_at(x, &g, a, p, &c, marker >= p && marker <= k);
		if (q > a) {
			emit(x, st, a, q - 1, conf, &carry);
			a = q;
			group_of(x, a, p, &g);
		}
		for (; p <= k; p++)
			group_add(&g, &x->cl[p]);
		g.closed = c.effect;
	}
	if (a < n)
		emit(x, st, a, n - 1, conf, &carry);
	clauses_release(x, n);
}

/* ---- what a passage is ------------------------------------------------ */

static const char *const past_heads[] = {
	"回顾", "过去一年", "过去五年", "工作情况", "办理情况", "基本情况", "主要成效", "进展情况",
	"取得的成效", "工作成效", "现状", NULL
};
static const char *const guide_heads[] = {
	"指导思想", "基本原则", "工作原则", "总体要求", "总体思路", "重要意义", NULL
};
static const char *const goal_heads[] = {
	"主要目标", "总体目标", "预期目标", "发展目标", "工作目标", "目标任务", NULL
};
static const char *const future_heads[] = {
	"下一步", "下步", "今后", "打算", "工作计划", "工作措施", "重点任务", "主要任务",
	"重点工作", "工作安排", "主要措施", "保障措施", "政府工作任务", NULL
};

/* How a task went: "主要任务完成情况" reports on the 主要任务. */
static const char *const outcome_heads[] = { "完成情况", "执行情况", "落实情况", NULL };

static enum xsection section_of(const struct xtext *t, size_t s, size_t e)
{
	if (xt_find_any(t, s, e, outcome_heads, NULL) != XT_NONE)
		return SEC_PAST;
	if (xt_find_any(t, s, e, future_heads, NULL) != XT_NONE)
		return SEC_FUTURE;
	if (xt_find_any(t, s, e, goal_heads, NULL) != XT_NONE)
		return SEC_GOALS;
	if (xt_find_any(t, s, e, guide_heads, NULL) != XT_NONE)
		return SEC_GUIDE;
	if (xt_find_any(t, s, e, past_heads, NULL) != XT_NONE)
		return SEC_PAST;
	return SEC_NONE;
}

static enum xsection section(const struct xctx *x)
{
	return x->sec2 != SEC_NONE ? x->sec2 : x->sec1;
}

/* Sentences that frame a document rather than commit to anything: its
 * purpose ("为…，特制定本方案"), its guiding thought ("以…为指导"), what a
 * task means ("…是…重要举措", "2016年是…开局之年"). */
static const char *const preamble_words[] = {
	"制定本", "特制定", "提出如下意见", "提出以下意见", "提出以下实施意见", "提出如下实施意见",
	"现提出如下", "现提出以下", "总体要求是", "并非易事", "为指导",
	/* "为…，现制定2025年工作要点如下", "现将有关事项通知如下" */
	"现制定", "制定如下", "要点如下", "通知如下", NULL
};
static const char *const meaning_words[] = {
	"之年", "重要举措", "民生工程", "重大政策", "必然要求", "重要意义", "关键一年", NULL
};
/* "对辖区河道进行清淤…十分必要": a judgement that the work is needed. */
static const char *const need_ends[] = { "十分必要", "非常必要", "很有必要", "确有必要", NULL };

static bool framing(const struct xtext *t, size_t s, size_t e)
{
	size_t k;

	if (xt_find_any(t, s, e, preamble_words, NULL) != XT_NONE)
		return true;
	while (e > s && trailing_punct(t->cp[e - 1]))
		e--;
	if (e - s > 4 && xt_at_any(t, e - 4, e, need_ends, NULL))
		return true;
	k = xt_find(t, s, e, "是");
	return k != XT_NONE && xt_find_any(t, k, e, meaning_words, NULL) != XT_NONE;
}

/* "主要预期目标是：A增长5%左右；B…": each target is a commitment. The
 * colon must follow 目标 ("目标：", "目标是：", "目标为："); "围绕…目标，
 * 重点做好以下工作：" introduces a list of works, not of targets. */
static bool target_list_intro(const struct xtext *t, size_t s, size_t e)
{
	for (size_t k = xt_find(t, s, e, "目标"); k != XT_NONE; k = xt_find(t, k + 2, e, "目标")) {
		size_t c = k + 2;

		c += c < e && (t->cp[c] == 0x662F || t->cp[c] == 0x4E3A);      /* 是 为 */
		if (c < e && (t->cp[c] == 0xFF1A || t->cp[c] == ':'))
			return true;
	}
	return false;
}

static bool dept_char(uint32_t c)
{
	static const uint32_t ends[] = { 0x5C40, 0x59D4, 0x529E, 0x90E8, 0x9662, 0x5E9C, 0x4F1A,
		0x5BA4, 0x5E02, 0x533A, 0x53BF, 0x961F, 0x6240, 0x7AD9, 0x5385, 0x8054, 0x5FC3 };
	/* 局 委 办 部 院 府 会 室 市 区 县 队 所 站 厅 联 (中)心 */

	for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++)
		if (c == ends[i])
			return true;
	return false;
}

static const char *const owner_marks[] = {
	"牵头", "负责", "责任单位", "配合单位", "主办", "协办", "参与单位", NULL
};
static const char *const owner_strip[] = {
	"牵头单位", "责任单位", "配合单位", "主办单位", "协办单位", "参与单位",
	"按职责分工负责", "按职责分工", "分别负责", "负责", "牵头", "配合", "参与", NULL
};

/* Splits the bracket [s, e) into names at 、，；; and labels; *lead_at
 * gets the index of the name a "牵头" label or word points to. */
static size_t owner_names(const struct xtext *t, size_t s, size_t e, char **names, size_t max)
{
	size_t n = 0, i = s;

	while (i < e && n < max) {
		size_t a = i, b, k;

		while (i < e && t->cp[i] != 0x3001 && t->cp[i] != 0xFF0C && t->cp[i] != ',' &&
		       t->cp[i] != 0xFF1B && t->cp[i] != ';' && t->cp[i] != 0xFF1A && t->cp[i] != ':')
			i++;
		b = i++;
		for (bool cut = true; cut && b > a;) {
			cut = false;
			for (int w = 0; owner_strip[w]; w++)
				if ((k = strlen(owner_strip[w]) / 3) <= b - a &&
				    xt_at(t, b - k, b, owner_strip[w])) {
					b -= k;
					cut = true;
				}
		}
		while (a < b && (xt_at(t, a, b, "由") || xt_space(t->cp[a])))
			a++;
		if (b > a + 1 && b - a <= 30 && xt_find_any(t, a, b, owner_strip, NULL) == XT_NONE)
			names[n++] = xt_dup(t, a, b);
	}
	return n;
}

/* An owner bracket closing an item: "（牵头单位：市发改委；责任单位：…）",
 * "（市人力资源社会保障局、市医保局负责）", "（市委组织部、市人力资源和
 * 社会保障局，各区、县级市）". Sets the owners of the proposals made since
 * x->owners_from: the first name leads, the others are co-owners. */
static bool owner_bracket(struct xctx *x, size_t s, size_t e)
{
	const struct xtext *t = x->t;
	char *names[16];
	size_t n, i, j;
	bool marked;

	if (e - s < 4 || (t->cp[s] != 0xFF08 && t->cp[s] != '(') ||
	    (t->cp[e - 1] != 0xFF09 && t->cp[e - 1] != ')'))
		return false;
	marked = xt_find_any(t, s, e, owner_marks, NULL) != XT_NONE;
	n = owner_names(t, s + 1, e - 1, names, 16);
	for (i = 0; i < n && !marked; i++) {
		size_t len = strlen(names[i]);
		uint32_t last = 0;

		/* A name shorter than two CJK characters ("ab") has no last
		 * one to read: it is no department. */
		if (len < 6 || !utf8_decode(names[i] + len - 3, 3, &last) || !dept_char(last))
			break;
	}
	if (!n || (!marked && i < n)) {
		for (i = 0; i < n; i++)
			free(names[i]);
		return false;
	}
	for (i = x->owners_from; i < x->r->n; i++) {
		struct proposal *p = &x->r->items[i];

		free(p->owner);
		p->owner = resolve(x, xstrdup(names[0]));
		p->flags &= ~(unsigned)EXTRACT_NO_OWNER;
		strlist_release(&p->co_owners);
		for (j = 1; j < n; j++) {
			char *c = resolve(x, xstrdup(names[j]));

			if (strcmp(c, p->owner) && !strlist_has(&p->co_owners, c))
				strlist_push(&p->co_owners, c);
			free(c);
		}
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	x->owners_from = x->r->n;
	return true;
}

/* Where an owner bracket closing [s, e) starts, or e. */
static size_t bracket_start(const struct xtext *t, size_t s, size_t e)
{
	size_t k = e, depth = 0;

	while (k > s && (xt_space(t->cp[k - 1]) || t->cp[k - 1] == 0x3002))
		k--;
	if (k == s || (t->cp[k - 1] != 0xFF09 && t->cp[k - 1] != ')'))
		return e;
	while (k-- > s) {
		depth += t->cp[k] == 0xFF09 || t->cp[k] == ')';
		depth -= t->cp[k] == 0xFF08 || t->cp[k] == '(';
		if (!depth)
			return k;
	}
	return e;
}

/* A target list: every clause is a commitment of its own. */
static void emit_each_clause(struct xctx *x, const struct xsent *st, double conf)
{
	size_t n = clauses(x, st->s, st->e);
	struct xwhen carry;

	for (size_t k = 0; k < n; k++) {
		memset(&carry, 0, sizeof(carry));
		if (!x->cl[k].conn)
			emit(x, st, k, k, conf, &carry);
	}
	clauses_release(x, n);
}

/* ---- one paragraph ---------------------------------------------------- */

static bool sentence_end(uint32_t c)
{
	return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B || c == '!' ||
	       c == '?' || c == ';';
}

static bool thanks_pledge(const struct xtext *t, size_t s, size_t e)
{
	static const char *const openers[] = { "再次", "衷心", "非常", "诚挚", NULL };
	size_t k;

	while ((k = xt_at_any(t, s, e, openers, NULL)))
		s += k;
	if (!xt_at(t, s, e, "感谢"))
		return false;
	for (k = s; k < e; k++)
		if (xt_digit(t->cp[k]) >= 0 || xt_at_any(t, k, e, mile_verbs, NULL))
			return false;
	return true;
}

/* "今后我们将继续加强与代表的沟通联系": keeping in touch with the reader is
 * the letter's courtesy, nothing to track; a number or a milestone in it
 * would make it work. */
static bool contact_pledge(const struct xtext *t, size_t s, size_t e)
{
	static const char *const readers[] = { "与代表", "与您", "与委员", "同代表", "和代表", NULL };
	static const char *const contact[] = { "沟通", "联系", "交流", NULL };
	size_t r = xt_find_any(t, s, e, readers, NULL), k;

	if (r == XT_NONE || xt_find_any(t, r, e, contact, NULL) == XT_NONE ||
	    xc_strong(t, s, r) == XT_NONE)
		return false;
	for (k = s; k < e; k++)
		if (xt_digit(t->cp[k]) >= 0 || xt_at_any(t, k, e, mile_verbs, NULL))
			return false;
	return xc_clause_end(t, r, e) == e;   /* the contact ends the sentence */
}

/* The part of sentence [s, e) that is the issuer's: none when it restates
 * the suggestion; a clause asking the reader or another body to act
 * ("也请村委会…", "请及时与我局联系", "同时也希望…") ends it,
 * and when nothing before that clause marks an action of the issuer's
 * ("在工程实施前，请代表…", "对以上答复有不满意的地方，请…") the whole
 * sentence is the request's: returns s. */
static size_t ours_end(const struct xtext *t, size_t s, size_t e)
{
	size_t a = xc_ask_start(t, s, e);
	bool yao;

	/* the suggestion restated, with no answer of the issuer's in it */
	if (xc_suggestion(t, s, e) && xc_strong(t, s, e) == XT_NONE)
		return s;
	/* "感谢您…的关心支持，我们将认真履职，…贡献…力量": thanks and a pledge
	 * with nothing to deliver or count are the letter's close */
	if (thanks_pledge(t, s, e) || contact_pledge(t, s, e))
		return s;
	/* "始终将代表所提建议作为…来抓": how the suggestion is taken */
	if (xc_handling(t, s, e))
		return s;
	/* "…建成后，可缓解…压力": what the work gives is part of it */
	if (xc_outcome(t, s, e))
		return s;
	if (a == e)
		return e;
	return xc_strong(t, s, a) != XT_NONE || xc_weak(t, s, a, &yao) ? a : s;
}

static size_t sentences(const struct xctx *x, size_t s, size_t e, struct xsent **v, size_t *cap)
{
	const struct xtext *t = x->t;
	size_t n = 0;

	while (s < e) {
		size_t k = s, e2;

		/* No real sentence is this long; the cap keeps the work per
		 * sentence bounded whatever the input. */
		int depth = 0;

		/* A bracket holds its own "；" ("（牵头单位：…；责任单位：…）"). */
		while (k < e && (depth > 0 || !sentence_end(t->cp[k])) && k - s < MAX_SENTENCE) {
			depth += t->cp[k] == 0xFF08 || t->cp[k] == '(';
			depth -= depth > 0 && (t->cp[k] == 0xFF09 || t->cp[k] == ')');
			k++;
		}
		while (s < k && xt_space(t->cp[s]))
			s++;
		if (k > s && (e2 = ours_end(t, s, k)) > s) {
			if (n == *cap) {
				*cap = *cap ? *cap * 2 : 16;
				*v = xrealloc(*v, *cap * sizeof(**v));
			}
			(*v)[n].s = s;
			(*v)[n].e = e2;
			(*v)[n].end = k < e ? t->cp[k] : 0;
			(*v)[n].list = list_marker(t, s, e2) > 0;
			(*v)[n].cls = xc_classify(t, s, e2, x->ref, &(*v)[n].strong,
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

	for (i = s; i < e && xt_deadline(x->t, i, e, x->ref, &w);
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

/* report: the sentence lies before the point where its part of the reply
 * turns to what will be done ("下一步，…", "二、下步打算"): there a
 * sentence without a future word of its own reports the work. */
static double choose_reply(const struct xsent *st, enum xstate state, bool topic, bool report)
{
	switch (st->cls) {
	case XC_FUT:
		return 0.85;
	case XC_WEAK:
		if (state == ST_FUTURE_)
			return 0.7;
		if (state == ST_FUTURE_LIST_)
			return topic ? 0 : 0.6;
		if (state == ST_NEUTRAL_ && !topic && !report)
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

static bool measured(const struct xctx *x, const struct xsent *st)
{
	struct target tg;
	struct xwhen w;
	size_t pos;
	bool approx, got = xt_target(x->t, st->s, st->e, &tg, &pos, &approx);

	if (got)
		free(tg.unit);
	return got || (xt_deadline(x->t, st->s, st->e, x->ref, &w) && !w.past);
}

/* "下一步，我们将：": it opens the items after it (a scope, below) and
 * says nothing itself: no clause has more than its lead words. */
static bool list_opener(const struct xtext *t, const struct xsent *st)
{
	size_t cs, ce, e = st->e;

	if (e <= st->s || (t->cp[e - 1] != 0xFF1A && t->cp[e - 1] != ':'))
		return false;
	for (cs = st->s, e--; cs < e; cs = ce + 1) {
		ce = xc_clause_end(t, cs, e);
		if (ce - skip_lead(t, cs, ce) >= 2)
			return false;
	}
	return true;
}

/* Whether the sentence's first time lies after the letter: from the
 * letter's date on, or later ("2024年下半年" in a letter of June 2024). */
static bool after_letter(const struct xctx *x, const struct xsent *st)
{
	struct xwhen w;

	return x->ref != DATE_NONE && xt_deadline(x->t, st->s, st->e, x->ref, &w) && !w.past &&
	       w.due > x->ref && w.start != DATE_NONE && w.start >= x->ref && !w.recurring;
}

/* What the work before is for, as a sentence of its own with no subject:
 * "积极解决…居民的出行，缓解周边交通压力，促进区域经济发展。" */
static const char *const purpose_verbs[] = {
	"解决", "缓解", "促进", "助力", "助推", "满足", "改善", "方便", "便于", "保障", NULL
};
static const char *const purpose_adverbs[] = {
	"从而", "进而", "积极", "有效", "切实", "进一步", "大力", "不断", "更好地", "更好", NULL
};

static bool purpose_sentence(const struct xtext *t, const struct xsent *st)
{
	size_t cs, ce, i, k, n = 0;

	for (cs = st->s; cs < st->e; cs = ce + 1, n++) {
		ce = xc_clause_end(t, cs, st->e);
		for (i = cs; (k = xt_at_any(t, i, ce, purpose_adverbs, NULL)); i += k)
			;
		if (!xt_at_any(t, i, ce, purpose_verbs, NULL))
			return false;
	}
	return n >= 2;
}

/* How sure a sentence is a commitment, 0 when it is none: a plan commits
 * with every imperative sentence outside its review and guiding passages
 * (in its goals, only with a number or a date); a reply with its future
 * markers, and with everything under a future heading or scope sentence. */
static double choose(const struct xctx *x, const struct xsent *st, enum xstate state,
		     bool topic, bool tlist)
{
	enum xsection sec = section(x);

	if (tlist && sec != SEC_PAST && st->cls != XC_PAST && st->cls != XC_PASTL)
		return 0.7;
	if (sec == SEC_GUIDE || (sec == SEC_PAST && x->kind == EXTRACT_PLAN) ||
	    st->cls == XC_BOILER || framing(x->t, st->s, st->e) || list_opener(x->t, st))
		return 0;
	if (x->kind == EXTRACT_PLAN) {
		if (sec == SEC_PAST || st->cls == XC_PAST || st->cls == XC_PASTL)
			return 0;
		if (sec == SEC_GOALS && st->cls != XC_FUT && !measured(x, st))
			return 0;
		return st->cls == XC_FUT ? 0.8 : 0.6;
	}
	/* "目前，…对今后开展…是限制性因素，须…积极向…反映": a limit on the
	 * work with no future word of the issuer's describes the situation */
	if ((st->cls == XC_NONE || st->cls == XC_WEAK) && xc_constraint(x->t, st->s, st->e))
		return 0;
	if ((st->cls == XC_NONE || st->cls == XC_WEAK) && purpose_sentence(x->t, st))
		return 0;
	if ((sec == SEC_FUTURE || x->scope) && (st->cls == XC_NONE || st->cls == XC_WEAK))
		return 0.6;
	/* "2024年下半年，新招聘专职心理健康教师15名。": no future word, but a
	 * time that lies after the letter says it is still to be done ("今年，
	 * 全市新增…" began before it: a report) */
	if (st->cls == XC_NONE && sec != SEC_PAST && after_letter(x, st))
		return 0.5;
	return choose_reply(st, state, topic,
			    sec == SEC_PAST || (x->turn != XT_NONE && st->s < x->turn));
}

/* "…土方已开挖，同步加快土地手续办理": a report whose last clauses, opened
 * by 同步 or 同时 with a marker of work pushed on, say what is under way
 * meanwhile; that is work to track. Returns where it starts, or XT_NONE. */
static size_t ongoing_tail(const struct xtext *t, const struct xsent *st)
{
	static const char *const meanwhile[] = { "同步", "同时", NULL };
	size_t cs, ce, tail = XT_NONE;
	bool yao;

	for (cs = st->s; cs < st->e; cs = ce + 1) {
		ce = xc_clause_end(t, cs, st->e);
		if (xc_past(t, cs, ce))
			tail = XT_NONE;
		else if (tail == XT_NONE && xt_at_any(t, cs, ce, meanwhile, NULL) &&
			 xc_weak(t, cs, ce, &yao))
			tail = cs;
	}
	return tail;
}

static void emit_tail(struct xctx *x, const struct xsent *st)
{
	struct xsent sub = *st;

	if ((sub.s = ongoing_tail(x->t, st)) != XT_NONE)
		emit_sentence(x, &sub, 0.5);
}

static void do_paragraph(struct xctx *x, size_t s, size_t e, struct xsent **v, size_t *cap,
			 bool **topic, size_t *tcap)
{
	size_t n = sentences(x, s, e, v, cap), i;
	enum xstate state = ST_NEUTRAL_;
	bool head_future = false, seen_list = false, tlist = false;

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
	if (x->scope && !x->item_line)
		x->scope = false;
	if (x->scope)
		state = ST_FUTURE_;
	x->owners_from = x->r->n;
	for (i = 0; i < n; i++) {
		struct xsent *st = &(*v)[i];
		size_t b = bracket_start(x->t, st->s, st->e);
		double conf;

		if (b < st->e && owner_bracket(x, b, st->e)) {
			if (b == st->s)
				continue;
			st->e = b;
		}
		if (st->list) {
			seen_list = true;
			state = head_future ? ST_FUTURE_ :
				state == ST_FUTURE_ || state == ST_FUTURE_LIST_ ? ST_FUTURE_LIST_ :
				ST_NEUTRAL_;
		}
		tlist = tlist || target_list_intro(x->t, st->s, st->e);
		conf = choose(x, st, state, (*topic)[i], tlist);
		if (conf > 0 && tlist)
			emit_each_clause(x, st, conf);
		else if (conf > 0)
			emit_sentence(x, st, conf);
		else if (x->kind != EXTRACT_PLAN && st->cls == XC_PAST && !tlist)
			emit_tail(x, st);
		if (st->end == 0x3002 || !st->end)
			tlist = false;
		/* "我区将通过以下措施：" closing a paragraph: the items follow. */
		if (st->cls == XC_FUT && st->e > st->s &&
		    (x->t->cp[st->e - 1] == 0xFF1A || x->t->cp[st->e - 1] == ':'))
			x->scope = true;
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
 * title line, else at the top. A title has no full stop: "以上意见供你单位
 * 统一答复代表时参考。" near the end names 答复 but is prose. */
static size_t body_start(const struct xtext *t, const struct xline *l, size_t n)
{
	size_t i;

	for (i = 0; i < n && i < 15; i++)
		if (l[i].e - l[i].s <= 30 && (t->cp[l[i].e - 1] == 0xFF1A || t->cp[l[i].e - 1] == ':') &&
		    xt_find(t, l[i].s, l[i].e, "签发人") == XT_NONE)
			return i + 1;
	for (i = 0; i < n && i < 15; i++)
		if (xt_find(t, l[i].s, l[i].e, "答复") != XT_NONE && l[i].e - l[i].s < 60 &&
		    xt_find(t, l[i].s, l[i].e, "。") == XT_NONE)
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

/* A line with no clause punctuation is a title or a heading
 * ("下一步工作打算", "北京市2016年政务公开工作要点"), never a commitment. */
static bool title_line(const struct xtext *t, const struct xline *l)
{
	static const char *const scope_words[] = { "以下", "如下", "下列", NULL };
	static const char *const punct[] = { "。", "，", "；", ",", ";", "！", NULL };
	size_t e = l->e;

	if (e > l->s && (t->cp[e - 1] == 0xFF1A || t->cp[e - 1] == ':')) {
		e--;
		/* "我局将从以下两个方面开展工作：" opens the items after it */
		if (xt_find_any(t, l->s, e, scope_words, NULL) != XT_NONE &&
		    xc_strong(t, l->s, e) != XT_NONE)
			return false;
	}
	return e - l->s <= 60 && xt_find_any(t, l->s, e, punct, NULL) == XT_NONE &&
	       !list_marker(t, l->s, e);
}

static void do_line(struct xctx *x, const struct xline *l, struct xsent **v, size_t *cap,
		    bool **topic, size_t *tcap)
{
	size_t h = heading1(x->t, l->s, l->e), body = l->s;

	if (signature_line(x, l))
		return;
	x->item_line = list_marker(x->t, l->s, l->e) > 0;
	if (h) {
		x->h1s = l->s;
		x->h1e = l->s + h;
		x->h2s = x->h2e = XT_NONE;
		x->sec1 = section_of(x->t, l->s, l->s + h);
		x->sec2 = SEC_NONE;
		x->scope = false;
		body = l->s + h < l->e ? l->s + h + 1 : l->e;
	} else {
		size_t hs = XT_NONE, he = XT_NONE;

		body = heading2(x->t, l->s, l->e, x->ref, &hs, &he);
		if (hs != XT_NONE) {
			x->h2s = hs;
			x->h2e = he;
			x->sec2 = section_of(x->t, hs, he);
			x->item_line = true;
		} else if (title_line(x->t, l)) {
			enum xsection sec = section_of(x->t, l->s, l->e);

			if (sec != SEC_NONE) {
				x->sec1 = sec;
				x->sec2 = SEC_NONE;
			}
			return;
		}
	}
	if (body < l->e)
		do_paragraph(x, body, l->e, v, cap, topic, tcap);
}

/* Sentence openers that turn a reply from what was done to what will be. */
static const char *const turn_words[] = {
	"下一步", "下步", "下阶段", "下一阶段", "今后", "接下来", "在今后的工作中",
	"在以后的工作中", "在下一步工作中", "在下步工作中", NULL
};

/* Where in line l a sentence opens with a turn word, or XT_NONE. */
static size_t turn_in_line(const struct xtext *t, const struct xline *l)
{
	size_t i = l->s + list_marker(t, l->s, l->e);

	while (i < l->e) {
		size_t s;

		while (i < l->e && xt_space(t->cp[i]))
			i++;
		for (s = i; i < l->e && !sentence_end(t->cp[i]); i++)
			;
		/* "今后希望您…", "今后欢迎…": the reader's future, not a turn */
		if (xt_at_any(t, s, i, turn_words, NULL) && !xc_boiler(t, s, i))
			return s;
		i++;
	}
	return XT_NONE;
}

/* A heading that names what will be done ("二、下一步打算", "下步工作"). */
static bool turn_heading(const struct xtext *t, const struct xline *l, int32_t letter)
{
	size_t h = heading1(t, l->s, l->e), hs = XT_NONE, he = XT_NONE;

	if (h)
		return section_of(t, l->s, l->s + h) == SEC_FUTURE;
	heading2(t, l->s, l->e, letter, &hs, &he);
	if (hs != XT_NONE)
		return section_of(t, hs, he) == SEC_FUTURE;
	return title_line(t, l) && section_of(t, l->s, l->e) == SEC_FUTURE;
}

/* For each line from the body on, where the reply next turns to what it
 * will do: a turn heading holds for all before it, a turn sentence for the
 * lines of its own "一、" section before it. */
static size_t *turns(const struct xctx *x, const struct xline *lines, size_t from, size_t n)
{
	size_t *turn = xcalloc(n ? n : 1, sizeof(*turn));
	size_t local = XT_NONE, global = XT_NONE, i;

	for (i = n; i-- > from;) {
		const struct xline *l = &lines[i];
		size_t tp = XT_NONE;

		if (turn_heading(x->t, l, x->ref))
			global = tp = l->s;
		else if ((tp = turn_in_line(x->t, l)) != XT_NONE)
			local = tp;
		turn[i] = local < global ? local : global;
		if (heading1(x->t, l->s, l->e))
			local = XT_NONE;
	}
	return turn;
}

static void walk(struct xctx *x, const struct xline *lines, size_t n)
{
	struct xsent *v = NULL;
	bool *topic = NULL;
	size_t cap = 0, tcap = 0, i, from = body_start(x->t, lines, n);
	size_t *turn = turns(x, lines, from, n);

	x->h1s = x->h1e = x->h2s = x->h2e = XT_NONE;
	for (i = from; i < n; i++) {
		x->turn = turn[i];
		do_line(x, &lines[i], &v, &cap, &topic, &tcap);
	}
	free(turn);
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

/* ---- tracked letters -------------------------------------------------- */

struct tracked_list {
	struct strlist keys, quotes;
};

static void tracked_add(void *sink, const char *key, const char *quote)
{
	struct tracked_list *tl = sink;

	strlist_push(&tl->keys, key);
	strlist_push(&tl->quotes, quote);
}

/* Overlap of two quotes of one text, by their position in it: at least
 * half of the shorter, the rule the quality measurement uses too. */
static bool same_words(const char *text, const struct proposal *p, const char *quote)
{
	const char *at = strstr(text, quote);
	size_t qs, qe, ps = p->quote_byte, pe = ps + strlen(p->quote), lo, hi;

	if (!at || !*quote)
		return false;
	qs = (size_t)(at - text);
	qe = qs + strlen(quote);
	lo = qs > ps ? qs : ps;
	hi = qe < pe ? qe : pe;
	return hi > lo && (hi - lo) * 2 >= (qe - qs < pe - ps ? qe - qs : pe - ps);
}

/* A proposal repeating a commitment already tracked for this letter
 * carries its key, so the front end can say so and import can skip it. */
static void mark_tracked(const struct extract_options *o, struct extract_result *r)
{
	struct tracked_list tl = { { 0 }, { 0 } };

	if (!o->tracked || !r->meta.doc_no ||
	    o->tracked(r->meta.doc_no, tracked_add, &tl, o->resolve_ctx) < 0)
		goto out_lists;
	for (size_t i = 0; i < r->n; i++)
		for (size_t j = 0; j < tl.keys.n && !r->items[i].tracked_key; j++)
			if (same_words(r->text, &r->items[i], tl.quotes.items[j])) {
				r->items[i].tracked_key = xstrdup(tl.keys.items[j]);
				r->n_tracked++;
			}
out_lists:
	strlist_release(&tl.keys);
	strlist_release(&tl.quotes);
}

int extract_kind_parse(const char *s)
{
	static const char *const names[] = { "auto", "reply", "plan" };

	for (int i = 0; i < 3; i++)
		if (s && !strcmp(s, names[i]))
			return i;
	return -1;
}

const char *extract_kind_name(enum extract_kind k)
{
	return k == EXTRACT_PLAN ? "plan" : k == EXTRACT_REPLY ? "reply" : "auto";
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
	out->kind = x.o->kind != EXTRACT_AUTO ? x.o->kind : xt_kind(&t, lines, n, &out->meta);
	x.kind = out->kind;
	x.ref = xt_ref_date(&t, lines, n, &out->meta);
	walk(&x, lines, n);
	assign_keys(x.o, out);
	mark_tracked(x.o, out);
	free(lines);
	xtext_release(&t);
	if (!out->n)
		return trk_err(err, TRK_EINPUT, "no commitments found in the letter");
	return 0;
}
