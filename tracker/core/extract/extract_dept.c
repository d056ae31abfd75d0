/* extract_dept.c - one table of department names and their short forms,
 * and the place prefix read generally (extract.h: extract_dept_canonical).
 *
 * The table is C rather than a data file: the extractor is a pure library,
 * and a table compiled in cannot be missing or malformed at run time, so
 * there is no error path to carry; the names change with a government
 * reorganisation, which is a code review anyway. */
#include "extract/extract.h"

#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/banned.h"

/* Each row: the full name first, then the forms letters write it in. A
 * form is matched against the whole name less its place prefix. */
static const char *const dept_table[][6] = {
	{ "人力资源和社会保障局", "人社局", "人力社保局", "人力资源社会保障局", "人劳社局", NULL },
	{ "经济和信息化局", "经信局", "经济信息化局", "经信委", NULL },
	{ "发展和改革委员会", "发改委", "发展改革委", "发展改革委员会", NULL },
	{ "发展和改革局", "发改局", "发展改革局", NULL },
	{ "住房和城乡建设局", "住建局", "住房城乡建设局", "住房和城乡建设委员会", NULL },
	{ "自然资源和规划局", "资规局", "自然资源规划局", "规划和自然资源局", NULL },
	{ "自然资源局", "自然资源局", NULL },
	{ "教育局", "教育局", NULL },
	{ "教育体育局", "教体局", "教育和体育局", NULL },
	{ "财政局", "财政局", NULL },
	{ "商务局", "商务局", NULL },
	{ "农业农村局", "农业农村局", "农业局", "农业和农村局", NULL },
	{ "交通运输局", "交通局", "交运局", "交通运输局", NULL },
	{ "生态环境局", "生态环境局", "环保局", "环境保护局", NULL },
	{ "市场监督管理局", "市场监管局", "市监局", NULL },
	{ "卫生健康委员会", "卫健委", "卫生健康委", "卫生和健康委员会", NULL },
	{ "卫生健康局", "卫健局", "卫生和健康局", NULL },
	{ "文化广电旅游体育局", "文广旅体局", "文广旅游局", NULL },
	{ "文化和旅游局", "文旅局", "文化旅游局", NULL },
	{ "民政局", "民政局", NULL },
	{ "公安局", "公安局", NULL },
	{ "应急管理局", "应急局", "应急管理局", NULL },
	{ "水利局", "水利局", "水务局", NULL },
	{ "科学技术局", "科技局", "科学技术局", NULL },
	{ "大数据发展管理局", "大数据局", "大数据管理局", "数据局", NULL },
	{ "医疗保障局", "医保局", "医疗保障局", NULL },
	{ "残疾人联合会", "残联", NULL },
	{ "城市管理局", "城管局", "城市管理局", "城市管理执法局", NULL },
	{ "综合行政执法局", "综合执法局", "行政执法局", NULL },
	{ "司法局", "司法局", NULL },
	{ "审计局", "审计局", NULL },
	{ "统计局", "统计局", NULL },
	{ "退役军人事务局", "退役军人局", NULL },
	{ "人民政府办公室", "政府办", "政府办公室", "府办", "政府办公厅", NULL },
	{ "税务局", "税务局", NULL },
	{ "林业局", "林业局", "林业和草原局", NULL },
};

/* Ends of place names, longest first. */
static const char *const place_ends[] = { "自治州", "自治县", "省", "市", "区", "县", NULL };

static bool ends_with(const char *s, size_t n, const char *suffix)
{
	size_t m = strlen(suffix);

	return n >= m && !memcmp(s + n - m, suffix, m);
}

/* Bytes of the full name that the body (a name less its place) is a form
 * of, as a static string; NULL when the table has no row for it. */
static const char *table_full(const char *body)
{
	for (size_t i = 0; i < sizeof(dept_table) / sizeof(dept_table[0]); i++)
		for (size_t k = 0; k < 6 && dept_table[i][k]; k++)
			if (!strcmp(body, dept_table[i][k]))
				return dept_table[i][0];
	return NULL;
}

/* Length in bytes of a place name at s ("宁波市", "鄞州区"): 2 to 5
 * characters ending in a place end, with a table name or at least two
 * characters left after it; 0 if none. */
static size_t place_at(const char *s)
{
	size_t len = strlen(s), off = 0;

	/* "城市管理局" is a department, not the place "城市" and 管理局 */
	if (table_full(s))
		return 0;

	for (int chars = 1; chars <= 5 && off < len; chars++) {
		uint32_t c;
		size_t k = utf8_decode(s + off, len - off, &c);

		if (!k)
			return 0;
		off += k;
		if (chars < 2)
			continue;
		for (int e = 0; place_ends[e]; e++)
			if (ends_with(s, off, place_ends[e]) && utf8_length(s + off, len - off) >= 2 &&
			    strncmp(s + off, "委", 3) && strncmp(s + off, "政府", 6))
				return off;
	}
	return 0;
}

/* The issuer's places, outermost first: "宁波市鄞州区生态环境局" gives
 * "宁波市", "鄞州区". At most two are kept. */
static size_t issuer_places(const char *issuer, char places[2][32])
{
	size_t n = 0, k;

	while (issuer && n < 2 && (k = place_at(issuer)) > 0 && k < 32) {
		memcpy(places[n], issuer, k);
		places[n][k] = '\0';
		issuer += k;
		n++;
	}
	return n;
}

/* The place a bare level prefix ("市", "区", "县") stands for in a letter
 * of the issuer: the issuer's places up to the last one of that level. */
static void place_for_level(const char *level, char places[2][32], size_t n, struct strbuf *out)
{
	size_t last = n;

	for (size_t i = 0; i < n; i++)
		if (ends_with(places[i], strlen(places[i]), level))
			last = i;
	if (last == n) {
		strbuf_addstr(out, level);
		return;
	}
	for (size_t i = 0; i <= last; i++)
		strbuf_addstr(out, places[i]);
}

char *extract_dept_canonical(const char *name, const char *issuer)
{
	static const char *const levels[] = { "市", "区", "县", "省", NULL };
	char places[2][32];
	size_t n = issuer_places(issuer, places), k;
	struct strbuf sb = STRBUF_INIT;
	const char *body = name, *full;

	if ((k = place_at(name)) > 0) {
		strbuf_add(&sb, name, k);
		body = name + k;
		if ((k = place_at(body)) > 0) {
			strbuf_add(&sb, body, k);
			body += k;
		}
	} else {
		for (int i = 0; levels[i]; i++)
			if (!strncmp(name, levels[i], strlen(levels[i])) && table_full(name + 3)) {
				place_for_level(levels[i], places, n, &sb);
				body = name + 3;
				break;
			}
		if (body == name && table_full(name))
			for (size_t i = 0; i < n; i++)
				strbuf_addstr(&sb, places[i]);
	}
	full = table_full(body);
	strbuf_addstr(&sb, full ? full : body);
	return strbuf_detach(&sb);
}
