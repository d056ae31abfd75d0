/* model.h - letters, owners, commitments, check-ins, history, the journal,
 * users, and the names every output spells them by.
 *
 * Record structs own their strings (char * fields are malloc'd and freed by
 * the matching *_release function), except where a function says it lends
 * a struct "borrowed for the call": then nothing in it may be freed or kept.
 * Enums have name tables so every output format spells them the same way.
 * How progress and health follow from these records: model/progress.h; the
 * rules a record must meet: model/rules.h; the bytes that are hashed:
 * model/canonical.h. */
#ifndef TRK_MODEL_H
#define TRK_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

enum kind { KIND_QUANTITATIVE, KIND_MILESTONE, KIND_ONGOING, KIND__COUNT };
enum status { ST_OPEN, ST_IN_PROGRESS, ST_BLOCKED, ST_DONE, ST_CANCELLED, ST__COUNT };
/* H_DUE: the deadline is the as-of date and the commitment is not done
 * (到期未完成): a report whose period ends on a deadline says so, and
 * counts it with the overdue. */
enum health {
	H_DONE, H_CANCELLED, H_OVERDUE, H_DUE, H_ON_TRACK, H_AT_RISK, H_OFF_TRACK,
	H_NOT_STARTED, H_NO_DATA, H__COUNT
};
enum comparator { CMP_GE, CMP_LE, CMP_EQ, CMP__COUNT };
enum role { ROLE_ADMIN, ROLE_DEPARTMENT, ROLE_VIEWER, ROLE__COUNT };

/* Stable machine names ("quantitative", "in_progress", "at_risk", ">=",
 * "department"). The *_parse functions return the enum value or -1. */
const char *kind_name(enum kind k);
const char *status_name(enum status s);
const char *health_name(enum health h);
const char *comparator_name(enum comparator c);
/* "≥", "≤", "=": the comparator as a document prints it. */
const char *comparator_symbol(enum comparator c);
const char *role_name(enum role r);
int kind_parse(const char *s);
int status_parse(const char *s);
int health_parse(const char *s);
int comparator_parse(const char *s);
int role_parse(const char *s);
/* The machine names joined by ", " for messages ("open, in_progress, ..."). */
const char *status_names_list(void);
const char *health_names_list(void);
const char *kind_names_list(void);
/* Human labels for reports and tables: lang "zh" or "en". */
const char *health_label(enum health h, const char *lang);
const char *status_label(enum status s, const char *lang);
const char *kind_label(enum kind k, const char *lang);

/* A string list owned by its holder. */
struct strlist {
	char **items;
	size_t n;
};
void strlist_push(struct strlist *l, const char *s);  /* copies s */
void strlist_release(struct strlist *l);
bool strlist_has(const struct strlist *l, const char *s);
void strlist_copy(struct strlist *dst, const struct strlist *src);
bool strlist_equal(const struct strlist *a, const struct strlist *b);

struct target {
	bool present;
	double value;
	char *unit;               /* may be NULL */
	enum comparator cmp;
	double baseline;          /* 0 unless stated */
};

struct letter {
	int64_t id;
	char *doc_no;             /* 文号, the letter's identity */
	char *title;
	char *issuer;
	char *signer;
	int32_t date;             /* DATE_NONE if unknown */
	char *addressee;          /* the deputy or member who asked */
	char *suggestion_no;
	char *session;
	char *reply_class;        /* "A".."D" or another configured letter */
	char *text_sha256;        /* hex, NULL when the text is unknown */
	char *text;               /* full text, NULL when unknown or not loaded */
	struct strlist co_handlers;
	char *created_at;         /* when it entered this store (UTC) */
};
void letter_init(struct letter *l);
void letter_release(struct letter *l);

struct owner {
	char *name;               /* canonical */
	char *short_name;         /* the shortest alias, for narrow columns */
	struct strlist aliases;   /* every other name, sorted */
	int lead;                 /* commitments it leads */
	int co;                   /* commitments it co-owns */
};
void owner_release(struct owner *o);

struct commitment {
	int64_t id;
	char *key;                /* "211-07": stable, never reused */
	char *uid;                /* iCalendar UID, fixed at creation */
	char *letter_doc_no;
	char *section;
	char *quote;              /* verbatim words of the letter */
	char *title;
	char *owner;              /* canonical owner name (lead, 主办) */
	char *owner_short;        /* its shortest alias, for narrow columns */
	struct strlist co_owners; /* canonical names (协办) */
	enum kind kind;
	struct target target;
	int32_t window_start;     /* DATE_NONE if open-ended */
	int32_t due;              /* DATE_NONE for ongoing work */
	enum status status;
	int health_override;      /* enum health, or -1 */
	char *health_override_reason;
	struct strlist tags;
	int sequence;             /* grows when due, status or target change */
	char *created_at;         /* UTC timestamps */
	char *updated_at;
};
void commitment_init(struct commitment *c);
void commitment_release(struct commitment *c);
/* A deep copy of src into dst (initialised here; caller releases). */
void commitment_copy(struct commitment *dst, const struct commitment *src);

/* A check-in: progress logged against a commitment. Append-only; a
 * correction is a new check-in whose `supersedes` names the earlier seq. */
struct checkin {
	char *commitment_key;
	int seq;                  /* 1, 2, ... per commitment */
	int32_t as_of;            /* the date the figure describes */
	char *recorded_at;        /* UTC timestamp of the write */
	bool has_value;
	double value;             /* cumulative, in the target's unit */
	char *note;
	char *evidence;
	char *author;
	char *reason;             /* why a figure falls; NULL when it does not */
	int supersedes;           /* seq of the corrected check-in, or 0 */
	char *prev_hash;          /* hex; "" for the first of a commitment */
	char *hash;
};
void checkin_init(struct checkin *k);
void checkin_release(struct checkin *k);
void checkin_copy(struct checkin *dst, const struct checkin *src);   /* deep */

/* One change to a commitment. Fields: "status", "due", "window_start",
 * "target", "owner", "co_owners", "title", "kind", "tags", "health_override";
 * and "created" for the creation record (seq 0), whose new_value is the
 * commitment as created (model/canonical.h). Values are text in the field's
 * canonical form (model/commitment_field.h). */
struct history {
	char *commitment_key;
	int seq;
	char *field;
	char *old_value;          /* NULL when there was none */
	char *new_value;
	char *author;
	char *changed_at;
	char *reason;
	char *prev_hash;
	char *hash;
};
void history_init(struct history *h);
void history_release(struct history *h);
void history_copy(struct history *dst, const struct history *src);   /* deep */

/* One entry of the store's journal: every change to what is not a
 * commitment (owners and their aliases, letters, settings, users) is an
 * entry, in one hash chain, so the record those tables hold can be checked
 * against it. kind: "owner", "alias", "letter", "setting", "user",
 * "repair"; subject: the name, doc_no, key or user changed; content: the
 * new state as canonical JSON (model/canonical.h). */
struct journal_entry {
	int64_t seq;              /* 1, 2, ... for the whole store */
	char *at;                 /* UTC timestamp */
	char *kind;
	char *subject;
	char *content;
	char *author;
	char *reason;
	char *prev_hash;
	char *hash;
};
void journal_entry_init(struct journal_entry *e);
void journal_entry_release(struct journal_entry *e);

/* A person who signs in to `tracker serve`. A department user writes only
 * to the commitments its owners lead or co-own; a viewer limited to letters
 * reads only those. Secrets are never in this struct: passwords and tokens
 * are kept as hashes by the store (store/store_user.h). */
struct user {
	char *name;
	enum role role;
	struct strlist owners;    /* canonical owner names (department) */
	struct strlist letters;   /* doc_nos a viewer is limited to; none = all */
	bool disabled;
	bool has_password;
	char *created_at;
};
void user_init(struct user *u);
void user_release(struct user *u);

/* The two kinds of token: an API token (Authorization: Bearer) and a
 * calendar feed token (in a URL that ends up in calendar programs, so it
 * reads the feed and nothing else). Only a hash of the secret is stored. */
enum token_kind { TOKEN_API, TOKEN_FEED };
const char *token_kind_name(enum token_kind k);   /* "api", "feed" */

struct token {
	char *id;          /* public: the first 12 hex digits of its hash */
	char *user;
	enum token_kind kind;
	char *created_at;
	char *revoked_at;  /* NULL while it works */
	char *hash;        /* SHA-256 of the secret, as stored (journaled too, so
			    * a hash swapped behind tracker's back is found) */
};
void token_release(struct token *t);

/* Who is writing: every record names its author, and the store checks the
 * scope of a department or viewer before it writes anything. Borrowed. */
struct actor {
	const char *name;
	enum role role;
	const struct strlist *owners;   /* NULL = none */
	const struct strlist *letters;  /* NULL = all */
};

/* Canonical text of a target, used in history: ">= 800 台", or NULL. */
char *target_to_text(const struct target *t);   /* caller frees */
int target_from_text(const char *s, struct target *t, struct trk_error *err);
bool target_equal(const struct target *a, const struct target *b);

#endif
