/* outfile.h - output that appears whole or not at all. With a path, data
 * goes to a temporary file beside it, which is fsync'd and renamed over the
 * path only when everything was written; on failure it is removed. Without
 * a path, data goes to the given stream (stdout). */
#ifndef TRK_OUTFILE_H
#define TRK_OUTFILE_H

#include <stdio.h>

#include "util/error.h"

struct outfile {
	FILE *f;
	char *path;      /* final path, NULL for the stream */
	char *tmp;       /* temporary path */
};

int outfile_open(struct outfile *o, const char *path, FILE *fallback, struct trk_error *err);
/* Finishes: with rc == 0 commits (rename), else discards. Returns rc, or the
 * error of committing. */
int outfile_close(struct outfile *o, int rc, struct trk_error *err);

#endif
