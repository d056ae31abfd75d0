/* extract_time.c - dates and deadlines in letter text, relative to the
 * letter's date: "2023年6月13日", "二〇二三年六月十三日", "今年下半年",
 * "年底前", "第三季度", "9月底前", "三年内", "“十四五”期间". */
#include "extract/extract_int.h"

#include <string.h>

#include "util/date.h"
#include "util/utf8.h"
#include "util/banned.h"

#define C_NIAN 0x5E74   /* 年 */
#define C_YUE 0x6708    /* 月 */
#define C_RI 0x65E5     /* 日 */
#define C_HAO 0x53F7    /* 号 */

/* A small count (month, day, quarter, years): Arabic or Chinese. */
static size_t small_num(const struct xtext *t, size_t i, size_t end, int *out)
{
	double v = 0;
	size_t k;

	if (i >= end || (xt_digit(t->cp[i]) < 0 && xt_cn_digit(t->cp[i]) < 0 &&
			 t->cp[i] != 0x5341))
		return 0;
	if (xt_digit(t->cp[i]) >= 0) {     /* digits only: "6.13" is month and day */
		for (k = i; k < end && k - i < 3 && xt_digit(t->cp[k]) >= 0; k++)
			v = v * 10 + xt_digit(t->cp[k]);
		k -= i;
	} else {
		k = xt_number(t, i, end, &v);
	}
	if (!k || k > 4 || v < 0 || v > 99 || v != (int)v)
		return 0;
	*out = (int)v;
	return k;
}

/* Four-digit year, Arabic or Chinese (二〇二三). */
static size_t year_at(const struct xtext *t, size_t i, size_t end, int *y)
{
	size_t k;
	int v = 0;

	if (i > 0 && (xt_digit(t->cp[i - 1]) >= 0 || xt_cn_digit(t->cp[i - 1]) >= 0))
		return 0;
	for (k = 0; k < 4; k++) {
		int d = i + k < end ? xt_digit(t->cp[i + k]) : -1;

		if (d < 0 && i + k < end)
			d = xt_cn_digit(t->cp[i + k]);
		if (d < 0)
			return 0;
		v = v * 10 + d;
	}
	if (i + 4 < end && xt_digit(t->cp[i + 4]) >= 0)
		return 0;
	if (v < 1949 || v > 2199)
		return 0;
	*y = v;
	return 4;
}

/* 2023年6月13日 / 2023-06-13 / 2023.6.13 / 2023/6/13. */
size_t xt_abs_date(const struct xtext *t, size_t i, size_t end, int32_t *out)
{
	int y, m, d;
	size_t k = year_at(t, i, end, &y), a, b;
	uint32_t sep;

	if (!k || i + k >= end)
		return 0;
	sep = t->cp[i + k];
	if (sep != C_NIAN && sep != '-' && sep != '.' && sep != '/' && sep != 0xFF0E)
		return 0;
	k++;
	a = small_num(t, i + k, end, &m);
	if (!a || i + k + a >= end)
		return 0;
	k += a;
	if (t->cp[i + k] != (sep == C_NIAN ? C_YUE : sep))
		return 0;
	k++;
	b = small_num(t, i + k, end, &d);
	if (!b || !date_valid_ymd(y, m, d))
		return 0;
	k += b;
	/* "2025年10月10" ending its text (a signature served without 日) is
	 * the date as well */
	if (sep == C_NIAN && i + k < end) {
		if (t->cp[i + k] != C_RI && t->cp[i + k] != C_HAO)
			return 0;
		k++;
	}
	*out = date_from_ymd(y, m, d);
	return k;
}

static void when_set(struct xwhen *w, int32_t s, int32_t d, size_t pos, size_t len)
{
	w->start = s;
	w->due = d;
	w->pos = pos;
	w->len = len;
}

static int32_t month_end(int y, int m)
{
	if (m == 12)
		return date_from_ymd(y, 12, 31);
	return date_from_ymd(y, m + 1, 1) - 1;
}

/* The first day of the lunar year (春节) from 2015 to 2040, as month * 100
 * + day: a date a letter may set a deadline by ("2025年春节前"). */
static const short spring_festival[] = {
	219, 208, 128, 216, 205, 125, 212, 201, 122, 210, 129, 217, 206,   /* 2015-2027 */
	126, 213, 203, 123, 211, 131, 219, 208, 128, 215, 204, 124, 212,   /* 2028-2040 */
};
#define SPRING_FESTIVAL_FIRST 2015

/* By the day before `day` of year y: from the letter's date where it is
 * before that, else from 1 January (never after the deadline). */
static void when_before(struct xwhen *w, int y, int32_t day, int32_t letter, size_t pos,
			size_t len)
{
	int32_t start = letter != DATE_NONE && letter < day ? letter : date_from_ymd(y, 1, 1);

	if (start >= day)
		start = day - 1;
	when_set(w, start, day - 1, pos, len);
}

/* "春节前", "国庆节前", "元旦前" after year y: the day before that holiday,
 * from the letter's date where it is in y (else 1 January); 0 when there
 * is none at i (or y's 春节 is outside the table). */
static size_t holiday_of_year(const struct xtext *t, size_t i, size_t end, int y,
			      int32_t letter, struct xwhen *w, size_t pos)
{
	size_t k;
	int32_t day;
	int idx = y - SPRING_FESTIVAL_FIRST;

	if ((k = xt_at(t, i, end, "春节前")) && idx >= 0 &&
	    idx < (int)(sizeof(spring_festival) / sizeof(spring_festival[0])))
		day = date_from_ymd(y, spring_festival[idx] / 100, spring_festival[idx] % 100);
	else if ((k = xt_at(t, i, end, "国庆节前")) || (k = xt_at(t, i, end, "国庆前")))
		day = date_from_ymd(y, 10, 1);
	else if ((k = xt_at(t, i, end, "元旦前")))
		day = date_from_ymd(y, 1, 1);
	else
		return 0;
	when_before(w, y, day, letter, pos, i + k - pos);
	return k;
}

/* "秋季学期(起)", "春季学期(开始)" after year y: the term, from September to
 * the year's end or from February to June; "秋季学期开学前": by the day
 * before the term opens (31 August; for spring, whose opening follows the
 * Spring Festival, the end of February), from the letter on. 0 when there
 * is none at i. */
static size_t school_term(const struct xtext *t, size_t i, size_t end, int y, int32_t letter,
			  struct xwhen *w, size_t pos)
{
	static const char *const from_words[] = { "起", "开始", NULL };
	static const char *const before_words[] = { "开学前", "开学之前", "开学以前", NULL };
	size_t k, b;
	int32_t s, d, opens;

	if ((k = xt_at(t, i, end, "秋季学期")) ||
	    ((k = xt_at(t, i, end, "秋季")) && xt_at_any(t, i + k, end, before_words, NULL)))
		s = opens = date_from_ymd(y, 9, 1), d = date_from_ymd(y, 12, 31);
	else if ((k = xt_at(t, i, end, "春季学期")) ||
		 ((k = xt_at(t, i, end, "春季")) && xt_at_any(t, i + k, end, before_words, NULL)))
		s = date_from_ymd(y, 2, 1), d = date_from_ymd(y, 6, 30), opens = date_from_ymd(y, 3, 1);
	else if ((k = xt_at(t, i, end, "暑假")) || (k = xt_at(t, i, end, "暑期"))) {
		/* the summer holiday: July and August */
		k += xt_at(t, i + k, end, "期间");
		when_set(w, date_from_ymd(y, 7, 1), date_from_ymd(y, 8, 31), pos, i + k - pos);
		return k;
	} else
		return 0;
	if ((b = xt_at_any(t, i + k, end, before_words, NULL))) {
		when_before(w, y, opens, letter, pos, i + k + b - pos);
		return k + b;
	}
	k += xt_at_any(t, i + k, end, from_words, NULL);
	when_set(w, s, d, pos, i + k - pos);
	return k;
}

/* After a year (or 今年) at i: 上半年, 下半年, 第N季度, N月底前, N月前,
 * N月份, 年底前, 春节前…; falls back to the whole year. */
static size_t period_of_year(const struct xtext *t, size_t i, size_t end, int y,
			     int32_t letter, struct xwhen *w, size_t pos)
{
	size_t k, n;
	int v = 0;

	if ((k = holiday_of_year(t, i, end, y, letter, w, pos)))
		return k;
	if ((k = school_term(t, i, end, y, letter, w, pos)))
		return k;

	if ((k = xt_at(t, i, end, "上半年"))) {
		when_set(w, date_from_ymd(y, 1, 1), date_from_ymd(y, 6, 30), pos, i + k - pos);
		return k;
	}
	if ((k = xt_at(t, i, end, "下半年"))) {
		when_set(w, date_from_ymd(y, 7, 1), date_from_ymd(y, 12, 31), pos, i + k - pos);
		return k;
	}
	k = xt_at(t, i, end, "第");
	if ((n = small_num(t, i + k, end, &v)) && v >= 1 && v <= 4 &&
	    xt_at(t, i + k + n, end, "季度")) {
		k += n + 2;
		when_set(w, date_quarter_start(y, v), date_quarter_end(y, v), pos, i + k - pos);
		return k;
	}
	if ((n = small_num(t, i, end, &v)) && v >= 1 && v <= 12 && i + n < end &&
	    t->cp[i + n] == C_YUE) {
		int32_t s = letter != DATE_NONE && letter <= month_end(y, v) ? letter
									   : date_from_ymd(y, 1, 1);
		size_t dn;
		int dd;

		k = n + 1;
		/* "9月15日前": by that day, not the month's end */
		if ((dn = small_num(t, i + k, end, &dd)) && dd >= 1 &&
		    date_from_ymd(y, v, 1) + dd - 1 <= month_end(y, v) && i + k + dn < end &&
		    (t->cp[i + k + dn] == 0x65E5 || t->cp[i + k + dn] == 0x53F7)) {   /* 日 号 */
			int32_t day = date_from_ymd(y, v, dd);

			k += dn + 1;
			k += xt_at(t, i + k, end, "前");   /* so that a day gone by rolls over */
			when_set(w, s <= day ? s : date_from_ymd(y, 1, 1), day, pos, i + k - pos);
			return k;
		}
		if (xt_at(t, i + k, end, "份") || xt_at(t, i + k, end, "中旬")) {
			s = date_from_ymd(y, v, 1);
		} else if (xt_at(t, i + k, end, "前") && !xt_at(t, i + k - 1, end, "月底")) {
			when_set(w, s, v > 1 ? month_end(y, v - 1) : date_from_ymd(y, 1, 31),
				 pos, i + k + 1 - pos);
			return k + 1;
		}
		when_set(w, s, month_end(y, v), pos, i + k - pos);
		return k;
	}
	when_set(w, date_from_ymd(y, 1, 1), date_from_ymd(y, 12, 31), pos, i - pos);
	return 0;
}

static const char *const this_year[] = {
	"今年", "本年度", "本年", "年内", "全年", "年底前", "年底", "年末", "当年", NULL
};
static const char *const not_deadline[] = { "以来", "同期", "初以来", NULL };

/* "三年内", "两年内", "3个月内" from the letter date. */
static bool within(const struct xtext *t, size_t i, size_t end, int32_t letter,
		   struct xwhen *w)
{
	int v, y, m, d;
	size_t n = small_num(t, i, end, &v), k;

	if (!n || v < 1 || letter == DATE_NONE)
		return false;
	date_to_ymd(letter, &y, &m, &d);
	if ((k = xt_at(t, i + n, end, "年内")) || (k = xt_at(t, i + n, end, "年时间"))) {
		when_set(w, letter, date_from_ymd(y + v, m, d > 28 ? 28 : d) - 1, i, n + k);
		return true;
	}
	if ((k = xt_at(t, i + n, end, "个月内"))) {
		m += v;
		y += (m - 1) / 12;
		m = (m - 1) % 12 + 1;
		when_set(w, letter, date_from_ymd(y, m, d > 28 ? 28 : d), i, n + k);
		return true;
	}
	return false;
}

/* 十四五 / 十五五: five-year plan periods, with their quotes and a word
 * for the period or its end ("“十四五”期末") taken in, so that the whole
 * expression is known as a time. */
static bool plan_period(const struct xtext *t, size_t i, size_t end, struct xwhen *w)
{
	static const char *const after[] = { "期间", "期末", "时期", "末", NULL };
	size_t k = i + (i < end && t->cp[i] == 0x201C);
	int first;

	if (xt_at(t, k, end, "十四五"))
		first = 2021;
	else if (xt_at(t, k, end, "十五五"))
		first = 2026;
	else
		return false;
	k += 3;
	k += k < end && t->cp[k] == 0x201D;
	k += xt_at_any(t, k, end, after, NULL);
	when_set(w, date_from_ymd(first, 1, 1), date_from_ymd(first + 4, 12, 31), i, k - i);
	return true;
}

/* One expression starting at i, or false. */
static bool deadline_at(const struct xtext *t, size_t i, size_t end, int ly,
			int32_t letter, struct xwhen *w)
{
	int y, sy;
	size_t k;
	int32_t d;

	if ((k = xt_abs_date(t, i, end, &d))) {
		when_set(w, letter != DATE_NONE && letter < d ? letter : d, d, i, k);
		w->past = letter != DATE_NONE && d < letter;
		return true;
	}
	if ((k = year_at(t, i, end, &y)) && i + k < end && t->cp[i + k] == C_NIAN &&
	    !xt_at_any(t, i + k + 1, end, not_deadline, NULL)) {
		k++;
		k += xt_at(t, i + k, end, "度");
		period_of_year(t, i + k, end, y, letter, w, i);
		w->past = ly && y < ly;
		return true;
	}
	if (year_at(t, i, end, &sy) && (i + 4 < end) && (t->cp[i + 4] == '-' ||
	    t->cp[i + 4] == 0x2014 || t->cp[i + 4] == 0x81F3 || t->cp[i + 4] == 0xFF5E) &&
	    year_at(t, i + 5, end, &y) && y > sy) {
		when_set(w, date_from_ymd(sy, 1, 1), date_from_ymd(y, 12, 31), i, 9);
		w->past = ly && y < ly;
		return true;
	}
	if (ly && (xt_at(t, i, end, "明年") || xt_at(t, i, end, "下一年"))) {
		k = 2 + period_of_year(t, i + 2, end, ly + 1, DATE_NONE, w, i);
		return true;
	}
	if (ly && (k = xt_at_any(t, i, end, this_year, NULL)) &&
	    !xt_at_any(t, i + k, end, not_deadline, NULL)) {
		period_of_year(t, i + k, end, ly, letter, w, i);
		if (w->len < k)
			w->len = k;
		return true;
	}
	if (ly && xt_at(t, i, end, "每年") && period_of_year(t, i + 2, end, ly, letter, w, i) > 0) {
		/* "每年4月前": the next time it falls due, and again each year. */
		if (letter != DATE_NONE && w->due < letter)
			period_of_year(t, i + 2, end, ly + 1, DATE_NONE, w, i);
		w->recurring = true;
		return true;
	}
	if (ly && (period_of_year(t, i, end, ly, letter, w, i) > 0)) {
		/* "4月前" written in June means next April; "一季度" stays. */
		if (letter != DATE_NONE && w->due < letter && w->len &&
		    t->cp[w->pos + w->len - 1] == 0x524D)            /* 前 */
			period_of_year(t, i, end, ly + 1, DATE_NONE, w, i);
		return true;
	}
	return within(t, i, end, letter, w) || plan_period(t, i, end, w);
}

/* Where the document's name opened at i (《) closes, or i when its times
 * count: "结合《2024—2026年…三年行动计划》" names a document the work follows,
 * no time it is due by, but "纳入《…“十五五”…规划》" puts the work in the
 * plan's years. */
static size_t name_end(const struct xtext *t, size_t from, size_t i, size_t to)
{
	static const char *const into[] = { "纳入", "列入", "编入", NULL };
	size_t close = i + 1;

	if (i >= from + 2 && xt_at_any(t, i - 2, i, into, NULL))
		return i;
	while (close < to && t->cp[close] != 0x300B)                     /* 》 */
		close++;
	return close < to ? close : i;
}

bool xt_deadline(const struct xtext *t, size_t from, size_t to, int32_t letter_date,
		 struct xwhen *w)
{
	int ly = 0, m, d;

	memset(w, 0, sizeof(*w));
	if (letter_date != DATE_NONE)
		date_to_ymd(letter_date, &ly, &m, &d);
	for (size_t i = from; i < to; i++) {
		if (t->cp[i] == 0x300A) {                                  /* 《 */
			i = name_end(t, from, i, to);
			if (t->cp[i] == 0x300B)
				continue;
		}
		if (i > from && (xt_digit(t->cp[i - 1]) >= 0 || xt_cn_digit(t->cp[i - 1]) >= 0))
			continue;
		if (deadline_at(t, i, to, ly, letter_date, w))
			return true;
	}
	return false;
}

bool extract_parse_date(const char *s, int32_t *out)
{
	struct xtext t;
	size_t i, len = strlen(s);
	bool ok = false;

	if (!utf8_valid(s, len, NULL))
		return false;
	xtext_init(&t, s, len);
	for (i = 0; i < t.n && !ok; i++)
		ok = xt_abs_date(&t, i, t.n, out) > 0;
	xtext_release(&t);
	return ok;
}

bool extract_parse_deadline(const char *s, int32_t letter_date, int32_t *start,
			    int32_t *due)
{
	struct xtext t;
	struct xwhen w;
	size_t len = strlen(s);
	bool ok;

	if (!utf8_valid(s, len, NULL))
		return false;
	xtext_init(&t, s, len);
	ok = xt_deadline(&t, 0, t.n, letter_date, &w);
	xtext_release(&t);
	if (ok) {
		*start = w.start;
		*due = w.due;
	}
	return ok;
}
