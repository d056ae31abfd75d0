/* store_import.c - the door for records another store wrote: they keep
 * their hashes and times, but only where they fit the chains here, and a
 * file imported twice changes nothing. */
#include "store/door.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/canonical.h"
#include "model/commitment_field.h"
#include "model/rules.h"
#include "util/strbuf.h"
#include "util/banned.h"

/* ---- history ----------------------------------------------------------------- */

/* A record of the file that is not here yet must be the next link: its seq
 * follows, its prev_hash is the last hash here, its hash is its content's,
 * and its time is not before the last record's. */
static int check_history_link(const struct loaded *l, const struct history *h,
			      struct trk_error *err)
{
	char computed[DIGEST_HEXSZ];
	int next = l->nh ? l->h[l->nh - 1].seq + 1 : 0;

	history_hash(h, computed);
	if (!h->hash || strcmp(h->hash, computed))
		return trk_err_field(err, TRK_EINPUT, "hash", "history #%d: does not match the "
				     "record's content (altered after it was written?)", h->seq);
	if (h->seq != next || strcmp(h->prev_hash ? h->prev_hash : "", history_tail_hash(l)))
		return trk_err_field(err, TRK_EINPUT, "seq", "history #%d does not follow record "
				     "#%d of the chain here", h->seq, next - 1);
	if (history_tail_time(l) && h->changed_at && strcmp(h->changed_at, history_tail_time(l)) < 0)
		return trk_err_field(err, TRK_EINPUT, "changed_at", "history #%d (%s) is older than "
				     "the record before it (%s)", h->seq, h->changed_at,
				     history_tail_time(l));
	return 0;
}

static const struct history *stored_seq(const struct loaded *l, int seq)
{
	for (size_t i = 0; i < l->nh; i++)
		if (l->h[i].seq == seq)
			return &l->h[i];
	return NULL;
}

/* Appends the file's records that are not here, applying each to the row. */
static int import_history(struct store *st, struct loaded *l, const struct history *h,
			  size_t nh, struct trk_error *err)
{
	const struct history *mine;
	int rc;

	for (size_t i = 0; i < nh; i++) {
		const struct history *r = &h[i];
		if ((mine = stored_seq(l, r->seq))) {
			if (r->hash && !strcmp(mine->hash, r->hash))
				continue;
			return trk_err_field(err, TRK_ECONFLICT, "history", "#%d differs from the "
					     "record stored here", r->seq);
		}
		if ((rc = rules_text(r->reason, TEXT_MULTILINE, "reason", err)) ||
		    (rc = rules_text(r->author, TEXT_LINE, "author", err)) ||
		    (rc = check_history_link(l, r, err)) ||
		    (rc = commitment_apply(&l->c, r, err)) ||
		    (rc = st->ops->history_insert(st->e, l->c.id, r, err)))
			return rc;
		l->h = xrealloc(l->h, (l->nh + 1) * sizeof(*l->h));
		history_copy(&l->h[l->nh++], r);
	}
	return 0;
}

/* ---- the creation record ------------------------------------------------------------ */

/* What the file's commitment was when created: given as its record seq 0,
 * or its fields with the file's changes undone, newest first. */
static int genesis_of(const struct commitment *c, const struct history *h, size_t nh,
		      struct commitment *g, struct trk_error *err)
{
	int rc = 0;

	if (nh && h[0].seq == 0)
		return commitment_from_genesis(h[0].new_value, g, err);
	commitment_copy(g, c);
	for (size_t i = nh; i-- > 0 && !rc;)
		if (h[i].seq > 0)
			rc = commitment_field_set(g, h[i].field, h[i].old_value, err);
	if (!rc && g->health_override < 0) {
		free(g->health_override_reason);
		g->health_override_reason = NULL;
	}
	if (rc)
		commitment_release(g);
	return rc;
}

/* Stores the creation state g and its record: the file's own (kept with its
 * hash, which must match) or a new one. */
static int insert_new(struct store *st, const struct actor *a, struct commitment *g,
		      const struct history *h, size_t nh, struct loaded *l, struct trk_error *err)
{
	struct history rec;
	char hash[DIGEST_HEXSZ], *text;
	int rc;

	if ((rc = st->ops->commitment_insert(st->e, g, err)))
		return rc;
	door_quote_added(st, g->letter_doc_no, g->quote, g->key);
	history_init(&rec);
	if (nh && h[0].seq == 0) {
		/* The file's own record: it must say what is stored, and hash
		 * to what it claims. */
		history_copy(&rec, &h[0]);
		text = commitment_genesis_text(g);
		history_hash(&rec, hash);
		if (!rec.hash || !rec.new_value || strcmp(rec.hash, hash) ||
		    strcmp(rec.new_value, text))
			rc = trk_err_field(err, TRK_EINPUT, "history", "#0 (the creation record) "
					   "does not match the commitment it creates");
		free(text);
	} else {
		rec.commitment_key = xstrdup(g->key);
		rec.field = xstrdup("created");
		rec.new_value = commitment_genesis_text(g);
		rec.author = xstrdup(a->name);
		rec.changed_at = xstrdup(g->created_at);
		rec.prev_hash = xstrdup("");
		history_hash(&rec, hash);
		rec.hash = xstrdup(hash);
	}
	if (!rc)
		rc = st->ops->history_insert(st->e, g->id, &rec, err);
	commitment_copy(&l->c, g);
	l->h = xmalloc(sizeof(*l->h));
	l->h[0] = rec;
	l->nh = 1;
	return rc;
}

/* The import never changes a stored commitment: after the file's records
 * are applied, what is stored must be what the file says. */
static int compare_with_file(const struct commitment *stored, const struct commitment *c,
			     struct trk_error *err)
{
	static const char *const fields[] = { "title", "owner", "co_owners", "kind", "target",
					      "window_start", "due", "status", "tags", NULL };

	if (strcmp(stored->letter_doc_no, c->letter_doc_no) || strcmp(stored->quote, c->quote))
		return trk_err_field(err, TRK_ECONFLICT, "key", "'%s' is already used for another "
				     "%s", c->key, strcmp(stored->letter_doc_no, c->letter_doc_no)
				     ? "letter" : "quote");
	for (const char *const *f = fields; *f; f++) {
		char *x = commitment_field_get(stored, *f), *y = commitment_field_get(c, *f);
		bool same = (!x && !y) || (x && y && !strcmp(x, y));
		if (!same)
			trk_err_field(err, TRK_ECONFLICT, *f, "'%s' is stored with another %s "
				      "(stored '%.60s', file '%.60s'): use 'tracker edit'", c->key, *f,
				      x ? x : "", y ? y : "");
		free(x);
		free(y);
		if (!same)
			return TRK_ECONFLICT;
	}
	return 0;
}

/* The commitment of the file into l: loaded when known, else stored with
 * its creation record; then the file's history records not yet here. l is
 * left holding the commitment as stored, for its check-ins. */
static int import_commitment_records(struct store *st, const struct actor *a,
				     struct commitment *c, const struct history *h, size_t nh,
				     struct loaded *l, bool *created, struct trk_error *err)
{
	struct commitment g;
	char now[TIMESTAMP_BUFSZ];
	size_t stored;
	int rc = 0;

	if (store_commitment_exists(st, c->key)) {
		if ((rc = door_load(st, c->key, l, err)))
			return rc;
	} else {
		if (!c->created_at && !(rc = door_stamp(NULL, now, err)))
			c->created_at = xstrdup(now);
		if (rc || (rc = genesis_of(c, h, nh, &g, err)))
			return rc;
		if (!g.created_at)
			g.created_at = xstrdup(c->created_at);
		/* Derived, never taken from a file: the history says them. */
		g.sequence = 0;
		free(g.updated_at);
		g.updated_at = xstrdup(g.created_at);
		if (!g.uid && c->uid)
			g.uid = xstrdup(c->uid);
		free(g.letter_doc_no);
		g.letter_doc_no = xstrdup(c->letter_doc_no);
		rc = door_prepare_new(st, &g, err);
		if (!rc)
			rc = insert_new(st, a, &g, h, nh, l, err);
		commitment_release(&g);
		if (rc)
			return rc;
		*created = true;
	}
	stored = l->nh;
	/* The row is rewritten only when the file's records changed it: a new
	 * commitment's row is its creation state, as just inserted. */
	if (!(rc = import_history(st, l, h, nh, err)) &&
	    !(rc = compare_with_file(&l->c, c, err)) && l->nh != stored)
		rc = door_update_row(st, l, err);
	return rc;
}

/* ---- check-ins ------------------------------------------------------------------------ */

static bool same_text(const char *a, const char *b)
{
	return (!a || !*a) ? (!b || !*b) : (b && !strcmp(a, b));
}

/* A check-in without a hash that is here already: same date, figure, note
 * (and time, when the file gives one). */
static bool already_here(const struct loaded *l, const struct checkin *k)
{
	for (size_t i = 0; i < l->nk; i++) {
		const struct checkin *m = &l->k[i];
		if (m->as_of == k->as_of && m->has_value == k->has_value &&
		    (!k->has_value || m->value == k->value) && same_text(m->note, k->note) &&
		    (!k->recorded_at || same_text(m->recorded_at, k->recorded_at)))
			return true;
	}
	return false;
}

static int check_checkin_link(const struct loaded *l, const struct checkin *k,
			      struct trk_error *err)
{
	char computed[DIGEST_HEXSZ];
	int rc;

	if ((rc = rules_text(k->note, TEXT_MULTILINE, "note", err)) ||
	    (rc = rules_text(k->evidence, TEXT_MULTILINE, "evidence", err)) ||
	    (rc = rules_text(k->author, TEXT_LINE, "author", err)) ||
	    (rc = rules_text(k->reason, TEXT_MULTILINE, "reason", err)))
		return rc;
	if (k->has_value && !isfinite(k->value))
		return trk_err_field(err, TRK_EINPUT, "value", "not a finite number");
	checkin_hash(k, computed);
	if (strcmp(k->hash, computed))
		return trk_err_field(err, TRK_EINPUT, "hash", "check-in #%d: does not match the "
				     "record's content (altered after it was written?)", k->seq);
	if ((size_t)k->seq != l->nk + 1 || strcmp(k->prev_hash ? k->prev_hash : "",
						   checkins_tail_hash(l)))
		return trk_err_field(err, TRK_EINPUT, "seq", "check-in #%d does not follow "
				     "check-in #%zu of the chain here", k->seq, l->nk);
	if (checkins_tail_time(l) && strcmp(k->recorded_at, checkins_tail_time(l)) < 0)
		return trk_err_field(err, TRK_EINPUT, "recorded_at", "check-in #%d (%s) is older "
				     "than the one before it (%s)", k->seq, k->recorded_at,
				     checkins_tail_time(l));
	return 0;
}

/* A record of another store: present already (same hash), or the next link. */
static int import_hashed(struct store *st, struct loaded *l, struct checkin *k, int *added,
			 struct trk_error *err)
{
	int rc;

	if (k->seq >= 1 && (size_t)k->seq <= l->nk) {
		if (!strcmp(l->k[k->seq - 1].hash, k->hash))
			return 0;
		return trk_err_field(err, TRK_ECONFLICT, "checkins", "#%d differs from the "
				     "check-in stored here", k->seq);
	}
	if ((rc = check_checkin_link(l, k, err)) || (rc = door_checkin_append(st, l, k, err)))
		return rc;
	(*added)++;
	return 0;
}

/* The file's check-ins of the commitment held in l. */
static int import_checkins(struct store *st, const struct actor *a, struct loaded *l,
			   struct checkin *k, size_t n, int *added, struct trk_error *err)
{
	int32_t letter_date;
	int before = *added, rc;

	if (!n)
		return 0;
	rc = door_letter_date(st, l->c.letter_doc_no, &letter_date, err);
	for (size_t i = 0; i < n && !rc; i++) {
		if (k[i].hash)
			rc = import_hashed(st, l, &k[i], added, err);
		else if (!already_here(l, &k[i]) &&
			 !(rc = door_checkin_new(st, a, l, letter_date, &k[i], err)))
			(*added)++;
		if (rc)
			trk_err_prefix(err, "checkins[%zu]", i);
	}
	return rc || *added == before ? rc : door_summary_put(st, l, err);
}

/* One door call for a commitment and its check-ins, so that what was just
 * stored is not read back from the store (it was 14 % of a whole import). */
int store_commitment_import(struct store *st, const struct actor *a, struct commitment *c,
			    const struct history *h, size_t nh, struct checkin *k, size_t nk,
			    bool *created, int *added, struct trk_error *err)
{
	struct loaded l;
	int rc;

	*created = false;
	*added = 0;
	if ((rc = door_need_write(st, "importing a commitment", err)) ||
	    (rc = door_admin_only(a, "importing", err)) ||
	    (rc = door_resolve_owners(st, c, err)))
		return rc;
	loaded_init(&l);
	if (!(rc = import_commitment_records(st, a, c, h, nh, &l, created, err)))
		rc = import_checkins(st, a, &l, k, nk, added, err);
	loaded_release(&l);
	return rc;
}

int store_checkin_import(struct store *st, const struct actor *a, struct checkin *k,
			 bool *added, struct trk_error *err)
{
	int32_t letter_date;
	struct loaded l;
	int rc;

	*added = false;
	if ((rc = door_need_write(st, "importing a check-in", err)) ||
	    (rc = door_admin_only(a, "importing", err)) ||
	    (rc = door_load(st, k->commitment_key, &l, err)))
		return rc;
	if (!(rc = door_letter_date(st, l.c.letter_doc_no, &letter_date, err)) &&
	    !already_here(&l, k) && !(rc = door_checkin_new(st, a, &l, letter_date, k, err)) &&
	    !(rc = door_summary_put(st, &l, err)))
		*added = true;
	loaded_release(&l);
	return rc;
}
