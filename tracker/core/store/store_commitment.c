/* store_commitment.c - the door for commitments: adding one with its
 * creation record, changing fields with history, appending check-ins. */
#include "store/door.h"

#include <stdlib.h>
#include <string.h>

#include "model/canonical.h"
#include "model/commitment_field.h"
#include "model/rules.h"
#include "util/strbuf.h"
#include "util/banned.h"

/* ---- one commitment with its records ------------------------------------------ */

static char *keep_text(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

/* Appends a copy of k to l's check-ins, its strings in l's arena. */
static void keep_checkin(struct loaded *l, const struct checkin *k)
{
	struct checkin *d;

	if (l->nk == l->ak) {
		l->ak = l->ak ? 2 * l->ak : 16;
		l->k = xrealloc(l->k, l->ak * sizeof(*l->k));
	}
	d = &l->k[l->nk++];
	*d = *k;
	d->commitment_key = keep_text(&l->texts, k->commitment_key);
	d->recorded_at = keep_text(&l->texts, k->recorded_at);
	d->note = keep_text(&l->texts, k->note);
	d->evidence = keep_text(&l->texts, k->evidence);
	d->author = keep_text(&l->texts, k->author);
	d->reason = keep_text(&l->texts, k->reason);
	d->prev_hash = keep_text(&l->texts, k->prev_hash);
	d->hash = keep_text(&l->texts, k->hash);
}

static int copy_loaded(struct commitment *c, struct checkin *k, size_t nk, struct history *h,
		       size_t nh, const struct progress_digest *d, void *arg, struct trk_error *err)
{
	struct loaded *l = arg;

	(void)err, (void)d;
	commitment_copy(&l->c, c);
	for (size_t i = 0; i < nk; i++)
		keep_checkin(l, &k[i]);
	l->h = nh ? xmalloc(nh * sizeof(*l->h)) : NULL;
	for (size_t i = 0; i < nh; i++)
		history_copy(&l->h[i], &h[i]);
	l->nh = nh;
	return 0;
}

int door_load(struct store *st, const char *key, struct loaded *out, struct trk_error *err)
{
	struct filter f;
	struct engine_scan q = { .f = &f, .by_current_fields = true, .order = SORT_KEY,
				 .want = WANT_CHECKINS | WANT_HISTORY };
	int rc;

	loaded_init(out);
	filter_init(&f);
	f.key = key;
	if ((rc = st->ops->scan(st->e, &q, copy_loaded, out, err)))
		return rc;
	if (!out->c.key)
		return trk_err_field(err, TRK_ENOTFOUND, "key", "no commitment '%s'", key);
	return 0;
}

void loaded_init(struct loaded *l)
{
	memset(l, 0, sizeof(*l));
	commitment_init(&l->c);
	l->texts = (struct arena)ARENA_SMALL_INIT;
}

void loaded_release(struct loaded *l)
{
	commitment_release(&l->c);
	arena_release(&l->texts);
	for (size_t i = 0; i < l->nh; i++)
		history_release(&l->h[i]);
	free(l->k);
	free(l->h);
	memset(l, 0, sizeof(*l));
}

const char *checkins_tail_hash(const struct loaded *l)
{
	return l->nk ? l->k[l->nk - 1].hash : "";
}

const char *checkins_tail_time(const struct loaded *l)
{
	return l->nk ? l->k[l->nk - 1].recorded_at : NULL;
}

/* The creation record (seq 0) stands apart: the change chain starts at
 * seq 1 with an empty prev_hash, as it did before creation records were
 * kept, and the chain head covers the creation record on its own. */
const char *history_tail_hash(const struct loaded *l)
{
	return l->nh && l->h[l->nh - 1].seq > 0 ? l->h[l->nh - 1].hash : "";
}

const char *history_tail_time(const struct loaded *l)
{
	return l->nh ? l->h[l->nh - 1].changed_at : NULL;
}

int door_history_append(struct store *st, struct loaded *l, struct history *h,
			struct trk_error *err)
{
	char hash[DIGEST_HEXSZ];
	int rc;

	h->commitment_key = l->c.key;
	h->seq = l->nh ? l->h[l->nh - 1].seq + 1 : 0;
	h->prev_hash = (char *)history_tail_hash(l);
	history_hash(h, hash);
	h->hash = hash;
	if ((rc = st->ops->history_insert(st->e, l->c.id, h, err)))
		return rc;
	l->h = xrealloc(l->h, (l->nh + 1) * sizeof(*l->h));
	history_copy(&l->h[l->nh++], h);
	h->commitment_key = h->prev_hash = h->hash = NULL;   /* were borrowed */
	return 0;
}

int door_update_row(struct store *st, struct loaded *l, struct trk_error *err)
{
	return st->ops->commitment_update(st->e, &l->c, err);
}

/* ---- reading --------------------------------------------------------------------- */

int store_commitment_get(struct store *st, const char *key, struct commitment *out,
			 struct trk_error *err)
{
	commitment_init(out);
	return st->ops->commitment_lookup(st->e, key, out, err);
}

bool store_commitment_exists(struct store *st, const char *key)
{
	struct commitment c;
	int rc;

	commitment_init(&c);
	rc = st->ops->commitment_lookup(st->e, key, &c, NULL);
	commitment_release(&c);
	return rc == 0;
}

bool store_may_write(const struct actor *a, const struct commitment *c)
{
	return door_may_write(a, c, NULL) == 0;
}

/* ---- adding ----------------------------------------------------------------------- */

/* A UID derived from the letter's number and the key, neither of which
 * ever changes (keys are never reused): calendar clients match entries by
 * UID, so it must not depend on anything that can be edited. */
static char *new_uid(const struct commitment *c)
{
	struct strbuf sb = STRBUF_INIT;
	char hex[DIGEST_HEXSZ];

	strbuf_addf(&sb, "tracker-uid/1\x1f%s\x1f%s", c->letter_doc_no, c->key);
	sha256_hex(sb.buf, sb.len, hex);
	strbuf_reset(&sb);
	strbuf_add(&sb, hex, 32);
	strbuf_addstr(&sb, "@tracker");
	return strbuf_detach(&sb);
}

/* Owners to canonical names, each once, the lead not among the co-owners. */
int door_resolve_owners(struct store *st, struct commitment *c, struct trk_error *err)
{
	struct strlist co = { 0 };
	char *canonical;
	int rc;

	if ((rc = store_owner_resolve(st, c->owner, &canonical, err)))
		return rc;
	free(c->owner);
	c->owner = canonical;
	for (size_t i = 0; i < c->co_owners.n; i++) {
		if ((rc = store_owner_resolve(st, c->co_owners.items[i], &canonical, err))) {
			strlist_release(&co);
			return trk_err_prefix(err, "co_owners");
		}
		if (!strlist_has(&co, canonical) && strcmp(canonical, c->owner))
			strlist_push(&co, canonical);
		free(canonical);
	}
	strlist_release(&c->co_owners);
	c->co_owners = co;
	return 0;
}

/* "" is no value: the record keeps absent texts absent. */
static void normalise(char **s)
{
	if (*s && !**s) {
		free(*s);
		*s = NULL;
	}
}

int door_letter(struct store *st, const char *doc_no, const struct letter **out,
		struct trk_error *err)
{
	struct letter_at_hand *h;
	int rc;

	if (st->letter && !strcmp(st->letter->l.doc_no, doc_no)) {
		*out = &st->letter->l;
		return 0;
	}
	door_forget_letter(st);
	h = xcalloc(1, sizeof(*h));
	letter_init(&h->l);
	if ((rc = st->ops->letter_lookup(st->e, doc_no, NULL, true, &h->l, err))) {
		letter_release(&h->l);
		free(h);
		return rc;
	}
	st->letter = h;
	*out = &h->l;
	return 0;
}

void door_forget_letter(struct store *st)
{
	if (!st->letter)
		return;
	letter_release(&st->letter->l);
	strlist_release(&st->letter->quotes);
	strlist_release(&st->letter->keys);
	free(st->letter);
	st->letter = NULL;
}

static int remember_quote(const char *key, const char *quote, void *arg, struct trk_error *err)
{
	struct letter_at_hand *h = arg;

	(void)err;
	strlist_push(&h->quotes, quote);
	strlist_push(&h->keys, key);
	return 0;
}

int door_quote_tracked(struct store *st, const char *doc_no, const char *quote,
		       const char **key, struct trk_error *err)
{
	const struct letter *l;
	struct letter_at_hand *h;
	int rc;

	*key = NULL;
	if ((rc = door_letter(st, doc_no, &l, err)))
		return rc;
	h = st->letter;
	/* Read once per letter: an import stores a letter's commitments one
	 * after another, and door_quote_added keeps the list current. */
	if (!h->quotes_read &&
	    (rc = st->ops->quotes_scan(st->e, doc_no, remember_quote, h, err)))
		return rc;
	h->quotes_read = true;
	for (size_t i = 0; i < h->quotes.n; i++)
		if (!strcmp(h->quotes.items[i], quote)) {
			*key = h->keys.items[i];
			break;
		}
	return 0;
}

void door_quote_added(struct store *st, const char *doc_no, const char *quote, const char *key)
{
	struct letter_at_hand *h = st->letter;

	if (h && h->quotes_read && !strcmp(h->l.doc_no, doc_no)) {
		strlist_push(&h->quotes, quote);
		strlist_push(&h->keys, key);
	}
}

static int check_letter_quote(struct store *st, const struct commitment *c,
			      struct trk_error *err)
{
	const struct letter *l;
	int rc;

	if ((rc = door_letter(st, c->letter_doc_no, &l, err)))
		return trk_err_field(err, rc, "letter", "unknown letter '%s'", c->letter_doc_no);
	if (l->text && !strstr(l->text, c->quote))
		return trk_err_field(err, TRK_EINPUT, "quote", "not found in the text of letter "
				     "'%s'", c->letter_doc_no);
	return 0;
}

int door_prepare_new(struct store *st, struct commitment *c, struct trk_error *err)
{
	int rc;

	normalise(&c->section);
	normalise(&c->target.unit);
	normalise(&c->health_override_reason);
	if (c->target.present) {
		c->target.value = c->target.value == 0 ? 0 : c->target.value;
		c->target.baseline = c->target.baseline == 0 ? 0 : c->target.baseline;
	}
	if ((rc = rules_commitment(c, err)) || (rc = door_resolve_owners(st, c, err)) ||
	    (rc = rules_commitment(c, err)) || (rc = check_letter_quote(st, c, err)))
		return rc;
	if (store_commitment_exists(st, c->key))
		return trk_err_field(err, TRK_ECONFLICT, "key", "'%s' is already used", c->key);
	if (!c->uid)
		c->uid = new_uid(c);
	return 0;
}

/* Writes the row and its creation record (seq 0). */
static int insert_with_genesis(struct store *st, const struct actor *a, struct commitment *c,
			       struct trk_error *err)
{
	struct history g;
	char hash[DIGEST_HEXSZ];
	int rc;

	c->sequence = 0;
	free(c->updated_at);
	c->updated_at = xstrdup(c->created_at);
	if ((rc = st->ops->commitment_insert(st->e, c, err)))
		return rc;
	door_quote_added(st, c->letter_doc_no, c->quote, c->key);
	history_init(&g);
	g.commitment_key = c->key;
	g.seq = 0;
	g.field = "created";
	g.new_value = commitment_genesis_text(c);
	g.author = (char *)a->name;
	g.changed_at = c->created_at;
	g.prev_hash = "";
	history_hash(&g, hash);
	g.hash = hash;
	rc = st->ops->history_insert(st->e, c->id, &g, err);
	free(g.new_value);
	return rc;
}

int store_commitment_add(struct store *st, const struct actor *a, struct commitment *c,
			 struct trk_error *err)
{
	char now[TIMESTAMP_BUFSZ];
	int rc;

	if ((rc = door_need_write(st, "adding a commitment", err)) ||
	    (rc = door_admin_only(a, "adding a commitment", err)) ||
	    (rc = door_prepare_new(st, c, err)))
		return rc;
	if (!c->created_at) {
		if ((rc = door_stamp(NULL, now, err)))
			return rc;
		c->created_at = xstrdup(now);
	}
	return insert_with_genesis(st, a, c, err);
}

/* ---- changing --------------------------------------------------------------------- */

/* A change's value in canonical form: owner and co-owner names resolved. */
static int canonical_value(struct store *st, const struct field_change *ch, char **out,
			   struct trk_error *err)
{
	struct commitment t;
	char *canonical;
	int rc;

	*out = NULL;
	if (!ch->value || !*ch->value)
		return 0;
	if (!strcmp(ch->field, "owner"))
		return store_owner_resolve(st, ch->value, out, err);
	if (strcmp(ch->field, "co_owners")) {
		*out = xstrdup(ch->value);
		return 0;
	}
	commitment_init(&t);
	if (!(rc = commitment_field_set(&t, "co_owners", ch->value, err))) {
		for (size_t i = 0; i < t.co_owners.n && !rc; i++) {
			if (!(rc = store_owner_resolve(st, t.co_owners.items[i], &canonical, err))) {
				free(t.co_owners.items[i]);
				t.co_owners.items[i] = canonical;
			}
		}
		if (!rc)
			*out = commitment_field_get(&t, "co_owners");
	}
	commitment_release(&t);
	return rc;
}

static int check_change(const struct commitment *c, const struct field_change *ch,
			const char *reason, struct trk_error *err)
{
	int to;

	if (!commitment_field_known(ch->field))
		return trk_err_field(err, TRK_EINPUT, "field", "'%s' is not a field that changes "
				     "(the letter, quote and section of a commitment never do)",
				     ch->field);
	if (commitment_field_needs_reason(ch->field) && (!reason || !*reason) &&
	    !(strcmp(ch->field, "health_override") == 0 && !ch->value))
		return trk_err_field(err, TRK_EINPUT, "reason", "a change of %s needs a reason",
				     ch->field);
	if (!strcmp(ch->field, "status") && (to = status_parse(ch->value)) >= 0)
		return rules_status_change(c->status, (enum status)to, reason, err);
	return 0;
}

/* One change applied to l and recorded in its history. */
static int apply_change(struct store *st, const struct actor *a, struct loaded *l,
			const struct field_change *ch, const char *reason, struct trk_error *err)
{
	struct history h;
	char now[TIMESTAMP_BUFSZ], *value = NULL;
	int rc;

	history_init(&h);
	if ((rc = check_change(&l->c, ch, reason, err)) ||
	    (rc = canonical_value(st, ch, &value, err)) ||
	    (rc = door_stamp(history_tail_time(l), now, err)))
		goto out;
	h.field = (char *)ch->field;
	h.old_value = commitment_field_get(&l->c, ch->field);
	h.new_value = value;
	h.author = (char *)a->name;
	h.changed_at = now;
	h.reason = (char *)(reason && *reason ? reason : NULL);
	if ((rc = commitment_apply(&l->c, &h, err)))
		goto out;
	free(h.new_value);
	h.new_value = value = commitment_field_get(&l->c, ch->field);
	if ((!h.old_value && !h.new_value) || (h.old_value && h.new_value &&
					       !strcmp(h.old_value, h.new_value))) {
		rc = trk_err_field(err, TRK_EINPUT, ch->field, "%s is already '%s'", l->c.key,
				   h.new_value ? h.new_value : "(none)");
		goto out;
	}
	rc = door_history_append(st, l, &h, err);
out:
	free(h.old_value);
	free(value);
	return rc;
}

int store_commitment_change(struct store *st, const struct actor *a, const char *key,
			    const struct field_change *changes, size_t n, const char *reason,
			    struct trk_error *err)
{
	struct loaded l;
	int rc;

	if ((rc = door_need_write(st, "changing a commitment", err)) ||
	    (rc = rules_text(reason, TEXT_MULTILINE, "reason", err)) ||
	    (rc = door_load(st, key, &l, err)))
		return rc;
	if (!n)
		rc = trk_err(err, TRK_EINPUT, "nothing to change");
	if (!rc)
		rc = door_may_write(a, &l.c, err);
	for (size_t i = 0; i < n && !rc; i++)
		rc = apply_change(st, a, &l, &changes[i], reason, err);
	if (!rc && !(rc = rules_commitment(&l.c, err)))
		rc = door_update_row(st, &l, err);
	loaded_release(&l);
	return rc;
}

/* ---- check-ins ------------------------------------------------------------------------ */

/* Hashes k as the next link of l's check-ins and writes it. */
static int append_checkin(struct store *st, struct loaded *l, struct checkin *k,
			  struct trk_error *err)
{
	char hash[DIGEST_HEXSZ];
	int rc;

	k->seq = (int)l->nk + 1;
	free(k->prev_hash);
	k->prev_hash = xstrdup(checkins_tail_hash(l));
	free(k->commitment_key);
	k->commitment_key = xstrdup(l->c.key);
	checkin_hash(k, hash);
	free(k->hash);
	k->hash = xstrdup(hash);
	if ((rc = st->ops->checkin_insert(st->e, l->c.id, k, err)))
		return rc;
	keep_checkin(l, k);
	return 0;
}

/* A new check-in on l: the actor's scope, the rules, the clock, the chain. */
int door_checkin_new(struct store *st, const struct actor *a, struct loaded *l,
		     int32_t letter_date, struct checkin *k, struct trk_error *err)
{
	struct checkin_context x = { .c = &l->c, .known = l->k, .n = l->nk,
				     .letter_date = letter_date };
	char now[TIMESTAMP_BUFSZ];
	int rc;

	normalise(&k->note);
	normalise(&k->evidence);
	normalise(&k->reason);
	if (a->role != ROLE_ADMIN || !k->author || !*k->author) {
		free(k->author);   /* a signed-in user writes under their own name */
		k->author = xstrdup(a->name);
	}
	if ((rc = door_may_write(a, &l->c, err)) || (rc = door_clock(now, &x.today, err)) ||
	    (rc = rules_checkin(k, &x, err)) ||
	    (rc = door_not_behind(now, checkins_tail_time(l), err)))
		return rc;
	/* A file's time is kept only where it continues the chain. */
	if (k->recorded_at) {
		int64_t t;
		if ((rc = timestamp_parse(k->recorded_at, &t, "recorded_at", err)))
			return rc;
		if (strlen(k->recorded_at) != TIMESTAMP_BUFSZ - 1)
			return trk_err_field(err, TRK_EINPUT, "recorded_at", "'%s' is not a "
					     "timestamp YYYY-MM-DDTHH:MM:SSZ", k->recorded_at);
		if (strcmp(k->recorded_at, now) > 0)
			return trk_err_field(err, TRK_EINPUT, "recorded_at", "%s is in the future",
					     k->recorded_at);
		if (checkins_tail_time(l) && strcmp(k->recorded_at, checkins_tail_time(l)) < 0)
			return trk_err_field(err, TRK_EINPUT, "recorded_at", "%s is before the last "
					     "check-in of %s (%s): time only moves forward",
					     k->recorded_at, l->c.key, checkins_tail_time(l));
	} else {
		k->recorded_at = xstrdup(now);
	}
	return append_checkin(st, l, k, err);
}

int door_letter_date(struct store *st, const char *doc_no, int32_t *out, struct trk_error *err)
{
	struct letter l;
	int rc;

	if (st->letter && !strcmp(st->letter->l.doc_no, doc_no)) {
		*out = st->letter->l.date;
		return 0;
	}
	letter_init(&l);
	rc = st->ops->letter_lookup(st->e, doc_no, NULL, false, &l, err);
	*out = l.date;
	letter_release(&l);
	return rc;
}

int store_checkin_add(struct store *st, const struct actor *a, struct checkin *k,
		      struct trk_error *err)
{
	struct loaded l;
	int32_t letter_date = DATE_NONE;
	int rc;

	if ((rc = door_need_write(st, "logging a check-in", err)) ||
	    (rc = door_load(st, k->commitment_key, &l, err)))
		return rc;
	if (!(rc = door_letter_date(st, l.c.letter_doc_no, &letter_date, err)) &&
	    !(rc = door_checkin_new(st, a, &l, letter_date, k, err)))
		rc = door_summary_put(st, &l, err);
	loaded_release(&l);
	return rc;
}

int door_checkin_append(struct store *st, struct loaded *l, struct checkin *k,
			struct trk_error *err)
{
	return append_checkin(st, l, k, err);
}
