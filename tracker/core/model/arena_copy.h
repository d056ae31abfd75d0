/* arena_copy.h - deep copies of records into an arena (util/arena.h).
 *
 * A scan lends each commitment's records until its next row; work done on
 * a thread beside the scan (util/beside.h: a report's JSON lines, an
 * export's) needs them for longer. Every text is copied; the copies live
 * until the arena is reset or released. */
#ifndef TRK_ARENA_COPY_H
#define TRK_ARENA_COPY_H

#include <stddef.h>

#include "model/model.h"
#include "util/arena.h"

char *arena_strdup_or_null(struct arena *a, const char *s);
void commitment_copy_in(struct arena *a, struct commitment *dst, const struct commitment *src);
/* n records (NULL when n is 0). */
struct checkin *checkins_copy_in(struct arena *a, const struct checkin *k, size_t n);
struct history *history_copy_in(struct arena *a, const struct history *h, size_t n);

#endif
