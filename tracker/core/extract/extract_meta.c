/* extract_meta.c - a reply letter's metadata from its head and tail lines:
 * 文号, title, signer, addressee, suggestion number and session from the
 * head; issuing body and date from the signature block; co-handling units
 * from "会同…" (else the 抄送 line). Also the department-name reader that
 * owners are found with. */
#include "extract/extract_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/date.h"
#include "util/strbuf.h"
#include "util/banned.h"

#define HEAD_LINES 12
#define TAIL_LINES 10

/* ---- department names ------------------------------------------------ */

static const char *const dept_suffix[] = {
	"委员会", "管委会", "办公室", "局", "委", "厅", "防控办", "政府办", "指挥部",
	"领导小组", "人民政府", "街道办事处", "集团", "公司", NULL
};
static const char *const dept_words[] = {
	"布局", "格局", "大局", "全局", "开局", "结局", "当局", "新局", "变局", "破局",
	"时局", "残局", "我局", "本局", "该局", "贵局", "党委", "市委", "县委",
	"区委", "主委", "编委", "村委", "我委", "本委", NULL
};
/* Characters that end a name when reading backwards from its suffix. */
static const char stop_chars[] =
	"由在对将也向为把被从并或等的是请经同于按据以至及与和、，。；：！？“”《》（）";

static bool stop_at(const struct xtext *t, size_t k)
{
	char one[5] = { 0 };

	if (!xt_han(t->cp[k]))
		return true;
	memcpy(one, t->s + t->bo[k], t->bo[k + 1] - t->bo[k]);
	return strstr(stop_chars, one) != NULL;
}

/* "和" inside a name — 自然资源和规划局, 人力资源和社会保障局, 住房和城乡建设局 —
 * rather than between two names: the character before it does not end a
 * department's name. */
static bool and_inside_name(const struct xtext *t, size_t lo, size_t k)
{
	static const uint32_t name_ends[] = { 0x5C40 /* 局 */, 0x59D4 /* 委 */, 0x529E /* 办 */,
		0x5385 /* 厅 */, 0x90E8 /* 部 */, 0x5904 /* 处 */, 0x9662 /* 院 */,
		0x4F1A /* 会 */, 0x5E9C /* 府 */, 0x6240 /* 所 */, 0x7AD9 /* 站 */, 0x961F /* 队 */ };

	if (t->cp[k] != 0x548C /* 和 */ || k <= lo || !xt_han(t->cp[k - 1]) || stop_at(t, k - 1))
		return false;
	for (size_t i = 0; i < sizeof(name_ends) / sizeof(name_ends[0]); i++)
		if (t->cp[k - 1] == name_ends[i])
			return false;
	return true;
}

size_t xt_dept_before(const struct xtext *t, size_t lo, size_t i, size_t *end)
{
	size_t m = xt_at_any(t, i, t->n, dept_suffix, NULL), s = i;
	char *name;
	bool bad;

	if (!m)
		return XT_NONE;
	if (xt_at(t, i, t->n, "委") && m == 1 && i + 1 < t->n &&
	    (t->cp[i + 1] == 0x5458 || t->cp[i + 1] == 0x6258))   /* 委员, 委托 */
		return XT_NONE;
	while (s > lo && i - s < 14 && (!stop_at(t, s - 1) || and_inside_name(t, lo, s - 1)) &&
	       !xt_at_any(t, s - 1, i, dept_suffix, NULL))
		s--;
	if (i + m - s < 3)
		return XT_NONE;
	name = xt_dup(t, i + m - 2 > s ? i + m - 2 : s, i + m);
	bad = false;
	for (int k = 0; dept_words[k]; k++)
		bad = bad || strcmp(name, dept_words[k]) == 0;
	free(name);
	if (bad || (s == i && m < 3))
		return XT_NONE;
	*end = i + m;
	return s;
}

bool xt_find_dept(const struct xtext *t, size_t from, size_t to, size_t *s, size_t *e)
{
	size_t i;

	for (i = from; i < to; i++) {
		size_t st = xt_dept_before(t, from, i, e);

		if (st != XT_NONE && *e <= to) {
			*s = st;
			return true;
		}
	}
	return false;
}

/* ---- helpers ---------------------------------------------------------- */

static char *take(const struct xtext *t, size_t s, size_t e)
{
	while (s < e && xt_space(t->cp[s]))
		s++;
	while (e > s && xt_space(t->cp[e - 1]))
		e--;
	return s < e ? xt_dup(t, s, e) : NULL;
}

static bool is_open(uint32_t c)
{
	return c == 0x3014 || c == '[' || c == 0xFF3B || c == 0xFF08 || c == '(' || c == 0x3010;
}

static bool is_close(uint32_t c)
{
	return c == 0x3015 || c == ']' || c == 0xFF3D || c == 0xFF09 || c == ')' || c == 0x3011;
}

/* 慈经信建〔2023〕3号 (also [2023], （2023）, 第3号) within [from, to). */
static bool doc_no_in(const struct xtext *t, size_t from, size_t to, struct letter *m)
{
	size_t i, k, s;
	int y;

	for (i = from; i + 6 < to; i++) {
		if (!is_open(t->cp[i]) || xt_digit(t->cp[i + 1]) < 0)
			continue;
		for (k = i + 1, y = 0; k < to && k - i <= 5 && xt_digit(t->cp[k]) >= 0; k++)
			y = y * 10 + xt_digit(t->cp[k]);
		if (k - i != 5 || k >= to || !is_close(t->cp[k]) || y < 1949 || y > 2199)
			continue;
		k++;
		k += xt_at(t, k, to, "第");
		if (k >= to || xt_digit(t->cp[k]) < 0)
			continue;
		while (k < to && xt_digit(t->cp[k]) >= 0)
			k++;
		if (!xt_at(t, k, to, "号"))
			continue;
		for (s = i; s > from && i - s < 16 && (xt_han(t->cp[s - 1]) ||
			     (t->cp[s - 1] < 0x80 && t->cp[s - 1] > ' ' && !xt_punct(t->cp[s - 1])));)
			s--;
		if (s == i)
			continue;
		m->doc_no = xt_dup(t, s, k + 1);
		return true;
	}
	return false;
}

static bool line_has(const struct xtext *t, const struct xline *l, const char *lit)
{
	return xt_find(t, l->s, l->e, lit) != XT_NONE;
}

static void find_title(const struct xtext *t, const struct xline *lines, size_t nh,
		       struct letter *m)
{
	size_t i, a, b;

	for (i = 0; i < nh; i++) {
		const struct xline *l = &lines[i];

		if (l->e - l->s < 60 && (line_has(t, l, "答复") || line_has(t, l, "复函")) &&
		    !line_has(t, l, "签发人") && !line_has(t, l, "如下")) {
			m->title = take(t, l->s, l->e);
			return;
		}
	}
	for (i = 0; i < nh + 3 && !m->title; i++) {
		a = xt_find(t, lines[i].s, lines[i].e, "《");
		b = a == XT_NONE ? XT_NONE : xt_find(t, a, lines[i].e, "》");
		if (b != XT_NONE)
			m->title = xt_dup(t, a + 1, b);
	}
}

static void find_signer(const struct xtext *t, size_t from, size_t to, struct letter *m)
{
	size_t i = xt_find(t, from, to, "签发人"), e;

	if (i == XT_NONE)
		return;
	i += 3;
	while (i < to && (xt_space(t->cp[i]) || t->cp[i] == ':' || t->cp[i] == 0xFF1A))
		i++;
	for (e = i; e < to && e - i < 8 && (xt_han(t->cp[e]) || t->cp[e] == 0xB7); e++)
		;
	if (e > i)
		m->signer = xt_dup(t, i, e);
}

static const char *const addr_suffix[] = { "代表", "委员", "同志", "先生", "女士", NULL };

static void find_addressee(const struct xtext *t, const struct xline *lines, size_t nh,
			   struct letter *m)
{
	size_t i, s, e;
	int w;

	for (i = 0; i < nh; i++) {
		s = lines[i].s;
		e = lines[i].e;
		if (e - s > 30 || (t->cp[e - 1] != 0xFF1A && t->cp[e - 1] != ':') ||
		    line_has(t, &lines[i], "签发人") || line_has(t, &lines[i], "抄送"))
			continue;
		e--;
		s += xt_at(t, s, e, "尊敬的");
		for (size_t k = s; k + 1 < e; k++)
			if (xt_at_any(t, k, e, addr_suffix, &w) && k + 2 == e) {
				e = k;
				break;
			}
		if (e > s && t->cp[e - 1] == 0x7B49)          /* 等 */
			e--;
		m->addressee = take(t, s, e);
		return;
	}
}

static bool open_bracket(uint32_t c)
{
	return c == 0xFF08 || c == '(';
}

/* "《…的提案》(第48号)": the number in brackets after the title quoted. */
static bool bracketed_number(const struct xtext *t, size_t from, size_t i, size_t k, size_t to)
{
	return i >= from + 3 && t->cp[i - 1] == 0x7B2C && open_bracket(t->cp[i - 2]) &&   /* 第 */
	       t->cp[i - 3] == 0x300B && k + 1 < to &&                                  /* 》 */
	       (t->cp[k + 1] == 0xFF09 || t->cp[k + 1] == ')');
}

/* "第211号建议" / "第15号提案" anywhere (the title first), or the number
 * in brackets after the suggestion's quoted title. */
static void find_number(const struct xtext *t, size_t from, size_t to, struct letter *m)
{
	static const char *const kinds[] = { "建议", "提案", "议案", NULL };
	size_t i, k;

	for (i = from; i < to; i++) {
		if (xt_digit(t->cp[i]) < 0 || (i > from && xt_digit(t->cp[i - 1]) >= 0))
			continue;
		for (k = i; k < to && xt_digit(t->cp[k]) >= 0; k++)
			;
		if (k - i <= 6 && xt_at(t, k, to, "号") && (xt_at_any(t, k + 1, to, kinds, NULL) ||
		    (xt_at(t, k + 1, to, "代表") && xt_at(t, k + 3, to, "建议")) ||
		    bracketed_number(t, from, i, k, to))) {
			m->suggestion_no = xt_dup(t, i, k);
			return;
		}
	}
}

static const char session_stop[] = "对在于的是您和，。、：；“”《》（）()期间上";

/* "市十八届人大二次会议", "政协慈溪市第十四届委员会第二次会议". */
static void find_session(const struct xtext *t, size_t from, size_t to, struct letter *m)
{
	size_t e = xt_find(t, from, to, "次会议"), s;
	char one[5];

	if (e == XT_NONE)
		return;
	for (s = e; s > from && e - s < 30; s--) {
		memset(one, 0, sizeof(one));
		memcpy(one, t->s + t->bo[s - 1], t->bo[s] - t->bo[s - 1]);
		if (!xt_han(t->cp[s - 1]) || strstr(session_stop, one))
			break;
	}
	if (e - s >= 2)
		m->session = xt_dup(t, s, e + 3);
}

static const char *const org_end[] = {
	"局", "委员会", "委", "办公室", "政府", "厅", "中心", "院", "会", "部", "公司",
	"所", "站", "处", "队", "街道办事处", "办", NULL
};

static bool ends_org(const struct xtext *t, const struct xline *l)
{
	size_t k;

	for (k = l->s; k < l->e; k++)
		if (xt_at_any(t, k, l->e, org_end, NULL) + k == l->e)
			return true;
	return false;
}

/* Whether lit is at i with spaces between its characters allowed ("抄 报",
 * "联 系 人": letters space a label out to the width of the others); the
 * length matched, or 0. */
static size_t at_spaced(const struct xtext *t, size_t i, size_t e, const char *lit)
{
	size_t start = i;

	while (*lit) {
		char one[5] = { 0 };
		size_t n = (*lit & 0xE0) == 0xC0 ? 2 : (*lit & 0xF0) == 0xE0 ? 3
			   : (*lit & 0xF8) == 0xF0 ? 4 : 1;

		memcpy(one, lit, n);
		lit += n;
		if (i > start)
			while (i < e && xt_space(t->cp[i]))
				i++;
		if (!xt_at(t, i, e, one))
			return 0;
		i++;
	}
	return i - start;
}

/* A line that opens with one of the labels, spaced out or not: its end. */
static size_t label_end(const struct xtext *t, const struct xline *l,
			const char *const *labels)
{
	size_t i = l->s, n;

	while (i < l->e && xt_space(t->cp[i]))
		i++;
	for (size_t k = 0; labels[k]; k++)
		if ((n = at_spaced(t, i, l->e, labels[k])))
			return i + n;
	return 0;
}

static const char *const furniture_labels[] = {
	"抄送", "抄报", "联系人", "联系电话", "联系单位", "经办人", "签发人", "附件", NULL
};

static bool furniture(const struct xtext *t, const struct xline *l)
{
	static const char *const words[] = {
		"抄送", "抄报", "联系人", "电话", "联系电话", "地址", "邮编", "传真", "附件", "此件",
		"印发", "主题词", "签发人", "联系单位", "经办人", "经 办 人", "承办", NULL
	};
	return xt_find_any(t, l->s, l->e, words, NULL) != XT_NONE ||
	       label_end(t, l, furniture_labels);
}

/* "联系单位：新密市住房和城乡建设局" under a signature that is only the date:
 * the unit that answers, named by its label. */
static char *labelled_issuer(const struct xtext *t, const struct xline *l)
{
	static const char *const labels[] = { "联系单位", "承办单位", "办理单位", "答复单位", NULL };
	size_t i = label_end(t, l, labels);
	struct xline value;

	if (!i || i >= l->e || (t->cp[i] != 0xFF1A && t->cp[i] != ':'))
		return NULL;
	value = (struct xline){ .s = i + 1, .e = l->e };
	while (value.e > value.s && xt_space(t->cp[value.e - 1]))
		value.e--;
	if (value.e - value.s > 30 || !ends_org(t, &value))
		return NULL;
	return take(t, value.s, value.e);
}

/* The line less a seal mark after the name ("慈溪市交通运输局（盖章）"). */
static struct xline without_seal(const struct xtext *t, const struct xline *l)
{
	static const char *const seals[] = {
		"（盖章）", "(盖章)", "（公章）", "(公章)", "（印章）", "(印章)", "（章）", "(章)", NULL
	};
	struct xline name = *l;

	for (size_t k = l->s; k < l->e; k++) {
		size_t n = xt_at_any(t, k, l->e, seals, NULL);
		if (n && k + n == l->e) {
			name.e = k;
			break;
		}
	}
	return name;
}

/* Signature block: the date line and, above it, the issuing body. */
static void find_tail(const struct xtext *t, const struct xline *lines, size_t n,
		      struct letter *m)
{
	size_t i, lo = n > TAIL_LINES ? n - TAIL_LINES : 0;

	for (i = n; i-- > lo;) {
		const struct xline *l = &lines[i];
		struct xline name = without_seal(t, l);
		int32_t d;

		if (m->date == DATE_NONE && l->e - l->s < 24 && xt_abs_date(t, l->s, l->e, &d)) {
			m->date = d;
			continue;
		}
		if (!m->issuer && !furniture(t, l) && name.e - name.s <= 30 && ends_org(t, &name) &&
		    (m->date != DATE_NONE || i + 3 >= n)) {
			m->issuer = take(t, name.s, name.e);
		}
	}
	for (i = n; !m->issuer && i-- > lo;)
		m->issuer = labelled_issuer(t, &lines[i]);
	if (!m->issuer && n && xt_at(t, lines[0].e - 2, lines[0].e, "文件"))
		m->issuer = take(t, lines[0].s, lines[0].e - 2);
}

/* ---- co-handling units ----------------------------------------------- */

static bool list_sep(uint32_t c)
{
	return c == 0x3001 || c == 0xFF0C || c == ',' || c == 0x548C || c == 0x53CA ||
	       c == 0x4E0E || c == ' ' || c == 0x3000 || c == 0xFF1B;   /* 、，和及与 */
}

/* Where a clause ends: ，；。 and spaces (、和及与 join the names of a list). */
static bool clause_break(uint32_t c)
{
	return c == 0xFF0C || c == ',' || c == 0xFF1B || c == ';' || c == 0x3002 || c == ' ' ||
	       c == 0x3000;
}

static void dept_list(const struct xtext *t, size_t p, size_t to, struct strlist *out,
		      bool filter)
{
	static const char *const not_handlers[] = {
		"人大", "政协", "政府办公室", "政府办", "主席团", "代表工委", "常委会", NULL
	};
	size_t s, e;

	while (p < to) {
		while (p < to && list_sep(t->cp[p]))
			p++;
		if (!xt_find_dept(t, p, p + 20 < to ? p + 20 : to, &s, &e) || s != p) {
			/* a 抄送 line names others too ("区人大常委会代表工委，…，
			 * 区住建局"): step over one that is no department's name */
			if (!filter)
				return;
			while (p < to && !list_sep(t->cp[p]))
				p++;
			continue;
		}
		/* on a 抄送 line a name runs to the separator: "宁波市生态环境局
		 * 奉化分局" is one unit, not two */
		if (filter) {
			size_t end = e;

			while (end < to && !list_sep(t->cp[end]) && end - s < 24)
				end++;
			if (end == to || list_sep(t->cp[end]))
				e = end;
		}
		if (!filter || xt_find_any(t, s, e, not_handlers, NULL) == XT_NONE) {
			char *name = xt_dup(t, s, e);

			if (!strlist_has(out, name))
				strlist_push(out, name);
			free(name);
		}
		p = e;
	}
}

static void find_handlers(const struct xtext *t, const struct xline *lines, size_t n,
			  struct letter *m)
{
	static const char *const lead[] = { "会同", "协办单位", "联合", NULL };
	size_t from = n ? lines[0].s : 0, to = t->n, i, k;

	/* "本件由我局主办，区住建局、区生态环境分局协办": the list before 协办 */
	for (i = xt_find(t, from, to, "协办"); i != XT_NONE; i = xt_find(t, i + 2, to, "协办")) {
		size_t p = i;

		if (xt_at(t, i, to, "协办单位"))
			continue;
		while (p > from && i - p < 60 && !clause_break(t->cp[p - 1]))
			p--;
		dept_list(t, p, i, &m->co_handlers, false);
		if (m->co_handlers.n)
			return;
	}
	while ((i = xt_find_any(t, from, to, lead, &k)) != XT_NONE) {
		size_t p = i + k;

		while (p < to && (t->cp[p] == ':' || t->cp[p] == 0xFF1A || xt_space(t->cp[p])))
			p++;
		dept_list(t, p, to, &m->co_handlers, false);
		from = i + k;
		if (m->co_handlers.n)
			return;
	}
	for (i = n; i-- > (n > TAIL_LINES ? n - TAIL_LINES : 0);) {
		k = xt_find(t, lines[i].s, lines[i].e, "送");
		if (k == XT_NONE || !xt_at(t, lines[i].s, lines[i].e, "抄"))
			continue;
		for (k++; k < lines[i].e && (xt_space(t->cp[k]) || t->cp[k] == 0xFF1A ||
					     t->cp[k] == ':'); k++)
			;
		dept_list(t, k, lines[i].e, &m->co_handlers, true);
	}
}

static void find_class(const struct xtext *t, size_t from, size_t to, struct letter *m)
{
	size_t i = xt_find(t, from, to, "类别"), k;
	char c[2] = { 0, 0 };

	if (i == XT_NONE)
		return;
	for (k = i + 2; k < to && k < i + 6; k++) {
		uint32_t u = t->cp[k];

		if (u >= 0xFF21 && u <= 0xFF24)
			u = u - 0xFF21 + 'A';
		if (u >= 'A' && u <= 'D') {
			c[0] = (char)u;
			m->reply_class = xstrdup(c);
			return;
		}
	}
}

/* ---- document kind and reference date -------------------------------- */

static const char *const plan_words[] = {
	"政府工作报告", "实施意见", "实施方案", "工作方案", "行动计划", "行动方案", "工作要点",
	"指导意见", "若干措施", "若干意见", "规划纲要", "预期目标", "工作计划", NULL
};
static const char *const reply_words[] = {
	"答复", "复函", "回复", "收悉", "办理情况", NULL
};

enum extract_kind xt_kind(const struct xtext *t, const struct xline *lines, size_t n,
			  const struct letter *m)
{
	size_t head = n < 8 ? n : 8, i;
	bool plan = false;

	for (i = 0; i < head; i++) {
		if (xt_find_any(t, lines[i].s, lines[i].e, reply_words, NULL) != XT_NONE)
			return EXTRACT_REPLY;
		plan = plan || xt_find_any(t, lines[i].s, lines[i].e, plan_words, NULL) != XT_NONE;
	}
	return plan || !m->addressee ? EXTRACT_PLAN : EXTRACT_REPLY;
}

/* A line of running text: it has a comma or a full stop (either width). */
static bool prose_line(const struct xtext *t, const struct xline *l)
{
	static const char *const stops[] = { "，", "。", ",", NULL };

	return xt_find_any(t, l->s, l->e, stops, NULL) != XT_NONE;
}

int32_t xt_ref_date(const struct xtext *t, const struct xline *lines, size_t n,
		    const struct letter *m)
{
	size_t head = n < 8 ? n : 8, i, k;
	int32_t d;

	if (m->date != DATE_NONE)
		return m->date;
	for (i = 0; i < head; i++)
		for (k = lines[i].s; k < lines[i].e && !prose_line(t, &lines[i]); k++)
			if (xt_abs_date(t, k, lines[i].e, &d))
				return d;
	/* A year counts only in a title or heading line, like the date above:
	 * a date in the prose of a short undated text ("该道路2005年实施完成…",
	 * "实施期限至2021年12月31日") is history or a deadline. */
	for (i = 0; i < head; i++)
		for (k = lines[i].s; k + 4 < lines[i].e && !prose_line(t, &lines[i]); k++) {
			int y = 0, j;

			for (j = 0; j < 4 && xt_digit(t->cp[k + j]) >= 0; j++)
				y = y * 10 + xt_digit(t->cp[k + j]);
			if (j == 4 && t->cp[k + 4] == 0x5E74 && y > 1949 && y < 2200 &&
			    (k == lines[i].s || xt_digit(t->cp[k - 1]) < 0))
				return date_from_ymd(y, 1, 1);
		}
	return DATE_NONE;
}

void xt_meta(const struct xtext *t, const struct xline *lines, size_t n, struct letter *m)
{
	size_t nh = n < HEAD_LINES ? n : HEAD_LINES;
	size_t head_end = nh ? lines[nh - 1].e : 0;

	m->date = DATE_NONE;
	if (!doc_no_in(t, 0, head_end, m) && n)
		doc_no_in(t, lines[n > TAIL_LINES ? n - TAIL_LINES : 0].s, t->n, m);
	find_title(t, lines, nh, m);
	find_signer(t, 0, head_end, m);
	find_addressee(t, lines, nh, m);
	find_number(t, 0, head_end, m);
	if (!m->suggestion_no)
		find_number(t, 0, t->n, m);
	find_session(t, 0, t->n, m);
	find_tail(t, lines, n, m);
	find_handlers(t, lines, n, m);
	find_class(t, 0, t->n, m);
}
