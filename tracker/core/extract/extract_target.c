/* extract_target.c - numbers and measurable targets in letter text:
 * "新增工业机器人800台以上", "不少于5.64万个", "控制在3%以内",
 * "零的突破". A number counts as a target only with a comparator or an
 * action verb in front of it, so counts in descriptions ("5省、50县市")
 * stay out. */
#include "extract/extract_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/banned.h"

/* Reads digits with an optional decimal part and thousands commas. */
static size_t arabic(const struct xtext *t, size_t i, size_t end, double *out)
{
	size_t k = i;
	double v = 0, scale = 0.1;

	while (k < end && (xt_digit(t->cp[k]) >= 0 ||
			   (t->cp[k] == ',' && k > i && k + 3 < end &&
			    xt_digit(t->cp[k + 1]) >= 0 && xt_digit(t->cp[k + 3]) >= 0))) {
		if (t->cp[k] != ',')
			v = v * 10 + xt_digit(t->cp[k]);
		k++;
		if (k - i > 15)
			return 0;
	}
	if (k == i)
		return 0;
	if (k + 1 < end && (t->cp[k] == '.' || t->cp[k] == 0xFF0E) &&
	    xt_digit(t->cp[k + 1]) >= 0) {
		for (k++; k < end && xt_digit(t->cp[k]) >= 0; k++, scale /= 10)
			v += scale * xt_digit(t->cp[k]);
	}
	*out = v;
	return k - i;
}

static double cn_unit(uint32_t c)
{
	switch (c) {
	case 0x5341: return 10;        /* 十 */
	case 0x767E: return 100;       /* 百 */
	case 0x5343: return 1000;      /* 千 */
	default: return 0;
	}
}

/* Chinese numerals below 一万: 三十, 两百, 十二, 一千零五. */
static size_t chinese(const struct xtext *t, size_t i, size_t end, double *out)
{
	size_t k = i;
	double total = 0, digit = -1;

	for (; k < end && k - i < 12; k++) {
		int d = xt_cn_digit(t->cp[k]);
		double u = cn_unit(t->cp[k]);

		if (d >= 0) {
			digit = d;
		} else if (u > 0) {
			total += (digit < 0 ? 1 : digit) * u;
			digit = -1;
		} else {
			break;
		}
	}
	if (k == i)
		return 0;
	*out = total + (digit > 0 ? digit : 0);
	return k - i;
}

size_t xt_number(const struct xtext *t, size_t i, size_t end, double *out)
{
	size_t k = arabic(t, i, end, out);

	if (!k)
		k = chinese(t, i, end, out);
	if (!k)
		return 0;
	if (i + k < end && t->cp[i + k] == 0x4E07) {          /* 万 */
		*out *= 1e4;
		k++;
	} else if (i + k < end && t->cp[i + k] == 0x4EBF) {   /* 亿 */
		*out *= 1e8;
		k++;
	}
	return k;
}

static const char *const multi_units[] = {
	"个百分点", "百分点", "个工作日", "工作日", "人次", "家次", "户次", "平方公里", "平方米", "公里",
	"千米", "千瓦", "兆瓦", "立方米", "小时", "分钟", "万元", "亿元", "美元", "元", NULL
};
/* Measure words: a number followed by one of these counts something. */
static const char measure[] =
	"个家台项场次人名元亩吨户所条座套批辆张件篇期轮天所部栋间区村镇园处份册本间支只棵株米"
	"盏块根口眼孔";

static size_t unit_at(const struct xtext *t, size_t i, size_t end, struct strbuf *unit)
{
	size_t m = xt_at_any(t, i, end, multi_units, NULL);
	char one[5] = { 0 };

	if (i < end && (t->cp[i] == '%' || t->cp[i] == 0xFF05)) {
		strbuf_addstr(unit, "%");
		return 1;
	}
	if (m) {
		char *u = xt_dup(t, i, i + m);

		strbuf_addstr(unit, u);
		free(u);
		return m;
	}
	if (i < end && xt_han(t->cp[i])) {
		memcpy(one, t->s + t->bo[i], t->bo[i + 1] - t->bo[i]);
		if (strstr(measure, one)) {
			strbuf_addstr(unit, one);
			return 1;
		}
	}
	return 0;
}

static const char *const ge_before[] = {
	"不少于", "不低于", "至少", "超过", "达到", "突破", "多于", "高于", "大于", "达",
	"增长", "提高", "提升", "增加", NULL
};
static const char *const le_before[] = {
	"不超过", "不高于", "控制在", "低于", "少于", "不多于", "降至", "降到", "压减",
	"下降", "降低", "减少", "小于", "压缩至", "压缩到", "缩短至", "缩短到", NULL
};
static const char *const verbs_before[] = {
	"新增", "新建", "建成", "完成", "实现", "开展", "培育", "打造", "引进", "举办",
	"组织", "招引", "推广", "改造", "创建", "认定", "帮扶", "培训", "发放", "建设",
	"新培育", "新招引", "新开工", "开工", "投用", "提供", "吸引", "招聘", "落实",
	"新改建", "改建", "修复", "治理", "整治", "种植", "植树", "安排", "筹集", "投入",
	"新开", "开通", "配备", "招收", "覆盖", "服务", "创成", "达标", "推动",
	/* the works of roads and streets: "施划公交专用道12公里", "增设泊位300个" */
	"施划", "增设", "安装", "铺设", "敷设", "修建", "硬化", "拓宽", "更换",
	/* pilots: "选取10个老旧小区开展试点"; cost: "预计总投资380万元" */
	"选取", "总投资", "投资", NULL
};

/* Looks back a few code points (within the clause) for a comparator or an
 * action verb; returns 1 for >=, 2 for <=, 3 for a verb, 0 for none. */
static int context_before(const struct xtext *t, size_t from, size_t i, enum comparator *cmp)
{
	size_t k, lo = i > from + 14 ? i - 14 : from;

	for (k = i; k-- > lo;) {
		/* "不少于" holds "少于": the negated form one further back wins. */
		size_t at = k > lo && t->cp[k - 1] == 0x4E0D ? k - 1 : k;

		if (k + 4 >= i && xt_at_any(t, at, i, le_before, NULL)) {
			*cmp = CMP_LE;
			return 2;
		}
		if (k + 4 >= i && xt_at_any(t, at, i, ge_before, NULL)) {
			*cmp = CMP_GE;
			return 1;
		}
		if (xt_at_any(t, k, i, verbs_before, NULL)) {
			*cmp = CMP_GE;
			return 3;
		}
		if (xt_punct(t->cp[k]) && t->cp[k] != 0x201C && t->cp[k] != 0x201D &&
		    t->cp[k] != 0xFF08 && t->cp[k] != 0xFF09 && t->cp[k] != 0x3001)
			break;
	}
	return 0;
}

static const char *const ge_after[] = { "以上", "及以上", NULL };
static const char *const le_after[] = { "以内", "以下", "之内", NULL };
/* "10余次", "7600多名": a floor, but only a target with a verb before it
 * ("开展培训10余次"); alone it describes ("7600多名持证残疾人"). */
static const char *const about_after[] = { "多", "余", NULL };

/* 1 for >=, 2 for <=, 3 for 左右 (= with a tolerance), 4 for 多/余. */
static int context_after(const struct xtext *t, size_t i, size_t end, enum comparator *cmp)
{
	if (xt_at_any(t, i, end, ge_after, NULL)) {
		*cmp = CMP_GE;
		return 1;
	}
	if (xt_at_any(t, i, end, le_after, NULL)) {
		*cmp = CMP_LE;
		return 2;
	}
	if (xt_at(t, i, end, "左右")) {
		*cmp = CMP_EQ;
		return 3;
	}
	if (xt_at_any(t, i, end, about_after, NULL)) {
		*cmp = CMP_GE;
		return 4;
	}
	return 0;
}

/* Numbers that are not quantities: years, dates, ordinals, "5G", "8+4". */
static bool not_quantity(const struct xtext *t, size_t from, size_t i, size_t k, size_t end)
{
	uint32_t next = i + k < end ? t->cp[i + k] : 0;
	uint32_t prev = i > from ? t->cp[i - 1] : 0;

	if (next == 0x5E74 || next == 0x6708 || next == 0x65E5 || next == 0x53F7 ||
	    next == 0x5C4A || next == 0x5B63 || next == '+' || next == '-' ||
	    next == 0x3014 || next == 0x3015 || next == '.')
		return true;          /* 年 月 日 号 届 季 */
	if ((next < 0x80 && ((next | 0x20) >= 'a' && (next | 0x20) <= 'z')) ||
	    (prev < 0x80 && ((prev | 0x20) >= 'a' && (prev | 0x20) <= 'z')))
		return true;
	return prev == 0x7B2C || prev == '+' || prev == '-' || prev == 0x3014 || prev == '.';
}

/* "确保…50%的城市社区建成…": a share in a clause that opens with a goal
 * verb is a target, however far the verb is from the number. */
static bool goal_clause(const struct xtext *t, size_t from, size_t i)
{
	static const char *const goal_verbs[] = { "确保", "力争", "争取", "实现", NULL };
	size_t k = i;

	while (k > from && t->cp[k - 1] != 0xFF0C && t->cp[k - 1] != 0xFF1B &&
	       t->cp[k - 1] != 0x3002 && t->cp[k - 1] != ',')
		k--;
	return xt_at_any(t, k, i, goal_verbs, NULL) > 0;
}

static void target_set(struct target *tg, double v, const char *unit, enum comparator c)
{
	memset(tg, 0, sizeof(*tg));
	tg->present = true;
	tg->value = v;
	tg->unit = xstrdup(unit);
	tg->cmp = c;
}

/* Tries a target whose number starts at i; *approx for 左右. */
static bool target_at(const struct xtext *t, size_t from, size_t i, size_t to,
		      struct target *tg, bool *approx)
{
	struct strbuf unit = STRBUF_INIT;
	enum comparator cb = CMP_GE, ca = CMP_GE;
	double v;
	size_t k = xt_number(t, i, to, &v), u, after_pos;
	int before, after;
	bool single_cn = k == 1 && xt_digit(t->cp[i]) < 0;

	if (!k || not_quantity(t, from, i, k, to))
		return false;
	u = unit_at(t, i + k, to, &unit);
	after_pos = i + k + u;
	if (!u && xt_at_any(t, i + k, to, about_after, NULL)) {    /* "10余次" */
		u = unit_at(t, i + k + 1, to, &unit);
		after_pos = i + k;
	}
	if (!u && xt_digit(t->cp[i]) < 0)
		return strbuf_release(&unit), false;
	before = context_before(t, from, i, &cb);
	if (!before && !strcmp(unit.buf, "%") && goal_clause(t, from, i))
		before = 1;
	after = context_after(t, after_pos, to, &ca);
	if (after == 4 && !before)
		return strbuf_release(&unit), false;
	if (!before && !after)
		return strbuf_release(&unit), false;
	if (single_cn && !after && before == 3)   /* 一家, 一批: a deliverable */
		return strbuf_release(&unit), false;
	if (!u && before != 1 && before != 2 && !after)
		return strbuf_release(&unit), false;
	target_set(tg, v, unit.buf, after ? ca : cb);
	*approx = after == 3;
	strbuf_release(&unit);
	return true;
}

bool xt_target(const struct xtext *t, size_t from, size_t to, struct target *tg,
	       size_t *pos, bool *approx)
{
	size_t i;

	*approx = false;
	for (i = from; i < to; i++) {
		bool digit = xt_digit(t->cp[i]) >= 0 || xt_cn_digit(t->cp[i]) > 0 ||
			     t->cp[i] == 0x5341;
		bool prev_digit = i > from && (xt_digit(t->cp[i - 1]) >= 0 ||
					       xt_cn_digit(t->cp[i - 1]) >= 0 ||
					       cn_unit(t->cp[i - 1]) > 0 ||
					       t->cp[i - 1] == '.');

		if (xt_at(t, i, to, "零的突破") || xt_at(t, i, to, "零突破")) {
			target_set(tg, 1, "个", CMP_GE);
			*pos = i;
			return true;
		}
		if (digit && !prev_digit && target_at(t, from, i, to, tg, approx)) {
			*pos = i;
			return true;
		}
	}
	return false;
}

bool extract_parse_target(const char *s, struct target *tg)
{
	struct xtext t;
	size_t pos;
	bool ok, approx;

	memset(tg, 0, sizeof(*tg));
	if (!utf8_valid(s, strlen(s), NULL))
		return false;
	xtext_init(&t, s, strlen(s));
	ok = xt_target(&t, 0, t.n, tg, &pos, &approx);
	xtext_release(&t);
	return ok;
}

bool extract_parse_number(const char *s, double *out, size_t *used)
{
	struct xtext t;
	size_t k;

	if (!utf8_valid(s, strlen(s), NULL))
		return false;
	xtext_init(&t, s, strlen(s));
	k = xt_number(&t, 0, t.n, out);
	*used = t.bo[k];
	xtext_release(&t);
	return k > 0;
}
