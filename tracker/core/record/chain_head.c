/* chain_head.c - the chain head (see chain_head.h). */
#include "record/chain_head.h"

#include <string.h>

#include "util/banned.h"

struct head {
	struct digest d;
	const char *known_at;
	char journal_tail[DIGEST_HEXSZ];
};

/* Fields end with the unit separator and records with the record
 * separator, which the rules keep out of every stored text. */
static void field(struct digest *d, const char *s, char end)
{
	if (s)
		digest_add(d, s, strlen(s));
	digest_add(d, &end, 1);
}

static int journal_last(const struct journal_entry *e, void *arg, struct trk_error *err)
{
	struct head *h = arg;

	(void)err;
	if (e->hash && strlen(e->hash) < DIGEST_HEXSZ)
		memcpy(h->journal_tail, e->hash, strlen(e->hash) + 1);
	return 0;
}

static int add_commitment(const struct chain_links *l, void *arg, struct trk_error *err)
{
	struct head *h = arg;

	(void)err;
	field(&h->d, l->key, '\x1f');
	field(&h->d, l->genesis, '\x1f');
	field(&h->d, l->last_checkin, '\x1f');
	field(&h->d, l->last_change, '\x1e');
	return 0;
}

static int compute(struct store *st, void *arg, struct trk_error *err)
{
	struct head *h = arg;
	int rc;

	if ((rc = store_journal(st, h->known_at, journal_last, h, err)))
		return rc;
	digest_add(&h->d, "head/2\x1e", 7);
	field(&h->d, h->journal_tail, '\x1e');
	/* Keys sort by bytes, so the order and the head are the same in every
	 * locale and every engine. The links only: reading every record of
	 * the store for its last hash was most of a report's time. */
	return store_chain_links(st, h->known_at, add_commitment, h, err);
}

int chain_head(struct store *st, const char *known_at, char out[DIGEST_HEXSZ],
	       struct trk_error *err)
{
	struct head h = { .known_at = known_at };
	int rc;

	digest_init(&h.d);
	h.journal_tail[0] = '\0';
	if ((rc = store_read(st, compute, &h, err)))
		return rc;
	digest_hex(&h.d, out);
	return 0;
}
