/* door.h - what the door's files (store/store_*.c) share: the store
 * itself, the clock of a write, the journal, the actor's scope, and one
 * commitment loaded with its records. Inside store/ only. */
#ifndef TRK_DOOR_H
#define TRK_DOOR_H

#include "store/store.h"
#include "store/store_engine.h"
#include "util/arena.h"
#include "util/date.h"

enum txn_state { TXN_NONE, TXN_READ, TXN_WRITE };

struct store {
	const struct store_ops *ops;
	struct store_engine *e;
	char *location;
	enum txn_state txn;
	bool created;
	struct letter_at_hand *letter;   /* the last letter a write read, or NULL */
};

/* The letter a write is working on, kept until its transaction ends, with
 * the quotes of its commitments once they were asked for. */
struct letter_at_hand {
	struct letter l;
	bool quotes_read;
	struct strlist quotes, keys;   /* in step: keys.items[i] quotes quotes.items[i] */
};

/* TRK_EINTERNAL unless a write transaction is open: every write function
 * runs inside store_write(), so a failure can never leave half a write. */
int door_need_write(struct store *st, const char *what, struct trk_error *err);

/* The letter doc_no with its text, borrowed until the transaction ends:
 * the last one read is kept, because an import stores a letter's
 * commitments one after another and read the letter again for each (5 % of
 * a whole import). Letters are never changed once stored, and the kept one
 * is dropped when the transaction ends (door_forget_letter). */
int door_letter(struct store *st, const char *doc_no, const struct letter **out,
		struct trk_error *err);
void door_forget_letter(struct store *st);

/* The key of letter doc_no's commitment whose quote is exactly quote, or
 * NULL (*key borrowed until the transaction ends). The quotes are read once
 * per letter: an import matches a letter's proposals one after another. */
int door_quote_tracked(struct store *st, const char *doc_no, const char *quote,
		       const char **key, struct trk_error *err);
/* Tells the letter at hand that commitment key now quotes quote. */
void door_quote_added(struct store *st, const char *doc_no, const char *quote, const char *key);

/* Now, for a record that follows one stamped `after` (NULL or "" for the
 * first): time only moves forward, so a clock behind the record is refused
 * (TRK_EINPUT) rather than written out of order. */
int door_stamp(const char *after, char out[TIMESTAMP_BUFSZ], struct trk_error *err);
/* The same in two steps, for a check-in, which also needs today's local
 * date: door_clock reads the clock once for both (so they cannot straddle
 * midnight, and an import pays one getenv, parse and time conversion a
 * check-in, not two), and door_not_behind refuses a now behind after,
 * once the rules have run. */
int door_clock(char now[TIMESTAMP_BUFSZ], int32_t *today, struct trk_error *err);
int door_not_behind(const char *now, const char *after, struct trk_error *err);

/* Appends an entry to the journal (stamped, chained, hashed). */
int door_journal(struct store *st, const char *kind, const char *subject,
		 const char *content, const char *author, const char *reason,
		 struct trk_error *err);

/* TRK_EFORBIDDEN unless a may write to c: an administrator anything, a
 * department what one of its owners leads or co-owns, a viewer nothing. */
int door_may_write(const struct actor *a, const struct commitment *c, struct trk_error *err);
/* TRK_EFORBIDDEN unless a is an administrator; what names the write. */
int door_admin_only(const struct actor *a, const char *what, struct trk_error *err);

/* One commitment with all its records, owned. */
struct loaded {
	struct commitment c;
	struct checkin *k;        /* its strings in `texts`: an import appends a
				   * million, and a malloc for each string was
				   * a tenth of the import */
	size_t nk, ak;
	struct arena texts;
	struct history *h;
	size_t nh;
};
int door_load(struct store *st, const char *key, struct loaded *out, struct trk_error *err);
void loaded_init(struct loaded *l);
void loaded_release(struct loaded *l);

/* The last hash and stamp of a loaded chain ("" and NULL when empty). */
const char *checkins_tail_hash(const struct loaded *l);
const char *checkins_tail_time(const struct loaded *l);
const char *history_tail_hash(const struct loaded *l);
const char *history_tail_time(const struct loaded *l);

/* Hashes and appends a history record for l's commitment (seq and
 * prev_hash from l, which it extends). */
int door_history_append(struct store *st, struct loaded *l, struct history *h,
			struct trk_error *err);

/* Makes the commitment row equal to what its history says (replay) and
 * writes it: sequence and updated_at follow from the history. */
int door_update_row(struct store *st, struct loaded *l, struct trk_error *err);

/* A new check-in on l: the actor's scope, the rules (against l's check-ins
 * and the letter's date), the clock, then the next link of the chain. */
int door_checkin_new(struct store *st, const struct actor *a, struct loaded *l,
		     int32_t letter_date, struct checkin *k, struct trk_error *err);
/* Hashes k (seq, prev_hash from l) and writes it as l's next check-in, as
 * it is: for records that keep their own time (an import). */
int door_checkin_append(struct store *st, struct loaded *l, struct checkin *k,
			struct trk_error *err);
/* Writes the digest of l's check-ins over the stored one (store_summary.c):
 * after every append, before the write commits. Nothing when l has none. */
int door_summary_put(struct store *st, const struct loaded *l, struct trk_error *err);
/* Checks a new commitment before it is stored: texts normalised, owners
 * resolved to canonical names, the rules, its letter and quote, its key
 * unused. */
int door_prepare_new(struct store *st, struct commitment *c, struct trk_error *err);
/* c's owner and co-owners to canonical names, each once, the lead not among
 * the co-owners. */
int door_resolve_owners(struct store *st, struct commitment *c, struct trk_error *err);
/* The date of letter doc_no (DATE_NONE when unknown). */
int door_letter_date(struct store *st, const char *doc_no, int32_t *out, struct trk_error *err);

#endif
