/* date_words.h - the dates people type on a command line.
 *
 * Besides "YYYY-MM-DD": today, yesterday, tomorrow (今天, 昨天, 明天);
 * offsets from today "+7d", "-2w", "+1m" (a month on, clamped to the
 * month's last day); the last day of this month, quarter or year (eom,
 * eoq, eoy); a quarter's last day ("2023Q3"); and Chinese dates
 * ("2023年9月30日", "9月30日" in today's year). Only command lines read
 * these: JSON files and the API stay strict YYYY-MM-DD (util/date.h). */
#ifndef TRK_DATE_WORDS_H
#define TRK_DATE_WORDS_H

#include <stdbool.h>
#include <stdint.h>

#include "util/error.h"

/* Parses s relative to today into *out. *literal is set when s was a plain
 * YYYY-MM-DD (a caller echoes the others so a person sees what "eoq" meant).
 * TRK_EINPUT names field and lists the forms. */
int date_words_parse(const char *s, int32_t today, int32_t *out, bool *literal,
		     const char *field, struct trk_error *err);

#endif
