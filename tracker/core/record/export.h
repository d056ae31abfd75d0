/* export.h - the record as a tracker/1 JSON document (seeds/FORMAT.md),
 * streamed: owners, then each letter with its commitments and their
 * records, one commitment to a line, so memory follows the largest
 * commitment, not the store. Importing the output into an empty store and
 * exporting again gives the same bytes. */
#ifndef TRK_EXPORT_H
#define TRK_EXPORT_H

#include <stdio.h>

#include "store/store.h"
#include "util/error.h"

/* Writes every letter (only doc_no's when it is not NULL) with its
 * commitments and all owners to out, from one snapshot of the record.
 * TRK_EIO when out fails. */
int export_json(struct store *st, const char *doc_no, FILE *out, struct trk_error *err);

#endif
