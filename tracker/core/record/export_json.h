/* export_json.h - the store as a tracker/1 JSON document (seeds/FORMAT.md),
 * streamed: one letter header, then one commitment per line, so memory does
 * not grow with the size of the store. Import of the output into an empty
 * database and export again gives the same bytes. */
#ifndef TRK_EXPORT_JSON_H
#define TRK_EXPORT_JSON_H

#include <stdio.h>

#include "util/error.h"
#include "store/store.h"

/* Writes the letters with commitments matching f (all when f is NULL) and
 * all owners to out. TRK_EIO when out fails. */
int export_json(struct store *st, const struct filter *f, FILE *out, struct trk_error *err);

/* A commitment as the JSON object of the format, with computed fields
 * (health, percent...) when p is not NULL. Caller cJSON_Delete()s it. Shared
 * by `list --json`, `show --json` and the export. */
struct cJSON;
struct cJSON *commitment_to_json(const struct commitment *c, const struct progress *p);

#endif
