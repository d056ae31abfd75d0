/* commitment_field.h - the fields of a commitment that change over time,
 * as canonical text. History records store old and new values in this
 * form, edits parse it, and rewinding a commitment to an earlier moment
 * applies it backwards. */
#ifndef TRK_COMMITMENT_FIELD_H
#define TRK_COMMITMENT_FIELD_H

#include <stdbool.h>

#include "util/error.h"
#include "model/model.h"

/* True for the names a change record may carry (not "created"). */
bool commitment_field_known(const char *field);
/* True when a change of the field must come with a reason. */
bool commitment_field_needs_reason(const char *field);
/* True when a change of the field moves an exported calendar entry
 * (iCalendar SEQUENCE). */
bool commitment_field_bumps_sequence(const char *field);

/* The field's current value as text (caller frees); NULL for "none". */
char *commitment_field_get(const struct commitment *c, const char *field);
/* Sets the field from text (NULL or "" = none), validating it. */
int commitment_field_set(struct commitment *c, const char *field, const char *value,
			 struct trk_error *err);

/* Applies one history record to c (as the change it records): the field's
 * new value, the override reason with an override, and the sequence and
 * updated_at that follow from it. */
int commitment_apply(struct commitment *c, const struct history *h, struct trk_error *err);

/* The commitment as its records say it was at known_at (NULL: now): the
 * creation record h[0] (seq 0, field "created") with every later record
 * changed at or before known_at applied, into out (caller releases).
 * TRK_EINPUT when h does not start with a creation record. */
int commitment_replay(const struct history *h, size_t n, const char *known_at,
		      struct commitment *out, struct trk_error *err);

/* True when a and b hold the same record (every field the history can
 * change or the creation fixes, sequence and updated_at included); *field
 * names the first difference. */
bool commitment_same(const struct commitment *a, const struct commitment *b,
		     const char **field);

/* True when c is what its only record, the creation record h[0], made
 * it: c written as a creation record is that record's text, with sequence
 * 0 and updated_at its creation time. Then commitment_same(c, replayed)
 * is true too, found without parsing the record's JSON (most of a check
 * of unchanged commitments); false says nothing: replay and compare. */
bool commitment_is_its_creation(const struct commitment *c, const struct history *h, size_t n);

#endif
