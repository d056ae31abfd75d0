/* fuzz_report.c - libFuzzer target: the report writers (JSON, HTML,
 * Markdown, CSV, the Word bulletin) on hostile text.
 *
 * The input is split at NUL bytes into the texts of one commitment (title,
 * owner, quote, section, tag), its check-in (note, author, evidence) and a
 * change (reason), as bytes that may be anything a tampered database could
 * hold: control characters, invalid UTF-8, markup, formula starts. Each
 * writer gets that item and the totals. Besides "no crash": the JSON
 * parses, no raw control character but tab and line ends reaches the
 * HTML, Markdown or CSV, and the bulletin's word/document.xml (read back
 * from the zip with libzip) is well-formed XML for libxml2 and carries no
 * control character at all. */
#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <zip.h>

#include "model/settings.h"
#include "report/report.h"
#include "util/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NTEXTS 8

/* The next NUL-separated piece of the input, as a string (caller frees). */
static char *piece(const uint8_t **p, const uint8_t *end)
{
	const uint8_t *nul = memchr(*p, 0, (size_t)(end - *p));
	size_t n = nul ? (size_t)(nul - *p) : (size_t)(end - *p);
	char *s = malloc(n + 1);

	memcpy(s, *p, n);
	s[n] = '\0';
	*p += n + (nul ? 1 : 0);
	return s;
}

static int raw_controls(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)buf[i];
		if ((ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') || ch == 0x7f)
			return 1;
		if (ch == 0xc2 && i + 1 < len && (unsigned char)buf[i + 1] >= 0x80 &&
		    (unsigned char)buf[i + 1] < 0xa0)
			return 1;
	}
	return 0;
}

/* The bulletin's body part, from the zip in buf: well-formed, no controls. */
static void check_docx(const char *buf, size_t len)
{
	zip_source_t *src = zip_source_buffer_create(buf, len, 0, NULL);
	zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, NULL) : NULL;
	zip_stat_t st;
	zip_file_t *f;
	char *xml;
	xmlDocPtr doc;

	if (!za || zip_stat(za, "word/document.xml", 0, &st) || !(f = zip_fopen(za,
	    "word/document.xml", 0)))
		abort();
	xml = malloc(st.size + 1);
	if (zip_fread(f, xml, st.size) != (zip_int64_t)st.size)
		abort();
	zip_fclose(f);
	zip_close(za);
	doc = xmlReadMemory(xml, (int)st.size, "document.xml", NULL, XML_PARSE_NONET |
			    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc)
		abort();
	xmlFreeDoc(doc);
	for (size_t i = 0; i < st.size; i++)
		if ((unsigned char)xml[i] < 0x20 && xml[i] != '\n')
			abort();
	free(xml);
}

static void write_one(const struct report_writer *w, const struct report_params *p,
		      const struct report_item *it, struct report_summary *sum, bool json,
		      bool docx)
{
	struct trk_error err;
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	void *state = NULL;
	int rc;

	if (!(rc = w->begin(p, mem, &state, &err)) && !(rc = w->item(state, it, &err)))
		rc = w->finish(state, sum, &err);
	w->release(state);
	fclose(mem);
	if (!rc && docx) {
		check_docx(buf, len);
	} else if (!rc && json) {
		cJSON *d = cJSON_ParseWithLength(buf, len);
		if (!d)
			abort();
		cJSON_Delete(d);
	} else if (!rc && raw_controls(buf, len)) {
		abort();
	}
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p = data, *end = data + size;
	char *t[NTEXTS];
	struct commitment c;
	struct checkin k;
	struct history h;
	struct progress pr = { .has_current = true, .current = 3, .has_percent = true,
			       .percent = 30, .health = H_AT_RISK, .last_as_of = 0 };
	struct report_params params = { 0 };
	struct report_item it = { 0 };
	struct report_dept dept = { 0 };
	struct report_letter letter = { 0 };
	struct report_summary sum = { 0 };
	struct series_point pt = { 0, 3 };
	struct settings settings;

	for (int i = 0; i < NTEXTS; i++)
		t[i] = piece(&p, end);
	commitment_init(&c);
	c.key = "F-1", c.uid = "u", c.letter_doc_no = t[7], c.title = t[0], c.owner = t[1];
	c.quote = t[2], c.section = t[3], c.kind = KIND_QUANTITATIVE;
	c.target = (struct target){ .present = true, .value = 10, .unit = t[4], .cmp = CMP_GE };
	c.window_start = date_from_ymd(2023, 1, 1), c.due = date_from_ymd(2023, 12, 31);
	c.created_at = c.updated_at = "2023-06-14T00:00:00Z";
	checkin_init(&k);
	k.commitment_key = "F-1", k.seq = 1, k.as_of = date_from_ymd(2023, 8, 31);
	k.recorded_at = "2023-09-01T00:00:00Z", k.has_value = true, k.value = 3;
	k.note = t[5], k.author = t[6], k.evidence = t[4];
	history_init(&h);
	h.commitment_key = "F-1", h.seq = 1, h.field = "due", h.old_value = "2023-12-31";
	h.new_value = "2024-03-31", h.author = t[6], h.changed_at = "2023-09-02T00:00:00Z";
	h.reason = t[5];
	pr.last_as_of = k.as_of;
	params.from = date_from_ymd(2023, 7, 1), params.to = date_from_ymd(2023, 9, 30);
	params.label = "2023Q3", params.lang = "zh", params.generated_at = "2023-10-10T00:00:00Z";
	params.detail = true;
	settings_default(&settings);
	/* The issuer is data too: the signature, the 版记, the properties. */
	snprintf(settings.bulletin_issuer, sizeof(settings.bulletin_issuer), "%s", t[6]);
	params.settings = &settings;
	filter_init(&params.filter);
	health_config_default(&params.health);
	it.c = &c, it.p = &pr, it.series = &pt, it.nseries = 1, it.checkins = &k, it.ncheckins = 1;
	it.changes = &h, it.nchanges = 1, it.last_checkin = k.as_of;
	it.attention = (1u << ATTN__COUNT) - 1;
	dept.name = t[1], dept.total = 1, dept.by_health[H_AT_RISK] = 1;
	letter.doc_no = t[7], letter.title = t[3], letter.commitments = 1;
	letter.date = date_from_ymd(2023, 6, 13);
	sum.params = &params, sum.prev_end = params.from - 1, sum.total = 1, sum.active = 1;
	sum.by_health[H_AT_RISK] = 1, sum.by_status[ST_OPEN] = 1, sum.checkins_in_period = 1;
	sum.depts = &dept, sum.ndepts = 1, sum.letters = &letter, sum.nletters = 1;
	for (int a = 0; a < ATTN__COUNT; a++)
		sum.attention[a] = 1;
	write_one(&report_json_writer, &params, &it, &sum, true, false);
	write_one(&report_html_writer, &params, &it, &sum, false, false);
	write_one(&report_md_writer, &params, &it, &sum, false, false);
	write_one(&report_csv_writer, &params, &it, &sum, false, false);
	write_one(&report_docx_writer, &params, &it, &sum, false, true);
	for (int i = 0; i < NTEXTS; i++)
		free(t[i]);
	return 0;
}
