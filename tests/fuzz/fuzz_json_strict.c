/* fuzz_json_strict.c - libFuzzer target: the strict JSON reader that every
 * input passes before cJSON sees it.
 *
 * Besides "no crash": what it accepts, cJSON must parse too, and printing
 * that back must give text it accepts again (it never lets through what a
 * JSON reader would take another way); a fault names a line within the
 * input. */
#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/json_strict.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct json_fault f;
	size_t lines = 1;
	cJSON *doc;
	char *again;

	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	if (!json_strict_check(text, size, &f)) {
		if (f.line < 1 || f.line > lines || f.offset > size || !f.message[0])
			abort();
		return 0;
	}
	if (!(doc = cJSON_ParseWithLength(text, size)))
		abort();          /* accepted, but a JSON reader refuses it */
	again = cJSON_PrintUnformatted(doc);
	if (again && !json_strict_check(again, strlen(again), NULL))
		abort();
	cJSON_free(again);
	cJSON_Delete(doc);
	return 0;
}
