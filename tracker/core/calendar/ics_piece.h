/* ics_piece.h - what the calendar writer hands its printer: a component,
 * and for a deadline event the handles that let it be filled again.
 *
 * Why: a whole-store calendar builds the same VEVENT (eleven properties,
 * three VALARMs) tens of thousands of times, and libical allocates for
 * each property, value, list node and text: building and freeing them was
 * a third of the building thread's time. An event that comes back printed
 * keeps its properties and reminders; the next commitment sets their
 * values (icalvalue_set_*), and only its texts are allocated anew. What
 * only some events carry (STATUS, RELATED-TO, the reminders) is taken off
 * when the piece comes back, so a refilled event has the properties a new
 * one would have, in the same order. Pieces live on the building thread
 * (see util/beside.h); the pool holds at most as many as can be in flight. */
#ifndef TRK_ICS_PIECE_H
#define TRK_ICS_PIECE_H

#include <stdbool.h>

#include "calendar/ics.h"
#include "calendar/ics_libical.h"

struct ics_piece {
	icalcomponent *comp;              /* owned */
	bool reusable;                    /* a deadline event, with the handles below */
	/* The properties every deadline event has, set anew on reuse. */
	icalproperty *uid, *created, *modified, *sequence, *summary, *description,
		*categories, *dtstart, *dtend;
	/* Only some events have them: taken off (and freed) when it comes back. */
	icalproperty *status, *related;
	/* Reminder i of the calendar's, built on first use and kept; attached
	 * to comp while alarm_on[i]. */
	icalcomponent *alarm[ICS_ALARMS_MAX];
	icalproperty *alarm_text[ICS_ALARMS_MAX];
	bool alarm_on[ICS_ALARMS_MAX];
	struct ics_piece *next;           /* in the pool */
};

/* Printed pieces waiting to be filled again: a list, freed whole. */
struct ics_pieces {
	struct ics_piece *free;
};

/* A piece for comp that is freed, not reused, when it comes back. */
struct ics_piece *ics_piece_wrap(icalcomponent *comp);
/* A reusable piece from the pool, or NULL when it is empty. */
struct ics_piece *ics_pieces_take(struct ics_pieces *pool);
/* A printed piece back: a reusable one stripped to its fixed properties
 * into the pool, another freed with its component. */
void ics_pieces_give(struct ics_pieces *pool, struct ics_piece *pc);
/* Frees the pieces in the pool. */
void ics_pieces_release(struct ics_pieces *pool);

#endif
