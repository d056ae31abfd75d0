/* canonical.h - the one form of each record that is hashed.
 *
 * A record's hash is the SHA-256 of its canonical bytes: its fields in a
 * fixed order, each ended by the unit separator (0x1f, which the rules keep
 * out of every stored text), numbers in canon_number() form (never "-0"),
 * dates as YYYY-MM-DD, text as its exact UTF-8 bytes, and an absent text
 * the same as an empty one (the store keeps "" as absent, so a database
 * that cannot tell '' from NULL stores the same record). Each record ends
 * with the hash of the one before it, which makes a chain: per commitment
 * for its check-ins and for its history, and one for the store's journal.
 *
 * The forms are computed here, in C, never by a database, so the same
 * record hashes alike in every store engine. */
#ifndef TRK_CANONICAL_H
#define TRK_CANONICAL_H

#include "model/model.h"
#include "util/digest.h"
#include "util/error.h"

/* The hash of a record with its prev_hash into out. */
void checkin_hash(const struct checkin *k, char out[DIGEST_HEXSZ]);
void history_hash(const struct history *h, char out[DIGEST_HEXSZ]);
void journal_hash(const struct journal_entry *e, char out[DIGEST_HEXSZ]);
/* The hash the first stores gave a check-in whose value was -0 (hashed as
 * "-0" while the database kept 0): for the migration that repairs them. */
void checkin_hash_negative_zero(const struct checkin *k, char out[DIGEST_HEXSZ]);

/* The creation record of a commitment (history seq 0, field "created"):
 * every field as it was created, as canonical JSON. The commitment's row
 * must always equal this record with its history applied (commitment_replay
 * in store/), which is how `tracker check` sees a row edited behind the
 * program's back. Caller frees. */
char *commitment_genesis_text(const struct commitment *c);
/* The member "target" as the creation record writes it (null when there
 * is none; a unit of "" as null); the report uses the same form. */
struct jsonw;
void target_json(struct jsonw *w, const struct target *t);
/* Reads a creation record back into c (initialised here; caller releases).
 * TRK_EINPUT when text is not one. */
int commitment_from_genesis(const char *text, struct commitment *c, struct trk_error *err);

/* The journal content of a letter (its metadata, created_at and
 * text_sha256, not the text itself, which text_sha256 stands for), an owner, an alias and a
 * setting, as canonical JSON. Caller frees. */
char *letter_journal_text(const struct letter *l);
char *owner_journal_text(const char *name);
char *alias_journal_text(const char *owner, const char *alias);
char *setting_journal_text(const char *key, const char *value);
/* A user as it stands after a change (name, role, owners, letters,
 * disabled); a token when issued or revoked (id, user, kind, revoked_at,
 * the SHA-256 of its secret, as the table keeps it); never a secret. */
char *user_journal_text(const struct user *u);
char *token_journal_text(const struct token *t);
/* That name's password was set: the SHA-256 of its argon2id encoding (no
 * help to a guesser, but a hash swapped behind tracker's back shows). */
char *password_journal_text(const char *name, const char *encoded);

#endif
