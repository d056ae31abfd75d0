/* test_date_words.c - the dates people type on a command line
 * (util/date_words.h), relative to a fixed today. */
#include <string.h>

#include "../unit/check.h"
#include "util/date.h"
#include "util/date_words.h"

static int32_t D(const char *s)
{
	int32_t d = DATE_NONE;

	date_parse(s, &d, "test", NULL);
	return d;
}

/* What s means on today, as YYYY-MM-DD, or "error". */
static const char *said(const char *s, const char *today, bool *literal)
{
	static char buf[DATE_BUFSZ];
	int32_t d;

	if (date_words_parse(s, D(today), &d, literal, "due", NULL))
		return "error";
	date_format(d, buf);
	return buf;
}

static void test_forms(void)
{
	bool lit;

	CHECK_STR(said("2023-09-30", "2023-09-30", &lit), "2023-09-30");
	CHECK(lit);
	CHECK_STR(said("today", "2023-09-30", &lit), "2023-09-30");
	CHECK(!lit);
	CHECK_STR(said("yesterday", "2023-03-01", &lit), "2023-02-28");
	CHECK_STR(said("昨天", "2024-03-01", &lit), "2024-02-29");
	CHECK_STR(said("tomorrow", "2023-12-31", &lit), "2024-01-01");
	CHECK_STR(said("+7d", "2023-09-30", &lit), "2023-10-07");
	CHECK_STR(said("-2w", "2023-09-30", &lit), "2023-09-16");
	CHECK_STR(said("+1m", "2023-01-31", &lit), "2023-02-28");
	CHECK_STR(said("-1m", "2023-03-31", &lit), "2023-02-28");
	CHECK_STR(said("+1y", "2024-02-29", &lit), "2025-02-28");
	CHECK_STR(said("eom", "2024-02-10", &lit), "2024-02-29");
	CHECK_STR(said("eom", "2023-12-01", &lit), "2023-12-31");
	CHECK_STR(said("eoq", "2023-08-15", &lit), "2023-09-30");
	CHECK_STR(said("eoq", "2023-10-01", &lit), "2023-12-31");
	CHECK_STR(said("eoy", "2023-02-01", &lit), "2023-12-31");
	CHECK_STR(said("2023Q3", "2020-01-01", &lit), "2023-09-30");
	CHECK_STR(said("2024q1", "2020-01-01", &lit), "2024-03-31");
	CHECK_STR(said("2023年9月30日", "2020-01-01", &lit), "2023-09-30");
	CHECK_STR(said("2023年10月1号", "2020-01-01", &lit), "2023-10-01");
	CHECK_STR(said("9月30日", "2023-05-05", &lit), "2023-09-30");
	CHECK_STR(said("12月1日", "2024-05-05", &lit), "2024-12-01");
	CHECK_STR(said("9月30", "2023-05-05", &lit), "2023-09-30");
	CHECK(!lit);
}

static void test_refused(void)
{
	static const char *const bad[] = {
		"", "2023-02-29", "2023-9-30", "tody", "+7", "7d", "+7x", "+d", "++7d",
		"+99999d", "2023Q5", "2023Q", "1800Q1", "2023年2月30日", "13月1日", "9月",
		"9月30日x", "年9月30日", "2023年9月30日 ", "eoq ", "+7d ", "-0x1d",
	};
	struct trk_error err = { 0 };
	int32_t d;
	bool lit;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = date_words_parse(bad[i], D("2023-09-30"), &d, &lit, "due", &err);
		if (rc != TRK_EINPUT)
			fprintf(stderr, "accepted the bad date '%s'\n", bad[i]);
		CHECK_INT(rc, TRK_EINPUT);
		CHECK_STR(err.field, "due");
	}
	/* Out of the years a date may have. */
	CHECK_INT(date_words_parse("+1000y", D("2023-09-30"), &d, &lit, "due", &err), TRK_EINPUT);
	CHECK(strstr(err.msg, "1900-2999") != NULL);
}

int main(void)
{
	test_forms();
	test_refused();
	return check_summary();
}
