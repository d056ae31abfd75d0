/* outfile.h - output that appears whole or not at all.
 *
 * With a path, data goes to a temporary file beside it ("PATH.tmp-PID-XXXXXX"),
 * which is fsync'd and renamed over the path only when everything was
 * written; on failure it is removed. A process killed meanwhile leaves its
 * temporary file behind: the next run that writes the same path removes
 * those whose process is gone (outfile_sweep). Without a path, data goes to
 * the given stream (stdout). */
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

/* A fresh temporary path beside path (caller frees), created empty with
 * mode 0600, for writers that need a name rather than a stream (a database
 * backup, a spreadsheet); and the same commit, by name. */
char *outfile_temp_name(const char *path, struct trk_error *err);
int outfile_commit_name(const char *tmp, const char *path, struct trk_error *err);

/* Removes path's temporary files left by processes that no longer run. */
void outfile_sweep(const char *path);

#endif
