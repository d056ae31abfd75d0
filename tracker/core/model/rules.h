/* rules.h - what a record must be before it is written.
 *
 * Pure functions over model structs. The store's door (store/store_*.c)
 * calls them on every write, whatever the front end (CLI, server, import),
 * so a rule is checked in one place and holds everywhere. Every refusal is
 * TRK_EINPUT (unless said otherwise) with a message that names the field,
 * never a command-line flag: "value: ...", "window_start: ...". */
#ifndef TRK_RULES_H
#define TRK_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/model.h"
#include "util/error.h"

/* How much of the control range a text may use. Every text must be valid
 * UTF-8 without NUL, C0/C1 controls or DEL, except: */
enum text_kind {
	TEXT_LINE,        /* names, titles, keys, units, authors: nothing more */
	TEXT_MULTILINE,   /* notes, reasons, quotes: also tab and newline */
	TEXT_LETTER,      /* a letter's text: also CR before LF (kept byte for
			   * byte, since its SHA-256 is over the exact bytes) */
};

#define RULES_LINE_MAX 1000          /* bytes of a one-line text */
#define RULES_TEXT_MAX (16u << 20)   /* bytes of a note, reason or quote */

/* Checks s (NULL passes) as a text of that kind; field names it. */
int rules_text(const char *s, enum text_kind kind, const char *field, struct trk_error *err);
/* As rules_text, and s must be present and not empty. */
int rules_text_required(const char *s, enum text_kind kind, const char *field,
			struct trk_error *err);

/* Key syntax: 1-40 of [A-Za-z0-9._-], starting with a letter or digit. */
bool rules_key_valid(const char *key);

/* A commitment as it is about to be stored (new or changed): every text,
 * the key, a target for a quantitative commitment, finite numbers, a window
 * that does not start after it is due, a reason with an override. */
int rules_commitment(const struct commitment *c, struct trk_error *err);

/* A change of status from `from` to `to`: cancelling, and reopening what
 * was done or cancelled, need a reason. */
int rules_status_change(enum status from, enum status to, const char *reason,
			struct trk_error *err);

/* What a check-in is checked against: its commitment, the check-ins it
 * already has (by seq), today's date and the letter's date. */
struct checkin_context {
	const struct commitment *c;
	const struct checkin *known;  /* borrowed, seq 1..n in order */
	size_t n;
	int32_t today;
	int32_t letter_date;          /* DATE_NONE when unknown */
};

/* A new check-in k against x: something to say (value, note or evidence);
 * an author; texts; as_of not after today nor more than a year before the
 * letter; a value only where there is a target; a correction of a check-in
 * that exists; and for a ">=" target, a figure below the one before it (or
 * above the one after it) only with a reason or as a correction. -0 is
 * stored as 0 (k->value is normalised). */
int rules_checkin(struct checkin *k, const struct checkin_context *x, struct trk_error *err);

/* A letter: doc_no, texts, a text that matches text_sha256. */
int rules_letter(const struct letter *l, struct trk_error *err);

/* An owner's name or alias. */
int rules_owner_name(const char *name, const char *field, struct trk_error *err);
/* A user: a name of 1 to 64 characters without spaces (it is typed at a
 * sign-in and shown beside every record it writes); a department with at
 * least one owner; letters for a viewer only; owners for a department only. */
int rules_user(const struct user *u, struct trk_error *err);

#endif
