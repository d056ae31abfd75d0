/* sqlite_bulk_known.c - what a bulk write knows without asking the database.
 *
 * While the writer thread (sqlite_bulk.c) steps a commitment's check-ins,
 * the caller may not use the connection; its first query for the next
 * commitment waits for the writer. An import asks six questions a
 * commitment before it inserts one (is the key free, twice; the owner,
 * three times; the letter), and every answer was just read or written by
 * this same write. Answered from memory, the caller's first use of the
 * connection is the insert itself, and the work before it (the rules, the
 * creation record and its hash) overlaps the writer's.
 *
 * Every answer here is one the database would give: positive answers are
 * what it said or was told during this write (owners and letters are
 * never renamed or removed by one), and a key is known to be free only
 * when the store held no commitment as the write began and the key was not
 * added since. The key set is a Bloom filter of fixed size, so its memory
 * does not grow with the import; a false "maybe" asks the database. */
#include "store/sqlite/sqlite_internal.h"

#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/banned.h"

#define KEY_FILTER_BITS ((size_t)1 << 23)   /* 1 MB: 1 false "maybe" in 250 at 300,000 */
#define KEY_FILTER_PROBES 4
#define OWNER_SLOTS 8192                    /* owners and aliases remembered, at most half */

struct known_owner {
	char *alias;
	char *name;
	int64_t id;
};

struct bulk_known {
	uint64_t *keys;             /* keys and uids added; NULL: the store held
				     * commitments, so ask */
	int64_t last_id;            /* the largest commitment id (SQLite gives
				     * the next one to an INSERT without one) */
	struct known_owner owners[OWNER_SLOTS];
	size_t nowners;
	char *letter_doc_no;        /* the last letter asked for or added */
	int64_t letter_id;
};

static uint64_t hash_text(const char *s)
{
	uint64_t h = 14695981039346656037ull;   /* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h ^ (h >> 29);
}

void sq_known_begin(struct store_engine *e, bool store_empty)
{
	e->known = xcalloc(1, sizeof(*e->known));
	if (store_empty)
		e->known->keys = xcalloc(KEY_FILTER_BITS / 64, sizeof(uint64_t));
}

void sq_known_end(struct store_engine *e)
{
	struct bulk_known *k = e->known;

	if (!k)
		return;
	for (size_t i = 0; i < OWNER_SLOTS; i++) {
		free(k->owners[i].alias);
		free(k->owners[i].name);
	}
	free(k->keys);
	free(k->letter_doc_no);
	free(k);
	e->known = NULL;
}

/* ---- keys ------------------------------------------------------------------------------ */

/* The filter's bits for key, by double hashing. */
static size_t key_bit(uint64_t h, int probe)
{
	return (size_t)((h + (uint64_t)probe * ((h >> 32) | 1)) % KEY_FILTER_BITS);
}

static bool filter_has(const uint64_t *bits, uint64_t h)
{
	for (int i = 0; i < KEY_FILTER_PROBES; i++) {
		size_t b = key_bit(h, i);
		if (!(bits[b / 64] & ((uint64_t)1 << (b % 64))))
			return false;
	}
	return true;
}

static void filter_add(uint64_t *bits, uint64_t h)
{
	for (int i = 0; i < KEY_FILTER_PROBES; i++) {
		size_t b = key_bit(h, i);
		bits[b / 64] |= (uint64_t)1 << (b % 64);
	}
}

/* Keys and uids share the filter, told apart by the seed. */
#define UID_SEED 0x9e3779b97f4a7c15ull

bool sq_known_free_key(struct store_engine *e, const char *key)
{
	return e->known && e->known->keys && !filter_has(e->known->keys, hash_text(key));
}

bool sq_known_unique(struct store_engine *e, const struct commitment *c)
{
	return sq_known_free_key(e, c->key) && c->uid &&
	       !filter_has(e->known->keys, hash_text(c->uid) ^ UID_SEED);
}

int64_t sq_known_next_id(struct store_engine *e)
{
	return ++e->known->last_id;
}

void sq_known_added(struct store_engine *e, const struct commitment *c)
{
	struct bulk_known *k = e->known;

	if (!k || !k->keys)
		return;
	filter_add(k->keys, hash_text(c->key));
	if (c->uid)
		filter_add(k->keys, hash_text(c->uid) ^ UID_SEED);
	if (c->id > k->last_id)
		k->last_id = c->id;
}

/* ---- owners ---------------------------------------------------------------------------- */

static struct known_owner *owner_slot(struct bulk_known *k, const char *alias)
{
	size_t i = (size_t)hash_text(alias) % OWNER_SLOTS;

	while (k->owners[i].alias && strcmp(k->owners[i].alias, alias))
		i = (i + 1) % OWNER_SLOTS;
	return &k->owners[i];
}

bool sq_known_owner(struct store_engine *e, const char *alias, int64_t *id, const char **name)
{
	struct known_owner *o;

	if (!e->known || !(o = owner_slot(e->known, alias))->alias)
		return false;
	*id = o->id;
	if (name)
		*name = o->name;
	return true;
}

void sq_known_owner_put(struct store_engine *e, const char *alias, int64_t id, const char *name)
{
	struct known_owner *o;

	if (!e->known || e->known->nowners >= OWNER_SLOTS / 2 ||
	    (o = owner_slot(e->known, alias))->alias)
		return;
	o->alias = xstrdup(alias);
	o->name = xstrdup(name);
	o->id = id;
	e->known->nowners++;
}

/* ---- the letter ------------------------------------------------------------------------ */

bool sq_known_letter(struct store_engine *e, const char *doc_no, int64_t *id)
{
	if (!e->known || !e->known->letter_doc_no || strcmp(e->known->letter_doc_no, doc_no))
		return false;
	*id = e->known->letter_id;
	return true;
}

void sq_known_letter_put(struct store_engine *e, const char *doc_no, int64_t id)
{
	if (!e->known)
		return;
	free(e->known->letter_doc_no);
	e->known->letter_doc_no = xstrdup(doc_no);
	e->known->letter_id = id;
}
