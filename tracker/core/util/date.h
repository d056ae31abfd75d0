/* date.h - calendar dates as day numbers, and the injectable clock.
 *
 * A date is an int32_t count of days since 1970-01-01 (proleptic
 * Gregorian), so arithmetic and comparisons are plain integer operations and
 * no time zone can shift a deadline. DATE_NONE marks an absent date. */
#ifndef TRK_DATE_H
#define TRK_DATE_H

#include <stdbool.h>
#include <stdint.h>

#include "util/error.h"

#define DATE_NONE INT32_MIN
#define DATE_BUFSZ 11          /* "YYYY-MM-DD" + NUL */
#define TIMESTAMP_BUFSZ 21     /* "YYYY-MM-DDTHH:MM:SSZ" + NUL */

int32_t date_from_ymd(int y, int m, int d);
void date_to_ymd(int32_t days, int *y, int *m, int *d);
bool date_valid_ymd(int y, int m, int d);

/* Parses exactly "YYYY-MM-DD" (a real calendar day, years 1900-2999).
 * field names the input in the error ("--as-of", "due"). */
int date_parse(const char *s, int32_t *out, const char *field,
	       struct trk_error *err);
/* Writes "YYYY-MM-DD" into out (DATE_BUFSZ bytes); DATE_NONE gives "". */
void date_format(int32_t days, char *out);

/* Quarter helpers: quarter 1-4 of a date, and the first/last day of
 * quarter q of year y. */
int date_quarter(int32_t days);
int32_t date_quarter_start(int y, int q);
int32_t date_quarter_end(int y, int q);

/* Parses "2023Q3" (also "2023q3"). */
int quarter_parse(const char *s, int *year, int *q, struct trk_error *err);

/* The clock. TRACKER_NOW (a date "YYYY-MM-DD" or a UTC timestamp
 * "YYYY-MM-DDTHH:MM:SSZ") fixes "now" for tests and reproducible runs;
 * otherwise the system clock in UTC. */
int clock_now_epoch(int64_t *out, struct trk_error *err);
/* Today's date by the clock (UTC). */
int clock_today(int32_t *out, struct trk_error *err);
/* Now as "YYYY-MM-DDTHH:MM:SSZ" into out (TIMESTAMP_BUFSZ bytes). */
int clock_timestamp(char *out, struct trk_error *err);

/* Parses a timestamp "YYYY-MM-DDTHH:MM:SSZ" or a date (midnight UTC)
 * into seconds since the epoch. */
int timestamp_parse(const char *s, int64_t *out, const char *field,
		    struct trk_error *err);
void timestamp_format(int64_t epoch, char *out);

#endif
