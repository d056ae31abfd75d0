#include "util/arena.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/banned.h"

#define BLOCK_SIZE (64u << 10)

struct arena_block {
	struct arena_block *next;
	size_t size, used;
	alignas(max_align_t) unsigned char data[];
};

/* The first block as the arena asks (a->first), then twice the last, up to
 * BLOCK_SIZE; never less than need. */
static size_t next_block_size(const struct arena *a, size_t need)
{
	size_t size = BLOCK_SIZE;

	if (!a->head && a->first)
		size = a->first;
	else if (a->head && a->head->size < BLOCK_SIZE)
		size = 2 * a->head->size;
	return size < need ? need : size;
}

static struct arena_block *new_block(struct arena *a, size_t need)
{
	struct arena_block *b = a->free;

	if (b && b->size >= need) {
		a->free = b->next;
	} else {
		size_t size = next_block_size(a, need);
		b = xmalloc(sizeof(*b) + size);
		b->size = size;
	}
	b->used = 0;
	b->next = a->head;
	a->head = b;
	return b;
}

void *arena_alloc(struct arena *a, size_t n)
{
	size_t align = alignof(max_align_t);
	size_t need = (n + align - 1) & ~(align - 1);
	struct arena_block *b = a->head;
	void *p;

	if (!b || b->size - b->used < need)
		b = new_block(a, need);
	p = b->data + b->used;
	b->used += need;
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p;

	if (!s)
		return NULL;
	p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void arena_reset(struct arena *a)
{
	while (a->head) {
		struct arena_block *b = a->head;
		a->head = b->next;
		b->next = a->free;
		a->free = b;
	}
}

static void free_list(struct arena_block *b)
{
	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
}

void arena_release(struct arena *a)
{
	free_list(a->head);
	free_list(a->free);
	a->head = a->free = NULL;
}
