/* test_extract.c - quality and robustness of the extractor.
 *
 *   test_extract LETTER EXPECT.json [LETTER EXPECT.json ...]
 *       Extracts each letter and compares with the commitments of the
 *       tracker/1 file EXPECT.json (a seed quote and a proposal quote
 *       match when they overlap by >= 50% of the shorter). Prints
 *       precision and recall; fails unless recall is 1 and precision
 *       >= 0.8. Letter metadata present in EXPECT.json is checked too.
 *   test_extract --unit DIR
 *       Parser cases, bad input (files written under DIR), and the time
 *       taken on a 1 MB letter. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/date.h"
#include "extract/extract.h"
#include "util/strbuf.h"
#include "util/utf8.h"

static int failures;

/* Sanitizers slow the code three times or so; the budget follows. */
#if defined(__SANITIZE_ADDRESS__)
#define PERF_LIMIT 3.0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PERF_LIMIT 3.0
#endif
#endif
#ifndef PERF_LIMIT
#define PERF_LIMIT 1.0
#endif

#define CHECK(cond, ...) do { if (!(cond)) { failures++; \
	fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); \
	fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); } } while (0)

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb = STRBUF_INIT;
	char buf[65536];
	size_t n;

	if (!f)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	*len = sb.len;
	return strbuf_detach(&sb);
}

/* Code point range of the first occurrence of quote in text. */
static bool locate(const char *text, const char *quote, size_t *s, size_t *e)
{
	const char *p = strstr(text, quote);

	if (!p)
		return false;
	*s = utf8_length(text, (size_t)(p - text));
	*e = *s + utf8_length(quote, strlen(quote));
	return true;
}

static bool overlaps(size_t a0, size_t a1, size_t b0, size_t b1)
{
	size_t lo = a0 > b0 ? a0 : b0, hi = a1 < b1 ? a1 : b1;
	size_t shorter = (a1 - a0) < (b1 - b0) ? a1 - a0 : b1 - b0;

	return hi > lo && (hi - lo) * 2 >= shorter;
}

static void check_meta(const cJSON *letter, const struct letter *m, const char *name)
{
	static const char *const fields[] = {
		"doc_no", "title", "issuer", "signer", "addressee", "suggestion_no", "session",
		"reply_class", NULL
	};
	const char *got[] = { m->doc_no, m->title, m->issuer, m->signer, m->addressee,
			      m->suggestion_no, m->session, m->reply_class };
	const cJSON *d = cJSON_GetObjectItem(letter, "date");
	char buf[DATE_BUFSZ];
	int i;

	for (i = 0; fields[i]; i++) {
		const cJSON *f = cJSON_GetObjectItem(letter, fields[i]);

		if (cJSON_IsString(f))
			CHECK(got[i] && !strcmp(got[i], f->valuestring), "%s: %s: want '%s', got '%s'",
			      name, fields[i], f->valuestring, got[i] ? got[i] : "(null)");
	}
	date_format(m->date, buf);
	if (cJSON_IsString(d))
		CHECK(!strcmp(buf, d->valuestring), "%s: date: want %s, got %s", name,
		      d->valuestring, buf);
}

static void measure(const char *letter_path, const char *expect_path)
{
	size_t len, elen, i, j, hit_p = 0, hit_s = 0, ns;
	char *data = slurp(letter_path, &len), *ej = slurp(expect_path, &elen);
	struct extract_result r;
	struct trk_error err = { 0 };
	cJSON *root, *letter, *cs;
	bool *seen;

	CHECK(data && ej, "cannot read %s or %s", letter_path, expect_path);
	if (!data || !ej)
		return;
	root = cJSON_Parse(ej);
	letter = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "letters"), 0);
	cs = cJSON_GetObjectItem(letter, "commitments");
	ns = (size_t)cJSON_GetArraySize(cs);
	CHECK(extract_letter(data, len, NULL, &r, &err) == 0, "%s: %s", letter_path, err.msg);
	check_meta(letter, &r.meta, letter_path);
	seen = calloc(ns + 1, 1);
	for (i = 0; i < r.n; i++) {
		size_t ps = r.items[i].quote_offset;
		size_t pe = ps + utf8_length(r.items[i].quote, strlen(r.items[i].quote));
		bool hit = false;

		CHECK(!strncmp(r.text + r.items[i].quote_byte, r.items[i].quote,
			       strlen(r.items[i].quote)), "quote %zu not at its offset", i);
		for (j = 0; j < ns; j++) {
			const char *q = cJSON_GetObjectItem(cJSON_GetArrayItem(cs, (int)j),
							    "quote")->valuestring;
			size_t s0, s1;

			if (locate(r.text, q, &s0, &s1) && overlaps(ps, pe, s0, s1)) {
				hit = true;
				seen[j] = true;
			}
		}
		hit_p += hit;
		if (getenv("VERBOSE"))
			printf("  %s %s %.2f %s\n", hit ? "  " : "FP", r.items[i].key,
			       r.items[i].confidence, r.items[i].quote);
	}
	for (j = 0; j < ns; j++) {
		hit_s += seen[j];
		if (!seen[j])
			printf("  MISSED %s\n", cJSON_GetObjectItem(cJSON_GetArrayItem(cs, (int)j),
							       "quote")->valuestring);
	}
	printf("%s: %zu proposals, %zu expected; precision %.2f, recall %.2f (encoding %s)\n",
	       letter_path, r.n, ns, r.n ? (double)hit_p / r.n : 0, ns ? (double)hit_s / ns : 1,
	       r.encoding);
	CHECK(hit_s == ns, "%s: recall below 1", letter_path);
	CHECK(r.n && hit_p * 5 >= r.n * 4, "%s: precision below 0.8", letter_path);
	free(seen);
	extract_result_release(&r);
	cJSON_Delete(root);
	free(data);
	free(ej);
}

int unit_tests(const char *dir);

int main(int argc, char **argv)
{
	int i;

	if (argc == 3 && !strcmp(argv[1], "--unit"))
		return unit_tests(argv[2]);
	if (argc < 3 || argc % 2 == 0) {
		fprintf(stderr, "usage: test_extract LETTER EXPECT.json ... | --unit DIR\n");
		return 2;
	}
	for (i = 1; i + 1 < argc; i += 2)
		measure(argv[i], argv[i + 1]);
	if (failures)
		fprintf(stderr, "%d failure(s)\n", failures);
	return failures ? 1 : 0;
}

/* ---- unit tests ------------------------------------------------------- */

static void t_date(const char *s, const char *want)
{
	int32_t d = DATE_NONE;
	char buf[DATE_BUFSZ] = "";

	if (extract_parse_date(s, &d))
		date_format(d, buf);
	CHECK(!strcmp(buf, want), "date '%s': want '%s', got '%s'", s, want, buf);
}

static void t_deadline(const char *s, const char *start, const char *due)
{
	int32_t letter = date_from_ymd(2023, 6, 13), a = DATE_NONE, b = DATE_NONE;
	char bs[DATE_BUFSZ] = "", bd[DATE_BUFSZ] = "";

	if (extract_parse_deadline(s, letter, &a, &b)) {
		date_format(a, bs);
		date_format(b, bd);
	}
	CHECK(!strcmp(bs, start) && !strcmp(bd, due), "deadline '%s': want %s..%s, got %s..%s",
	      s, start, due, bs, bd);
}

static void t_target(const char *s, double v, const char *unit, const char *cmp)
{
	struct target tg;
	bool ok = extract_parse_target(s, &tg);

	if (!cmp) {
		CHECK(!ok, "target '%s': want none, got %g", s, tg.value);
	} else {
		CHECK(ok && tg.value == v && !strcmp(tg.unit, unit) &&
		      !strcmp(comparator_name(tg.cmp), cmp),
		      "target '%s': want %s %g %s, got %s %g %s", s, cmp, v, unit,
		      ok ? comparator_name(tg.cmp) : "-", ok ? tg.value : 0, ok ? tg.unit : "-");
	}
	if (ok)
		free(tg.unit);
}

static void t_bad(const char *dir, const char *name, const char *data, size_t len)
{
	struct extract_result r;
	struct trk_error err = { 0 };
	int rc = extract_letter(data, len, NULL, &r, &err);

	CHECK(rc == TRK_EINPUT && err.msg[0] && !strchr(err.msg, '\n'),
	      "bad input '%s': rc %d '%s'", name, rc, err.msg);
	extract_result_release(&r);
	(void)dir;
}

static void t_perf(const char *seed_path)
{
	size_t len, i;
	char *seed = slurp(seed_path, &len);
	struct strbuf sb = STRBUF_INIT;
	struct extract_result r;
	struct trk_error err = { 0 };
	clock_t c0;
	double secs;

	if (!seed)
		return;
	for (i = 0; sb.len < 1024 * 1024; i++)
		strbuf_add(&sb, seed, len);
	c0 = clock();
	CHECK(extract_letter(sb.buf, sb.len, NULL, &r, &err) == 0, "1 MB: %s", err.msg);
	secs = (double)(clock() - c0) / CLOCKS_PER_SEC;
	printf("1 MB letter (%zu bytes): %zu proposals in %.3f s\n", sb.len, r.n, secs);
	CHECK(secs < PERF_LIMIT, "1 MB letter took %.3f s", secs);
	extract_result_release(&r);
	strbuf_release(&sb);
	free(seed);
}

int unit_tests(const char *dir)
{
	static const char bin[] = { 0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0 };
	static const char bad_utf8[] = "\xff\xfe\xfd\x80\x80 \xc0\xaf";
	struct strbuf big = STRBUF_INIT;
	char path[4096];

	t_date("2023年6月13日", "2023-06-13");
	t_date("二〇二三年六月十三日", "2023-06-13");
	t_date("二〇二三年十二月三十一日", "2023-12-31");
	t_date("2023-06-13", "2023-06-13");
	t_date("2023.6.13", "2023-06-13");
	t_date("日期：2023/6/13", "2023-06-13");
	t_date("2023年2月30日", "");
	t_deadline("力争2023年实现", "2023-01-01", "2023-12-31");
	t_deadline("今年下半年", "2023-07-01", "2023-12-31");
	t_deadline("年底前完成", "2023-01-01", "2023-12-31");
	t_deadline("第三季度", "2023-07-01", "2023-09-30");
	t_deadline("一季度", "2023-01-01", "2023-03-31");
	t_deadline("9月底前建成", "2023-06-13", "2023-09-30");
	t_deadline("10月份", "2023-10-01", "2023-10-31");
	t_deadline("明年上半年", "2024-01-01", "2024-06-30");
	t_deadline("三年内", "2023-06-13", "2026-06-12");
	t_deadline("2024年6月底前", "2023-06-13", "2024-06-30");
	t_deadline("到2025年", "2025-01-01", "2025-12-31");
	t_deadline("2023-2025年", "2023-01-01", "2025-12-31");
	t_deadline("“十四五”期间", "2021-01-01", "2025-12-31");
	t_deadline("今年以来", "", "");
	t_target("新增工业机器人800台以上", 800, "台", ">=");
	t_target("不少于5.64万个", 56400, "个", ">=");
	t_target("控制在3%以内", 3, "%", "<=");
	t_target("实现省级“未来工厂”零的突破", 1, "个", ">=");
	t_target("新增数字化车间10个以上", 10, "个", ">=");
	t_target("新建公办幼儿园三十所", 30, "所", ">=");
	t_target("培训两千人次以上", 2000, "人次", ">=");
	t_target("发放补贴1.45亿元", 1.45e8, "元", ">=");
	t_target("（5省、50县市）", 0, "", NULL);
	t_target("加快推进人工智能、5G、区块链等", 0, "", NULL);
	t_target("第211号建议", 0, "", NULL);

	t_bad(dir, "empty", "", 0);
	t_bad(dir, "blank", " \n\r\n\t　\n", 10);
	t_bad(dir, "binary", bin, sizeof(bin));
	t_bad(dir, "invalid", bad_utf8, sizeof(bad_utf8) - 1);
	t_bad(dir, "no commitments", "罗冲代表：\n您的建议已收悉。2022年已完成全部工作。\n", 70);
	strbuf_grow(&big, 9u << 20);
	memset(big.buf, 'a', 9u << 20);
	t_bad(dir, "9 MB", big.buf, 9u << 20);
	strbuf_release(&big);
	snprintf(path, sizeof(path), "%s/seeds/cixi-2023-211-reply.txt", dir);
	t_perf(path);
	if (failures)
		fprintf(stderr, "%d failure(s)\n", failures);
	else
		printf("unit tests passed\n");
	return failures ? 1 : 0;
}
