/* date_words.c - the dates people type (see date_words.h). */
#include "util/date_words.h"

#include <stdlib.h>
#include <string.h>

#include "util/date.h"
#include "util/banned.h"

static int last_day(int y, int m)
{
	return m == 12 ? 31 : (int)(date_from_ymd(y, m + 1, 1) - date_from_ymd(y, m, 1));
}

/* Reads 1..max decimal digits at *s, advancing it; -1 if none or too many. */
static long read_number(const char **s, int max)
{
	long n = 0;
	int i = 0;

	while (**s >= '0' && **s <= '9') {
		if (++i > max)
			return -1;
		n = n * 10 + (**s - '0');
		(*s)++;
	}
	return i ? n : -1;
}

/* Moves a date by n months, keeping the day unless the month is shorter. */
static int32_t add_months(int32_t day, long n)
{
	int y, m, d;
	long months;

	date_to_ymd(day, &y, &m, &d);
	months = (long)y * 12 + (m - 1) + n;
	y = (int)(months / 12);
	m = (int)(months % 12) + 1;
	if (d > last_day(y, m))
		d = last_day(y, m);
	return date_from_ymd(y, m, d);
}

/* "+7d", "-2w", "+1m", "+1y". */
static bool offset_form(const char *s, int32_t today, int32_t *out)
{
	int sign = *s == '-' ? -1 : 1;
	long n;

	if (*s != '+' && *s != '-')
		return false;
	s++;
	if ((n = read_number(&s, 4)) < 0 || !s[0] || s[1])
		return false;
	switch (*s) {
	case 'd': *out = today + (int32_t)(sign * n); return true;
	case 'w': *out = today + (int32_t)(sign * n * 7); return true;
	case 'm': *out = add_months(today, sign * n); return true;
	case 'y': *out = add_months(today, sign * n * 12); return true;
	default: return false;
	}
}

/* today, yesterday, tomorrow, eom, eoq, eoy (and the Chinese words). */
static bool word_form(const char *s, int32_t today, int32_t *out)
{
	int y, m, d;

	date_to_ymd(today, &y, &m, &d);
	if (!strcmp(s, "today") || !strcmp(s, "今天"))
		*out = today;
	else if (!strcmp(s, "yesterday") || !strcmp(s, "昨天"))
		*out = today - 1;
	else if (!strcmp(s, "tomorrow") || !strcmp(s, "明天"))
		*out = today + 1;
	else if (!strcmp(s, "eom") || !strcmp(s, "月底"))
		*out = date_from_ymd(y, m, last_day(y, m));
	else if (!strcmp(s, "eoq") || !strcmp(s, "季末"))
		*out = date_quarter_end(y, (m - 1) / 3 + 1);
	else if (!strcmp(s, "eoy") || !strcmp(s, "年底"))
		*out = date_from_ymd(y, 12, 31);
	else
		return false;
	return true;
}

/* "2023Q3": the quarter's last day. */
static bool quarter_form(const char *s, int32_t *out)
{
	long y = read_number(&s, 4);

	if (y < 1900 || y > 2999 || (s[0] != 'Q' && s[0] != 'q') || s[1] < '1' || s[1] > '4' ||
	    s[2])
		return false;
	*out = date_quarter_end((int)y, s[1] - '0');
	return true;
}

/* "2023年9月30日" or "9月30日" (today's year); "日" may also be "号" or left out. */
static bool chinese_form(const char *s, int32_t today, int32_t *out)
{
	int ty, tm, td;
	long y, m, d;

	date_to_ymd(today, &ty, &tm, &td);
	y = read_number(&s, 4);
	if (y >= 0 && !strncmp(s, "年", strlen("年"))) {
		s += strlen("年");
		m = read_number(&s, 2);
	} else {
		m = y;
		y = ty;
	}
	if (m < 0 || strncmp(s, "月", strlen("月")))
		return false;
	s += strlen("月");
	if ((d = read_number(&s, 2)) < 0)
		return false;
	if (strcmp(s, "日") && strcmp(s, "号") && *s)
		return false;
	if (!date_valid_ymd((int)y, (int)m, (int)d))
		return false;
	*out = date_from_ymd((int)y, (int)m, (int)d);
	return true;
}

int date_words_parse(const char *s, int32_t today, int32_t *out, bool *literal,
		     const char *field, struct trk_error *err)
{
	*literal = false;
	if (!s || !*s)
		return trk_err_field(err, TRK_EINPUT, field, "empty date");
	if (strlen(s) == 10 && s[4] == '-') {
		*literal = true;
		return date_parse(s, out, field, err);
	}
	if (offset_form(s, today, out) || word_form(s, today, out) || quarter_form(s, out) ||
	    chinese_form(s, today, out)) {
		if (*out < date_from_ymd(1900, 1, 1) || *out > date_from_ymd(2999, 12, 31))
			return trk_err_field(err, TRK_EINPUT, field, "'%.40s' falls outside the "
					     "years 1900-2999", s);
		return 0;
	}
	return trk_err_field(err, TRK_EINPUT, field, "'%.40s' is not a date (YYYY-MM-DD, today, "
			     "yesterday, +7d, -2w, eom, eoq, eoy, 2023Q3, 2023年9月30日 or "
			     "9月30日)", s);
}
