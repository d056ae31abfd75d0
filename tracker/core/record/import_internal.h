/* import_internal.h - shared by import.c (the file), import_letter.c (one
 * letter) and import_commitment.c (one commitment with its records). */
#ifndef TRK_IMPORT_INTERNAL_H
#define TRK_IMPORT_INTERNAL_H

#include <cjson/cJSON.h>

#include "record/import.h"

struct importer {
	struct store *st;
	const struct actor *actor;
	const struct import_source *src;
	struct import_stats *stats;
	size_t elem_off, elem_len;   /* the letter being imported, in src */
	bool proposed;               /* the file's "proposed": extract's proposals */
};

/* Prefixes err with "FILE:LINE" for byte offset off of the source. */
int import_fail_at(struct importer *imp, size_t off, struct trk_error *err);
/* Imports letters[index] (parsed into obj) with its commitments. */
int import_letter(struct importer *imp, const cJSON *obj, int index, struct trk_error *err);
/* Imports one commitment of letter doc_no, with its check-ins and history. */
int import_commitment(struct importer *imp, const cJSON *obj, const char *doc_no,
		      struct trk_error *err);

#endif
