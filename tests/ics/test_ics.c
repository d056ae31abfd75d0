/* test_ics.c - units of the iCalendar module: the --alarm parser, the
 * UTF-8 aware folding post-pass, the unescaped-property guard, safe file
 * names and the printer thread. The whole export is tested through the CLI
 * (ics_test.py). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/ics.h"
#include "util/strbuf.h"
#include "util/utf8.h"

static int failures;

#define CHECK(cond) do { if (!(cond)) { failures++; \
	fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); } } while (0)

static void check_name(const char *in, const char *want, int line)
{
	char *got = ics_safe_filename(in);

	if (strcmp(got, want)) {
		failures++;
		fprintf(stderr, "%s:%d: ics_safe_filename(\"%s\") = \"%s\", want \"%s\"\n",
			__FILE__, line, in, got, want);
	}
	free(got);
}
#define CHECK_NAME(in, want) check_name(in, want, __LINE__)

static void test_alarms(void)
{
	struct ics_alarms a;
	struct trk_error err;

	CHECK(ics_parse_alarms("30d,7d,1d", &a, &err) == 0);
	CHECK(a.n == 3 && a.a[0].amount == 30 && a.a[0].unit == ICS_DAYS);
	CHECK(a.a[2].amount == 1 && a.a[2].unit == ICS_DAYS);
	CHECK(ics_parse_alarms("2w, 12h ,0d", &a, &err) == 0);
	CHECK(a.n == 3 && a.a[0].unit == ICS_WEEKS && a.a[1].amount == 12 &&
	      a.a[1].unit == ICS_HOURS && a.a[2].amount == 0);
	CHECK(ics_parse_alarms("52w", &a, &err) == 0);
	/* Bad specs fail with a usage error and leave *out alone. */
	a.n = 99;
	CHECK(ics_parse_alarms("", &a, &err) == TRK_EUSAGE && a.n == 99);
	CHECK(strstr(err.msg, "--alarm") != NULL);
	CHECK(ics_parse_alarms("5x", &a, &err) == TRK_EUSAGE && strstr(err.msg, "5x"));
	CHECK(ics_parse_alarms("d", &a, &err) == TRK_EUSAGE);
	CHECK(ics_parse_alarms("7", &a, &err) == TRK_EUSAGE);
	CHECK(ics_parse_alarms("-7d", &a, &err) == TRK_EUSAGE);
	CHECK(ics_parse_alarms("7d,", &a, &err) == TRK_EUSAGE);
	CHECK(ics_parse_alarms(",7d", &a, &err) == TRK_EUSAGE);
	CHECK(ics_parse_alarms("7dd", &a, &err) == TRK_EUSAGE);
	CHECK(ics_parse_alarms("1w,7d", &a, &err) == TRK_EUSAGE && strstr(err.msg, "twice"));
	CHECK(ics_parse_alarms("367d", &a, &err) == TRK_EUSAGE);
	CHECK(ics_parse_alarms("99999999999999999999d", &a, &err) == TRK_EUSAGE);
	CHECK(ics_parse_alarms("1h,2h,3h,4h,5h,6h,7h,8h,9h", &a, &err) == TRK_EUSAGE);
	CHECK(ics_parse_alarms(NULL, &a, &err) == TRK_EUSAGE && a.n == 99);
	ics_alarms_default(&a);
	CHECK(a.n == 3 && a.a[0].amount == 30 && a.a[1].amount == 7 && a.a[2].amount == 1);
}

/* Every physical line: CRLF-terminated, <= 75 octets, valid UTF-8 alone. */
static void check_folded(const char *s, const char *want_unfolded)
{
	struct strbuf unfolded = STRBUF_INIT;
	const char *p = s;

	while (*p) {
		const char *eol = strstr(p, "\r\n");
		CHECK(eol != NULL);
		if (!eol)
			break;
		size_t n = (size_t)(eol - p);
		CHECK(n <= ICS_FOLD_OCTETS);
		CHECK(utf8_valid(p, n, NULL));
		CHECK(memchr(p, '\n', n) == NULL && memchr(p, '\r', n) == NULL);
		if (*p == ' ')
			strbuf_add(&unfolded, p + 1, n - 1);
		else {
			if (unfolded.len)
				strbuf_addch(&unfolded, '|');
			strbuf_add(&unfolded, p, n);
		}
		p = eol + 2;
	}
	CHECK(!strcmp(unfolded.buf, want_unfolded));
	strbuf_release(&unfolded);
}

static void test_fold(void)
{
	struct strbuf in = STRBUF_INIT, out = STRBUF_INIT, want = STRBUF_INIT;

	/* Long Chinese text shifted by 0, 1 and 2 ASCII bytes, so every cut
	 * position inside a 3-byte character is tried. */
	for (int shift = 0; shift < 3; shift++) {
		strbuf_reset(&in), strbuf_reset(&out), strbuf_reset(&want);
		strbuf_addf(&want, "SUMMARY:%.*s", shift, "ab");
		for (int i = 0; i < 60; i++)
			strbuf_addstr(&want, i % 7 ? "新增工业机器人" : "𠀀x");
		/* libical's own fold (name alone on a line) and LF line ends. */
		strbuf_addstr(&in, "SUMMARY:\r\n ");
		strbuf_addstr(&in, want.buf + 8);
		strbuf_addstr(&in, "\nUID:1\r\n");
		ics_fold(&out, in.buf);
		strbuf_addstr(&want, "|UID:1");
		check_folded(out.buf, want.buf);
	}
	/* Exactly 75 octets: no fold. 76: one. */
	strbuf_reset(&in), strbuf_reset(&out);
	for (int i = 0; i < 75; i++)
		strbuf_addch(&in, 'x');
	ics_fold(&out, in.buf);
	CHECK(out.len == 77 && !strcmp(out.buf + 75, "\r\n"));
	strbuf_addch(&in, 'y');
	strbuf_reset(&out);
	ics_fold(&out, in.buf);
	CHECK(!strcmp(out.buf + 75, "\r\n y\r\n"));
	strbuf_release(&in), strbuf_release(&out), strbuf_release(&want);
}

static void test_unescaped_safe(void)
{
	struct strbuf sb = STRBUF_INIT;

	ics_add_unescaped_safe(&sb, "a,b;c\\d\ne\x7f");
	CHECK(!strcmp(sb.buf, "a，b；c＼d\xef\xbf\xbd" "e\xef\xbf\xbd"));   /* controls made inert */
	strbuf_release(&sb);
}

static void test_filenames(void)
{
	char long_name[400] = "";
	char *got;

	CHECK_NAME("慈溪市经济和信息化局", "慈溪市经济和信息化局");
	CHECK_NAME("a/b\\c:d*e?f\"g<h>i|j", "a_b_c_d_e_f_g_h_i_j");
	CHECK_NAME(".hidden", "_hidden");
	CHECK_NAME("..", "_");
	CHECK_NAME("", "_");
	CHECK_NAME("tab\there\x1b[31m", "tab_here_[31m");
	CHECK_NAME("name. ", "name");
	CHECK_NAME("CON", "_CON");
	CHECK_NAME("com1.txt", "_com1.txt");
	CHECK_NAME("CONSOLE", "CONSOLE");
	CHECK_NAME("bad\xff\xfeutf8", "bad__utf8");
	for (int i = 0; i < 100; i++)
		snprintf(long_name + strlen(long_name), sizeof(long_name) - strlen(long_name), "局");
	got = ics_safe_filename(long_name);
	CHECK(strlen(got) <= ICS_FILENAME_MAX && strlen(got) == 96);   /* 32 whole characters */
	CHECK(utf8_valid(got, strlen(got), NULL));
	free(got);
}

int main(void)
{
	test_alarms();
	test_fold();
	test_unescaped_safe();
	test_filenames();
	if (failures)
		fprintf(stderr, "%d checks failed\n", failures);
	return failures ? 1 : 0;
}
