/* extract_class.c - the language of reply letters: which words mark future
 * action (将、力争、下一步…), which mark a report of what was done (已、
 * 累计、以来…), and how a sentence is classed from them. The rules are
 * about the genre, not one letter: "将" is future unless it is the
 * disposal 将 (= 把, "将…列入…"); a time expression for this year or later
 * is a plan unless it opens the sentence as its topic ("2023年，…"). */
#include "extract/extract_class.h"

#include <string.h>

#include "util/date.h"
#include "util/banned.h"

static const char *const strong_words[] = {
	"下一步", "下步", "下阶段", "下一阶段", "今后", "接下来", "力争", "争取", "拟于",
	"拟在", "拟将", "拟对", "计划于", "计划在", "计划到", "明年", "年底前", "年内",
	"力求", "即将", "仍将", "必将", "将", "拟", "计划", "预计",
	/* What a work under way will give once done: "建成后可新增133个停车位". */
	"建成后可", "完工后可", "竣工后可", "投用后可", "投入使用后可",
	/* Work spread over the years ahead: "由…负责逐年分批实施". */
	"逐年分批", "分期分批", "分批实施", "分期实施", "分步实施", "逐年实施", "分年度实施", NULL
};
static const char *const weak_words[] = {
	"继续", "持续", "进一步", "加快", "推进", "推动", "着力", "深化", "确保", "要",
	"努力", "切实", "全力", NULL
};
/* Words that contain a marker but are not one. */
static const char *const false_words[] = {
	"要求", "需要", "主要", "重要", "要素", "只要", "要点", "纪要", "摘要", "必要",
	"首要", "要件", "要害", "将来", "拟定", "模拟", "虚拟", "草拟", "争取到", "计划安排", NULL
};
static const char *const soon_words[] = { "尽快", "尽早", "抓紧", NULL };
static const char *const past_words[] = {
	"累计", "以来", "截至", "截止", "成功", "完成了", "近年来", "去年", "上年",
	"曾", "先后", "取得了", "进行了", "开展了", "设置了", "实现了", "举办了", NULL
};
/* Publishing a document: done, unless a time ahead of the letter says
 * when ("2024年6月底前出台《…办法》"). */
static const char *const published_words[] = { "出台《", "印发《", "发布《", NULL };
static const char *const past_local_words[] = {
	"共计", "第一时间", "制定了", "出台了",
	/* what is not done, as things stand: "暂时没有实施亮化工程建设" */
	"没有", "暂未", "尚未", "未能", "无法", "暂不", "暂无", "暂时不", "难以", "未纳入", "未列入",
	NULL
};
static const char *const boiler_words[] = {
	"感谢", "答复如下", "收悉", "批评指正", "如有不当", "献计献策", "宝贵意见",
	"联系人", "联系电话", "抄送", "签发人", "敬请", "特此", "函复", "印发给你们",
	"现印发你们", "请结合实际", "遵照执行", "贯彻执行", "请予审议", "此件公开发布",
	"抄报", "经办人", "不满意",
	/* how the suggestion was handled: "收到建议后，我局高度重视，…", and
	 * how the representative took it: "该代表表示理解，对工作表示满意" */
	"高度重视", "表示理解", "表示满意", NULL
};
/* Wishes to the addressee: their 今后 or 继续 is the reader's. */
static const char *const wish_words[] = { "希望", "欢迎", "期待", "期望", "恳请", NULL };
static const char *const wish_softeners[] = {
	"并", "也", "还", "真诚", "诚挚", "衷心", "热忱", "再次", NULL
};
/* A clause that asks another body ("我们积极向政府建议"): what follows is
 * the request, not the issuer's commitment. */
static const char *const request_verbs[] = { "建议", "呼吁", "请示", "反映", NULL };
/* After the future 将: adverbs and verbs. */
static const char *const jiang_next[] = {
	"继续", "进一步", "持续", "加快", "加大", "积极", "全力", "着力", "不断", "重点",
	"在", "于", "会同", "以", "按照", "根据", "结合", "围绕", "深入", "切实", "认真",
	"大力", "加强", "推进", "推动", "开展", "组织", "出台", "实施", "落实", "建立",
	"完善", "做好", "进行", "启动", "全面", "努力", "尽快", "及时", "严格", "主动",
	"定期", "逐步", "协调", "联合", "配合", "牵头", "督促", "指导", "研究", "争取",
	"力争", "通过", "针对", "一如既往", "适时", "视", "优化", "提升", "强化", "健全",
	"建设", "支持", "鼓励", "引导", "探索", "坚持", "聚焦", "抓好", "加紧", "密切",
	"充分", "统筹", "有序", "稳步", "扎实", "按", "依法", "再", "还", "会", "另行",
	"对", "从", "同", "与", "联系", "择机", "于年", NULL
};
/* Verbs of the disposal 将 ("将X列入Y"). */
static const char *const disposal[] = {
	"列入", "纳入", "作为", "列为", "落到实处", "落实到", "转化为", "转为", "提交",
	"移交", "交由", "放在", "摆在", "融入", "打造成", "答复", "反馈", "报送", "告知",
	"整合", "合并", "分解", "细化", "用于", "视为", "确定为", "转交", "转给", "转至", "送交",
	"转办", "规划为", NULL
};

static bool false_at(const struct xtext *t, size_t i, size_t end)
{
	size_t k;

	for (k = i > 0 ? i - 1 : 0; k <= i; k++)
		if (xt_at_any(t, k, end, false_words, NULL) > i - k)
			return true;
	return false;
}

static bool jiang_future(const struct xtext *t, size_t i, size_t ce)
{
	uint32_t prev = i > 0 ? t->cp[i - 1] : 0;

	if (prev == 0x5DF2 || prev == 0x66FE || prev == 0x73B0)    /* 已 曾 现 */
		return false;
	if (prev == 0x4E5F || prev == 0x4ED8 || prev == 0x8FD8 || prev == 0x5373 ||
	    xt_at_any(t, i + 1, ce, jiang_next, NULL))              /* 也 仍 还 即 */
		return true;
	/* The disposal verb follows within a short object phrase. */
	return xt_find_any(t, i + 1, ce < i + 40 ? ce : i + 40, disposal, NULL) == XT_NONE;
}

/* "计划" is a verb after a subject or adverb ("我局计划", "今年计划"), a
 * noun after most other words ("改造计划", "年度计划"). */
static bool jihua_verb(const struct xtext *t, size_t i)
{
	static const char before[] = "们市局区县委府并还拟也今明年初再已";
	char one[5] = { 0 };

	if (i == 0 || xt_punct(t->cp[i - 1]))
		return true;
	memcpy(one, t->s + t->bo[i - 1], t->bo[i] - t->bo[i - 1]);
	return strstr(before, one) != NULL;
}

size_t xc_clause_end(const struct xtext *t, size_t i, size_t e)
{
	for (; i < e; i++)
		if (t->cp[i] == 0xFF0C || t->cp[i] == 0xFF1A || t->cp[i] == ':' ||
		    (t->cp[i] == ',' && !(i > 0 && xt_digit(t->cp[i - 1]) >= 0 &&
					  i + 1 < e && xt_digit(t->cp[i + 1]) >= 0)))
			return i;
	return e;
}

/* "已积极争取列入…": the marker of a thing already done. */
static bool done_before(const struct xtext *t, size_t s, size_t i)
{
	for (size_t k = i; k > s && i - k < 4; k--) {
		if (xt_punct(t->cp[k - 1]))
			return false;
		if (t->cp[k - 1] == 0x5DF2)      /* 已 */
			return true;
	}
	return false;
}

/* "待资金计划落实后…", "待条件成熟后…": action once a condition holds; the
 * condition may run over two clauses ("待乡镇和有关部门选址确定，项目批准后
 * 即可实施…"), the sentence ending at e. */
static bool dai_condition(const struct xtext *t, size_t i, size_t ce, size_t e)
{
	size_t k = xt_find(t, i, ce, "后");

	if (k == XT_NONE && ce < e && !xt_at(t, i, ce, "待遇") && !xt_at(t, i, ce, "待定")) {
		size_t ne = xc_clause_end(t, ce + 1, e);

		k = xt_find(t, ce + 1, ne, "后");
		ce = ne;
	}
	return t->cp[i] == 0x5F85 && (i == 0 || xt_punct(t->cp[i - 1]) || !xt_han(t->cp[i - 1])) &&
	       k != XT_NONE && k > i + 2 && !xt_at(t, k, ce, "后期");
}

static bool wish_clause(const struct xtext *t, size_t cs, size_t ce)
{
	size_t k;

	while ((k = xt_at_any(t, cs, ce, wish_softeners, NULL)))
		cs += k;
	return xt_at_any(t, cs, ce, wish_words, NULL) > 0;
}

/* After "建议" at a clause's start, words that make it the suggestion
 * named ("建议中提到的路段…", "建议收悉"), not its content. */
static const char *const named_suggestion[] = {
	"中", "的", "所", "收", "提", "已", "内容", "事项", "办理", "答复", NULL
};

/* "请代表帮助…", "也请村委会…", "请及时与我局联系", "同时也希望能得到…支持":
 * a clause that asks the reader or another body to act (QUALITY.md, rule
 * 8); "请示", "请求" are the issuer's own steps. */
static bool ask_clause(const struct xtext *t, size_t cs, size_t ce)
{
	static const char *const advised[] = { "您", "你", "代表", "委员", NULL };
	size_t k;

	while ((k = xt_at_any(t, cs, ce, wish_softeners, NULL)) || (k = xt_at(t, cs, ce, "同时")))
		cs += k;
	if (xt_at_any(t, cs, ce, wish_words, NULL))
		return true;
	/* "建议您向对口部门主动对接": advice to the reader */
	if (xt_at(t, cs, ce, "建议") && xt_at_any(t, cs + 2, ce, advised, NULL))
		return true;
	return cs + 1 < ce && t->cp[cs] == 0x8BF7 && t->cp[cs + 1] != 0x793A &&
	       t->cp[cs + 1] != 0x6C42;                           /* 请, not 请示 请求 */
}

/* "建议对…河道两岸浇灌…河堤", "建议上级相关部门帮助解决此问题": a sentence
 * that states what the suggestion asks for. */
/* "您提出…", "你们反映的…": the reader's words told back. */
static const char *const readers[] = { "您们", "您", "你们", "你", "代表", "委员", NULL };
static const char *const told[] = {
	"所提出", "提出", "所提", "反映", "提到", "建议", "所反映", NULL
};
/* Who answers: a sentence naming the issuer holds its answer. */
static const char *const issuers[] = {
	"我局", "我们", "我委", "我市", "我县", "我区", "本局", "我单位", "我部门", "我办", NULL
};

bool xc_told(const struct xtext *t, size_t s, size_t e)
{
	size_t k = xt_at_any(t, s, e, readers, NULL);

	return k && xt_at_any(t, s + k, e, told, NULL);
}

bool xc_suggestion(const struct xtext *t, size_t s, size_t e)
{
	if (xt_at(t, s, e, "建议") && s + 2 < e && !xt_at_any(t, s + 2, e, named_suggestion, NULL))
		return true;
	/* "您提出由于…，建议相关部门给予帮助…": told back, with no answer */
	return xc_told(t, s, e) && xt_find_any(t, s, e, issuers, NULL) == XT_NONE;
}

size_t xc_ask_start(const struct xtext *t, size_t s, size_t e)
{
	for (size_t cs = s; cs < e;) {
		size_t ce = xc_clause_end(t, cs, e);

		if (ask_clause(t, cs, ce))
			return cs;
		cs = ce + 1;
	}
	return e;
}

/* Where the content of a request starts in [s, e), or e. */
static size_t request_content(const struct xtext *t, size_t s, size_t e)
{
	for (size_t cs = s; cs < e;) {
		size_t ce = xc_clause_end(t, cs, e);

		if (ce - cs >= 4 && ce < e && xt_find(t, cs, ce, "向") != XT_NONE &&
		    xt_at_any(t, ce - 2, ce, request_verbs, NULL))
			return ce;
		cs = ce + 1;
	}
	return e;
}

/* Words of a limit on the work: "受用地指标限制", "对今后开展…工作是限制性
 * 因素", "不满足…申报要求", "难以实施". */
static const char *const limit_words[] = {
	"限制", "制约", "瓶颈", "不满足", "不符合", "不具备", "无法", "难以", "存在困难",
	"困难较大", "较大困难", "实际困难", NULL
};
/* Verbs that act on a limit: "克服资金困难", "破解用地制约" are work. */
static const char *const limit_actions[] = {
	"克服", "解决", "破解", "缓解", "化解", "突破", "解除", "放宽", NULL
};

/* A clause that states a limit on the work rather than plans any: a time
 * word in it is the limit's ("对今后开展…是限制性因素"), not the issuer's. */
static bool limit_clause(const struct xtext *t, size_t cs, size_t ce)
{
	/* a refusal: "不属于我局管理范畴", "我局暂时解决不了" */
	static const char *const refusals[] = { "不属于", "解决不了", "不能解决", "无力解决", NULL };

	if (xt_find_any(t, cs, ce, refusals, NULL) != XT_NONE)
		return true;
	return xt_find_any(t, cs, ce, limit_words, NULL) != XT_NONE &&
	       xt_find_any(t, cs, ce, limit_actions, NULL) == XT_NONE;
}

bool xc_constraint(const struct xtext *t, size_t s, size_t e)
{
	size_t cs, ce;

	if (xt_at(t, s, e, "由于") || xt_at(t, s, e, "但由于"))
		return true;
	for (cs = s; cs < e; cs = ce + 1) {
		ce = xc_clause_end(t, cs, e);
		if (limit_clause(t, cs, ce))
			return true;
	}
	return false;
}

/* How the suggestion is taken, not what is done about it: "始终将代表所提
 * 建议作为…工作任务来抓", "我们将您的建议纳入重要议事日程", "认真起草答复
 * 意见"; a stance ("把…作为大事要事来抓"). */
static const char *const handling_words[] = {
	"所提建议", "所提意见", "所提提案", "提出的建议", "提出的意见", "提出的提案",
	"您的建议", "你的建议", "你们的建议", "代表建议", "委员提案", "答复意见",
	"建议办理", "提案办理", "来抓", NULL
};

/* Whether [s, e) has a number outside a title: "2025年" in "《2025年人大
 * 代表建议…办理工作方案》" names a document, "新增学位1080个" counts. */
static bool counts(const struct xtext *t, size_t s, size_t e)
{
	int depth = 0;

	for (size_t i = s; i < e; i++) {
		depth += t->cp[i] == 0x300A;                      /* 《 */
		depth -= depth > 0 && t->cp[i] == 0x300B;         /* 》 */
		if (!depth && xt_digit(t->cp[i]) >= 0)
			return true;
	}
	return false;
}

/* Whether every clause of [s, e) that has a marker is about taking the
 * suggestion, or the belief that closes such a sentence ("相信…会得到逐步
 * 解决"); a number is something to track, so then it is not. */
bool xc_handling(const struct xtext *t, size_t s, size_t e)
{
	size_t cs, ce;
	bool any = false, yao;

	if (counts(t, s, e))
		return false;
	for (cs = s; cs < e; cs = ce + 1) {
		ce = xc_clause_end(t, cs, e);
		if (xt_find_any(t, cs, ce, handling_words, NULL) != XT_NONE)
			any = true;
		else if ((xc_strong(t, cs, ce) != XT_NONE || xc_weak(t, cs, ce, &yao)) &&
			 xt_find(t, cs, ce, "相信") == XT_NONE)
			return false;
	}
	return any;
}

/* What a problem comes to once the work is done: "…问题将得到解决". */
static const char *const got_words[] = {
	"得到解决", "得到缓解", "得到改善", "得到逐步解决", "得到有效解决", "得到根本解决",
	"得到彻底解决", "得到有效缓解",
	/* "…路灯照明会再有一个质的提升": a state hoped for */
	"质的提升", "质的飞跃", "有所提升", "有所改善", NULL
};
static const char *const can_words[] = {
	"可", "将可", "即可", "便可", "就可", "能够", "可以", NULL
};
static const char *const relief_verbs[] = { "缓解", "解决", "满足", "改善", NULL };

/* A clause that says what the work gives, not what is done: the problem
 * "得到解决", or "可缓解…" after a clause that ends "…建成后". */
static bool outcome_clause(const struct xtext *t, size_t ps, size_t cs, size_t ce)
{
	size_t k;

	/* "下一步有望纳入统一考虑范围": hoped for, by nobody's action */
	if (xt_find_any(t, cs, ce, got_words, NULL) != XT_NONE || xt_find(t, cs, ce, "有望") != XT_NONE)
		return true;
	if (ps == XT_NONE || cs < 2 || !(cs - 1 > ps && t->cp[cs - 2] == 0x540E))   /* 后 */
		return false;
	return (k = xt_at_any(t, cs, ce, can_words, NULL)) &&
	       xt_at_any(t, cs + k, ce, relief_verbs, NULL);
}

bool xc_outcome(const struct xtext *t, size_t s, size_t e)
{
	size_t cs, ce, ps = XT_NONE;
	bool any = false;

	if (counts(t, s, e))
		return false;
	for (cs = s; cs < e; ps = cs, cs = ce + 1) {
		ce = xc_clause_end(t, cs, e);
		if (outcome_clause(t, ps, cs, ce))
			any = true;
		else if (t->cp[cs] != 0x5F85 && xc_strong(t, cs, ce) != XT_NONE)   /* 待…后 */
			return false;
	}
	return any;
}

/* The future 会 of a reply ("会逐步阶段性进行改造", "我局会尽快…"): before
 * an adverb of how or when, and not the 会 of 社会, 协会, 大会, 机会. */
static bool hui_future(const struct xtext *t, size_t i, size_t ce)
{
	static const char *const next[] = {
		"逐步", "尽快", "及时", "积极", "继续", "加快", "进一步", "认真", "全力", "优先",
		"适时", "持续", "不断", "尽最大努力", "按照", "根据", "结合", NULL
	};
	static const char not_before[] = "社协机议学都大工委理开省年";
	char one[5] = { 0 };

	if (t->cp[i] != 0x4F1A)                                      /* 会 */
		return false;
	if (i > 0 && !xt_punct(t->cp[i - 1])) {
		memcpy(one, t->s + t->bo[i - 1], t->bo[i] - t->bo[i - 1]);
		if (strstr(not_before, one))
			return false;
	}
	return xt_at_any(t, i + 1, ce, next, NULL) > 0;
}

size_t xc_strong(const struct xtext *t, size_t s, size_t e)
{
	size_t cs, ce, i;
	int w = -1;

	e = request_content(t, s, e);
	for (cs = s; cs < e; cs = ce + 1) {
		ce = xc_clause_end(t, cs, e);
		if (wish_clause(t, cs, ce))      /* the reader's future, not ours */
			continue;
		if (limit_clause(t, cs, ce))     /* the limit's time, not a plan */
			continue;
		for (i = cs; i < ce; i++) {
			if (dai_condition(t, i, ce, e) || hui_future(t, i, ce))
				return i;
			if (!xt_at_any(t, i, e, strong_words, &w) || false_at(t, i, e) ||
			    done_before(t, s, i))
				continue;
			if (!strcmp(strong_words[w], "将") && !jiang_future(t, i, ce))
				continue;
			if (!strcmp(strong_words[w], "计划") && !jihua_verb(t, i))
				continue;
			if (!strcmp(strong_words[w], "拟") && i + 1 < e && xt_punct(t->cp[i + 1]))
				continue;
			return i;
		}
	}
	return XT_NONE;
}

size_t xc_weak(const struct xtext *t, size_t s, size_t e, bool *yao_only)
{
	size_t cs, ce, i, n = 0;
	int w = -1;

	*yao_only = true;
	for (cs = s; cs < e; cs = ce + 1) {
		ce = xc_clause_end(t, cs, e);
		if (wish_clause(t, cs, ce))          /* "希望您继续…" */
			continue;
		for (i = cs; i < ce; i++)
			if (xt_at_any(t, i, e, weak_words, &w) && !false_at(t, i, e)) {
				n++;
				if (strcmp(weak_words[w], "要"))
					*yao_only = false;
			}
	}
	return n;
}

static bool le_word(const struct xtext *t, size_t i, size_t e)
{
	/* "为了", "了解", "除了": not the aspect particle. */
	return t->cp[i] == 0x4E86 && !(i > 0 && (t->cp[i - 1] == 0x4E3A || t->cp[i - 1] == 0x9664)) &&
	       !(i + 1 < e && t->cp[i + 1] == 0x89E3);
}

/* "比上年增加1.1万亿元": the year compared with, not a report of it. */
static bool compared(const struct xtext *t, size_t s, size_t i)
{
	return i > s && (t->cp[i - 1] == 0x6BD4 || t->cp[i - 1] == 0x8F83);   /* 比 较 */
}

/* "年底前完成全部已加装电梯的安全检测": an 已 that opens "已…的" after a
 * future word describes the object of the plan (the lifts already put in),
 * not work done. */
static bool attributive_yi(const struct xtext *t, size_t s, size_t i, size_t e)
{
	for (size_t k = i + 1; k < e && k <= i + 8 && !xt_punct(t->cp[k]); k++)
		if (t->cp[k] == 0x7684)                                   /* 的 */
			return xc_strong(t, s, i) != XT_NONE;
	return false;
}

bool xc_past(const struct xtext *t, size_t s, size_t e)
{
	size_t i;

	for (i = s; i < e; i++) {
		if (t->cp[i] == 0x5DF2 && !xt_at(t, i, e, "已收悉") &&    /* 已 */
		    !attributive_yi(t, s, i, e))
			return true;
		if (xt_at_any(t, i, e, past_words, NULL) && !compared(t, s, i))
			return true;
		if (le_word(t, i, e) && i > s && xt_han(t->cp[i - 1]))
			return true;
	}
	return false;
}

/* A past year that a rule measures by, not a time of action: "按不高于
 * 2017年征收标准", "比2020年增长", "以2019年为基数". */
static bool reference_year(const struct xtext *t, size_t s, size_t e, const struct xwhen *w)
{
	static const char *const by[] = { "标准", "水平", "基数", "价格", NULL };
	size_t k, after = w->pos + w->len;

	if (w->pos > s && (t->cp[w->pos - 1] == 0x6BD4 || t->cp[w->pos - 1] == 0x8F83 ||
			   t->cp[w->pos - 1] == 0x4EE5))             /* 比 较 以 */
		return true;
	for (k = after; k < e && k < after + 4 && !xt_punct(t->cp[k]); k++)
		if (xt_at_any(t, k, e, by, NULL))
			return true;
	return false;
}

/* "今年年初", "今年初": behind a letter written after March. */
static bool early_this_year(const struct xtext *t, size_t i, size_t e, int32_t letter)
{
	int y, m, d;

	if (letter == DATE_NONE || !(xt_at(t, i, e, "今年年初") || xt_at(t, i, e, "今年初")))
		return false;
	date_to_ymd(letter, &y, &m, &d);
	return m > 3;
}

/* A date before the letter's year, or a past-only word kept to the
 * sentence: "共计", "共发放1.45亿元", "出台《…》". */
bool xc_past_local(const struct xtext *t, size_t s, size_t e, int32_t letter)
{
	struct xwhen w;
	size_t i;

	for (i = s; i < e; i++) {
		if (xt_at_any(t, i, e, past_local_words, NULL) || early_this_year(t, i, e, letter))
			return true;
		if (xt_at_any(t, i, e, published_words, NULL) && !xc_future_time(t, s, e, letter))
			return true;
		if (t->cp[i] == 0x5171 && i + 1 < e && (xt_digit(t->cp[i + 1]) >= 0 ||
		    xt_at(t, i + 1, e, "发放") || xt_at(t, i + 1, e, "受理")))   /* 共 */
			return true;
	}
	for (i = s; i < e; i = w.pos + (w.len ? w.len : 1)) {
		if (!xt_deadline(t, i, e, letter, &w))
			break;
		if (w.past && !reference_year(t, s, e, &w))
			return true;
	}
	return false;
}

/* Courtesy: its words ("感谢", "收悉"…), or a sentence that is a wish to
 * the reader once a short opening ("最后，") is passed. */
bool xc_boiler(const struct xtext *t, size_t s, size_t e)
{
	size_t ce = xc_clause_end(t, s, e);

	if (xt_find_any(t, s, e, boiler_words, NULL) != XT_NONE)
		return true;
	if (ce - s <= 2 && ce < e)
		s = ce + 1;
	return wish_clause(t, s, xc_clause_end(t, s, e));
}

static int year_of(int32_t d)
{
	int y, m, dd;

	date_to_ymd(d, &y, &m, &dd);
	return y;
}

/* A time expression for now or later, not the sentence's opening topic.
 * Without the letter's date no year is known to be ahead ("该道路2005年
 * 实施完成" in an undated reply), so a bare time makes nothing future. */
bool xc_future_time(const struct xtext *t, size_t s, size_t e, int32_t letter)
{
	struct xwhen w;
	size_t i;

	if (letter == DATE_NONE)
		return false;
	for (i = s; i < e && xt_deadline(t, i, e, letter, &w); i = w.pos + (w.len ? w.len : 1)) {
		size_t after = w.pos + w.len;

		if (w.past)
			continue;
		if (w.pos == s && after < e && (t->cp[after] == 0xFF0C || t->cp[after] == ',' ||
						t->cp[after] == 0x8D77))           /* 起 */
			continue;
		if (xt_at(t, after, e, "以来") || xt_at(t, after, e, "起"))
			continue;
		/* "2021-2023年下达…" in a letter of 2023: a span begun before the
		 * letter's year is the period a report covers, no plan by itself */
		if (w.start != DATE_NONE && w.start < date_from_ymd(year_of(letter), 1, 1))
			continue;
		return true;
	}
	return false;
}

enum xclass xc_classify(const struct xtext *t, size_t s, size_t e, int32_t letter,
			size_t *strong_pos, bool *yao_only)
{
	size_t sp = xc_strong(t, s, e);

	*strong_pos = sp;
	*yao_only = false;
	if (sp != XT_NONE)
		return XC_FUT;
	if (xc_boiler(t, s, e))
		return XC_BOILER;
	if (xc_past(t, s, e))
		return XC_PAST;
	/* "尽快撤除", "尽早组织实施": soon, so future, though not a split point. */
	if ((sp = xt_find_any(t, s, request_content(t, s, e), soon_words, NULL)) != XT_NONE) {
		*strong_pos = sp;
		return XC_FUT;
	}
	if (xc_past_local(t, s, e, letter))
		return XC_PASTL;
	if (xc_future_time(t, s, e, letter)) {
		*strong_pos = s;
		return XC_FUT;
	}
	if (xc_weak(t, s, e, yao_only))
		return XC_WEAK;
	return XC_NONE;
}
