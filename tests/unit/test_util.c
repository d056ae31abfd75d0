/* test_util.c - the utilities: dates and the local clock, SHA-256, UTF-8
 * width and terminal safety, the strict JSON reader, the JSON writer,
 * numbers people type, and libraries loaded on first use. */
#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "util/arena.h"
#include "util/beside.h"
#include "util/date.h"
#include "util/digest.h"
#include "util/dynlib.h"
#include "util/json_scan.h"
#include "util/json_strict.h"
#include "util/jsonw.h"
#include "util/numparse.h"
#include "util/strbuf.h"
#include "util/utf8.h"

static int32_t D(const char *s)
{
	int32_t d = DATE_NONE;

	date_parse(s, &d, "test", NULL);
	return d;
}

static void test_dates(void)
{
	struct trk_error err;
	char buf[DATE_BUFSZ], ts[TIMESTAMP_BUFSZ];
	int32_t d;
	int64_t t;
	int y, q;

	CHECK_INT(date_from_ymd(1970, 1, 1), 0);
	CHECK_INT(D("2023-12-31") - D("2023-01-01"), 364);
	CHECK_INT(D("2024-03-01") - D("2024-02-28"), 2);
	date_format(D("2000-02-29"), buf);
	CHECK_STR(buf, "2000-02-29");
	CHECK_INT(date_parse("2023-13-40", &d, "due", &err), TRK_EINPUT);
	CHECK(strstr(err.msg, "due") && strstr(err.msg, "2023-13-40"));
	CHECK_STR(err.field, "due");
	CHECK_INT(date_parse("2023/06/13", &d, "due", &err), TRK_EINPUT);
	CHECK_INT(date_parse("", &d, "due", &err), TRK_EINPUT);
	CHECK_INT(date_parse("2023-02-29", &d, "due", &err), TRK_EINPUT);
	CHECK_INT(date_parse("2023-06-13x", &d, "due", &err), TRK_EINPUT);
	CHECK_INT(quarter_parse("2023Q3", &y, &q, &err), 0);
	CHECK_INT(q, 3);
	CHECK_INT(quarter_parse("2023Q5", &y, &q, &err), TRK_EINPUT);
	CHECK_INT(date_quarter_end(2023, 3), D("2023-09-30"));
	CHECK_INT(date_quarter_start(2023, 4), D("2023-10-01"));
	CHECK_INT(timestamp_parse("2023-09-30T12:34:56Z", &t, "ts", &err), 0);
	timestamp_format(t, ts);
	CHECK_STR(ts, "2023-09-30T12:34:56Z");
	CHECK_INT(timestamp_parse("2023-09-30T25:00:00Z", &t, "ts", &err), TRK_EINPUT);
	CHECK_INT(quarter_parse("2999Q4", &y, &q, &err), 0);
	CHECK_INT(y, 2999);
	/* Every day a date may be reads back as the day it was written, and
	 * as the midnight of that day at each hour's last second. */
	int wrong = 0;
	for (int32_t day = D("1900-01-01"); day <= D("2999-12-31"); day++) {
		int32_t back = DATE_NONE;
		date_format(day, buf);
		wrong += date_parse(buf, &back, "d", NULL) || back != day;
		int64_t at = (int64_t)day * 86400 + (day % 24 + 24) % 24 * 3600 + 3599;
		timestamp_format(at, ts);
		wrong += timestamp_parse(ts, &t, "ts", NULL) || t != at;
	}
	CHECK_INT(wrong, 0);
}

static void test_sha256(void)
{
	char hex[65];

	sha256_hex("", 0, hex);
	CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	sha256_hex("abc", 3, hex);
	CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	sha256_hex(two, strlen(two), hex);
	CHECK_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_utf8(void)
{
	struct strbuf sb = STRBUF_INIT;

	CHECK_INT(utf8_width("abc"), 3);
	CHECK_INT(utf8_width("工业机器人"), 10);
	CHECK_INT(utf8_width("“550”"), 5);       /* curly quotes are narrow */
	CHECK_INT(utf8_width("（一）"), 6);       /* full-width brackets are wide */
	CHECK(!utf8_valid("\xe5\xb7", 2, NULL)); /* cut in the middle */
	CHECK(!utf8_valid("\xc0\xaf", 2, NULL)); /* overlong */
	CHECK(!utf8_valid("a\0b", 3, NULL));
	CHECK(utf8_valid("新增", 6, NULL));
	utf8_add_terminal(&sb, "a\033[31mb\nc", 0);
	CHECK(!strchr(sb.buf, '\033'));
	CHECK(!strchr(sb.buf, '\n'));
	strbuf_reset(&sb);
	utf8_add_padded(&sb, "新增工业机器人", 8);
	CHECK_INT(utf8_width(sb.buf), 8);
	CHECK(strstr(sb.buf, "…") != NULL);
	strbuf_reset(&sb);
	utf8_add_padded(&sb, "人社局", 10);
	CHECK_INT(utf8_width(sb.buf), 10);
	strbuf_release(&sb);
}

/* What a terminal is sent for text, a character at a time: layout
 * controls as a space, other controls, bidi controls and broken bytes as
 * U+FFFD, everything else as it is. */
static void terminal_model(struct strbuf *sb, const char *s)
{
	size_t n = strlen(s), i = 0, len;
	uint32_t cp;

	while (i < n) {
		len = utf8_decode(s + i, n - i, &cp);
		if (len && (cp == '\n' || cp == '\t' || cp == '\r'))
			strbuf_addch(sb, ' ');
		else if (!len || utf8_is_control(cp) || utf8_is_bidi_control(cp))
			strbuf_addstr(sb, "\xef\xbf\xbd");
		else
			strbuf_add(sb, s + i, len);
		i += len ? len : 1;
	}
}

/* utf8_add_inert keeps what it is told to keep and turns every other
 * control, every bidi control and every broken byte into U+FFFD, whatever
 * surrounds it: compared with a character-at-a-time model on random texts. */
static void inert_model(struct strbuf *sb, const char *s, size_t n, const char *keep)
{
	size_t i = 0, len;
	uint32_t cp;

	while (i < n) {
		len = utf8_decode(s + i, n - i, &cp);
		if (!len || utf8_is_bidi_control(cp) ||
		    (utf8_is_control(cp) && !(cp && cp < 0x80 && strchr(keep, (int)cp))))
			strbuf_addstr(sb, "\xef\xbf\xbd");
		else
			strbuf_add(sb, s + i, len);
		i += len ? len : 1;
	}
}

static void test_inert_property(void)
{
	static const char *const pieces[] = { "a", "~", "工", "“", "\033", "\n", "\t", "\r",
					      "\xe2\x80\xae", "\xc2\x85", "\xff", "\xe5\xb7", " ",
					      "\x7f", "\xd8\x9c", "\xe2\x81\xa6", "é", "\x01" };
	struct strbuf text = STRBUF_INIT, got = STRBUF_INIT, want = STRBUF_INIT;
	int wrong = 0, wrong_in_place = 0;

	srand(16);
	for (int i = 0; i < 20000; i++) {
		const char *keep = i % 2 ? "\t\n" : "";
		strbuf_reset(&text);
		for (int n = rand() % 12; n > 0; n--)
			strbuf_addstr(&text, pieces[rand() % (sizeof(pieces) / sizeof(*pieces))]);
		strbuf_reset(&got);
		strbuf_reset(&want);
		utf8_add_inert(&got, text.buf, text.len, keep);
		inert_model(&want, text.buf, text.len, keep);
		wrong += strcmp(got.buf, want.buf) != 0;
		/* in place, after a prefix it leaves alone (broken on purpose) */
		strbuf_reset(&got);
		strbuf_addstr(&got, "\033前");
		strbuf_add(&got, text.buf, text.len);
		utf8_make_inert(&got, 4, keep);
		wrong_in_place += strncmp(got.buf, "\033前", 4) != 0 ||
				  strcmp(got.buf + 4, want.buf) != 0;
	}
	CHECK_INT(wrong, 0);
	CHECK_INT(wrong_in_place, 0);
	/* Every pair of leading bytes, then a byte that continues, ends or
	 * breaks a sequence: the fast path for plain characters (utf8.c:
	 * plain_char) agrees with the model. */
	wrong = 0;
	for (unsigned b0 = 0; b0 < 256; b0++)
		for (unsigned b1 = 0; b1 < 256; b1++)
			for (unsigned b2 = 0; b2 < 256; b2 += 0x1f) {
				const char bytes[4] = { (char)b0, (char)b1, (char)b2, 'x' };
				strbuf_reset(&got);
				strbuf_reset(&want);
				utf8_add_inert(&got, bytes, 4, b0 % 2 ? "\t\n" : "");
				inert_model(&want, bytes, 4, b0 % 2 ? "\t\n" : "");
				wrong += got.len != want.len || memcmp(got.buf, want.buf, got.len);
			}
	CHECK_INT(wrong, 0);
	strbuf_release(&text);
	strbuf_release(&got);
	strbuf_release(&want);
}

/* On random texts of wide, narrow, control and broken characters, what
 * utf8_add_terminal returns is the width of what it appended, it cuts with
 * "…" exactly when the text is wider than the limit, what it appends is
 * the model's text (or the start of it, then "…"), and a padded cell is
 * exactly as wide as its column. */
static void test_terminal_width_property(void)
{
	static const char *const pieces[] = { "a", "Z", "工", "（", "“", "\033", "\n", "\t",
					      "\xe2\x80\xae", "\xc2\x85", "\xff", "\xe5\xb7", " ",
					      "\xef\xbf\xbd", "é", "\x7f" };
	struct strbuf text = STRBUF_INIT, out = STRBUF_INIT, model = STRBUF_INIT;
	int wrong = 0;

	srand(15);
	for (int i = 0; i < 20000; i++) {
		size_t max = (size_t)(rand() % 14), used;
		bool cut;
		strbuf_reset(&text);
		for (int n = rand() % 12; n > 0; n--)
			strbuf_addstr(&text, pieces[rand() % (sizeof(pieces) / sizeof(*pieces))]);
		strbuf_reset(&out);
		used = utf8_add_terminal(&out, text.buf, max);
		cut = strstr(out.buf, "…") != NULL;
		wrong += used != utf8_width(out.buf);
		wrong += cut != (max && utf8_width(text.buf) > max);
		wrong += cut && used > max;
		strbuf_reset(&model);
		terminal_model(&model, text.buf);
		if (cut)
			wrong += out.len < 3 || strncmp(model.buf, out.buf, out.len - 3) != 0;
		else
			wrong += strcmp(model.buf, out.buf) != 0;
		if (max) {
			strbuf_reset(&out);
			utf8_add_padded(&out, text.buf, max);
			wrong += utf8_width(out.buf) < max || (cut && utf8_width(out.buf) != max);
		}
	}
	CHECK_INT(wrong, 0);
	strbuf_release(&text);
	strbuf_release(&out);
	strbuf_release(&model);
}

static void test_local_time(void)
{
	char out[TIMESTAMP_LOCAL_BUFSZ];
	int32_t today;
	struct trk_error err;

	/* 07:00 Beijing time on 1 October is 23:00 UTC on 30 September: the
	 * day people mean is 1 October. */
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	setenv("TRACKER_NOW", "2023-09-30T23:00:00Z", 1);
	CHECK_INT(clock_today(&today, &err), 0);
	CHECK_INT(today, D("2023-10-01"));
	timestamp_text_local("2023-09-30T23:00:00Z", out);
	CHECK_STR(out, "2023-10-01T07:00:00+08:00");
	CHECK_INT(local_day_end(D("2023-10-01")), 1696175999);   /* 2023-10-01T15:59:59Z */
	setenv("TZ", "UTC", 1);
	tzset();
	CHECK_INT(clock_today(&today, &err), 0);
	CHECK_INT(today, D("2023-09-30"));
	setenv("TRACKER_NOW", "2023-09-30T08:00:00Z", 1);
}

static void expect_strict(const char *json, bool ok, const char *needle)
{
	struct json_fault f;
	bool got = json_strict_check(json, strlen(json), &f);

	CHECK_INT(got, ok);
	if (!ok && needle && !strstr(f.message, needle) && !strstr(f.path, needle)) {
		fprintf(stderr, "  %s: got '%s' at '%s'\n", json, f.message, f.path);
		CHECK(0);
	}
}

static void test_json_strict(void)
{
	struct json_fault f;
	const char nul[] = "{\"key\":\"X-1\0evil\"}";

	expect_strict("{\"a\":[1,2.5,-0,1e3,true,false,null,\"\\u00e9\"]}", true, NULL);
	expect_strict("{\"a\":1}{\"b\":2}", false, "second document");
	expect_strict("{\"a\":1 \"b\":2}", false, "expected ','");
	expect_strict("{\"letters\":[],\"letters\":[1]}", false, "duplicate member \"letters\"");
	expect_strict("{\"a\":{\"b\":1,\"\\u0062\":2}}", false, "duplicate");
	expect_strict("{\"a\":01}", false, "leading zero");
	expect_strict("{\"a\":+1}", false, "invalid JSON value");
	expect_strict("{\"a\":1.}", false, "decimal point");
	expect_strict("{\"a\":\"x\\u0000y\"}", false, "\\u0000");
	expect_strict("{\"a\":\"\\ud800\"}", false, "surrogate");
	expect_strict("{\"a\":\"\xff\"}", false, "UTF-8");
	expect_strict("{\"a\":[1,2", false, "truncated");
	expect_strict("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", false, "deeper");
	/* A raw NUL inside a string: the text after it must not vanish. */
	CHECK(!json_strict_check(nul, sizeof(nul) - 1, &f));
	CHECK(strstr(f.message, "NUL") != NULL);
	/* The place: file line and path. */
	CHECK(!json_strict_check("{\"letters\":[\n{\"commitments\":[{\"value\":01}]}]}", 43, &f));
	CHECK_INT(f.line, 2);
	CHECK_STR(f.path, "letters[0].commitments[0].value");
}

/* What the checker accepts inside a string when its bytes hold no quote
 * or backslash: characters utf8_decode() decodes, none below U+0020. */
static bool string_bytes_ok(const unsigned char *b, size_t n)
{
	uint32_t cp;

	for (size_t i = 0, len; i < n; i += len)
		if (b[i] < 0x20 || !(len = utf8_decode((const char *)b + i, n - i, &cp)))
			return false;
	return true;
}

/* The checker's fast path for plain characters (json_strict.c:
 * plain_char) agrees with utf8_decode on every pair of leading bytes,
 * followed by bytes that continue a sequence, end it, or break it. */
static void test_json_strict_utf8(void)
{
	static const unsigned char thirds[] = { 0x00, 0x20, 0x41, 0x7f, 0x80, 0x9f,
						0xa0, 0xbf, 0xc0, 0xe4, 0xff };
	static const unsigned char fourths[] = { 0x41, 0x80 };
	unsigned char doc[8] = "[\"";
	size_t bad = 0;

	for (unsigned b0 = 0; b0 < 256; b0++)
		for (unsigned b1 = 0; b1 < 256; b1++)
			for (size_t t = 0; t < sizeof(thirds); t++)
				for (size_t u = 0; u < sizeof(fourths); u++) {
					unsigned char *b = doc + 2;
					b[0] = (unsigned char)b0, b[1] = (unsigned char)b1;
					b[2] = thirds[t], b[3] = fourths[u];
					if (memchr(b, '"', 4) || memchr(b, '\\', 4))
						continue;
					doc[6] = '"', doc[7] = ']';
					bad += json_strict_check((const char *)doc, 8, NULL) !=
					       string_bytes_ok(b, 4);
				}
	CHECK_INT(bad, 0);
}

/* Where a string ends, a byte at a time: the model of skip_string. */
static size_t string_end_bytewise(const char *p, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		if (p[i] == '\\')
			i++;
		else if (p[i] == '"')
			return i + 1;
	}
	return 0;
}

/* json_skip_value finds a string's end by memchr() and the backslashes
 * before a quote; on random runs of quotes, backslashes and letters it
 * ends where the bytewise model ends, or fails where it fails. */
static void test_json_skip_string(void)
{
	static const char alphabet[] = "\"\\\\a\xe4";
	char buf[24];
	size_t bad = 0;

	srand(7);
	for (int round = 0; round < 50000; round++) {
		size_t n = 1 + (size_t)rand() % (sizeof(buf) - 1);
		buf[0] = '"';
		for (size_t i = 1; i < n; i++)
			buf[i] = alphabet[rand() % (int)(sizeof(alphabet) - 1)];
		bad += json_skip_value(buf, n) != string_end_bytewise(buf, n);
	}
	CHECK_INT(bad, 0);
	CHECK_INT(json_skip_value("\"a\\\\\" ,", 7), 5);
	CHECK_INT(json_skip_value("\"a\\\"b\"", 6), 6);
	CHECK_INT(json_skip_value("\"a\\\"", 4), 0);
}

static void test_jsonw(void)
{
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;
	char num[32];

	jsonw_init(&w, &sb, false);
	jsonw_object(&w, NULL);
	jsonw_string(&w, "a", "引号\"\\\n\x01");
	jsonw_number(&w, "n", 5.64);
	jsonw_number(&w, "z", -0.0);
	jsonw_array(&w, "l");
	jsonw_int(&w, NULL, 1);
	jsonw_int(&w, NULL, -40);
	jsonw_int(&w, NULL, INT64_MIN);
	jsonw_null(&w, NULL);
	jsonw_end(&w);
	jsonw_end(&w);
	CHECK_STR(sb.buf, "{\"a\":\"引号\\\"\\\\\\n\\u0001\",\"n\":5.64,\"z\":0,\"l\":[1,-40,-9223372036854775808,null]}");
	/* A member name that needs an escape, compact and pretty. */
	strbuf_reset(&sb);
	jsonw_init(&w, &sb, false);
	jsonw_object(&w, NULL);
	jsonw_int(&w, "plain", 1);
	jsonw_string(&w, "引\"号\n", "v");
	jsonw_end(&w);
	CHECK_STR(sb.buf, "{\"plain\":1,\"引\\\"号\\n\":\"v\"}");
	strbuf_reset(&sb);
	jsonw_init(&w, &sb, true);
	jsonw_object(&w, NULL);
	jsonw_array(&w, "a\\b");
	jsonw_int(&w, NULL, 1);
	jsonw_end(&w);
	jsonw_object(&w, "empty");
	jsonw_end(&w);
	jsonw_end(&w);
	CHECK_STR(sb.buf, "{\n  \"a\\\\b\": [\n    1\n  ],\n  \"empty\": {}\n}");
	CHECK(json_strict_check(sb.buf, sb.len, NULL));
	canon_number(-0.0, num);
	CHECK_STR(num, "0");
	canon_number(800, num);
	CHECK_STR(num, "800");
	strbuf_release(&sb);
}

/* json_quote looks at eight bytes at a time; on random texts (every
 * byte that needs an escape among CJK, ASCII and bytes from 0x80 up, at
 * every offset and length) it writes what a byte at a time writes. */
static void quote_bytewise(struct strbuf *sb, const unsigned char *s, size_t n)
{
	strbuf_addch(sb, '"');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"' || s[i] == '\\')
			strbuf_addf(sb, "\\%c", s[i]);
		else if (s[i] == '\n')
			strbuf_addstr(sb, "\\n");
		else if (s[i] == '\t')
			strbuf_addstr(sb, "\\t");
		else if (s[i] == '\r')
			strbuf_addstr(sb, "\\r");
		else if (s[i] < 0x20)
			strbuf_addf(sb, "\\u%04x", s[i]);
		else
			strbuf_addch(sb, (char)s[i]);
	}
	strbuf_addch(sb, '"');
}

static void test_json_quote_property(void)
{
	static const unsigned char pick[] = { 0, 1, 0x1f, 0x20, '"', '\\', '\n', '\t', '\r', 'a',
					       '~', 0x7f, 0x80, 0x9f, 0xa0, 0xdc, 0xe5, 0xff };
	unsigned char text[64];
	int bad = 0;

	srand(21);
	for (int round = 0; round < 20000; round++) {
		struct strbuf got = STRBUF_INIT, want = STRBUF_INIT;
		size_t n = (size_t)(rand() % 40), at = (size_t)(rand() % 8);
		/* Mostly one kind of byte, now and then another: long clean runs. */
		for (size_t i = 0; i < n; i++)
			text[at + i] = rand() % 6 ? (unsigned char)"\xe6\x8e\xa8\x41"[i % 4]
						: pick[rand() % sizeof(pick)];
		json_quote(&got, (const char *)text + at, n);
		quote_bytewise(&want, text + at, n);
		if (strcmp(got.buf, want.buf) && bad++ < 3)
			CHECK_STR(got.buf, want.buf);
		strbuf_release(&got);
		strbuf_release(&want);
	}
	CHECK_INT(bad, 0);
}

/* canon_number is the hashed form of every figure: "%.17g" (0 for -0). Its
 * whole-number shortcut must spell exactly that, on both sides of 10^15
 * and of 2^53, negative too, and leave fractions to printf. */
static void test_canon_number_property(void)
{
	static const double edges[] = { 1, -1, 999999999999999.0, 1e15, -1e15, 1e15 + 2,
					 9007199254740992.0, 9007199254740993.0, 1e17, 1e22,
					 0.5, -0.1, 123456.75, 1e-7, 4503599627370495.5 };
	char got[32], want[32];
	int wrong = 0;

	for (size_t i = 0; i < sizeof(edges) / sizeof(*edges); i++) {
		canon_number(edges[i], got);
		snprintf(want, sizeof(want), "%.17g", edges[i]);
		wrong += strcmp(got, want) != 0;
	}
	srand(17);
	for (int i = 0; i < 200000; i++) {
		double v = (double)((int64_t)rand() * rand() - (int64_t)rand() * 7);
		if (i % 3 == 1)
			v /= 1 << (rand() % 12);
		else if (i % 3 == 2)
			v *= 1e6 + rand() % 1000;
		if (v == 0)
			continue;
		canon_number(v, got);
		snprintf(want, sizeof(want), "%.17g", v);
		if (strcmp(got, want) && wrong++ < 3)
			CHECK_STR(got, want);
	}
	CHECK_INT(wrong, 0);
}

/* What json_number_text spelled before its fast path: the shortest of
 * %.15g/%.16g/%.17g that reads back exactly. */
static void printf_number_text(double v, char out[32])
{
	if (v == 0) {
		strcpy(out, "0");
		return;
	}
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(out, 32, "%.*g", prec, v);
		if (strtod(out, NULL) == v)
			return;
	}
}

/* The fast path for short decimals must spell every number as printf
 * does: edge values, then random decimals of 0-4 places and random bits. */
static void test_number_text_fast_path(void)
{
	static const double edges[] = { 1, -1, 0.5, 0.001, 0.0015, 0.0009999, 999999999999999,
					1e15, 99999999999999.9, 12345678901.234, 0.1 + 0.2, 5.64,
					-37.5, 100.25, 1e-7, 4503599627370497.0, 2.675, 0.07 };
	char fast[32], slow[32];
	int mismatches = 0;

	for (size_t i = 0; i < sizeof(edges) / sizeof(*edges); i++) {
		json_number_text(edges[i], fast);
		printf_number_text(edges[i], slow);
		if (strcmp(fast, slow))
			CHECK_STR(fast, slow);
	}
	srand(14);
	for (int i = 0; i < 200000; i++) {
		static const double scale[] = { 1, 10, 100, 1000, 10000 };
		double v;
		if (i % 2) {
			uint64_t bits = ((uint64_t)rand() << 42) ^ ((uint64_t)rand() << 21) ^ (uint64_t)rand();
			memcpy(&v, &bits, sizeof(v));
			if (!isfinite(v))
				continue;
		} else {
			v = (double)(rand() % 20000001 - 10000000) / scale[rand() % 5];
		}
		json_number_text(v, fast);
		printf_number_text(v, slow);
		mismatches += strcmp(fast, slow) != 0;
	}
	CHECK_INT(mismatches, 0);
}

static void test_numbers(void)
{
	struct trk_error err;
	double d;
	long l;

	CHECK_INT(parse_number("320", "value", &d, &err), 0);
	CHECK_INT(parse_number("-0", "value", &d, &err), 0);
	CHECK(d == 0 && !signbit(d));
	CHECK_INT(parse_number("1e3", "value", &d, &err), 0);
	CHECK_INT(parse_number("12x", "value", &d, &err), TRK_EINPUT);
	CHECK_STR(err.field, "value");
	CHECK_INT(parse_number("NaN", "value", &d, &err), TRK_EINPUT);
	CHECK_INT(parse_number("1e999", "value", &d, &err), TRK_EINPUT);
	CHECK_INT(parse_number(" 5", "value", &d, &err), TRK_EINPUT);
	CHECK_INT(parse_number("", "value", &d, &err), TRK_EINPUT);
	CHECK_INT(parse_int("4294967297", "corrects", 1, 1000000000, &l, &err), TRK_EINPUT);
	CHECK_INT(parse_int("3", "corrects", 1, 1000000000, &l, &err), 0);
	CHECK_INT(l, 3);
	CHECK_INT(parse_int("3 ", "corrects", 1, 10, &l, &err), TRK_EINPUT);
	CHECK_INT(parse_int("-1", "corrects", 1, 10, &l, &err), TRK_EINPUT);
	CHECK_INT(parse_int("0x10", "corrects", 1, 100, &l, &err), TRK_EINPUT);
}

/* ---- libraries loaded on first use (util/dynlib.h) ---- */

/* Two functions of libc, taken as dynlib takes libpq's. */
static __typeof__(strlen) *sym_strlen;
static __typeof__(abs) *sym_abs;
static __typeof__(abs) *sym_missing;

static void test_dynlib(void)
{
	struct dynlib_symbol present[] = { { "strlen", (void **)&sym_strlen },
					   { "abs", (void **)&sym_abs } };
	struct dynlib_symbol absent[] = { { "abs", (void **)&sym_abs },
					  { "tracker_no_such_function", (void **)&sym_missing } };
	struct dynlib libc = { .soname = "libc.so.6", .package = "libc6", .purpose = "the test",
			       .symbols = present, .nsymbols = 2 };
	struct dynlib gone = { .soname = "libtracker-none.so.9", .package = "tracker-none",
			       .purpose = "a PostgreSQL store", .symbols = present, .nsymbols = 2 };
	struct dynlib partial = { .soname = "libc.so.6", .package = "libc6",
				  .purpose = "tracker serve", .symbols = absent, .nsymbols = 2 };
	struct trk_error err = { 0 };

	CHECK_INT(dynlib_load(&libc, &err), 0);
	CHECK(sym_strlen && sym_strlen("承诺") == 6);
	CHECK(sym_abs && sym_abs(-3) == 3);
	CHECK_INT(dynlib_load(&libc, &err), 0);   /* once: the same answer */

	/* A library that is not there: what needed it, which file, which package. */
	CHECK_INT(dynlib_load(&gone, &err), TRK_EINTERNAL);
	CHECK(strstr(err.msg, "a PostgreSQL store needs libtracker-none.so.9") == err.msg);
	CHECK(strstr(err.msg, "install the tracker-none package"));
	err.msg[0] = 0;
	CHECK_INT(dynlib_load(&gone, &err), TRK_EINTERNAL);   /* remembered */
	CHECK(strstr(err.msg, "libtracker-none.so.9"));

	/* One function missing: its name, and no half-filled table is used. */
	CHECK_INT(dynlib_load(&partial, &err), TRK_EINTERNAL);
	CHECK(strstr(err.msg, "tracker serve needs tracker_no_such_function from libc.so.6"));
}

/* Both kinds of arena keep every string whole and aligned however many
 * blocks it takes (a small one's blocks double from 1 KiB), hand out
 * strings larger than any block, and after a reset give the same again. */
static void test_arena(void)
{
	static const char big_fill = 'x';
	struct arena kinds[2] = { ARENA_INIT, ARENA_SMALL_INIT };

	for (int kind = 0; kind < 2; kind++) {
		struct arena *a = &kinds[kind];
		char *s[500], text[32], *big;
		char buf[100000];

		memset(buf, big_fill, sizeof(buf) - 1);
		buf[sizeof(buf) - 1] = '\0';
		for (int round = 0; round < 2; round++) {
			for (int i = 0; i < 500; i++) {
				snprintf(text, sizeof(text), "第%d条记录", i);
				s[i] = arena_strndup(a, text, strlen(text));
				CHECK((uintptr_t)s[i] % _Alignof(max_align_t) == 0);
			}
			big = arena_strndup(a, buf, strlen(buf));
			for (int i = 0; i < 500; i++) {
				snprintf(text, sizeof(text), "第%d条记录", i);
				CHECK_STR(s[i], text);
			}
			CHECK_INT((int)strlen(big), (int)sizeof(buf) - 1);
			CHECK(big[0] == big_fill && big[sizeof(buf) - 2] == big_fill);
			arena_reset(a);
		}
		CHECK(arena_strndup(a, NULL, 3) == NULL);
		arena_release(a);
	}
}

/* The items here are numbered cells: working on one records the number,
 * taking it back checks that it was worked on and that the thread taking
 * it back is the one that put it. */
struct worked {
	int *order;
	int n;
	pthread_t caller;
	int freed, freed_elsewhere, freed_unworked;
};

/* Fails on cell fail_at (when set): none after it is worked on. */
static int fail_at = -1;

static int work_cell(void *ctx, void *item, struct trk_error *err)
{
	struct worked *p = ctx;
	int *cell = item;

	if (*cell == fail_at)
		return trk_err(err, TRK_EIO, "cell %d failed", *cell);
	p->order[p->n++] = *cell;
	*cell = -*cell - 1;   /* marked worked on */
	return 0;
}

static void free_cell(void *ctx, void *item)
{
	struct worked *p = ctx;
	int *cell = item;

	p->freed++;
	p->freed_elsewhere += !pthread_equal(pthread_self(), p->caller);
	p->freed_unworked += *cell >= 0;
	free(cell);
}

/* Puts n cells (twice over a drain when again), then drains: every cell
 * worked on once, in order, and freed on the caller's thread, after. */
static void check_beside(int n, bool again)
{
	struct worked p = { .order = calloc((size_t)(2 * n + 1), sizeof(int)),
			     .caller = pthread_self() };
	struct beside b;
	int rounds = again ? 2 : 1, put = 0;

	beside_init(&b, work_cell, free_cell, &p);
	for (int r = 0; r < rounds; r++) {
		for (int i = 0; i < n; i++) {
			int *cell = malloc(sizeof(*cell));
			*cell = put++;
			beside_put(&b, cell);
		}
		beside_drain(&b);
		CHECK(p.n == put && p.freed == put);
	}
	beside_release(&b);
	for (int i = 0; i < p.n; i++)
		if (p.order[i] != i) {
			CHECK(p.order[i] == i);
			break;
		}
	CHECK(p.freed_elsewhere == 0 && p.freed_unworked == 0);
	free(p.order);
}

/* A failure stops the work: the items before it are worked on, in order,
 * none after it; every one is still given back; the caller gets the error. */
static void check_beside_failure(int n, int at)
{
	struct worked p = { .order = calloc((size_t)n + 1, sizeof(int)), .caller = pthread_self() };
	struct trk_error err = { 0 };
	struct beside b;

	fail_at = at;
	beside_init(&b, work_cell, free_cell, &p);
	CHECK(beside_error(&b, &err) == 0);
	for (int i = 0; i < n; i++) {
		int *cell = malloc(sizeof(*cell));
		*cell = i;
		beside_put(&b, cell);
	}
	beside_drain(&b);
	CHECK(beside_error(&b, &err) == TRK_EIO && strstr(err.msg, "failed"));
	CHECK(p.n == at && p.freed == n && p.freed_elsewhere == 0);
	for (int i = 0; i < p.n; i++)
		if (p.order[i] != i) {
			CHECK(p.order[i] == i);
			break;
		}
	beside_release(&b);
	fail_at = -1;
	free(p.order);
}

static void test_beside(void)
{
	check_beside_failure(3, 1);           /* on the caller's thread */
	check_beside_failure(5000, 777);      /* on the thread beside */
	check_beside(0, false);
	check_beside(1, false);
	check_beside(BESIDE_BATCH - 1, false);   /* never a thread */
	check_beside(BESIDE_BATCH, false);
	check_beside(BESIDE_BATCH * BESIDE_BATCHES * 50 + 3, false);
	check_beside(BESIDE_BATCH * 3 + 1, true);   /* a second thread after a drain */
	check_beside(20000, true);
}

int main(void)
{
	setenv("TRACKER_NOW", "2023-09-30T08:00:00Z", 1);
	test_dates();
	test_sha256();
	test_utf8();
	test_terminal_width_property();
	test_inert_property();
	test_local_time();
	test_json_strict();
	test_json_strict_utf8();
	test_json_skip_string();
	test_jsonw();
	test_canon_number_property();
	test_json_quote_property();
	test_number_text_fast_path();
	test_numbers();
	test_dynlib();
	test_arena();
	test_beside();
	return check_summary();
}
