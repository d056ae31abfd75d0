/* test_extract.c - quality and robustness of the extractor.
 *
 *   test_extract --quality MIN_P MIN_R [--strict] LETTER EXPECT.json ...
 *       Extracts each letter and matches its proposals one to one with
 *       the labelled commitments of the tracker/1 file EXPECT.json (see
 *       match_one_to_one). Prints precision and recall per document, their
 *       mean over documents and the pooled figures; fails when a mean is
 *       below MIN_P or MIN_R, or a --strict document misses a commitment.
 *       Letter metadata present in EXPECT.json is checked too; VERBOSE=1
 *       lists false and missed proposals.
 *   test_extract --unit DIR
 *       Parser cases, bad input (files written under DIR), and a 1 MB
 *       letter read whole (its time is printed; speed is measured in
 *       bench/, never judged by a wall clock in a test). */
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

/* Code points of [a0, a1) that [b0, b1) covers. */
static size_t overlap(size_t a0, size_t a1, size_t b0, size_t b1)
{
	size_t lo = a0 > b0 ? a0 : b0, hi = a1 < b1 ? a1 : b1;

	return hi > lo ? hi - lo : 0;
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

/* A labelled commitment: where its quote is, and which proposal took it. */
struct label {
	const char *quote;
	size_t s, e;
	size_t match;             /* proposal index, or (size_t)-1 */
};

/* One-to-one matching, greedy by overlap: the pair with the largest
 * overlap is matched first, and a pair counts only when the proposal covers
 * at least half of the label. A proposal that merges two commitments thus
 * finds one of them (the other is missed), and a commitment split in two
 * takes one fragment (the other is a false proposal). Returns matches. */
static size_t match_one_to_one(const struct extract_result *r, struct label *lab, size_t nl)
{
	bool *taken = calloc(r->n + 1, 1);
	size_t matched = 0;

	for (;;) {
		size_t best = 0, bi = 0, bj = 0;

		for (size_t j = 0; j < nl; j++) {
			if (lab[j].match != (size_t)-1)
				continue;
			for (size_t i = 0; i < r->n; i++) {
				size_t ps = r->items[i].quote_offset;
				size_t pe = ps + utf8_length(r->items[i].quote, strlen(r->items[i].quote));
				size_t ov = overlap(ps, pe, lab[j].s, lab[j].e);

				if (!taken[i] && ov * 2 >= lab[j].e - lab[j].s && ov > best) {
					best = ov;
					bi = i;
					bj = j;
				}
			}
		}
		if (!best)
			break;
		taken[bi] = true;
		lab[bj].match = bi;
		matched++;
	}
	free(taken);
	return matched;
}

struct score {
	double precision, recall;
	size_t proposals, labels, matched;
};

static void show_details(const struct extract_result *r, const struct label *lab, size_t nl)
{
	for (size_t i = 0; i < r->n; i++) {
		bool hit = false;

		for (size_t j = 0; j < nl; j++)
			hit = hit || lab[j].match == i;
		printf("  %s %s %.2f %s\n", hit ? "  " : "FP", r->items[i].key, r->items[i].confidence,
		       r->items[i].quote);
	}
	for (size_t j = 0; j < nl; j++)
		if (lab[j].match == (size_t)-1)
			printf("  MISSED %s\n", lab[j].quote);
}

static bool measure(const char *letter_path, const char *expect_path, struct score *sc)
{
	size_t len, elen, nl, j;
	char *data = slurp(letter_path, &len), *ej = slurp(expect_path, &elen);
	struct extract_result r;
	struct trk_error err = { 0 };
	cJSON *root, *letter, *cs;
	struct label *lab;

	memset(sc, 0, sizeof(*sc));
	CHECK(data && ej, "cannot read %s or %s", letter_path, expect_path);
	if (!data || !ej)
		return false;
	root = cJSON_Parse(ej);
	letter = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "letters"), 0);
	cs = cJSON_GetObjectItem(letter, "commitments");
	nl = (size_t)cJSON_GetArraySize(cs);
	CHECK(extract_letter(data, len, NULL, &r, &err) == 0, "%s: %s", letter_path, err.msg);
	check_meta(letter, &r.meta, letter_path);
	lab = calloc(nl + 1, sizeof(*lab));
	for (j = 0; j < nl; j++) {
		lab[j].quote = cJSON_GetObjectItem(cJSON_GetArrayItem(cs, (int)j), "quote")->valuestring;
		lab[j].match = (size_t)-1;
		CHECK(locate(r.text, lab[j].quote, &lab[j].s, &lab[j].e), "%s: label %zu not in the text",
		      expect_path, j);
	}
	for (size_t i = 0; i < r.n; i++)
		CHECK(!strncmp(r.text + r.items[i].quote_byte, r.items[i].quote,
			       strlen(r.items[i].quote)), "quote %zu not at its offset", i);
	sc->matched = match_one_to_one(&r, lab, nl);
	sc->proposals = r.n;
	sc->labels = nl;
	sc->precision = r.n ? (double)sc->matched / r.n : 0;
	sc->recall = nl ? (double)sc->matched / nl : 1;
	if (getenv("VERBOSE"))
		show_details(&r, lab, nl);
	free(lab);
	extract_result_release(&r);
	cJSON_Delete(root);
	free(data);
	free(ej);
	return true;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* test_extract --quality MIN_P MIN_R [--strict] LETTER EXPECT ...: a
 * --strict pair must have every labelled commitment found. */
static int quality(int argc, char **argv)
{
	double min_p = atof(argv[2]), min_r = atof(argv[3]), sum_p = 0, sum_r = 0;
	size_t docs = 0, all_m = 0, all_p = 0, all_l = 0;
	bool strict = false;

	printf("%-46s %5s %5s %5s %9s %6s\n", "document", "prop", "label", "match", "precision",
	       "recall");
	for (int i = 4; i < argc; i++) {
		struct score sc;

		if (!strcmp(argv[i], "--strict")) {
			strict = true;
			continue;
		}
		if (i + 1 >= argc || !measure(argv[i], argv[i + 1], &sc)) {
			failures++;
			break;
		}
		printf("%-46s %5zu %5zu %5zu %9.2f %6.2f\n", base_name(argv[i]), sc.proposals,
		       sc.labels, sc.matched, sc.precision, sc.recall);
		CHECK(!strict || sc.matched == sc.labels, "%s: a labelled commitment is missed", argv[i]);
		strict = false;
		sum_p += sc.precision;
		sum_r += sc.recall;
		all_m += sc.matched;
		all_p += sc.proposals;
		all_l += sc.labels;
		docs++;
		i++;
	}
	if (!docs)
		return 2;
	printf("%-46s %5zu %5zu %5zu %9.3f %6.3f\n", "mean of documents", all_p, all_l, all_m,
	       sum_p / docs, sum_r / docs);
	printf("%-46s %5s %5s %5s %9.3f %6.3f\n", "pooled", "", "", "", all_p ? (double)all_m / all_p : 0,
	       all_l ? (double)all_m / all_l : 0);
	CHECK(sum_p / docs >= min_p, "mean precision %.3f below %.2f", sum_p / docs, min_p);
	CHECK(sum_r / docs >= min_r, "mean recall %.3f below %.2f", sum_r / docs, min_r);
	if (failures)
		fprintf(stderr, "%d failure(s)\n", failures);
	return failures ? 1 : 0;
}

int unit_tests(const char *dir);

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--unit"))
		return unit_tests(argv[2]);
	if (argc >= 6 && !strcmp(argv[1], "--quality"))
		return quality(argc, argv);
	fprintf(stderr, "usage: test_extract --quality MIN_P MIN_R [--strict] LETTER EXPECT.json ... "
		"| --unit DIR\n");
	return 2;
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
	extract_result_release(&r);
	strbuf_release(&sb);
	free(seed);
}

/* ---- the families of issue #15 ----------------------------------------- */

/* Extracts text (kind as given) and returns the result; caller releases. */
static void run(const char *text, enum extract_kind kind, struct extract_result *r)
{
	struct extract_options o = { 0 };
	struct trk_error err = { 0 };

	o.kind = kind;
	CHECK(extract_letter(text, strlen(text), &o, r, &err) == 0, "extract: %s", err.msg);
}

static const struct proposal *find(const struct extract_result *r, const char *words)
{
	for (size_t i = 0; i < r->n; i++)
		if (strstr(r->items[i].quote, words))
			return &r->items[i];
	return NULL;
}

static void t_scope_list(void)
{
	struct extract_result r;

	run("关于第5号建议的答复\n王明代表：\n您的建议收悉，现答复如下：\n"
	    "近年来我区已建成公园12个。下一步，我区将通过以下措施推进：\n"
	    "一是新建口袋公园3个；二是改造老旧绿地；三是开展绿化养护考核。\n"
	    "某区住房和城乡建设局\n2024年5月6日\n", EXTRACT_AUTO, &r);
	CHECK(r.kind == EXTRACT_REPLY, "scope: kind %d", r.kind);
	CHECK(find(&r, "新建口袋公园3个") && find(&r, "改造老旧绿地") && find(&r, "开展绿化养护考核"),
	      "scope: every item after the scope sentence, %zu proposals", r.n);
	CHECK(!find(&r, "已建成公园"), "scope: the report before it is none");
	extract_result_release(&r);

	run("关于第6号建议的答复\n李红代表：\n现答复如下：\n二、下一步工作打算\n"
	    "（一）完善停车设施。在老城区增设停车泊位。\n（二）加强执法巡查。\n"
	    "某县交通运输局\n2024年5月6日\n", EXTRACT_AUTO, &r);
	CHECK(find(&r, "增设停车泊位") != NULL, "heading 下一步工作打算: its paragraphs are commitments");
	extract_result_release(&r);
}

static void t_plan(void)
{
	struct extract_result r;

	run("某市2024年城市更新工作方案\n为深入贯彻城市更新部署，提出以下实施意见。\n"
	    "一、2023年工作回顾\n过去一年，新建道路30公里，持续改善人居环境。\n"
	    "二、重点任务\n新增停车泊位5000个。打通50条断头路。实施老旧小区改造工程。\n", EXTRACT_AUTO, &r);
	CHECK(r.kind == EXTRACT_PLAN, "plan: kind %d", r.kind);
	CHECK(find(&r, "新增停车泊位5000个") && find(&r, "打通50条断头路") && find(&r, "实施老旧小区改造工程"),
	      "plan: imperative clauses are commitments (%zu)", r.n);
	CHECK(!find(&r, "新建道路30公里") && !find(&r, "提出以下实施意见"),
	      "plan: review and preamble are none");
	extract_result_release(&r);
	run("某县2023年国民经济和社会发展计划执行情况与2024年计划草案的报告\n"
	    "一、2023年计划执行情况\n（一）主要任务完成情况\n一是稳岗措施有力。定期召开运行分析会，及时解决企业困难。\n"
	    "二、2024年主要任务\n新建标准化厂房10万平方米。\n", EXTRACT_AUTO, &r);
	CHECK(r.n == 1 && find(&r, "标准化厂房"), "plan: 执行情况 and 完成情况 are review (%zu)", r.n);
	extract_result_release(&r);
	run("某市2024年城市更新工作方案\n我市将建设口袋公园。\n新增停车泊位5000个。\n", EXTRACT_REPLY, &r);
	CHECK(!find(&r, "新增停车泊位"), "--kind reply: no marker, no commitment");
	extract_result_release(&r);
}

static void t_target_list(void)
{
	struct extract_result r;
	const struct proposal *p;

	run("政府工作报告\n今年主要预期目标是：地区生产总值增长5%左右；城镇新增就业1200万人以上，"
	    "城镇调查失业率5.5%左右；单位能耗降低2.5%左右，生态环境质量持续改善；赤字率控制在3%以内。\n",
	    EXTRACT_AUTO, &r);
	CHECK(r.n == 6, "target list: one commitment per target, got %zu", r.n);
	p = find(&r, "地区生产总值增长5%左右");
	CHECK(p && p->target.cmp == CMP_EQ && (p->flags & EXTRACT_APPROXIMATE) && p->tolerance > 0,
	      "左右: = with a tolerance");
	p = find(&r, "1200万人以上");
	CHECK(p && p->target.cmp == CMP_GE && p->target.value == 12000000, "以上: >=");
	p = find(&r, "3%以内");
	CHECK(p && p->target.cmp == CMP_LE, "以内: <=");
	extract_result_release(&r);
	t_target("累计开展培训10余次", 10, "次", ">=");
	t_target("以全市7600多名持证残疾人为对象", 0, "", NULL);
}

static void t_owner_bracket(void)
{
	struct extract_result r;
	const struct proposal *p;

	run("慈溪市稳就业实施意见\n一、重点任务\n1.新增就业岗位1000个。"
	    "（牵头单位：市人社局；责任单位：市财政局、市发改委）\n"
	    "2.开展技能培训。（市人力资源和社会保障局、市教育局负责）\n", EXTRACT_PLAN, &r);
	CHECK(!find(&r, "牵头单位") && !find(&r, "负责"), "owner brackets are no proposals");
	p = find(&r, "新增就业岗位");
	CHECK(p && p->owner && strstr(p->owner, "人力资源和社会保障局") && p->co_owners.n == 2,
	      "牵头单位 leads, 责任单位 co-own: %s, %zu", p && p->owner ? p->owner : "-",
	      p ? p->co_owners.n : 0);
	p = find(&r, "开展技能培训");
	CHECK(p && p->owner && strstr(p->owner, "人力资源和社会保障局") && p->co_owners.n == 1,
	      "the first named leads");
	extract_result_release(&r);
}

static void t_deadlines(void)
{
	int32_t letter = date_from_ymd(2023, 6, 13), a, b;
	char bd[DATE_BUFSZ];
	struct extract_result r;

	/* A day of a month is the deadline, not the month's end; one gone by
	 * is next year's. The summer holiday is July and August; an autumn
	 * opening is 1 September. */
	static const char *const days[][2] = {
		{ "9月15日前完成修复", "2023-09-15" }, { "4月10日前完成修复", "2024-04-10" },
		{ "9月1日开学前完成修复", "2023-09-01" }, { "秋季开学前完成修复", "2023-08-31" },
		{ "今年暑假期间完成排查", "2023-08-31" },
	};
	for (size_t i = 0; i < sizeof(days) / sizeof(days[0]); i++) {
		bd[0] = '\0';
		if (extract_parse_deadline(days[i][0], letter, &a, &b))
			date_format(b, bd);
		CHECK(!strcmp(bd, days[i][1]), "%s: want %s, got '%s'", days[i][0], days[i][1], bd);
	}
	CHECK(extract_parse_deadline("4月前完成", letter, &a, &b), "4月前");
	date_format(b, bd);
	CHECK(!strcmp(bd, "2024-03-31"), "a month already past moves to next year: %s", bd);
	run("关于第7号建议的答复\n赵强代表：\n现答复如下：\n我局将每年4月前开展一次安全检查。\n"
	    "某县应急管理局\n2023年6月13日\n", EXTRACT_AUTO, &r);
	CHECK(r.n == 1 && (r.items[0].flags & EXTRACT_RECURRING), "每年4月前 is recurring");
	date_format(r.n ? r.items[0].due : DATE_NONE, bd);
	CHECK(!strcmp(bd, "2024-03-31"), "recurring: next occurrence, got %s", bd);
	extract_result_release(&r);
}

static void t_structure(void)
{
	struct extract_result r;

	run("关于第8号建议的答复\n孙丽代表：\n您的建议收悉，现答复如下：\n我局将于年底前完成改造。\n"
	    "2024-12-19\n2024年9月\n某县教育局\n2024年9月2日\n抄送：县人大代表工委，县政府办公室。\n",
	    EXTRACT_AUTO, &r);
	CHECK(r.n == 1, "dates, issuer, 抄送 are letter structure: %zu proposals", r.n);
	extract_result_release(&r);
}

/* Helpers named before their role in a clause of their own frame the
 * action after them and are its co-owners; so does "结合…" with no action
 * of its own, and a clause that is only a time. */
static void t_helpers(void)
{
	struct extract_result r;

	run("王明代表：\n现答复如下：\n结合城市更新，计划在2026年底前新建学生接送区8处。今年暑假期间，"
	    "对全区中小学周边交通设施进行全面排查。\n某区交通运输局\n2025年6月20日\n",
	    EXTRACT_AUTO, &r);
	CHECK(r.n == 2 && find(&r, "结合城市更新") == find(&r, "新建学生接送区") &&
	      find(&r, "全面排查") && !strcmp(find(&r, "全面排查")->title,
					  "对全区中小学周边交通设施进行全面排查"),
	      "frames go with the action: %zu proposals", r.n);
	extract_result_release(&r);
	/* keeping in touch with the deputy is courtesy; a long 结合… with no
	 * action of its own still frames */
	run("刘芳代表：\n现答复如下：\n同时，将结合全民健身场地设施补短板工程，今年内在城南新区新建"
	    "社会足球场1片。您的建议为我县体育事业发展提供了有益参考，今后我们将继续加强与代表的沟通"
	    "联系。\n某县文化和广电旅游体育局\n2025年7月3日\n", EXTRACT_AUTO, &r);
	CHECK(r.n == 1 && find(&r, "补短板工程") == find(&r, "新建社会足球场"),
	      "a contact pledge is none, 结合 frames: %zu proposals", r.n);
	extract_result_release(&r);
	/* "加强宣传教育" is an activity of any field, "学生安全" the schools' */
	run("张伟委员：\n现答复如下：\n我局会同区公安分局、区教育局开展整治。下一步，我们将重点做好以下"
	    "工作：\n（一）加强宣传教育。每学期开展一次交通安全进校园活动。\n（二）加强学生安全管理。"
	    "每学期开展一次学校周边交通秩序整治。\n某区交通运输局\n2025年6月20日\n", EXTRACT_AUTO, &r);
	CHECK(r.n == 2 && !strcmp(r.items[0].owner, "某区交通运输局") &&
	      !strcmp(r.items[1].owner, "某区教育局"), "owners by topic: '%s', '%s'",
	      r.n > 0 ? r.items[0].owner : "-", r.n > 1 ? r.items[1].owner : "-");
	extract_result_release(&r);

	run("王明代表：\n现答复如下：\n由市住建局牵头，市财政局、市自然资源和规划局配合，明年上半年"
	    "出台既有住宅加装电梯补助办法。\n慈溪市住房和城乡建设局\n2025年4月18日\n",
	    EXTRACT_AUTO, &r);
	CHECK(r.n == 1 && r.items[0].co_owners.n == 2 &&
	      !strcmp(r.items[0].co_owners.items[0], "慈溪市财政局") &&
	      !strcmp(r.items[0].co_owners.items[1], "慈溪市自然资源和规划局"),
	      "helpers frame the action and help it: %zu proposals, %zu co-owners", r.n,
	      r.n ? r.items[0].co_owners.n : 0);
	extract_result_release(&r);
}

/* Who signs: a name with its seal mark, or (under a date alone) the unit a
 * label names; a label spaced out ("抄　送") is no issuer. Titles keep the
 * time of a deadline, not its 于. */
static void t_signature(void)
{
	static const char *const tails[] = {
		"慈溪市交通运输局（盖章）\n2025年3月10日\n联系人：张三\n",
		"2025年3月10日\n承办单位：慈溪市交通运输局\n联 系 人：张三\n抄　送：市人大代表工委\n",
	};
	struct extract_result r;

	for (size_t i = 0; i < sizeof(tails) / sizeof(tails[0]); i++) {
		struct strbuf sb = STRBUF_INIT;

		strbuf_addstr(&sb, "王明代表：\n现答复如下：\n我们将于2025年底前完成城区智慧停车平台建设。\n");
		strbuf_addstr(&sb, tails[i]);
		run(sb.buf, EXTRACT_AUTO, &r);
		CHECK(r.meta.issuer && !strcmp(r.meta.issuer, "慈溪市交通运输局"), "tail %zu: issuer '%s'",
		      i, r.meta.issuer ? r.meta.issuer : "(null)");
		CHECK(r.n == 1 && !strcmp(r.items[0].owner, "慈溪市交通运输局") &&
		      !strcmp(r.items[0].title, "2025年底前完成城区智慧停车平台建设"),
		      "tail %zu: %zu proposals, owner '%s', title '%s'", i, r.n,
		      r.n ? r.items[0].owner : "-", r.n ? r.items[0].title : "-");
		extract_result_release(&r);
		strbuf_release(&sb);
	}
}

static void t_departments(void)
{
	static const char *const cases[][3] = {
		{ "人社局", "慈溪市经济和信息化局", "慈溪市人力资源和社会保障局" },
		{ "市人力社保局", "慈溪市经济和信息化局", "慈溪市人力资源和社会保障局" },
		{ "市发改局", "慈溪市经济和信息化局", "慈溪市发展和改革局" },
		{ "区住建局", "宁波市鄞州区生态环境局", "宁波市鄞州区住房和城乡建设局" },
		{ "市资规局", "宁波市鄞州区生态环境局", "宁波市自然资源和规划局" },
		{ "县发改局", "象山县教育局", "象山县发展和改革局" },
		{ "卫健委", NULL, "卫生健康委员会" },
		{ "市防控办", "慈溪市经济和信息化局", "市防控办" },
		/* 城市管理局 is a department, not the place 城市 */
		{ "住房和城乡建设局", "舞钢市城市管理局", "舞钢市住房和城乡建设局" },
		{ "城管局", "舞钢市城市管理局", "舞钢市城市管理局" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = extract_dept_canonical(cases[i][0], cases[i][1]);

		CHECK(!strcmp(got, cases[i][2]), "department '%s': want %s, got %s", cases[i][0],
		      cases[i][2], got);
		free(got);
	}
}

static void t_merge_split(void)
{
	struct extract_result r;

	run("关于第9号建议的答复\n钱进代表：\n现答复如下：\n"
	    "下一步，一是深化技术改造，新增工业机器人800台以上；二是全年开展30个以上信息技术深度应用项目。\n"
	    "某市经济和信息化局\n2023年6月13日\n", EXTRACT_AUTO, &r);
	CHECK(find(&r, "800台") != find(&r, "30个以上") && find(&r, "800台") && find(&r, "30个以上"),
	      "two commitments with different subjects are two proposals");
	extract_result_release(&r);
}

static int tracked_cb(const char *doc_no, extract_tracked_add add, void *sink, void *ctx)
{
	add(sink, "5-01", "我局将于年底前完成改造");
	return 0;
}

static void t_tracked(void)
{
	static const char text[] = "关于第5号建议的答复\n某某〔2024〕5号\n孙丽代表：\n现答复如下：\n"
				   "我局将于年底前完成改造。\n某县教育局\n2024年9月2日\n";
	struct extract_options o = { 0 };
	struct extract_result r;
	struct trk_error err = { 0 };
	char *json;

	o.tracked = tracked_cb;
	CHECK(extract_letter(text, strlen(text), &o, &r, &err) == 0, "%s", err.msg);
	CHECK(r.n == 1 && r.items[0].tracked_key && !strcmp(r.items[0].tracked_key, "5-01"),
	      "a proposal over a tracked quote carries its key");
	json = extract_to_json(&r, NULL);
	CHECK(json && strstr(json, "\"tracked\":\t\"5-01\""), "JSON marks it");
	free(json);
	{
		struct extract_json_options jo = { .skip_tracked = true };

		CHECK(extract_to_json(&r, &jo) == NULL, "--apply leaves it out");
	}
	extract_result_release(&r);
}

static void t_owner_names_agree(void)
{
	static const char text[] = "关于第3号建议的答复\n慈经信建〔2023〕9号\n罗冲代表：\n现答复如下：\n"
				   "人社局将开展招聘活动。市人力社保局将完善零工市场。\n"
				   "慈溪市经济和信息化局\n2023年6月13日\n";
	struct extract_result r;
	struct trk_error err = { 0 };
	char *json;
	cJSON *root;

	CHECK(extract_letter(text, strlen(text), NULL, &r, &err) == 0, "%s", err.msg);
	json = extract_to_json(&r, NULL);
	root = cJSON_Parse(json);
	CHECK(cJSON_GetArraySize(cJSON_GetObjectItem(root, "owners")) == 1,
	      "one owner for 人社局 and 市人力社保局: %s", json);
	cJSON_Delete(root);
	free(json);
	extract_result_release(&r);
}

/* An undated letter: a year in its prose is no deadline and no plan. */
static void t_undated(void)
{
	struct extract_result r;

	run("关于第12号建议的答复\n周华代表：\n现答复如下：\n"
	    "该桥1998年建成通车，全长120米，由镇政府负责管养。下一步，我局将督促镇政府加强日常巡查。\n",
	    EXTRACT_AUTO, &r);
	CHECK(!find(&r, "1998年") && find(&r, "加强日常巡查"), "undated: the year is history (%zu)", r.n);
	extract_result_release(&r);
	/* nor does a date in its prose say when it was written */
	run("某市稳岗补贴实施意见\n一、重点任务\n1.实施社保补贴政策，实施期限至2030年12月31日。"
	    "2.年底前完成补贴发放。\n", EXTRACT_PLAN, &r);
	{
		const struct proposal *p = find(&r, "年底前完成补贴发放");
		int y = 0, m, d;

		if (p && p->due != DATE_NONE)
			date_to_ymd(p->due, &y, &m, &d);
		CHECK(p && y != 2030, "undated: 年底前 is not 2030 (%d)", y);
	}
	extract_result_release(&r);
	/* prose with ASCII commas is prose too */
	run("某市老旧小区改造规划要点\n根据《某市老旧小区改造规划(2021-2025年)》,规划为:\n"
	    "1、到2021年,新开工改造老旧小区50个。\n", EXTRACT_AUTO, &r);
	CHECK(find(&r, "老旧小区50个") != NULL, "ASCII prose: 2021 is no history (%zu)", r.n);
	extract_result_release(&r);
}

/* Work spread over the years is a plan; the report after it in the same
 * sentence is not; a year compared with is no report. */
static void t_phased(void)
{
	struct extract_result r;

	run("关于第14号建议的答复\n吴刚代表：\n现答复如下：\n"
	    "根据城区路网规划，我市把滨河路延伸段列为新建道路，由市住建局负责分期实施，"
	    "已完成一期征迁800米，宽24米。\n某市城市管理局\n2024年5月6日\n", EXTRACT_AUTO, &r);
	CHECK(find(&r, "分期实施") && !find(&r, "征迁") && !find(&r, "宽24米"),
	      "phased: the plan without its report (%zu)", r.n);
	extract_result_release(&r);
	run("某省2024年预算草案\n二、重点任务\n全省一般公共预算支出安排6200亿元、比上年增加300亿元。\n",
	    EXTRACT_PLAN, &r);
	CHECK(find(&r, "比上年增加300亿元") != NULL, "比上年: a comparison, not a report");
	extract_result_release(&r);
	run("某县2024年就业工作要点\n二、重点任务\n继续按不高于2019年标准征收残疾人就业保障金。\n",
	    EXTRACT_PLAN, &r);
	CHECK(find(&r, "2019年标准") != NULL, "a year a rule measures by is no report");
	extract_result_release(&r);
}

/* The clauses before the sentence's marker say what it is about. */
static void t_marker_context(void)
{
	struct extract_result r;

	run("关于第15号建议的答复\n郑文代表：\n现答复如下：\n"
	    "目前该路段正在进行路基施工，预计10月底完工。老旧宿舍改建为教师周转房，"
	    "我局将在评估必要性后再作决定。\n某县交通运输局\n2024年5月6日\n", EXTRACT_AUTO, &r);
	CHECK(r.n == 2 && find(&r, "路基施工") == find(&r, "10月底完工") &&
	      find(&r, "老旧宿舍") == find(&r, "再作决定"), "marker context: one proposal each, got %zu",
	      r.n);
	extract_result_release(&r);
}

/* A reply whose body is the given sentences; caller releases r. */
static void run_reply(const char *body, struct extract_result *r)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "关于第16号建议的答复\n冯洁代表：\n现答复如下：\n%s\n某县交通运输局\n"
		    "2024年5月6日\n", body);
	run(sb.buf, EXTRACT_AUTO, r);
	strbuf_release(&sb);
}

/* Rules 4-6 of QUALITY.md: what makes one sentence two commitments. */
static void t_line_and_measure(void)
{
	static const struct {
		const char *body, *a, *b;
		bool two;
	} cases[] = {
		/* a line of work, then its own date or an indicator: two */
		{ "我局将进一步优化公交线网，于每年3月前发布线网调整计划。", "优化公交线网", "3月前", true },
		{ "我局将进一步完善校车管理制度，确保校车安全检查覆盖率不低于95%。", "管理制度", "95%", true },
		/* the item that states the list's year has it as its own */
		{ "一是加强校园安全管理，聚焦重点时段巡查，力争2024年实现安全事故零发生；"
		  "二是完善校车管理制度。", "校园安全管理", "力争2024年", true },
		/* a deliverable after "在…上": two */
		{ "我局将继续支持企业赴外参展，并视情况在年度展会目录上补充东盟国家的重点展会。",
		  "赴外参展", "补充东盟", true },
		/* a share after 确保 is an indicator: two */
		{ "到2026年底前，我局将在试点基础上向全县推开，确保城东、城西两个片区30%的小区建成充电设施。",
		  "向全县推开", "30%", true },
		/* publishing (公布) is a deliverable of its own: two */
		{ "我局将对停车收费标准进行动态调整，公布2024年版收费目录。", "动态调整", "收费目录", true },
		/* a new deliverable after a short place: two */
		{ "我局决定将旧食堂尽快拆除，在原址规划建设一栋1200平方米的综合楼。", "旧食堂", "综合楼", true },
		/* an end and the start of what follows it are one change: one */
		{ "我局将执行原停车收费标准至2024年8月31日，2024年9月1日起按新标准执行。", "原停车收费",
		  "新标准", false },
		/* a framework, then new construction counted: two */
		{ "到2025年，我局将基本形成城中村改造政策体系，新开工改造城中村12个。", "政策体系", "12个", true },
		/* a deliverable after 提前/尽快 is still one: two */
		{ "下一步，我局将督促施工单位加强管理，提前完成城北路段改造工作。", "加强管理", "提前完成", true },
		/* a count of what the same work makes: one */
		{ "我局将继续推进老旧管网改造，新建雨污管网12公里。", "管网改造", "12公里", false },
		/* 新建 a counted deliverable of another object: two */
		{ "我局将落实基本医保和社会救助政策，新建区域性养老服务中心15所。", "社会救助", "15所", true },
		/* 争取 with a noun is the aim of the actions before it: one */
		{ "我局将积极与上级部门对接，与街道沟通协调、共同努力，争取卫生室重建工作。", "对接",
		  "重建工作", false },
		/* 争取 with a verb is the future's "strive to": two */
		{ "下步我们将加强与相关部门沟通协调，积极推进土地报批手续，争取立项实施该项目。", "报批手续",
		  "立项实施", true },
		/* a line of work on another object after a deliverable: two */
		{ "我县将新建县第一人民医院，加快建设县级医疗物资储备中心。", "人民医院", "储备中心", true },
		{ "我局将新建区域性养老服务中心15所，做好退役军人服务管理。", "15所", "退役军人", true },
		/* 同时 adds a line of work on another object: two */
		{ "我局将统筹协调解决重复建设现象，避免项目重复实施，同时加大道路开挖审批管理。", "重复建设",
		  "开挖审批", true },
		/* a deliverable and its date: one */
		{ "我局将在城西试点开行定制公交，第四季度投入运营。", "定制公交", "第四季度", false },
		/* ... and with its count: one still (rule 5) */
		{ "我局计划在东部新区试点开通2条社区微循环线路，预计第三季度投入运营。", "微循环线路",
		  "第三季度", false },
		/* full coverage after a target is a second target: two */
		{ "到2025年年底前，我局将确保行政村通客车比例达到100%，重点行政村5G网络全覆盖。",
		  "通客车", "5G网络", true },
		/* a deliverable, then a dated one with its own object: two */
		{ "我局将出台《停车收费管理办法》，力争8月底前完成收费标准听证。", "管理办法", "听证", true },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct extract_result r;
		const struct proposal *a, *b;

		run_reply(cases[i].body, &r);
		a = find(&r, cases[i].a);
		b = find(&r, cases[i].b);
		CHECK(a && b && (a != b) == cases[i].two, "'%s': want %s, got %zu proposals",
		      cases[i].body, cases[i].two ? "two" : "one", r.n);
		extract_result_release(&r);
	}
}

/* Partner and basis clauses go with the action after them. */
static void t_framing(void)
{
	struct extract_result r;

	run_reply("同时，县住建局会同县财政局、县发改局，加快推进城南安置房前期工作，力争年内开工。"
		  "依据省级目录，9月底前编制并公布本级公共服务事项清单。", &r);
	CHECK(r.n == 3 && find(&r, "前期工作") != find(&r, "年内开工") &&
	      find(&r, "依据省级目录") == find(&r, "编制并公布"),
	      "framing: partner and basis go with their action (%zu)", r.n);
	CHECK(!find(&r, "会同县财政局") || find(&r, "会同县财政局") == find(&r, "前期工作"),
	      "framing: the partner clause is no proposal of its own");
	extract_result_release(&r);
}

/* A list item's head says what the item does, 出台《…》 included. */
static void t_item_head(void)
{
	struct extract_result r;

	run_reply("二、下一步工作\n（一）完善制度。一是出台《课后服务管理办法》，力争9月底前完成服务机构遴选。", &r);
	CHECK(find(&r, "出台《课后服务管理办法》") && find(&r, "完成服务机构遴选"),
	      "item head: the 《…》 it issues is a commitment (%zu)", r.n);
	extract_result_release(&r);
}

/* A "（二）" line that is one sentence saying what will be done is an item,
 * not a heading over nothing; "由…牵头" frames the action after it; an
 * "已…的" after a future word names what the plan is about; and a
 * document issued by a date ahead of the letter is a plan. */
static void t_items_alone(void)
{
	struct extract_result r;
	const struct proposal *p;

	run_reply("二、下一步工作\n（一）加大资金支持。2024年计划新增加装电梯40台以上。\n"
		  "（二）我局将于年底前完成全部电梯的安全检测。\n"
		  "（三）2024年6月底前出台《联合审批办法》。\n", &r);
	CHECK(r.n == 3 && find(&r, "安全检测") && find(&r, "联合审批办法") &&
	      !find(&r, "加大资金支持"),
	      "items alone on their lines: three commitments, the heading none (%zu)", r.n);
	p = find(&r, "联合审批办法");
	CHECK(p && p->due == date_from_ymd(2024, 6, 30), "出台《…》 by 2024年6月底: due 2024-06-30");
	extract_result_release(&r);
	run_reply("二、下一步工作\n（三）强化运维保障。由县市场监管局牵头，年底前完成全部已加装电梯的安全检测。\n", &r);
	p = find(&r, "安全检测");
	CHECK(r.n == 1 && p && strstr(p->quote, "由县市场监管局牵头") && p->owner &&
	      strstr(p->owner, "市场监管局") && p->due == date_from_ymd(2024, 12, 31),
	      "由…牵头, 已加装…的: one commitment of the lead, due at the year's end (%zu)", r.n);
	extract_result_release(&r);
	run_reply("三、下一步打算\n（1）编制专项规划。结合《2024—2026年新能源汽车充电基础设施建设三年行动计划》，"
		  "2024年9月底前完成全区充电设施专项规划编制。\n", &r);
	p = find(&r, "专项规划编制");
	CHECK(p && find(&r, "三年行动计划") == p && p->due == date_from_ymd(2024, 9, 30),
	      "结合《…》 frames the work after it, due by its own date (%zu)", r.n);
	extract_result_release(&r);
	run_reply("目前，该项目已纳入2025年农村公路建设计划，拟于2025年3月启动前期设计，预计总投资380万元。", &r);
	p = find(&r, "前期设计");
	CHECK(r.n == 1 && p && find(&r, "总投资") == p && strstr(p->title, "启动前期设计"),
	      "what the work costs is its measure, not a commitment nor its title (%zu: '%s')", r.n,
	      p ? p->title : "-");
	extract_result_release(&r);
	run_reply("今年秋季学期起，将在全市推行课间15分钟户外活动。", &r);
	CHECK(r.n == 1 && r.items[0].window_start == date_from_ymd(2024, 9, 1),
	      "a term opens the action after it, not a proposal of its own (%zu)", r.n);
	extract_result_release(&r);
	run_reply("我局已加装电梯62台。下一步，我局将继续做好政策宣传。", &r);
	CHECK(r.n == 1 && !find(&r, "62台"), "已 with no future word is still done (%zu)", r.n);
	extract_result_release(&r);
	run_reply("2023年3月出台《停车收费管理办法》。下一步，我局将加强收费监管。", &r);
	CHECK(r.n == 1 && !find(&r, "停车收费管理办法"), "出台《…》 in a past year is done (%zu)", r.n);
	extract_result_release(&r);
}

/* What opens a sentence or a list: a time after the letter makes a plan
 * of a sentence with no future word, "从2024年起" frames the work after it,
 * and "下一步，我们将：" opens the items and is none itself. */
static void t_opening_time(void)
{
	struct extract_result r;
	const struct proposal *p;

	run_reply("2024年下半年，新招聘专职心理健康教师15名。", &r);
	CHECK(r.n == 1 && r.items[0].due == date_from_ymd(2024, 12, 31),
	      "a time after the letter, no future word: a commitment (%zu)", r.n);
	extract_result_release(&r);
	run_reply("今年，全市新招聘专职心理健康教师15名。下一步，我局将加强培训。", &r);
	CHECK(r.n == 1 && !find(&r, "新招聘"),
	      "a time begun before the letter, no future word: a report (%zu)", r.n);
	extract_result_release(&r);
	run_reply("下一步，我们将重点做好以下工作：\n1.从2024年起，每学年开展一次心理健康测评，"
		  "建立学生心理健康档案。\n", &r);
	p = find(&r, "心理健康测评");
	CHECK(p && !strncmp(p->title, "每学年", strlen("每学年")) && !find(&r, "从2024年起"),
	      "从…起 frames the work after it: '%s'", p ? p->title : "-");
	extract_result_release(&r);
	run_reply("我局高度重视该项工作。下一步，我们将：\n年底前完成全部老旧终端改造。\n", &r);
	CHECK(r.n == 1 && find(&r, "老旧终端改造"), "a list's opener is no commitment (%zu: '%s')",
	      r.n, r.n ? r.items[0].title : "-");
	extract_result_release(&r);
}

/* A unit under a department that the sentence names as its subject owns
 * the commitment: "县公安局交警大队将…". */
static void t_sub_unit_owner(void)
{
	struct extract_result r;

	run_reply("三、关于交通信号优化。县公安局交警大队将持续优化城区主要路口信号配时。", &r);
	CHECK(r.n == 1 && r.items[0].owner && !strcmp(r.items[0].owner, "县公安局交警大队"),
	      "sub-unit owner: '%s'", r.n && r.items[0].owner ? r.items[0].owner : "-");
	extract_result_release(&r);
}

/* Co-handling units: the list before 协办; on a 抄送 line, the departments
 * among other offices, each name whole. */
static void t_co_handlers(void)
{
	struct extract_result r;

	run("关于第78号建议的答复\n周海波代表：\n本件由我局主办，区住建局、区生态环境分局协办。"
	    "现答复如下：\n下一步，我局将于年底前完成全部老旧终端改造。\n某区农业农村局\n"
	    "2024年5月28日\n抄送：区人大常委会代表工委，区政府办公室\n", EXTRACT_AUTO, &r);
	CHECK(r.meta.co_handlers.n == 2 && !strcmp(r.meta.co_handlers.items[0], "区住建局") &&
	      !strcmp(r.meta.co_handlers.items[1], "区生态环境分局"),
	      "协办: the two units before it (%zu)", r.meta.co_handlers.n);
	extract_result_release(&r);
	run("关于第78号建议的答复\n周海波代表：\n现答复如下：\n下一步，我局将于年底前完成全部老旧终端改造。\n"
	    "某区农业农村局\n2024年5月28日\n"
	    "抄送：区人大常委会代表工委，区政府办公室，区住建局，宁波市生态环境局奉化分局\n",
	    EXTRACT_AUTO, &r);
	CHECK(r.meta.co_handlers.n == 2 && !strcmp(r.meta.co_handlers.items[0], "区住建局") &&
	      !strcmp(r.meta.co_handlers.items[1], "宁波市生态环境局奉化分局"),
	      "抄送: past the offices, names whole (%zu: %s)", r.meta.co_handlers.n,
	      r.meta.co_handlers.n ? r.meta.co_handlers.items[r.meta.co_handlers.n - 1] : "-");
	extract_result_release(&r);
}

/* A plan's purpose sentence is no commitment; "3.6月底前…" is item 3 and a
 * month, not 3.6. */
static void t_plan_preamble(void)
{
	struct extract_result r;
	const struct proposal *p;

	run("某市2025年优化营商环境工作要点\n为深入贯彻落实国家和省关于优化营商环境的决策部署，"
	    "现制定2025年工作要点如下。\n一、提升政务服务效能\n"
	    "3.6月底前完成市民中心综合窗口改造。（牵头单位：市政务服务管理局）\n", EXTRACT_PLAN, &r);
	p = find(&r, "综合窗口改造");
	CHECK(r.n == 1 && p && !strncmp(p->quote, "6月底前", strlen("6月底前")) &&
	      p->due == date_from_ymd(2025, 6, 30),
	      "plan: one commitment, its quote from 6月底前 (%zu: '%s')", r.n, p ? p->quote : "-");
	extract_result_release(&r);
}

/* Titles say what is done: a bare action names the subject its sentence
 * opened with; 争取 with a noun is the verb and stays. */
static void t_titles(void)
{
	struct extract_result r;
	const struct proposal *p;

	run_reply("三、下一步工作计划\n一是加快学校建设。城北学校项目已完成立项，计划2024年8月开工建设，"
		  "2025年9月投入使用。四是积极争取上级专项资金，统筹推进薄弱学校改造。", &r);
	p = find(&r, "开工建设");
	CHECK(p && !strcmp(p->title, "城北学校项目2024年8月开工建设"),
	      "a bare action's title names the subject: '%s'", p ? p->title : "-");
	p = find(&r, "投入使用");
	CHECK(p && !strcmp(p->title, "城北学校项目2025年9月投入使用"),
	      "so does the next one: '%s'", p ? p->title : "-");
	p = find(&r, "专项资金");
	CHECK(p && !strncmp(p->title, "争取上级专项资金", strlen("争取上级专项资金")),
	      "争取 with a noun stays in the title: '%s'", p ? p->title : "-");
	extract_result_release(&r);
}

/* Read back from a marker past a basis clause; a list drawn up (列出…清单)
 * is a deliverable of its own. */
static void t_read_back(void)
{
	struct extract_result r;

	run_reply("深入推进老旧小区改造，街道在区住建局指导下开展工作，在前期摸底基础上，"
		  "列出加装电梯需求清单，力争遴选一家设计单位。", &r);
	CHECK(r.n == 3 && find(&r, "深入推进老旧小区改造") && find(&r, "在前期摸底基础上") &&
	      find(&r, "在前期摸底基础上") == find(&r, "列出加装电梯") &&
	      find(&r, "列出加装电梯") != find(&r, "遴选一家设计单位"),
	      "read back past a basis, 列出 a deliverable: %zu", r.n);
	extract_result_release(&r);
	/* how the suggestion was taken is no part of what will be done */
	run_reply("你们提出的意见和建议,十分及时,非常切合实际,我们也十分重视,针对你们提出的意见和"
		  "建议,我局领导班子非常重视,拟作为一项建设计划报请市政府。", &r);
	CHECK(r.n == 1 && !strcmp(r.items[0].quote, "拟作为一项建设计划报请市政府"),
	      "read back stops at an attitude: '%s'", r.n ? r.items[0].quote : "-");
	extract_result_release(&r);
}

/* An action with its result (有效…, 合理…) is a commitment apart. */
static void t_effect(void)
{
	struct extract_result r;

	run_reply("我局将多渠道发布招聘信息，拓宽岗位收集渠道，加强就业形势研判，有效防范规模性裁员风险，"
		  "将稳岗补贴政策落到实处，打好援企稳岗组合拳。", &r);
	CHECK(r.n == 3 && find(&r, "发布招聘信息") == find(&r, "拓宽岗位") &&
	      find(&r, "加强就业形势研判") == find(&r, "有效防范") &&
	      find(&r, "稳岗补贴政策") == find(&r, "组合拳") && find(&r, "拓宽岗位") != find(&r, "有效防范"),
	      "effect: three commitments, got %zu", r.n);
	extract_result_release(&r);
	run_reply("我局将继续落实课后服务补助政策，合理核定教师工作量。", &r);
	CHECK(r.n == 1, "effect of the only action: one commitment, got %zu", r.n);
	extract_result_release(&r);
}

/* How the suggestion was handled, a request to others and a wish to the
 * reader are no commitments. */
static void t_not_ours(void)
{
	struct extract_result r;

	run_reply("接到建议后，我局高度重视，专门召开会议研究，落实专人答复。我们积极向县政府建议，"
		  "将该路段列入年度计划，尽快开工建设。我局将于年底前完成路面修补。最后，希望您今后继续"
		  "关心交通工作，欢迎继续提出意见。", &r);
	CHECK(r.n == 1 && find(&r, "路面修补"), "handling, request, wish: %zu proposals", r.n);
	extract_result_release(&r);
	run_reply("下一步，我局将开展现场勘查。受用地指标所限，该路段暂时无法实施拓宽工程。", &r);
	CHECK(r.n == 1 && !find(&r, "拓宽工程"), "what cannot be done is no commitment: %zu", r.n);
	extract_result_release(&r);
	/* what is not listed, and how the representative took the reply */
	run_reply("下一步，我局将开展现场勘查。进一步明确该镇不属于中心城区，未纳入改造范围。"
		  "对此该代表表示理解，对工作表示满意。", &r);
	CHECK(r.n == 1 && find(&r, "现场勘查"), "not listed, taken well: %zu", r.n);
	extract_result_release(&r);
}

/* A colon after 目标 opens a target list; one later in the sentence opens
 * a list of works. */
static void t_works_list(void)
{
	struct extract_result r;

	run_reply("2024年，我局将围绕“城乡一张网”目标，重点做好以下工作：一是完成北片区公交线网优化，"
		  "新开线路不少于20条；二是在南片区试点开行夜间公交，第三季度投入运营。", &r);
	CHECK(r.n == 2 && !find(&r, "围绕") && find(&r, "线网优化") == find(&r, "20条") &&
	      find(&r, "夜间公交") == find(&r, "第三季度"), "works list: two items, got %zu", r.n);
	extract_result_release(&r);
}

/* In a plan's goals, an aim with no number, date or deliverable of its
 * own is none. */
static void t_bare_goal(void)
{
	struct extract_result r;

	run("某县养老服务体系建设实施方案\n一、主要目标\n到2026年，新增养老床位500张以上，"
	    "护理型床位占比达到60%以上，推动形成尊老敬老的良好社会风尚。\n", EXTRACT_PLAN, &r);
	CHECK(r.n == 2 && !find(&r, "社会风尚"), "bare goal: %zu proposals", r.n);
	extract_result_release(&r);
}

/* The suggestion's number in brackets after its quoted title. */
static void t_bracketed_number(void)
{
	struct extract_result r;

	run("对县政协会议提案的答复\n周敏委员:\n您提出的《关于增设公交站台的提案》(第37号)已收悉,现答复如下:\n"
	    "我局将于年底前增设公交站台两处。\n某县交通运输局\n2024年5月6日\n", EXTRACT_AUTO, &r);
	CHECK(r.meta.suggestion_no && !strcmp(r.meta.suggestion_no, "37"), "(第37号): got %s",
	      r.meta.suggestion_no ? r.meta.suggestion_no : "(null)");
	extract_result_release(&r);
}

/* Work under way and what it gives once done are one commitment. */
static void t_under_way(void)
{
	struct extract_result r;

	run_reply("目前正在进行城南公共停车场建设，建成后可新增200个停车位，有效缓解周边停车难问题。", &r);
	CHECK(r.n == 1 && find(&r, "城南公共停车场建设") == find(&r, "200个"), "under way: %zu", r.n);
	extract_result_release(&r);
}

/* A clause asking the reader or another body to act ends what is the
 * issuer's; with nothing of the issuer's before it, the sentence is none. */
static void t_asks(void)
{
	struct extract_result r;

	run_reply("下一步，我局将加快推进城南排水管网改造。同时，也请村委会积极开展清淤，确保行洪畅通。"
		  "在工程实施前，请代表帮助做好宣传。对以上答复有不满意的地方，请及时与我局联系，"
		  "我局将尽全力做好相关工作。感谢您的支持，请在今后对我们的工作多提宝贵意见和建议。"
		  "我局将于年底前完成路面修补，同时请各乡镇配合做好交通疏导。", &r);
	CHECK(r.n == 2 && find(&r, "排水管网") && find(&r, "路面修补") && !find(&r, "交通疏导"),
	      "asks: %zu proposals", r.n);
	extract_result_release(&r);
}

/* A line naming 答复 is the title only when it is no sentence: the closing
 * "以上意见供你单位统一答复代表时参考。" does not end the head. */
static void t_title_no_full_stop(void)
{
	struct extract_result r;

	run("关于加快推进老旧小区改造的会办意见\n区住建局\n薄某代表提出的建议收悉，现将会办意见函告如下\n"
	    "一、强化监督，确保施工质量。针对正在实施的5个改造项目，做好施工质量监督，确保按时竣工。\n"
	    "以上意见供你单位统一答复代表时参考。\n某街道办事处\n2024年3月22日\n", EXTRACT_AUTO, &r);
	CHECK(r.n == 1 && find(&r, "按时竣工"), "title without a full stop: %zu", r.n);
	extract_result_release(&r);
}

/* A condition goes with the action after it (rule 1), and that step stays
 * with the work before it that brings the condition about (rule 9) unless
 * it has a date or number of its own; 如期 sets none. */
static void t_condition(void)
{
	struct extract_result r;

	run_reply("我局将关注上级政策变化，如今后改造政策有变化，我们将及时与镇政府沟通。", &r);
	CHECK(r.n == 1 && find(&r, "关注上级") == find(&r, "及时与镇政府"),
	      "condition: %zu proposals", r.n);
	extract_result_release(&r);
	run_reply("下一步，我局将积极与上级部门汇报沟通，待条件成熟后，将尽早组织实施。", &r);
	CHECK(r.n == 1 && find(&r, "汇报沟通") == find(&r, "尽早组织实施"),
	      "待…后 in the sentence: %zu proposals", r.n);
	extract_result_release(&r);
	run_reply("我局将积极争取上级资金，如资金到位，将于2025年底前完成城北路段改造。", &r);
	CHECK(r.n == 2 && find(&r, "争取上级资金") != find(&r, "城北路段"),
	      "a condition with a date of its own: %zu proposals", r.n);
	extract_result_release(&r);
	run_reply("我局将督促施工单位加强管理，如期完成城北路段改造。", &r);
	CHECK(r.n == 2 && find(&r, "如期完成") && find(&r, "加强管理") != find(&r, "如期完成"),
	      "如期 is no condition: %zu proposals", r.n);
	extract_result_release(&r);
}

/* "建成通车" has no object: the work under way and its date are one
 * (rule 5); so early this year is behind a letter written in May. */
static void t_result_and_early(void)
{
	struct extract_result r;

	run_reply("目前城北快速路一期正在建设，计划2025年建成通车。", &r);
	CHECK(r.n == 1 && find(&r, "正在建设") == find(&r, "建成通车"), "建成通车: %zu", r.n);
	extract_result_release(&r);
	run_reply("今年年初我局对该片区学位供给情况进行摸底研判，将在条件成熟后适时启动学校建设。", &r);
	CHECK(r.n == 1 && !find(&r, "摸底研判") && find(&r, "启动学校建设"), "今年年初: %zu", r.n);
	extract_result_release(&r);
}

/* An action with no object of its own takes the work that is listed as
 * its subject: "…已纳入…规划，将…适时组织实施". An action with an object
 * leaves the report apart. */
static void t_listed_subject(void)
{
	struct extract_result r;

	run_reply("该段河道治理已纳入全国中小河流规划，将根据国家的总体安排，适时组织实施。"
		  "城西路段，已列入省厅动态管理系统，待省厅终审后实施。", &r);
	CHECK(r.n == 2 && find(&r, "河道治理") == find(&r, "组织实施") &&
	      find(&r, "城西路段") == find(&r, "终审后实施"), "listed subject: %zu", r.n);
	extract_result_release(&r);
	run_reply("城东路段已列入年度计划，将于年底前完成路面修补。", &r);
	CHECK(r.n == 1 && !find(&r, "城东路段"), "listed, action with an object: %zu", r.n);
	extract_result_release(&r);
}

/* A span begun before the letter's year ("2022-2024年下达…" in 2024) is the
 * period a report covers; one that starts this year is still a plan. */
static void t_span_begun(void)
{
	struct extract_result r;

	run_reply("2022-2024年下达城西片区农村公路改造项目35公里。2024-2025年完成城东片区农村公路改造20公里。",
		  &r);
	CHECK(r.n == 1 && find(&r, "城东片区"), "span begun before: %zu", r.n);
	extract_result_release(&r);
}

/* A colon after a named thing that says which of it ("…工程（一期）：…段
 * 治理工程") opens no list; "重点做好以下工作：" does (t_works_list). */
static void t_inline_colon(void)
{
	struct extract_result r;

	run_reply("我局将尽快督促建设单位完成城南河道治理工程（一期）：旧寨村到下甸尾村段治理工程，"
		  "城南河道治理工程（二期）：三家村段绿化工程的建设项目。", &r);
	CHECK(r.n == 1 && find(&r, "一期") == find(&r, "三家村"), "inline colon: %zu", r.n);
	extract_result_release(&r);
}

/* Starting the work named before, once a condition holds, is no new
 * commitment; the condition may run over two clauses. */
static void t_conditioned_start(void)
{
	static const struct {
		const char *body, *a, *b;
	} one[] = {
		{ "都龙小学搬迁已列入“十三五”教育发展规划，待乡镇和有关部门选址确定，项目批准后即可实施建设工作。",
		  "都龙小学搬迁", "即可实施" },
		{ "目前正在办理道路用地手续，待用地手续完备，办理规划和施工手续后，开工建设。", "用地手续",
		  "开工建设" },
		{ "该校已纳入薄弱环节改善项目建设规划范围内，计划2024年10月份开工建设。", "该校", "开工建设" },
		{ "待设计方案完成后经县财政评审通过，再进行招投标，预计2024年下半年动工建设。", "招投标",
		  "动工建设" },
		{ "我局规划新建校舍面积4288平方米，目前项目正在办理前期准备工作，待项目建成投入使用后可有效"
		  "解决学生宿舍不足的问题。", "4288平方米", "宿舍不足" },
		/* 进场开工 names no object either */
		{ "下一步我局将积极争取上级资金支持，积极推进项目进展，尽快完成相关手续后进场开工。",
		  "上级资金", "进场开工" },
	};

	for (size_t i = 0; i < sizeof(one) / sizeof(one[0]); i++) {
		struct extract_result r;

		run_reply(one[i].body, &r);
		CHECK(r.n == 1 && find(&r, one[i].a) == find(&r, one[i].b), "'%s': want one, got %zu",
		      one[i].body, r.n);
		extract_result_release(&r);
	}
}

/* A judgement that work is needed, the suggestion restated and a wish in
 * the middle of a sentence are not the issuer's commitments. */
static void t_not_ours_more(void)
{
	struct extract_result r;

	run_reply("下一步，我局将加快推进河道治理。对辖区河道进行清淤、堤坝修建十分必要。"
		  "建议对该段河道两岸浇灌混凝土河堤，投入资金大约100万元。"
		  "我局会尽最大努力争取项目资金，同时也希望能得到各村的支持，通过多方共同努力争取项目早日启动实施。",
		  &r);
	CHECK(r.n == 2 && find(&r, "河道治理") && find(&r, "争取项目资金") && !find(&r, "早日启动"),
	      "need, suggestion, wish: %zu proposals", r.n);
	extract_result_release(&r);
	run_reply("下一步，我局将加快推进河道治理。感谢您长期以来的关心支持，我们将认真履职，担当作为，"
		  "为建设宜居城市贡献力量。", &r);
	CHECK(r.n == 1 && find(&r, "河道治理"), "thanks and a pledge: %zu proposals", r.n);
	extract_result_release(&r);
}

/* How the suggestion is taken ("始终将代表所提建议作为…来抓", "将您的建议纳入
 * 重要议事日程，相信…会得到逐步解决") is no commitment; a count keeps one. */
static void t_handling(void)
{
	struct extract_result r;

	run_reply("结合我部门实际工作情况，认真起草答复意见，始终将代表所提建议作为当前和今后一段时期的"
		  "工作任务来抓，全力解决代表所提意见建议。我们将您的建议纳入重要议事日程，相信您所提出的"
		  "问题今后会得到逐步解决。下一步，我局将加快推进河道治理。", &r);
	CHECK(r.n == 1 && find(&r, "河道治理"), "handling: %zu proposals", r.n);
	extract_result_release(&r);
	run_reply("对您提出的建议，我局将于2024年底前完成城东路段路灯安装。", &r);
	CHECK(r.n == 1 && find(&r, "路灯安装"), "suggestion named, a date to track: %zu", r.n);
	extract_result_release(&r);
}

/* A limit on the work with no future word of the issuer's describes the
 * situation; a time word inside the limit ("对今后开展…是限制性因素") is
 * the limit's. An action after the limit is still one. */
static void t_constraint(void)
{
	struct extract_result r;

	run_reply("下一步，我局将加快推进河道治理。目前，该河道部分被划为永久基本农田，对今后开展沟渠提升"
		  "改造工作是限制性因素，须积极向自然资源部门反映。", &r);
	CHECK(r.n == 1 && find(&r, "河道治理"), "limit: %zu proposals", r.n);
	extract_result_release(&r);
	run_reply("由于资金缺口较大，该项目难以实施。由于资金不足，我局将积极争取上级资金支持。", &r);
	CHECK(r.n == 1 && find(&r, "争取上级资金"), "action after a limit: %zu proposals", r.n);
	extract_result_release(&r);
}

/* Before the point where its part of the reply turns to what will be done
 * ("下一步，…", "二、下步打算"), a sentence with no future word of its own
 * reports the work; with no such turn it may be a plan. */
static void t_turn(void)
{
	static const char *const report[] = {
		"我局持续推进城区路灯维护工作。下一步，我局将加快推进城东路段路灯安装。",
		"一、路灯管理情况\n我局持续推进城区路灯维护工作。\n二、下步打算\n加快推进城东路段路灯安装。",
	};
	struct extract_result r;

	for (size_t i = 0; i < sizeof(report) / sizeof(report[0]); i++) {
		run_reply(report[i], &r);
		CHECK(r.n == 1 && find(&r, "城东路段"), "'%s': %zu proposals", report[i], r.n);
		extract_result_release(&r);
	}
	run_reply("我局持续推进城区路灯维护工作。", &r);
	CHECK(r.n == 1, "no turn, a weak sentence may be a plan: %zu", r.n);
	extract_result_release(&r);
	run_reply("我局持续推进城区路灯维护工作。今后希望您继续关心支持我们的工作。", &r);
	CHECK(r.n == 1, "a wish opening with 今后 is no turn: %zu", r.n);
	extract_result_release(&r);
	/* under a heading that reports ("一、办理情况") it is report too */
	run_reply("一、办理情况\n我局持续推进城区路灯维护工作。\n二、关于路灯安装\n"
		  "我局将于年底前完成城东路段路灯安装。", &r);
	CHECK(r.n == 1 && find(&r, "城东路段"), "weak sentence under a report heading: %zu", r.n);
	extract_result_release(&r);
	/* a turn in another "一、" section says nothing of this one */
	run_reply("一、关于路灯维护\n我局持续推进城区路灯维护工作。\n二、关于路灯安装\n"
		  "下一步，我局将加快推进城东路段路灯安装。", &r);
	CHECK(r.n == 2, "turn in another section: %zu", r.n);
	extract_result_release(&r);
}

/* What a work gives once done, in a sentence of its own, is part of it. */
static void t_outcome(void)
{
	struct extract_result r;

	run_reply("待设计方案完成后，预计2024年下半年动工建设。城东路口扩宽建成后，可缓解城东大桥交通"
		  "堵塞的压力。待主路和辅道完工后，附近村民出入耕作区不便的问题将得到解决。", &r);
	CHECK(r.n == 1 && find(&r, "动工建设"), "outcome: %zu proposals", r.n);
	extract_result_release(&r);
	run_reply("城东停车场预计2024年底建成，建成后可新增停车位133个。", &r);
	CHECK(r.n >= 1 && find(&r, "133"), "a count it gives is tracked: %zu", r.n);
	extract_result_release(&r);
}

/* What the work before is for, as a subject-less sentence of its own, is
 * no commitment apart; a sentence with an action of its own is. */
static void t_purpose_sentence(void)
{
	struct extract_result r;

	run_reply("下一步，我局将加快锦绣路西段道路建设。积极解决锦绣小区居民的出行，缓解周边交通压力，"
		  "促进区域经济发展。", &r);
	CHECK(r.n == 1 && find(&r, "锦绣路西段"), "purpose sentence: %zu proposals", r.n);
	extract_result_release(&r);
}

/* The money a work gets, named before it, is its measure (rule 4). */
static void t_funding_first(void)
{
	struct extract_result r;

	run_reply("我区计划投入1.18亿元，按照先急后缓的原则，分期对102个老旧小区进行改造。", &r);
	CHECK(r.n == 1 && find(&r, "1.18亿元") == find(&r, "102个老旧小区"), "funding first: %zu", r.n);
	extract_result_release(&r);
}

/* The reader's words told back ("您反映…", "你们提出…") with no answer of
 * the issuer's in the sentence are no commitment. */
static void t_told_back(void)
{
	struct extract_result r;

	run_reply("您反映城南路段路面破损严重，亟需加快推进路面改造。我局将于年底前完成城南路段改造。", &r);
	CHECK(r.n == 1 && find(&r, "年底前"), "told back: %zu proposals", r.n);
	extract_result_release(&r);
	run_reply("您反映的城南路段，我局将于年底前完成改造。", &r);
	CHECK(r.n == 1, "told back and answered: %zu proposals", r.n);
	extract_result_release(&r);
}

/* "资金到位后，" is a time that frames the action after it (rule 1); "争取
 * 早日解决" after an action is its aim; "有望…" hopes, nobody acts. */
static void t_once_and_aim(void)
{
	struct extract_result r;

	run_reply("县人民政府已经批复同意将城北至城南2.3公里道路纳入农村道路建设项目，资金到位后，将组织施工。",
		  &r);
	CHECK(r.n == 1 && find(&r, "城北至城南") == find(&r, "组织施工"), "once, listed: %zu", r.n);
	extract_result_release(&r);
	run_reply("下步工作中我局将积极争取把此路纳入项目库，待国家有投资计划时再积极申报，争取早日解决。",
		  &r);
	CHECK(r.n == 1, "aim after the action: %zu proposals", r.n);
	extract_result_release(&r);
	run_reply("但随着乡村振兴战略的实施，下一步有望纳入统一考虑范围。我局将于年底前完成城南路段改造。",
		  &r);
	CHECK(r.n == 1 && find(&r, "城南路段"), "hoped for: %zu proposals", r.n);
	extract_result_release(&r);
}

/* "一、" before a whole sentence with clauses, alone on its line, is a list
 * item, not a heading; a refusal (不属于我局管理范畴) is no commitment. */
static void t_item_sentence(void)
{
	struct extract_result r;

	run_reply("我局将从以下两个方面开展工作：\n一、对城南路段现状雨水管道进行排查；敦促街道加强雨水口的维护。\n"
		  "二、目前区政府已有城南路扩建计划，待建设资金落实后将尽快实施。\n"
		  "三、城南路占用集体用地的问题，属于道路建设遗留问题，不属于我局管理范畴，建议另行解决。", &r);
	CHECK(r.n == 3 && find(&r, "雨水管道") && find(&r, "雨水口") && find(&r, "尽快实施") &&
	      !find(&r, "集体用地"), "item sentences: %zu proposals", r.n);
	extract_result_release(&r);
}

/* The future 会 of a reply ("会逐步…改造") marks a plan, and takes the
 * work reported as listed as its subject; 社会, 会同 are no marker. A
 * report's last clause opened by 同步/同时 with work pushed on is work
 * under way. */
static void t_hui_and_meanwhile(void)
{
	struct extract_result r;

	run_reply("政府已将棚户区改造纳入规划当中，会逐步阶段性进行改造。", &r);
	CHECK(r.n == 1 && find(&r, "纳入规划") == find(&r, "进行改造"), "会: %zu", r.n);
	extract_result_release(&r);
	run_reply("该项目社会反响良好。我局将于年底前完成城南路段改造。", &r);
	CHECK(r.n == 1 && find(&r, "城南路段"), "社会 is no 会: %zu", r.n);
	extract_result_release(&r);
	run_reply("目前项目场地平整已完成，水电开始安装，土方已开挖，同步加快土地手续办理。", &r);
	CHECK(r.n == 1 && find(&r, "土地手续") && !find(&r, "场地平整"), "meanwhile: %zu", r.n);
	extract_result_release(&r);
}

/* Advice to the reader (建议您…) is theirs; a state hoped for (…会再有一个
 * 质的提升) is no action; pacing (逐步推进、分批实施) is the manner of the
 * work before it; a signature date served without 日 is the letter's. */
static void t_advice_hope_pace(void)
{
	struct extract_result r;

	run_reply("我局将适时向上级主管部门对接汇报，尽量争取该类项目。土鸡养殖项目对口部门是农业部门，"
		  "建议您向对口部门主动对接。", &r);
	CHECK(r.n == 1 && !find(&r, "建议您"), "advice to the reader: %zu", r.n);
	extract_result_release(&r);
	run_reply("我局计划每年提升改造50个巷道的路灯。随着管理措施的深化，我县的路灯照明会再有一个质的提升。",
		  &r);
	CHECK(r.n == 1 && find(&r, "50个巷道"), "hoped-for state: %zu", r.n);
	extract_result_release(&r);
	run_reply("我委将持续推进村庄照明工作，统筹规划、整合资源，逐步推进、分批实施，进一步提升农村亮化水平。",
		  &r);
	CHECK(r.n == 1, "pacing: %zu", r.n);
	extract_result_release(&r);
	run("关于第16号建议的答复\n冯洁代表：\n现答复如下：\n项目于2025年9月16日复工复产，整个项目将于2026年"
	    "年底竣工投入使用。\n某县住房和城乡建设局\n2025年10月10\n", EXTRACT_AUTO, &r);
	CHECK(r.n == 1 && find(&r, "2026年") && !find(&r, "复工复产"), "date without 日: %zu", r.n);
	extract_result_release(&r);
}

/* Reported as put on a list ("已将…上报为…项目"), the work is the subject
 * of a bare action after it ("将予以治理"). */
static void t_listed_report(void)
{
	struct extract_result r;

	run_reply("我局已将该段道路上报为2025年破损路改造项目，将予以治理。", &r);
	CHECK(r.n == 1 && find(&r, "该段道路") == find(&r, "予以治理"), "listed report: %zu", r.n);
	extract_result_release(&r);
}

static void t_families(void)
{
	t_scope_list();
	t_plan();
	t_target_list();
	t_owner_bracket();
	t_deadlines();
	t_structure();
	t_departments();
	t_signature();
	t_helpers();
	t_merge_split();
	t_tracked();
	t_owner_names_agree();
	t_undated();
	t_phased();
	t_marker_context();
	t_line_and_measure();
	t_framing();
	t_item_head();
	t_items_alone();
	t_opening_time();
	t_titles();
	t_plan_preamble();
	t_co_handlers();
	t_sub_unit_owner();
	t_read_back();
	t_effect();
	t_not_ours();
	t_works_list();
	t_bare_goal();
	t_bracketed_number();
	t_under_way();
	t_asks();
	t_title_no_full_stop();
	t_condition();
	t_result_and_early();
	t_listed_subject();
	t_span_begun();
	t_inline_colon();
	t_conditioned_start();
	t_not_ours_more();
	t_handling();
	t_constraint();
	t_turn();
	t_outcome();
	t_listed_report();
	t_purpose_sentence();
	t_funding_first();
	t_told_back();
	t_once_and_aim();
	t_item_sentence();
	t_hui_and_meanwhile();
	t_advice_hope_pace();
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
	/* holidays: the day before, from the letter (2023-06-13) */
	t_deadline("2025年春节前完成", "2023-06-13", "2025-01-28");
	t_deadline("2024年春节前", "2023-06-13", "2024-02-09");
	t_deadline("2023年国庆节前", "2023-06-13", "2023-09-30");
	t_deadline("2024年元旦前", "2023-06-13", "2023-12-31");
	t_deadline("2041年春节前", "2041-01-01", "2041-12-31");   /* past the table: the year */
	t_deadline("今年秋季学期起", "2023-09-01", "2023-12-31");
	t_deadline("2024年秋季学期开学前", "2023-06-13", "2024-08-31");
	t_deadline("2024年春季学期开学前", "2023-06-13", "2024-02-29");
	/* a document's name holds no deadline, unless the work goes into it */
	t_deadline("结合《2024—2026年行动计划》，2024年9月底前完成规划编制", "2023-06-13",
		   "2024-09-30");
	t_deadline("将该工程纳入《某县“十五五”水安全保障规划》", "2026-01-01", "2030-12-31");
	t_deadline("2024年春季学期开始", "2024-02-01", "2024-06-30");
	t_deadline("一季度", "2023-01-01", "2023-03-31");
	t_deadline("9月底前建成", "2023-06-13", "2023-09-30");
	t_deadline("10月份", "2023-10-01", "2023-10-31");
	t_deadline("明年上半年", "2024-01-01", "2024-06-30");
	t_deadline("三年内", "2023-06-13", "2026-06-12");
	t_deadline("2024年6月底前", "2023-06-13", "2024-06-30");
	t_deadline("到2025年", "2025-01-01", "2025-12-31");
	t_deadline("2023-2025年", "2023-01-01", "2025-12-31");
	t_deadline("“十四五”期间", "2021-01-01", "2025-12-31");
	{
		struct extract_result r;

		/* the whole "到“十五五”期末" is a time: it opens the clause after it */
		run("某县养老服务规划要点\n二、重点任务\n1、到“十五五”期末,力争建成社区养老服务中心30个。\n",
		    EXTRACT_PLAN, &r);
		char bd[DATE_BUFSZ] = "";

		if (r.n)
			date_format(r.items[0].due, bd);
		CHECK(r.n == 1 && find(&r, "30个") && !strcmp(bd, "2030-12-31"),
		      "plan period end: %zu, due %s", r.n, bd);
		extract_result_release(&r);
	}
	t_deadline("今年以来", "", "");
	t_target("新增工业机器人800台以上", 800, "台", ">=");
	t_target("施划公交专用道12公里", 12, "公里", ">=");
	t_target("在老城区增设停车泊位300个", 300, "个", ">=");
	t_target("安装路灯80盏", 80, "盏", ">=");
	t_target("企业开办时间压缩至1个工作日以内", 1, "个工作日", "<=");
	t_target("审批时限缩短到20个工作日", 20, "个工作日", "<=");
	t_target("高峰时段平均发车间隔缩短至10分钟以内", 10, "分钟", "<=");
	t_target("选取10个老旧小区开展试点", 10, "个", ">=");
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
	t_target("确保城东、城西两个片区30%的小区建成充电设施", 30, "%", ">=");
	t_target("城东、城西两个片区30%的小区", 0, "", NULL);
	t_families();

	t_bad(dir, "empty", "", 0);
	t_bad(dir, "blank", " \n\r\n\t　\n", 10);
	t_bad(dir, "binary", bin, sizeof(bin));
	t_bad(dir, "invalid", bad_utf8, sizeof(bad_utf8) - 1);
	t_bad(dir, "no commitments", "罗冲代表：\n您的建议已收悉。2022年已完成全部工作。\n", 70);
	{
		/* a bracket of short ASCII names after a commitment (read past
		 * the name's start under ASan before) */
		struct extract_result r;

		run_reply("我局将于年底前完成路面修补(ab、cd)。", &r);
		CHECK(r.n == 1, "short names in a bracket: %zu", r.n);
		extract_result_release(&r);
	}
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
