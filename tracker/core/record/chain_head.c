/* chain_head.c - the chain head (see chain_head.h). */
#include "record/chain_head.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
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

/* ---- beside ------------------------------------------------------------------------ */

struct chain_head_job {
	struct store *beside;     /* owned; NULL once waited for, or never started */
	pthread_t thread;
	char *known_at;           /* owned */
	char *out;                /* the caller's */
	int rc;
	struct trk_error err;
};

static void *compute_beside(void *arg)
{
	struct chain_head_job *j = arg;

	j->rc = chain_head(j->beside, j->known_at, j->out, &j->err);
	return NULL;
}

int chain_head_start(struct store *st, const char *known_at, char out[DIGEST_HEXSZ],
		     struct chain_head_job **job, struct trk_error *err)
{
	struct chain_head_job *j = xcalloc(1, sizeof(*j));

	j->known_at = known_at ? xstrdup(known_at) : NULL;
	j->out = out;
	*job = j;
	store_open_beside(st, &j->beside);
	if (j->beside && pthread_create(&j->thread, NULL, compute_beside, j) == 0)
		return 0;
	store_close(j->beside);
	j->beside = NULL;
	return j->rc = chain_head(st, j->known_at, out, err);
}

int chain_head_wait(struct chain_head_job *j, struct trk_error *err)
{
	if (j->beside) {
		pthread_join(j->thread, NULL);
		store_close(j->beside);
		j->beside = NULL;
		if (j->rc)
			*err = j->err;
	}
	return j->rc;
}

void chain_head_free(struct chain_head_job *j)
{
	struct trk_error ignored;

	if (!j)
		return;
	chain_head_wait(j, &ignored);
	free(j->known_at);
	free(j);
}
