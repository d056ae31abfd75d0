/* ics_export.h - `tracker export ics` as a library: the commitments of a
 * query as one calendar, or one calendar per department, written whole or
 * not at all. The CLI and the server's calendar feed call the same code, so
 * a subscribed feed is byte for byte what the command writes. */
#ifndef TRK_ICS_EXPORT_H
#define TRK_ICS_EXPORT_H

#include <stdio.h>

#include "calendar/ics.h"
#include "record/select.h"
#include "store/store.h"
#include "util/strbuf.h"

/* X-WR-CALNAME: what was selected, e.g. "承诺事项截止日期 · 市经信局 · open". */
void ics_calname(struct strbuf *sb, const struct selection *s, bool todos_only,
		 const char *owner);

/* Fills x from the record (see ics.h); x borrows from r. */
void ics_extra_of(const struct commitment_record *r, int32_t as_of, int32_t letter_date,
		  struct ics_extra *x);

/* Writes the commitments of q as one calendar to out (borrowed), in one
 * read snapshot. The counts come back in *counts. A calendar with nothing
 * in it is TRK_ENOTFOUND, with nothing written, unless cfg->allow_empty. */
int ics_export(struct store *st, const struct query *q, const struct ics_config *cfg,
	       FILE *out, struct ics_counts *counts, struct trk_error *err);

/* One file per department that owns (leads or co-owns) a commitment of q,
 * in dir (created if missing), each written atomically and named for the
 * department (ics_safe_filename). calname_fn gives each file's calendar
 * name. A department whose calendar would be empty gets no file. For each
 * department done(owner, path, counts, ctx) is called, path NULL when it
 * was skipped. No file at all is TRK_ENOTFOUND unless cfg->allow_empty. */
typedef void (*ics_file_fn)(const char *owner, const char *path, const struct ics_counts *n,
			    void *ctx);
int ics_export_split(struct store *st, const struct query *q, const struct ics_config *cfg,
		     const char *dir,
		     void (*calname_fn)(struct strbuf *sb, const char *owner, void *ctx),
		     ics_file_fn done, void *ctx, struct trk_error *err);

#endif
