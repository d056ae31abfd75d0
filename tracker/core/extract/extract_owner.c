/* extract_owner.c - who owns a commitment: the department the sentence
 * names as its subject, else the co-handling unit whose field the section
 * is about (就业 -> 人力社保, 展会 -> 商务…), as the letter names it. */
#include "extract/extract_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/banned.h"

/* After a subject department: what it will do. */
static const char *const subject_next[] = {
	"将", "也", "还", "仍", "要", "负责", "牵头", "会同", "继续", "持续", "进一步",
	"积极", "力争", "计划", "拟", "已", "正", "着力", "加快", "联合", NULL
};

static bool subject_at(const struct xtext *t, size_t from, size_t s, size_t e, size_t to)
{
	if (s > from && t->cp[s - 1] == 0x7531)                     /* 由 */
		return true;
	return xt_at_any(t, e, to, subject_next, NULL) > 0;
}

/* The endings of a unit under a department ("县公安局交警大队"). */
static const char *const sub_unit_ends[] = {
	"大队", "支队", "中队", "分局", "中心", "科", "所", "站", NULL
};

/* Where a unit under the department ending at e ends, or e when none
 * follows: two to eight ideographs up to one of sub_unit_ends. */
static size_t sub_unit_end(const struct xtext *t, size_t e, size_t to)
{
	size_t k, n;

	for (k = e; k < to && k - e < 8 && xt_han(t->cp[k]); k++)
		for (int w = 0; sub_unit_ends[w]; w++)
			if ((n = xt_at(t, k, to, sub_unit_ends[w])) && k + n - e >= 2)
				return k + n;
	return e;
}

char *xo_named(const struct xtext *t, size_t from, size_t to)
{
	size_t i = from, s, e;

	while (i < to && xt_find_dept(t, i, to, &s, &e)) {
		size_t sub = sub_unit_end(t, e, to);

		if (xt_at(t, s, e, "我") || xt_at(t, s, e, "本")) {
			i = e;
			continue;
		}
		if (subject_at(t, from, s, e, to))
			return xt_dup(t, s, e);
		if (sub > e && subject_at(t, from, s, sub, to))
			return xt_dup(t, s, sub);
		i = e;
	}
	return NULL;
}

struct topic {
	const char *words[8];
	const char *units[4];
};

/* Fields of work and how their departments are named. Earlier rows win, so
 * the narrower field comes first (市场监管 before 市场). */
static const struct topic topics[] = {
	{ { "市场监管", "食品安全", "特种设备" }, { "市场监管" } },
	{ { "就业", "用工", "劳务", "社保", "技能人才", "劳动", "工资" },
	  { "人力社保", "人社", "人力资源" } },
	{ { "展会", "外贸", "市场", "出口", "电商", "消费", "商贸" }, { "商务" } },
	{ { "卫生", "健康", "医疗", "医院", "疫苗", "医保" }, { "卫生健康", "卫健", "卫生" } },
	{ { "财政", "补助资金", "预算" }, { "财政" } },
	{ { "发改", "投资", "价格" }, { "发改", "发展和改革", "发展改革" } },
	{ { "教育", "学校", "教师", "学生", "幼儿园", "课后" }, { "教育" } },
	{ { "交通", "道路", "公路", "公交", "运输", "停车" }, { "交通" } },
	{ { "生态", "环境", "污染", "环保", "排放", "大气", "水质" },
	  { "生态环境", "环境", "环保" } },
	{ { "住房", "住建", "物业", "房地产", "城建" }, { "住建", "住房" } },
	{ { "农业", "农村", "乡村", "农民", "粮食" }, { "农业农村", "农业" } },
	{ { "科技", "研发", "科创" }, { "科技" } },
	{ { "自然资源", "规划", "土地", "用地" }, { "自然资源", "规划" } },
	{ { "水利", "河道", "防汛", "水库" }, { "水利" } },
	{ { "民政", "养老", "救助", "殡葬" }, { "民政" } },
	{ { "文化", "旅游", "文旅", "体育" }, { "文化", "文旅", "文广", "体育" } },
	{ { "治安", "交警", "公安", "消防" }, { "公安", "消防" } },
	{ { "制造业", "数字化", "工业", "信息化" }, { "经信", "经济和信息化" } },
};

/* Words that hold a field's word and name an activity of any field:
 * "加强宣传教育" is no work of the education department's. */
static const char *const activity_words[] = {
	"宣传教育", "安全教育", "警示教育", "法治教育", "普法教育", "主题教育", NULL
};

/* Whether word (ideographs) occurs in [s, e) other than inside an
 * activity word. */
static bool field_word(const struct xtext *t, size_t s, size_t e, const char *word)
{
	size_t len = strlen(word) / 3;   /* UTF-8 ideographs are 3 bytes */

	for (size_t p = xt_find(t, s, e, word); p != XT_NONE; p = xt_find(t, p + 1, e, word)) {
		bool activity = false;

		for (size_t b = p >= s + 4 ? p - 4 : s; b <= p && !activity; b++)
			activity = xt_at_any(t, b, e, activity_words, NULL) >= p - b + len;
		if (!activity)
			return true;
	}
	return false;
}

static bool range_has(const struct xtext *t, size_t s, size_t e, const char *const *w)
{
	size_t k;

	if (s == XT_NONE)
		return false;
	for (k = 0; k < 8 && w[k]; k++)
		if (field_word(t, s, e, w[k]))
			return true;
	return false;
}

static char *unit_for(const struct topic *tp, const struct letter *m)
{
	size_t i, k;

	for (k = 0; k < 4 && tp->units[k]; k++) {
		for (i = 0; i < m->co_handlers.n; i++)
			if (strstr(m->co_handlers.items[i], tp->units[k]))
				return xstrdup(m->co_handlers.items[i]);
		if (m->issuer && strstr(m->issuer, tp->units[k]))
			return xstrdup(m->issuer);
	}
	return NULL;
}

char *xo_by_topic(const struct xtext *t, size_t h1s, size_t h1e, size_t h2s, size_t h2e,
		  const struct letter *m)
{
	size_t k;
	char *u;

	for (k = 0; k < sizeof(topics) / sizeof(topics[0]); k++)
		if (range_has(t, h2s, h2e, topics[k].words) && (u = unit_for(&topics[k], m)))
			return u;
	for (k = 0; k < sizeof(topics) / sizeof(topics[0]); k++)
		if (range_has(t, h1s, h1e, topics[k].words) && (u = unit_for(&topics[k], m)))
			return u;
	return NULL;
}
