/* fuzz_dates.c - libFuzzer target: the parsers of dates, timestamps,
 * quarters and the canonical target text ("800 台 >= 0", number parsing),
 * which read command lines, JSON and stored history.
 *
 * Besides "no crash": what parses must format back to the same text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/date.h"
#include "model/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void dates(const char *s)
{
	char buf[TIMESTAMP_BUFSZ];
	int32_t d;
	int64_t t;
	int y, q;

	if (!date_parse(s, &d, "fuzz", NULL)) {
		date_format(d, buf);
		if (strcmp(buf, s))
			abort();
		if (date_quarter(d) < 1 || date_quarter(d) > 4)
			abort();
	}
	/* A leap second (:60) is accepted and moves on to the next minute. */
	if (!timestamp_parse(s, &t, "fuzz", NULL) && strlen(s) == 20 && strcmp(s + 17, "60Z")) {
		timestamp_format(t, buf);
		if (strcmp(buf, s))
			abort();
	}
	if (!quarter_parse(s, &y, &q, NULL) &&
	    date_quarter_start(y, q) > date_quarter_end(y, q))
		abort();
}

static void target_text(const char *s)
{
	struct target t, back;
	char *text, *again;

	if (target_from_text(s, &t, NULL))
		return;
	/* Whatever was read must write and read back the same. */
	text = target_to_text(&t);
	if (text) {
		if (target_from_text(text, &back, NULL))
			abort();
		again = target_to_text(&back);
		if (!again || strcmp(text, again))
			abort();
		free(again);
		free(back.unit);
	}
	free(text);
	free(t.unit);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	dates(s);
	target_text(s);
	free(s);
	return 0;
}
