/* check.c - the checks behind `tracker check` (see check.h). */
#include "record/check.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/canonical.h"
#include "model/commitment_field.h"
#include "store/store_user.h"
#include "util/date.h"
#include "util/strbuf.h"
#include "util/banned.h"

/* A sorted list of key -> value, built once, then searched. */
struct kv {
	char *key, *value;
	size_t pos;               /* the order it was put in */
};

struct kvs {
	struct kv *items;
	size_t n, alloc;
};

static void kvs_put(struct kvs *m, const char *key, const char *value)
{
	if (m->n == m->alloc) {
		m->alloc = m->alloc ? 2 * m->alloc : 64;
		m->items = xrealloc(m->items, m->alloc * sizeof(*m->items));
	}
	m->items[m->n] = (struct kv){ xstrdup(key), xstrdup(value), m->n };
	m->n++;
}

static int kv_cmp(const void *a, const void *b)
{
	return strcmp(((const struct kv *)a)->key, ((const struct kv *)b)->key);
}

static int kv_cmp_pos(const void *a, const void *b)
{
	const struct kv *x = a, *y = b;
	int c = kv_cmp(a, b);

	return c ? c : x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Sorts and drops repeated keys (an alias journaled twice is one alias). */
static void kvs_sort(struct kvs *m)
{
	size_t w = 0;

	if (m->n > 1)
		qsort(m->items, m->n, sizeof(*m->items), kv_cmp);
	for (size_t i = 0; i < m->n; i++) {
		if (w && !strcmp(m->items[w - 1].key, m->items[i].key)) {
			free(m->items[w - 1].key);
			free(m->items[w - 1].value);
			w--;
		}
		m->items[w++] = m->items[i];
	}
	m->n = w;
}

/* Sorts keeping the last value put for each key (a later journal entry
 * wins: the position breaks ties, so the order is that of the puts). */
static void kvs_sort_last(struct kvs *m)
{
	size_t w = 0;

	if (m->n > 1)
		qsort(m->items, m->n, sizeof(*m->items), kv_cmp_pos);
	for (size_t i = 0; i < m->n; i++) {
		if (w && !strcmp(m->items[w - 1].key, m->items[i].key)) {
			free(m->items[w - 1].key);
			free(m->items[w - 1].value);
			w--;
		}
		m->items[w++] = m->items[i];
	}
	m->n = w;
}

static const char *kvs_get(const struct kvs *m, const char *key)
{
	struct kv probe = { (char *)key, NULL, 0 }, *hit;

	hit = m->n ? bsearch(&probe, m->items, m->n, sizeof(*m->items), kv_cmp) : NULL;
	return hit ? hit->value : NULL;
}

static void kvs_release(struct kvs *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->items[i].key);
		free(m->items[i].value);
	}
	free(m->items);
	memset(m, 0, sizeof(*m));
}

/* ---- findings -------------------------------------------------------------------- */

struct checker {
	struct store *st;
	check_fn fn;
	void *ctx;
	int n;
	/* what the journal says */
	struct kvs owners, aliases, letters, settings, users, passwords, tokens;
	size_t owners_seen, aliases_seen, settings_seen, users_seen, tokens_seen;
	int64_t journal_seq;
	char journal_prev[DIGEST_HEXSZ];
	char *journal_time;
	bool journal_broken;
	/* the letter whose text is at hand, for quotes */
	char *text_doc_no, *text;
	/* the engine's check while it runs beside the walk, and the walk's
	 * findings that wait for the engine's (see deliver) */
	struct engine_check *pending;
	struct held_findings held;
};

/* At most this many findings wait for the engine's; then the walk waits. */
#define HELD_MAX 1000

static int engine_finding(const struct check_finding *f, void *arg, struct trk_error *err)
{
	struct checker *c = arg;

	c->n++;
	return c->fn(f, c->ctx, err);
}

/* The engine's findings, then the walk's that waited for them: the same
 * order as when the engine's check ran first. Frees what waited, always. */
static int settle(struct checker *c, struct trk_error *err)
{
	struct engine_check *pending = c->pending;
	int rc;

	c->pending = NULL;
	rc = store_engine_check_finish(c->st, pending, engine_finding, c, err);
	if (rc) {
		held_findings_clear(&c->held);
		return rc;
	}
	return held_findings_flush(&c->held, c->fn, c->ctx, err);
}

static int deliver(struct checker *c, const struct check_finding *f, struct trk_error *err)
{
	int rc;

	if (c->pending && c->held.n == HELD_MAX && (rc = settle(c, err)))
		return rc;
	if (!c->pending)
		return c->fn(f, c->ctx, err);
	held_findings_add(&c->held, f);
	return 0;
}

__attribute__((format(printf, 6, 7)))
static int finding(struct checker *c, struct trk_error *err, enum check_kind kind,
		   const char *key, int seq, const char *fmt, ...)
{
	struct check_finding f = { .kind = kind, .key = key, .seq = seq };
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	f.message = msg;
	c->n++;
	return deliver(c, &f, err);
}

/* A part of the record that could not be read is a finding; other errors
 * (a callback's, a programming error) stop the check. */
static int readable(struct checker *c, int rc, const char *part, struct trk_error *err)
{
	if (rc != TRK_EDB && rc != TRK_EIO)
		return rc;
	return finding(c, err, CHECK_READ, NULL, 0, "%s could not be read: %s", part, err->msg);
}

/* ---- the journal ------------------------------------------------------------------- */

static const char *content_member(const char *content, const char *name, struct strbuf *out)
{
	cJSON *o = cJSON_Parse(content);
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, name);

	strbuf_reset(out);
	if (cJSON_IsString(m))
		strbuf_addstr(out, m->valuestring);
	cJSON_Delete(o);
	return out->buf;
}

/* What the entry says about the tables. */
static void remember(struct checker *c, const struct journal_entry *e)
{
	struct strbuf v = STRBUF_INIT, pair = STRBUF_INIT;

	if (!strcmp(e->kind, "owner")) {
		kvs_put(&c->owners, e->subject, "");
	} else if (!strcmp(e->kind, "alias")) {
		strbuf_addf(&pair, "%s\x1f%s", e->subject, content_member(e->content, "alias", &v));
		kvs_put(&c->aliases, pair.buf, "");
	} else if (!strcmp(e->kind, "letter")) {
		kvs_put(&c->letters, e->subject, e->content);
	} else if (!strcmp(e->kind, "setting")) {
		kvs_put(&c->settings, e->subject, content_member(e->content, "value", &v));
	} else if (!strcmp(e->kind, "user")) {
		kvs_put(&c->users, e->subject, e->content);
	} else if (!strcmp(e->kind, "password")) {
		kvs_put(&c->passwords, e->subject, content_member(e->content, "digest", &v));
	} else if (!strcmp(e->kind, "token")) {
		kvs_put(&c->tokens, e->subject, e->content);
	}
	strbuf_release(&v);
	strbuf_release(&pair);
}

static int journal_entry(const struct journal_entry *e, void *arg, struct trk_error *err)
{
	struct checker *c = arg;
	char hash[DIGEST_HEXSZ];
	int rc = 0, before = c->n;

	remember(c, e);
	if (c->journal_broken)
		return 0;
	journal_hash(e, hash);
	if (e->seq != c->journal_seq + 1)
		rc = finding(c, err, CHECK_JOURNAL, "journal", (int)e->seq, "%s",
			     e->seq > c->journal_seq + 1 ? "an entry before it is missing (seq gap)"
			     : "its seq repeats or goes back");
	else if (strcmp(e->prev_hash ? e->prev_hash : "", c->journal_prev))
		rc = finding(c, err, CHECK_JOURNAL, "journal", (int)e->seq, "prev_hash is not the "
			     "hash of the entry before it (chain broken)");
	else if (strcmp(e->hash ? e->hash : "", hash))
		rc = finding(c, err, CHECK_JOURNAL, "journal", (int)e->seq, "hash does not match "
			     "the entry's content (entry altered)");
	else if (c->journal_time && strcmp(e->at, c->journal_time) < 0)
		rc = finding(c, err, CHECK_TIME, "journal", (int)e->seq, "recorded at %s, before "
			     "the entry before it (%s)", e->at, c->journal_time);
	c->journal_broken = rc || c->n > before;
	c->journal_seq = e->seq;
	snprintf(c->journal_prev, sizeof(c->journal_prev), "%s", e->hash ? e->hash : "");
	free(c->journal_time);
	c->journal_time = xstrdup(e->at);
	return rc;
}

/* ---- tables against the journal ------------------------------------------------------- */

static int check_owner(const struct owner *o, void *arg, struct trk_error *err)
{
	struct checker *c = arg;
	struct strbuf pair = STRBUF_INIT;
	int rc = 0;

	if (!kvs_get(&c->owners, o->name))
		rc = finding(c, err, CHECK_JOURNAL, o->name, 0, "an owner the journal never "
			     "recorded (added outside tracker?)");
	else
		c->owners_seen++;
	for (size_t i = 0; i < o->aliases.n && !rc; i++) {
		strbuf_reset(&pair);
		strbuf_addf(&pair, "%s\x1f%s", o->name, o->aliases.items[i]);
		if (!kvs_get(&c->aliases, pair.buf))
			rc = finding(c, err, CHECK_JOURNAL, o->name, 0, "the alias '%s' was never "
				     "recorded in the journal (added outside tracker?)",
				     o->aliases.items[i]);
		else
			c->aliases_seen++;
	}
	strbuf_release(&pair);
	return rc;
}

static int check_letter(const struct letter *l, void *arg, struct trk_error *err)
{
	struct checker *c = arg;
	const char *recorded = kvs_get(&c->letters, l->doc_no);
	char *now = letter_journal_text(l), hex[DIGEST_HEXSZ];
	int rc = 0;

	if (!recorded)
		rc = finding(c, err, CHECK_JOURNAL, l->doc_no, 0, "a letter the journal never "
			     "recorded (added outside tracker?)");
	else if (strcmp(recorded, now))
		rc = finding(c, err, CHECK_JOURNAL, l->doc_no, 0, "the letter's metadata is not "
			     "what the journal recorded (altered outside tracker?)");
	free(now);
	if (rc || !l->text)
		return rc;
	sha256_hex(l->text, strlen(l->text), hex);
	if (!l->text_sha256 || strcmp(l->text_sha256, hex))
		rc = finding(c, err, CHECK_TEXT_HASH, l->doc_no, 0, "the letter's text does not "
			     "match its text_sha256 (text altered?)");
	return rc;
}

static int check_setting_row(const char *key, const char *value, void *arg,
			     struct trk_error *err)
{
	struct checker *c = arg;
	const char *recorded = kvs_get(&c->settings, key);

	if (recorded && !strcmp(recorded, value)) {
		c->settings_seen++;
		return 0;
	}
	return finding(c, err, CHECK_JOURNAL, "setting", 0, "the setting %s = '%.60s' is not what "
		       "the journal recorded (changed outside tracker?)", key, value);
}

/* A user's role, scope and state, and its password hash, as the journal
 * last recorded them: a row changed behind tracker's back could give
 * someone rights nobody granted. */
static int check_user_row(const struct user *u, void *arg, struct trk_error *err)
{
	struct checker *c = arg;
	const char *recorded = kvs_get(&c->users, u->name);
	const char *password = kvs_get(&c->passwords, u->name);
	char *now = user_journal_text(u), digest[DIGEST_HEXSZ];
	int rc = 0;

	c->users_seen += recorded != NULL;
	if (!recorded)
		rc = finding(c, err, CHECK_JOURNAL, u->name, 0, "a user the journal never "
			     "recorded (added outside tracker?)");
	else if (strcmp(recorded, now))
		rc = finding(c, err, CHECK_JOURNAL, u->name, 0, "the user's role, owners, letters "
			     "or state are not what the journal recorded (changed outside tracker?)");
	free(now);
	if (rc || (rc = store_user_password_digest(c->st, u->name, digest, err)))
		return rc;
	if (strcmp(digest, password ? password : ""))
		rc = finding(c, err, CHECK_JOURNAL, u->name, 0, "the user's password hash is not "
			     "the one the journal recorded (set outside tracker?)");
	return rc;
}

static int check_token_row(const struct token *t, void *arg, struct trk_error *err)
{
	struct checker *c = arg;
	const char *recorded = kvs_get(&c->tokens, t->id);
	char *now = token_journal_text(t);
	int rc = 0;

	c->tokens_seen += recorded != NULL;
	if (!recorded || strcmp(recorded, now))
		rc = finding(c, err, CHECK_JOURNAL, t->id, 0, "%s", recorded
			     ? "the token is not what the journal recorded (changed outside "
			       "tracker?)" : "a token the journal never recorded (added outside "
			       "tracker?)");
	else if (strncmp(t->hash ? t->hash : "", t->id, strlen(t->id)))
		rc = finding(c, err, CHECK_JOURNAL, t->id, 0, "the token's id is not the start of "
			     "its hash");
	free(now);
	return rc;
}

/* What the journal recorded and the tables no longer hold. */
static int check_missing(struct checker *c, struct trk_error *err)
{
	if (c->owners_seen < c->owners.n || c->aliases_seen < c->aliases.n)
		return finding(c, err, CHECK_JOURNAL, "owner", 0, "%zu owner%s and %zu alias%s the "
			       "journal recorded are missing from the tables (deleted outside "
			       "tracker?)", c->owners.n - c->owners_seen,
			       c->owners.n - c->owners_seen == 1 ? "" : "s",
			       c->aliases.n - c->aliases_seen,
			       c->aliases.n - c->aliases_seen == 1 ? "" : "es");
	if (c->users_seen < c->users.n || c->tokens_seen < c->tokens.n)
		return finding(c, err, CHECK_JOURNAL, "user", 0, "%zu user%s and %zu token%s the "
			       "journal recorded are missing from the tables (deleted outside tracker?)",
			       c->users.n - c->users_seen, c->users.n - c->users_seen == 1 ? "" : "s",
			       c->tokens.n - c->tokens_seen,
			       c->tokens.n - c->tokens_seen == 1 ? "" : "s");
	if (c->settings_seen < c->settings.n)
		return finding(c, err, CHECK_JOURNAL, "setting", 0, "%zu setting%s the journal "
			       "recorded %s missing from the table (deleted outside tracker?)",
			       c->settings.n - c->settings_seen,
			       c->settings.n - c->settings_seen == 1 ? "" : "s",
			       c->settings.n - c->settings_seen == 1 ? "is" : "are");
	return 0;
}

static int check_settings(struct checker *c, struct trk_error *err)
{
	struct settings table, journal;
	int rc;

	if ((rc = store_settings(c->st, NULL, &table, err)) ||
	    (rc = store_settings(c->st, "9999-12-31T23:59:59Z", &journal, err)))
		return rc;
	if (table.health.at_risk_gap != journal.health.at_risk_gap ||
	    table.health.off_track_gap != journal.health.off_track_gap ||
	    table.checkin_day != journal.checkin_day ||
	    strcmp(table.reply_classes, journal.reply_classes))
		return finding(c, err, CHECK_JOURNAL, "setting", 0, "the settings table is not what "
			       "the journal recorded (changed outside tracker?)");
	return 0;
}

/* ---- one commitment --------------------------------------------------------------------- */

/* The first broken link of a chain of n records with seq from `first`. */
static int check_links(struct checker *c, const char *key, enum check_kind kind, int first,
		       size_t n, const char *(*seq_prev_hash_time)(size_t i, void *recs, int *seq,
							       const char **prev, const char **hash,
							       char computed[DIGEST_HEXSZ]),
		       void *recs, struct trk_error *err)
{
	const char *prev, *hash, *last = "", *time, *last_time = NULL;
	char computed[DIGEST_HEXSZ];
	int seq, expect = first;

	for (size_t i = 0; i < n; i++, expect++) {
		time = seq_prev_hash_time(i, recs, &seq, &prev, &hash, computed);
		if (seq != expect)
			return finding(c, err, kind, key, seq, "%s", seq > expect
				       ? "a record before it is missing (seq gap)"
				       : "its seq repeats or goes back");
		if (strcmp(prev ? prev : "", last))
			return finding(c, err, kind, key, seq, "prev_hash is not the hash of the "
				       "record before it (chain broken)");
		if (strcmp(hash ? hash : "", computed))
			return finding(c, err, kind, key, seq, "hash does not match the record's "
				       "content (record altered)");
		if (last_time && time && strcmp(time, last_time) < 0)
			return finding(c, err, CHECK_TIME, key, seq, "recorded at %s, before the "
				       "record before it (%s): backdated?", time, last_time);
		last = hash;
		last_time = time;
	}
	return 0;
}

static const char *checkin_link(size_t i, void *recs, int *seq, const char **prev,
				const char **hash, char computed[DIGEST_HEXSZ])
{
	const struct checkin *k = (const struct checkin *)recs + i;

	*seq = k->seq, *prev = k->prev_hash, *hash = k->hash;
	checkin_hash(k, computed);
	return k->recorded_at;
}

static const char *history_link(size_t i, void *recs, int *seq, const char **prev,
				const char **hash, char computed[DIGEST_HEXSZ])
{
	const struct history *h = (const struct history *)recs + i;

	*seq = h->seq, *prev = h->prev_hash, *hash = h->hash;
	history_hash(h, computed);
	return h->changed_at;
}

static int check_genesis(struct checker *c, const struct commitment_record *r,
			 struct trk_error *err)
{
	const struct history *g = r->history;
	char hash[DIGEST_HEXSZ];

	if (!r->nhistory || g->seq != 0 || strcmp(g->field, "created"))
		return finding(c, err, CHECK_HISTORY_CHAIN, r->c->key, 0, "its creation record "
			       "is missing (deleted outside tracker?)");
	history_hash(g, hash);
	if (strcmp(g->hash ? g->hash : "", hash) || (g->prev_hash && *g->prev_hash))
		return finding(c, err, CHECK_HISTORY_CHAIN, r->c->key, 0, "its creation record "
			       "does not match its hash (record altered)");
	return 0;
}

/* The row must be what the creation record and the changes give. */
static int check_row(struct checker *c, const struct commitment_record *r, struct trk_error *err)
{
	struct commitment replayed;
	struct trk_error ignored;
	const char *field = NULL;
	int rc = 0;

	if (commitment_is_its_creation(r->c, r->history, r->nhistory))
		return 0;
	if (commitment_replay(r->history, r->nhistory, NULL, &replayed, &ignored))
		return finding(c, err, CHECK_ROW, r->c->key, 0, "its records cannot be replayed: %s",
			       ignored.msg);
	if (!commitment_same(r->c, &replayed, &field))
		rc = finding(c, err, CHECK_ROW, r->c->key, 0, "its %s is not what its records say "
			     "(changed outside tracker?)", field);
	commitment_release(&replayed);
	return rc;
}

static int check_quote(struct checker *c, const struct commitment *cm, struct trk_error *err)
{
	struct letter l;
	int rc;

	if (!c->text_doc_no || strcmp(c->text_doc_no, cm->letter_doc_no)) {
		free(c->text_doc_no);
		free(c->text);
		c->text_doc_no = xstrdup(cm->letter_doc_no);
		c->text = NULL;
		if ((rc = store_letter_get(c->st, cm->letter_doc_no, true, &l, err)))
			return rc;
		c->text = l.text;
		l.text = NULL;
		letter_release(&l);
	}
	if (c->text && cm->quote && !strstr(c->text, cm->quote))
		return finding(c, err, CHECK_QUOTE, cm->key, 0, "the quote is not in the text of "
			       "letter '%s'", cm->letter_doc_no);
	return 0;
}

/* What differs between a stored summary and the one the check-ins give,
 * first field first, into sb. */
static void summary_difference(const struct progress_digest *stored,
			       const struct progress_digest *d, struct strbuf *sb)
{
	const struct effective_value *x = &stored->current, *y = &d->current;
	char a[DATE_BUFSZ], b[DATE_BUFSZ];

	if (stored->n != d->n) {
		strbuf_addf(sb, "count %d, the check-ins %d", stored->n, d->n);
	} else if (stored->last_as_of != d->last_as_of) {
		date_format(stored->last_as_of, a);
		date_format(d->last_as_of, b);
		strbuf_addf(sb, "latest date %s, the check-ins %s", a, b);
	} else if (x->present != y->present) {
		strbuf_addf(sb, "%s figure, the check-ins %s", x->present ? "a" : "no",
			    y->present ? "one" : "none");
	} else if (x->present && (x->value != y->value || x->as_of != y->as_of ||
				  x->seq != y->seq)) {
		date_format(x->as_of, a);
		date_format(y->as_of, b);
		strbuf_addf(sb, "figure %g of %s (#%d), the check-ins %g of %s (#%d)", x->value,
			    a, x->seq, y->value, b, y->seq);
	} else {
		strbuf_addf(sb, "pace %s%.17g a day, the check-ins %s%.17g",
			    stored->has_slope ? "" : "none ", stored->slope,
			    d->has_slope ? "" : "none ", d->slope);
	}
}

/* The stored summary against the one its check-ins give: derived, but
 * what a whole-store list shows. */
static int check_summary(struct checker *c, const struct commitment_record *r,
			 struct trk_error *err)
{
	struct strbuf why = STRBUF_INIT;
	struct progress_digest d;
	int rc;

	if (!r->ncheckins)
		return r->summary ? finding(c, err, CHECK_SUMMARY, r->c->key, 0, "it has a check-in "
					    "summary but no check-ins") : 0;
	progress_digest_of(r->checkins, r->ncheckins, PROGRESS_ALL_DATES, &d);
	if (!r->summary)
		return finding(c, err, CHECK_SUMMARY, r->c->key, 0, "its %d check-in%s have no "
			       "summary", d.n, d.n == 1 ? "" : "s");
	if (progress_digest_equal(&d, r->summary))
		return 0;
	summary_difference(r->summary, &d, &why);
	rc = finding(c, err, CHECK_SUMMARY, r->c->key, 0, "its check-in summary is not what its "
		     "check-ins give: %s", why.buf);
	strbuf_release(&why);
	return rc;
}

static int check_commitment(const struct commitment_record *r, void *arg, struct trk_error *err)
{
	struct checker *c = arg;
	const struct history *changes = r->nhistory && r->history[0].seq == 0 ? r->history + 1
								  : r->history;
	size_t nchanges = changes == r->history ? r->nhistory : r->nhistory - 1;
	int before = c->n, rc;

	if ((rc = check_genesis(c, r, err)) ||
	    (rc = check_links(c, r->c->key, CHECK_HISTORY_CHAIN, 1, nchanges, history_link,
			      (void *)changes, err)) ||
	    (rc = check_links(c, r->c->key, CHECK_CHECKIN_CHAIN, 1, r->ncheckins, checkin_link,
			      (void *)r->checkins, err)))
		return rc;
	/* The row and the summary are compared only with records that verify. */
	if (c->n == before && ((rc = check_row(c, r, err)) || (rc = check_summary(c, r, err))))
		return rc;
	return check_quote(c, r->c, err);
}

/* ---- all of it ----------------------------------------------------------------------------- */

static int check_commitments(struct checker *c, struct trk_error *err)
{
	struct query q;
	int rc = query_init(&q, err);

	if (rc)
		return rc;
	q.order = SORT_ADDED;   /* a letter's commitments together: its text read once */
	q.want = WANT_CHECKINS | WANT_HISTORY | WANT_BULK | WANT_SUMMARY;
	return store_query(c->st, &q, check_commitment, c, err);
}

static int run_all(struct store *st, void *arg, struct trk_error *err)
{
	struct checker *c = arg;
	int rc;

	if ((rc = store_engine_check_start(st, engine_finding, c, &c->pending, err)) ||
	    (rc = readable(c, store_journal(st, NULL, journal_entry, c, err), "the journal", err)))
		return rc;
	kvs_sort(&c->owners);
	kvs_sort(&c->aliases);
	kvs_sort(&c->letters);
	kvs_sort_last(&c->settings);
	kvs_sort_last(&c->users);
	kvs_sort_last(&c->passwords);
	kvs_sort_last(&c->tokens);
	if ((rc = readable(c, store_owners(st, check_owner, c, err), "the owners", err)) ||
	    (rc = readable(c, store_users(st, check_user_row, c, err), "the users", err)) ||
	    (rc = readable(c, store_tokens(st, NULL, check_token_row, c, err), "the tokens",
			   err)) ||
	    (rc = readable(c, store_letters(st, true, check_letter, c, err), "the letters", err)) ||
	    (rc = readable(c, store_setting_rows(st, check_setting_row, c, err), "the settings",
			   err)) ||
	    (rc = readable(c, check_settings(c, err), "the settings", err)) ||
	    (rc = check_missing(c, err)))
		return rc;
	return readable(c, check_commitments(c, err), "the commitments", err);
}

int check_run(struct store *st, check_fn fn, void *ctx, int *nfindings, struct trk_error *err)
{
	struct checker c = { .st = st, .fn = fn, .ctx = ctx };
	int rc;

	c.journal_prev[0] = '\0';
	/* One snapshot: writers that commit meanwhile cause no false findings.
	 * (The engine's check beside it reads one of its own.) */
	rc = store_read(st, run_all, &c, err);
	if (c.pending) {
		struct trk_error ignored;
		int settled = settle(&c, rc ? &ignored : err);
		rc = rc ? rc : settled;
	}
	*nfindings = c.n;
	kvs_release(&c.owners);
	kvs_release(&c.aliases);
	kvs_release(&c.letters);
	kvs_release(&c.settings);
	kvs_release(&c.users);
	kvs_release(&c.passwords);
	kvs_release(&c.tokens);
	free(c.journal_time);
	free(c.text_doc_no);
	free(c.text);
	return rc;
}
