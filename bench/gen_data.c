/* gen_data.c - writes a tracker/1 JSON document of N commitments and M
 * check-ins for the benchmarks: many letters from many bureaus, a mix of
 * kinds and windows, Chinese text. Deterministic (fixed seed).
 * Usage: gen_data N_COMMITMENTS N_CHECKINS > big.json */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define PER_LETTER 100
#define OWNERS 200

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint32_t rnd(uint32_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state % n);
}

static const char *const verbs[] = { "新增", "建成", "推进", "完成", "培育", "改造", "开展" };
static const char *const things[] = { "工业机器人", "数字化车间", "未来工厂", "零工市场",
				      "招聘会", "技改项目", "养老床位", "充电桩" };
static const char *const units[] = { "台", "个", "家", "场", "张", "项" };

static void owners(void)
{
	printf("{\"format\":\"tracker/1\",\"owners\":[");
	for (int i = 0; i < OWNERS; i++)
		printf("%s\n{\"name\":\"测试市第%d局\",\"aliases\":[\"第%d局\",\"B%d\"]}", i ? "," : "", i, i, i);
	printf("],\n\"letters\":[");
}

/* Day 1..273 of 2023 (up to 30 September, so the data never lies in the
 * future of the tests' clock) as month and day. */
static void month_day(int day, int *m, int *d)
{
	static const int len[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30 };

	for (*m = 1; *m < 9 && day > len[*m - 1]; (*m)++)
		day -= len[*m - 1];
	*d = day;
}

/* Figures only where there is a target, never falling (the store refuses
 * a falling figure without a reason); notes elsewhere. */
static void checkins(long n, int target, int with_values)
{
	int day = 1, m, d;

	printf(",\"checkins\":[");
	for (long j = 0; j < n; j++) {
		day += 1 + (int)rnd(20);
		if (day > 273)
			day = 273;
		month_day(day, &m, &d);
		printf("%s{\"as_of\":\"2023-%02d-%02d\"", j ? "," : "", m, d);
		if (with_values)
			printf(",\"value\":%ld", (long)target * (j + 1) / (n + 1));
		printf(",\"note\":\"第%ld次进展\"}", j + 1);
	}
	printf("]");
}

static void commitment(long i, long n_checkins)
{
	int kind = (int)rnd(3), target = 10 + (int)rnd(1000);
	const char *verb = verbs[rnd(7)], *thing = things[rnd(8)], *unit = units[rnd(6)];

	printf("%s\n{\"key\":\"B%ld\",\"quote\":\"力争%s%s%d%s以上\",\"title\":\"%s%s第%ld项\","
	       "\"owner\":\"B%u\",\"kind\":\"%s\"", i % PER_LETTER ? "," : "", i, verb, thing,
	       target, unit, verb, thing, i, rnd(OWNERS),
	       kind == 0 ? "quantitative" : kind == 1 ? "milestone" : "ongoing");
	if (kind == 0)
		printf(",\"target\":{\"value\":%d,\"unit\":\"%s\",\"comparator\":\">=\"}", target, unit);
	printf(",\"window_start\":\"2023-01-01\"");
	if (kind != 2)
		printf(",\"due\":\"%d-12-31\"", 2023 + (int)rnd(2));
	printf(",\"tags\":[\"%s\"]", thing);
	if (n_checkins > 0)
		checkins(n_checkins, target, kind == 0);
	printf("}");
}

int main(int argc, char **argv)
{
	long n, m;

	if (argc != 3 || (n = atol(argv[1])) <= 0 || (m = atol(argv[2])) < 0) {
		fputs("usage: gen_data N_COMMITMENTS N_CHECKINS\n", stderr);
		return 2;
	}
	owners();
	for (long i = 0; i < n; i++) {
		if (i % PER_LETTER == 0)
			printf("%s\n{\"doc_no\":\"测试〔2023〕%ld号\",\"title\":\"对第%ld号建议的答复\","
			       "\"date\":\"2023-06-13\",\"issuer\":\"测试市第%ld局\",\"commitments\":[",
			       i ? "]}," : "", i / PER_LETTER + 1, i / PER_LETTER + 1,
			       i / PER_LETTER % OWNERS);
		/* Spread the check-ins evenly; the remainder goes to the first ones. */
		commitment(i, m / n + (i < m % n));
	}
	printf("]}\n]}\n");
	return ferror(stdout) ? 1 : 0;
}
