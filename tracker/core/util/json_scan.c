#include "util/json_scan.h"

#include <string.h>

#include "util/banned.h"

size_t json_skip_ws(const char *p, size_t n)
{
	size_t i = 0;

	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\n' || p[i] == '\r'))
		i++;
	return i;
}

/* Past the string whose opening quote is at p[0]; 0 if unterminated.
 * Texts are most of a file's bytes, so quotes are found by memchr(): a
 * quote after an odd run of backslashes is escaped, after an even one
 * (an escaped backslash) it ends the string. The run stops at the
 * opening quote at the latest. */
static size_t skip_string(const char *p, size_t n)
{
	const char *q = p + 1, *end = p + n, *b;

	while (q < end && (q = memchr(q, '"', (size_t)(end - q)))) {
		for (b = q; b[-1] == '\\'; b--)
			;
		if ((q - b) % 2 == 0)
			return (size_t)(q - p) + 1;
		q++;
	}
	return 0;
}

/* Past the object or array opening at p[0]; 0 if it never closes. */
static size_t skip_container(const char *p, size_t n)
{
	size_t depth = 0, len;

	for (size_t i = 0; i < n; i++) {
		if (p[i] == '"') {
			if (!(len = skip_string(p + i, n - i)))
				return 0;
			i += len - 1;
		} else if (p[i] == '{' || p[i] == '[') {
			depth++;
		} else if ((p[i] == '}' || p[i] == ']') && --depth == 0) {
			return i + 1;
		}
	}
	return 0;
}

size_t json_skip_value(const char *p, size_t n)
{
	size_t i = json_skip_ws(p, n), len;

	if (i == n)
		return 0;
	if (p[i] == '"' || p[i] == '{' || p[i] == '[') {
		len = p[i] == '"' ? skip_string(p + i, n - i) : skip_container(p + i, n - i);
		return len ? i + len : 0;
	}
	while (i < n && !strchr(",}] \t\r\n", p[i]))
		i++;
	return i;
}

size_t json_line_of(const char *text, size_t off)
{
	size_t line = 1;

	for (const char *p = text; (p = memchr(p, '\n', off - (size_t)(p - text))); p++)
		line++;
	return line;
}
