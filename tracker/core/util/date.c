#include "util/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/banned.h"

/* Days from civil, after Howard Hinnant's public-domain algorithm: exact for
 * the proleptic Gregorian calendar without any libc time-zone machinery. */
int32_t date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int32_t)(era * 146097 + doe - 719468);
}

void date_to_ymd(int32_t days, int *y, int *m, int *d)
{
	int z = days + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

static int days_in_month(int y, int m)
{
	static const int dim[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : dim[m - 1];
}

bool date_valid_ymd(int y, int m, int d)
{
	return y >= 1900 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= days_in_month(y, m);
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* The value of n digits at s, already checked to be digits. Not atoi():
 * strtol was a third of reading a date column, and a report reads a date
 * and a time for every check-in. */
static int digits_value(const char *s, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* Reads "YYYY-MM-DD" at s without looking past it; false if malformed. */
static bool scan_ymd(const char *s, int *y, int *m, int *d)
{
	if (strnlen(s, 10) < 10 || !all_digits(s, 4) || s[4] != '-' ||
	    !all_digits(s + 5, 2) || s[7] != '-' || !all_digits(s + 8, 2))
		return false;
	*y = digits_value(s, 4);
	*m = digits_value(s + 5, 2);
	*d = digits_value(s + 8, 2);
	return true;
}

int date_parse(const char *s, int32_t *out, const char *field,
	       struct trk_error *err)
{
	int y, m, d;

	if (!s || !*s)
		return trk_err_field(err, TRK_EINPUT, field, "empty date, expected YYYY-MM-DD");
	if (strlen(s) != 10 || !scan_ymd(s, &y, &m, &d))
		return trk_err_field(err, TRK_EINPUT, field, "'%.40s' is not a date of the form "
				     "YYYY-MM-DD", s);
	if (!date_valid_ymd(y, m, d))
		return trk_err_field(err, TRK_EINPUT, field, "'%s' is not a calendar day", s);
	*out = date_from_ymd(y, m, d);
	return 0;
}

/* Writes n (0..9999) as `width` decimal digits: no snprintf, so the
 * compiler can see the output always fits. */
static void put_digits(char *out, int n, int width)
{
	for (int i = width - 1; i >= 0; i--, n /= 10)
		out[i] = (char)('0' + n % 10);
}

void date_format(int32_t days, char *out)
{
	int y, m, d;

	if (days == DATE_NONE) {
		out[0] = '\0';
		return;
	}
	date_to_ymd(days, &y, &m, &d);
	put_digits(out, y < 0 ? 0 : y % 10000, 4);
	out[4] = '-';
	put_digits(out + 5, m, 2);
	out[7] = '-';
	put_digits(out + 8, d, 2);
	out[10] = '\0';
}

int date_quarter(int32_t days)
{
	int y, m, d;

	date_to_ymd(days, &y, &m, &d);
	return (m - 1) / 3 + 1;
}

int32_t date_quarter_start(int y, int q)
{
	return date_from_ymd(y, (q - 1) * 3 + 1, 1);
}

int32_t date_quarter_end(int y, int q)
{
	return q == 4 ? date_from_ymd(y, 12, 31) : date_quarter_start(y, q + 1) - 1;
}

int quarter_parse(const char *s, int *year, int *q, struct trk_error *err)
{
	if (!s || strlen(s) != 6 || !all_digits(s, 4) || (s[4] != 'Q' && s[4] != 'q') ||
	    s[5] < '1' || s[5] > '4')
		return trk_err_field(err, TRK_EINPUT, "quarter", "'%.40s' is not a quarter like "
				     "2023Q3", s ? s : "");
	*year = digits_value(s, 4);
	*q = s[5] - '0';
	if (*year < 1900 || *year > 2999)
		return trk_err_field(err, TRK_EINPUT, "quarter", "year out of range in '%s'", s);
	return 0;
}

int timestamp_parse(const char *s, int64_t *out, const char *field,
		    struct trk_error *err)
{
	int y, m, d, hh = 0, mm = 0, ss = 0;
	size_t n = s ? strlen(s) : 0;

	if (n == 10 || n == 20) {
		if (!scan_ymd(s, &y, &m, &d) || !date_valid_ymd(y, m, d))
			goto bad;
		if (n == 20) {
			if (s[10] != 'T' || s[19] != 'Z' || !all_digits(s + 11, 2) ||
			    s[13] != ':' || !all_digits(s + 14, 2) || s[16] != ':' ||
			    !all_digits(s + 17, 2))
				goto bad;
			hh = digits_value(s + 11, 2), mm = digits_value(s + 14, 2);
			ss = digits_value(s + 17, 2);
			if (hh > 23 || mm > 59 || ss > 60)
				goto bad;
		}
		*out = (int64_t)date_from_ymd(y, m, d) * 86400 + hh * 3600 + mm * 60 + ss;
		return 0;
	}
bad:
	return trk_err_field(err, TRK_EINPUT, field, "'%.40s' is not a timestamp "
			     "YYYY-MM-DDTHH:MM:SSZ or a date YYYY-MM-DD", s ? s : "");
}

void timestamp_format(int64_t epoch, char *out)
{
	int64_t days = epoch >= 0 ? epoch / 86400 : (epoch - 86399) / 86400;
	int64_t secs = epoch - days * 86400;

	date_format((int32_t)days, out);
	out[10] = 'T';
	put_digits(out + 11, (int)(secs / 3600), 2);
	out[13] = ':';
	put_digits(out + 14, (int)(secs / 60 % 60), 2);
	out[16] = ':';
	put_digits(out + 17, (int)(secs % 60), 2);
	out[19] = 'Z';
	out[20] = '\0';
}

int clock_now_epoch(int64_t *out, struct trk_error *err)
{
	const char *fixed = getenv("TRACKER_NOW");

	if (fixed && *fixed)
		return timestamp_parse(fixed, out, "TRACKER_NOW", err);
	*out = (int64_t)time(NULL);
	return 0;
}

int32_t local_date(int64_t epoch)
{
	time_t t = (time_t)epoch;
	struct tm tm;

	if (!localtime_r(&t, &tm))
		return (int32_t)(epoch / 86400);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int clock_today(int32_t *out, struct trk_error *err)
{
	int64_t now;
	int rc = clock_now_epoch(&now, err);

	if (rc)
		return rc;
	*out = local_date(now);
	return 0;
}

int clock_timestamp(char *out, struct trk_error *err)
{
	int64_t now;
	int rc = clock_now_epoch(&now, err);

	if (rc)
		return rc;
	timestamp_format(now, out);
	return 0;
}

void timestamp_format_local(int64_t epoch, char *out)
{
	time_t t = (time_t)epoch;
	struct tm tm;
	long off;

	if (!localtime_r(&t, &tm)) {
		timestamp_format(epoch, out);
		return;
	}
	date_format(date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday), out);
	out[10] = 'T';
	put_digits(out + 11, tm.tm_hour, 2);
	out[13] = ':';
	put_digits(out + 14, tm.tm_min, 2);
	out[16] = ':';
	put_digits(out + 17, tm.tm_sec, 2);
	off = tm.tm_gmtoff / 60;
	out[19] = off < 0 ? '-' : '+';
	off = off < 0 ? -off : off;
	put_digits(out + 20, (int)(off / 60), 2);
	out[22] = ':';
	put_digits(out + 23, (int)(off % 60), 2);
	out[25] = '\0';
}

void timestamp_text_local(const char *utc, char *out)
{
	int64_t t = 0;

	if (!utc || timestamp_parse(utc, &t, "timestamp", NULL)) {
		snprintf(out, TIMESTAMP_LOCAL_BUFSZ, "%s", utc ? utc : "");
		return;
	}
	timestamp_format_local(t, out);
}

static int64_t local_day_end_uncached(int32_t day)
{
	int y, m, d;
	struct tm tm = { 0 };

	date_to_ymd(day, &y, &m, &d);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = 23;
	tm.tm_min = 59;
	tm.tm_sec = 59;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

/* mktime() reads the zone again on every call (a stat of /etc/localtime at
 * least), which was a tenth of a calendar export; a calendar asks for few
 * distinct days, many times each. So the answers are kept per thread, by
 * day and by the TZ they were computed under (tests change TZ). */
#define DAY_END_SLOTS 64
#define DAY_END_TZ_MAX 64

struct day_end_memo {
	bool set;
	int32_t day;
	int64_t end;
	char tz[DAY_END_TZ_MAX];
};

int64_t local_day_end(int32_t day)
{
	static _Thread_local struct day_end_memo memo[DAY_END_SLOTS];
	struct day_end_memo *slot = &memo[(uint32_t)day % DAY_END_SLOTS];
	const char *tz = getenv("TZ");
	size_t len;

	tz = tz ? tz : "";
	len = strlen(tz);
	if (len >= DAY_END_TZ_MAX)
		return local_day_end_uncached(day);
	if (slot->set && slot->day == day && !strcmp(slot->tz, tz))
		return slot->end;
	slot->end = local_day_end_uncached(day);
	slot->day = day;
	memcpy(slot->tz, tz, len + 1);
	slot->set = true;
	return slot->end;
}
