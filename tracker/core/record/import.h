/* import.h - reading the tracker/1 JSON format (seeds/FORMAT.md) into the
 * store, in one transaction. */
#ifndef TRK_IMPORT_H
#define TRK_IMPORT_H

#include <stddef.h>

#include "util/error.h"
#include "store/store.h"

struct import_stats {
	int owners_added, letters_added, letters_skipped;
	int commitments_added, commitments_skipped;
	int checkins_added, history_added;
};

/* Resolves "text_file" members: returns the file's bytes (caller frees) and
 * their length, or NULL with err set. `base` is the import's base directory
 * (NULL for embedded data). */
typedef char *(*import_text_loader)(const char *base, const char *name, size_t *len,
				    void *ctx, struct trk_error *err);

struct import_source {
	const char *name;          /* file name shown in errors ("-" for stdin) */
	const char *data;          /* the JSON bytes, borrowed */
	size_t len;
	const char *base_dir;      /* for text_file; NULL = none */
	import_text_loader load_text;  /* NULL = read files from base_dir */
	void *load_ctx;
	bool mapped;               /* data is a read-only file mapping: pages
				    * read may be given back, the file has them */
};

/* Imports src into st as actor a, in one transaction. The text must be one
 * strict JSON document (util/json_strict.h) of the format; on any error
 * nothing is written and err names file:line, record and field. Letters are
 * parsed one at a time, so memory follows the largest letter, not the
 * file. Importing the same file again changes nothing. stats may be NULL. */
int import_json(struct store *st, const struct actor *a, const struct import_source *src,
		struct import_stats *stats, struct trk_error *err);

/* Imports a file by path ("-" = standard input). */
int import_json_file(struct store *st, const struct actor *a, const char *path,
		     struct import_stats *stats, struct trk_error *err);

#endif
