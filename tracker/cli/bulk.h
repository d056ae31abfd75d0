/* bulk.h - one change made to many commitments at once: `status`,
 * `override` and `edit` with filters instead of a key. What will change is
 * shown first, a person at a terminal is asked to confirm (--yes answers
 * for scripts), and every change is written in one transaction, at one
 * moment (so `tracker undo` takes it back as one change). */
#ifndef TRK_BULK_H
#define TRK_BULK_H

#include "cmd.h"
#include "filters.h"
#include "record/edit.h"

struct bulk_change {
	/* The changes to make to c, in the fields' text forms (out is zeroed
	 * first; the callee may own values through out->values). None: c is
	 * left alone (it is already so). */
	int (*changes)(const struct commitment *c, void *arg, struct edit_changes *out,
		       struct trk_error *err);
	void *arg;
	const char *reason;
};

/* Changes every commitment the filters choose, as b says, as actor a. The
 * preview and the result go to ctx->msg. TRK_ENOTFOUND when nothing
 * matches; TRK_EUSAGE when not confirmed (no --yes away from a terminal,
 * or an answer other than yes). */
int bulk_run(struct cmd_ctx *ctx, const struct filter_opts *f, bool yes, const struct actor *a,
	     const struct bulk_change *b, struct trk_error *err);

#endif
