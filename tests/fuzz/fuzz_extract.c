/* fuzz_extract.c - libFuzzer target for the extractor: the whole pipeline
 * on the input as a letter, and the date, deadline, target and number
 * parsers on it as a string. Any crash, leak or sanitizer report is a bug.
 *   clang -fsanitize=fuzzer,address,undefined ... tests/fuzz/fuzz_extract.c
 *   ./fuzz_extract tests/fuzz/corpus/extract */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/date.h"
#include "extract/extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void parsers(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	int32_t d, a, b;
	struct target t;
	double v;
	size_t used;

	memcpy(s, data, size);
	s[size] = '\0';
	(void)extract_parse_date(s, &d);
	(void)extract_parse_deadline(s, date_from_ymd(2023, 6, 13), &a, &b);
	(void)extract_parse_deadline(s, DATE_NONE, &a, &b);
	if (extract_parse_target(s, &t))
		free(t.unit);
	(void)extract_parse_number(s, &v, &used);
	free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct extract_result r;
	struct trk_error err;
	size_t i;

	if (extract_letter((const char *)data, size, NULL, &r, &err) == 0) {
		for (i = 0; i < r.n; i++)
			if (strncmp(r.text + r.items[i].quote_byte, r.items[i].quote,
				    strlen(r.items[i].quote)))
				abort();      /* a quote must be the letter's own words */
	}
	extract_result_release(&r);
	if (size < 4096)
		parsers(data, size);
	return 0;
}
