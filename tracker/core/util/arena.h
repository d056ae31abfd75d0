/* arena.h - memory handed out in bulk and taken back all at once.
 *
 * A scan copies the text of a commitment's rows (check-ins, history) out of
 * the database before the next row overwrites it; a malloc per string would
 * be a million allocations for a whole-store export. The arena keeps its
 * blocks between rows (arena_reset), so a scan's memory follows its
 * largest commitment. */
#ifndef TRK_ARENA_H
#define TRK_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;     /* blocks in use, newest first */
	struct arena_block *free;     /* blocks kept for reuse */
	size_t first;                 /* the first block's size, 0: 64 KiB */
};
#define ARENA_INIT { NULL, NULL, 0 }
/* For a few strings at a time, made and freed often (a commitment loaded
 * for a write, store/door.h): blocks double from 1 KiB to 64 KiB, so that
 * each is a small malloc, not a 64 KiB one that glibc gives back to the
 * system at every free. */
#define ARENA_SMALL_INIT { NULL, NULL, 1024 }

/* n bytes, aligned for any type; valid until arena_reset/arena_release. */
void *arena_alloc(struct arena *a, size_t n);
/* A copy of s[0..n) with a NUL (NULL s gives NULL). */
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* Everything handed out is taken back; the blocks are kept. */
void arena_reset(struct arena *a);
void arena_release(struct arena *a);

#endif
