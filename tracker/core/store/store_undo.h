/* store_undo.h - undoing a person's last change, through the door.
 *
 * The record is append-only, so nothing is taken back: undo writes the
 * reverse change, with the reason "undo", on the same chains.
 *
 *  - A change of fields (edit, status, override, one or many commitments
 *    at once) is reversed by setting each field back to its old value.
 *  - A check-in cannot be removed or edited: it is withdrawn by a
 *    correction (a new check-in whose `supersedes` names it) carrying no
 *    figure and the note "undo", so progress falls back to the figure
 *    before it; undoing a correction restores the figure it corrected.
 *  - A commitment added by hand is cancelled (status cancelled, reason
 *    "undo"): its key stays used, as every key does.
 *
 * "The last change" is every record the person wrote at the moment of
 * their newest one (a command stamps all of its records alike; see
 * cli/bulk.c), if that moment is within the undo window (the setting
 * undo.window_minutes, default 10). Refused, with nothing written, when
 * that change was itself an undo, when it touched what undo does not
 * reverse (owners, aliases, letters, settings, users: the journal), or
 * when someone has changed the same commitment since. */
#ifndef TRK_STORE_UNDO_H
#define TRK_STORE_UNDO_H

#include "store/store.h"

/* One record to reverse. */
struct undo_item {
	char *key;
	enum { UNDO_FIELD, UNDO_CHECKIN, UNDO_CREATION } what;
	int seq;                  /* of the history record or the check-in */
	char *field;              /* UNDO_FIELD: the field, its value before */
	char *old_value;          /* and after (NULL when none) */
	char *new_value;
	/* UNDO_CHECKIN: the correction to write (supersedes seq): no figure,
	 * or the figure the undone correction had replaced. */
	int32_t as_of;
	bool has_value;
	double value;
};

struct undo_plan {
	char *at;                 /* when the change was recorded (UTC) */
	struct undo_item *items;  /* in the order they were written */
	size_t n;
};
void undo_plan_release(struct undo_plan *p);

/* Finds the last change by author within the undo window; *out is the
 * caller's to release. TRK_ENOTFOUND when there is none, TRK_ECONFLICT
 * when it cannot be undone (the message says why). Reads only. */
int store_undo_find(struct store *st, const char *author, struct undo_plan *out,
		    struct trk_error *err);

/* Writes the reverse of p as actor a (inside store_write()), after
 * finding it again: the plan must still be the last change. */
int store_undo_apply(struct store *st, const struct actor *a, const struct undo_plan *p,
		     struct trk_error *err);

#endif
