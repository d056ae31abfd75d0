/* commitment_field.h - the fields of a commitment that change over time,
 * as canonical text. History records store old and new values in this
 * form, edits parse it, and rewinding a commitment to an earlier moment
 * applies it backwards. */
#ifndef TRK_COMMITMENT_FIELD_H
#define TRK_COMMITMENT_FIELD_H

#include <stdbool.h>

#include "util/error.h"
#include "model/model.h"

/* True for the names a history record may carry. */
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

/* Key syntax: 1-40 of [A-Za-z0-9._-], starting with a letter or digit. */
bool commitment_key_valid(const char *key);

#endif
