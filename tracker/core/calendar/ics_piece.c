/* ics_piece.c - printed components kept for reuse (see ics_piece.h). */
#include "calendar/ics_piece.h"

#include <stdlib.h>

#include "util/banned.h"

struct ics_piece *ics_piece_wrap(icalcomponent *comp)
{
	struct ics_piece *pc = xcalloc(1, sizeof(*pc));

	pc->comp = comp;
	return pc;
}

struct ics_piece *ics_pieces_take(struct ics_pieces *pool)
{
	struct ics_piece *pc = pool->free;

	if (pc)
		pool->free = pc->next;
	return pc;
}

static void drop_property(icalcomponent *comp, icalproperty **prop)
{
	if (!*prop)
		return;
	sym_icalcomponent_remove_property(comp, *prop);
	sym_icalproperty_free(*prop);
	*prop = NULL;
}

/* Back to the properties every deadline event has; the reminders are
 * detached, kept for the next. */
static void strip(struct ics_piece *pc)
{
	drop_property(pc->comp, &pc->status);
	drop_property(pc->comp, &pc->related);
	for (int i = 0; i < ICS_ALARMS_MAX; i++)
		if (pc->alarm_on[i]) {
			sym_icalcomponent_remove_component(pc->comp, pc->alarm[i]);
			pc->alarm_on[i] = false;
		}
}

static void piece_free(struct ics_piece *pc)
{
	for (int i = 0; i < ICS_ALARMS_MAX; i++)
		if (pc->alarm[i] && !pc->alarm_on[i])   /* attached ones go with comp */
			sym_icalcomponent_free(pc->alarm[i]);
	sym_icalcomponent_free(pc->comp);
	free(pc);
}

void ics_pieces_give(struct ics_pieces *pool, struct ics_piece *pc)
{
	if (!pc->reusable) {
		piece_free(pc);
		return;
	}
	strip(pc);
	pc->next = pool->free;
	pool->free = pc;
}

void ics_pieces_release(struct ics_pieces *pool)
{
	struct ics_piece *pc;

	while ((pc = ics_pieces_take(pool)))
		piece_free(pc);
}
