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
#define TIMESTAMP_LOCAL_BUFSZ 26  /* "YYYY-MM-DDTHH:MM:SS+08:00" + NUL */

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
 * otherwise the system clock. Records are stamped in UTC; dates people see
 * ("today", a check-in's default as-of date) are local, by TZ (Chinese
 * offices run on Asia/Shanghai): a figure logged at 07:00 Beijing time on
 * 1 October belongs to 1 October. */
int clock_now_epoch(int64_t *out, struct trk_error *err);
/* Today's date by the clock, in local time. */
int clock_today(int32_t *out, struct trk_error *err);
/* Now as "YYYY-MM-DDTHH:MM:SSZ" (UTC) into out (TIMESTAMP_BUFSZ bytes). */
int clock_timestamp(char *out, struct trk_error *err);

/* The local date of a moment. */
int32_t local_date(int64_t epoch);
/* A moment as local time with its offset, "2023-09-30T16:00:00+08:00"
 * (TIMESTAMP_LOCAL_BUFSZ bytes); a stored UTC text the same way (text that
 * is not a timestamp is copied). */
void timestamp_format_local(int64_t epoch, char *out);
void timestamp_text_local(const char *utc, char *out);
/* The last second of a local day, as a moment. */
int64_t local_day_end(int32_t day);

/* Parses a timestamp "YYYY-MM-DDTHH:MM:SSZ" or a date (midnight UTC)
 * into seconds since the epoch. */
int timestamp_parse(const char *s, int64_t *out, const char *field,
		    struct trk_error *err);
void timestamp_format(int64_t epoch, char *out);

#endif
