/* ics.h - commitments as iCalendar (RFC 5545), built with libical and
 * streamed component by component, so memory does not grow with the number
 * of commitments.
 *
 * What one commitment becomes:
 *   - a VEVENT on its deadline (all-day, DTEND the next day, transparent),
 *     UID = commitment.uid;
 *   - a VTODO (UID "todo-" + uid) with DUE, STATUS, PERCENT-COMPLETE;
 *   - reporting days: one all-day VEVENT per department and quarter on the
 *     quarter's reporting day, listing the commitments it reports on
 *     (UID "checkin-YYYYQn-" + a hash of the department's name).
 * Every UID derives from the stored uid (or the department), never from
 * content, so exporting again updates entries in place. SEQUENCE is
 * commitment.sequence (deadline, status, target); a check-in moves
 * LAST-MODIFIED (and DTSTAMP) only. The title carries no figures: only a
 * status that ends the work ([已完成], [已取消]) or a passed deadline
 * ([逾期]) changes it. Reminders that have gone off by the export (now)
 * are left out.
 *
 * libical 3.0.16 already folds on UTF-8 boundaries, but its folds are odd
 * (a property name alone on a line) and that behaviour is not documented, so
 * every component goes through ics_fold(): unfold, then fold at 75 octets on
 * character boundaries, CRLF line ends. */
#ifndef TRK_ICS_H
#define TRK_ICS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "util/error.h"
#include "model/model.h"
#include "model/progress.h"
#include "util/strbuf.h"

/* ---- reminders ---------------------------------------------------------- */

#define ICS_ALARMS_MAX 8
#define ICS_ALARM_MAX_HOURS (366 * 24)   /* a reminder at most a year ahead */

enum ics_unit { ICS_HOURS, ICS_DAYS, ICS_WEEKS };

struct ics_alarm {
	int amount;               /* >= 0, in unit */
	enum ics_unit unit;
};

struct ics_alarms {
	int n;                    /* 0: no reminders */
	struct ics_alarm a[ICS_ALARMS_MAX];
};

/* Parses a --alarm spec: comma-separated "<n>h", "<n>d" or "<n>w" (n a
 * decimal number, at most a year ahead), e.g. "30d,7d,1d" or "2w, 12h";
 * spaces around items are allowed; empty items, duplicates (also "1w,7d"),
 * unknown units and more than ICS_ALARMS_MAX reminders are TRK_EUSAGE.
 * spec may be any bytes; *out is untouched on failure. */
int ics_parse_alarms(const char *spec, struct ics_alarms *out, struct trk_error *err);

/* The default reminders: 30, 7 and 1 days before the deadline. */
void ics_alarms_default(struct ics_alarms *out);

/* How far before its anchor a reminder goes off, in seconds. */
int64_t ics_alarm_seconds(const struct ics_alarm *a);

/* ---- text helpers ----------------------------------------------------------- */

#define ICS_FOLD_OCTETS 75

/* Appends the iCalendar text `ical` (as libical writes it: folded or not,
 * CRLF or LF) to sb as lines of at most ICS_FOLD_OCTETS octets (CRLF not
 * counted), folded only between UTF-8 characters, each ending in CRLF. */
void ics_fold(struct strbuf *sb, const char *ical);

#define ICS_FILENAME_MAX 96   /* bytes, before the extension */

/* A file name (no directory, no extension) for `name`, safe on Linux,
 * macOS and Windows: keeps CJK and other printable UTF-8; replaces
 * / \ : * ? " < > | control characters and invalid bytes with '_'; no
 * leading dot or space, no trailing dot or space; Windows device names
 * (CON, NUL, COM1...) get a '_' prefix; at most ICS_FILENAME_MAX bytes, cut
 * between characters; never empty. Caller frees. */
char *ics_safe_filename(const char *name);

/* Appends s to sb made safe for a property libical does not escape
 * (CATEGORIES, X-WR-CALNAME): , ; \ become full-width ，；＼ and control
 * characters a space. */
void ics_add_unescaped_safe(struct strbuf *sb, const char *s);

/* ---- the writer --------------------------------------------------------- */

enum ics_parts {
	ICS_EVENTS = 1,           /* deadline VEVENTs */
	ICS_TODOS = 2,            /* VTODOs */
	ICS_CHECKINS = 4,         /* check-in day VEVENTs */
};

struct ics_config {
	unsigned parts;           /* enum ics_parts bits */
	struct ics_alarms alarms; /* n == 0: no reminders */
	int checkin_day;          /* 1..31: day of a quarter's last month */
	int64_t now;              /* DTSTAMP, seconds since the epoch (UTC); reminders
				   * before it are left out */
	bool allow_empty;         /* write a calendar with no component (RFC 5545
				   * wants one; several clients refuse none) */
	int32_t as_of;            /* progress date; first check-in day */
	const char *calname;      /* X-WR-CALNAME, made safe here */
};

/* What the records say beyond the commitment row, for the description and
 * the timestamps. Strings are borrowed from the record (ics_extra_of). */
struct ics_extra {
	int32_t letter_date;      /* DATE_NONE when unknown */
	bool has_latest;          /* a check-in on or before the as-of date */
	int32_t latest_as_of;
	bool latest_has_value;
	double latest_value;
	const char *latest_note;
	const char *latest_author;
	const char *last_recorded_at;   /* newest check-in timestamp, or NULL */
	const char *completed_at;       /* when status became done, or NULL */
};


struct ics_counts {
	long commitments, events, todos, checkins, alarms, undated;
};
/* The components written: none means an empty calendar. */
long ics_counts_components(const struct ics_counts *n);

struct ics_writer;  /* opaque */

/* Starts a calendar on f (borrowed; the caller closes it) and writes its
 * header. cfg is copied (calname too). On success *out is the caller's,
 * freed with ics_writer_free(). */
int ics_writer_new(FILE *f, const struct ics_config *cfg, struct ics_writer **out,
		   struct trk_error *err);

/* Writes the components of one commitment (all structs borrowed for the
 * call). TRK_EIO when the stream fails, TRK_EINPUT on a bad stored
 * timestamp. */
int ics_writer_add(struct ics_writer *w, const struct commitment *c, const struct progress *p,
		   const struct ics_extra *x, struct trk_error *err);

/* A department's reporting days (ICS_CHECKINS): what it reports on. */
struct ics_checkin_item {
	const char *key, *title;
	int32_t due;              /* DATE_NONE: shown on the next few days only */
};
struct ics_checkin_group {
	const char *owner;        /* canonical name: the UIDs derive from it */
	const char *owner_short;  /* for the title */
	const struct ics_checkin_item *items;
	size_t n;
	int64_t created, modified;   /* earliest creation, latest change (epoch) */
};
/* Writes one event per reporting day from cfg.as_of on while any item is
 * still to be reported on (all borrowed for the call). */
int ics_writer_add_checkins(struct ics_writer *w, const struct ics_checkin_group *g,
			    struct trk_error *err);

/* Writes END:VCALENDAR and flushes; TRK_EIO if any write failed. With no
 * component written and no allow_empty, writes nothing at all. */
int ics_writer_finish(struct ics_writer *w, struct trk_error *err);

/* What was written so far; borrowed for the writer's lifetime. */
const struct ics_counts *ics_writer_counts(const struct ics_writer *w);

void ics_writer_free(struct ics_writer *w);   /* NULL is fine */

#endif
