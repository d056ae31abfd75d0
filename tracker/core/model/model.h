/* model.h - letters, owners, commitments, check-ins, history, and the
 * progress/health computed from them.
 *
 * Record structs own their strings (char * fields are malloc'd and freed by
 * the matching *_release function). Enums have name tables so every output
 * format spells them the same way. */
#ifndef TRK_MODEL_H
#define TRK_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

enum kind { KIND_QUANTITATIVE, KIND_MILESTONE, KIND_ONGOING, KIND__COUNT };
enum status { ST_OPEN, ST_IN_PROGRESS, ST_BLOCKED, ST_DONE, ST_CANCELLED, ST__COUNT };
enum health {
	H_DONE, H_CANCELLED, H_OVERDUE, H_ON_TRACK, H_AT_RISK, H_OFF_TRACK,
	H_NOT_STARTED, H_NO_DATA, H__COUNT
};
enum comparator { CMP_GE, CMP_LE, CMP_EQ, CMP__COUNT };

/* Stable machine names ("quantitative", "in_progress", "at_risk", ">=").
 * The *_parse functions return the enum value or -1. */
const char *kind_name(enum kind k);
const char *status_name(enum status s);
const char *health_name(enum health h);
const char *comparator_name(enum comparator c);
int kind_parse(const char *s);
int status_parse(const char *s);
int health_parse(const char *s);
int comparator_parse(const char *s);
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

struct target {
	bool present;
	double value;
	char *unit;               /* may be NULL or "" */
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
	char *addressee;
	char *suggestion_no;
	char *session;
	char *reply_class;        /* "A".."D" or another configured letter */
	char *text_sha256;        /* hex, NULL when the text is unknown */
	char *text;               /* full text, NULL when unknown */
	struct strlist co_handlers;
};
void letter_release(struct letter *l);

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
	int supersedes;           /* seq of the corrected check-in, or 0 */
	char *prev_hash;          /* hex; "" for the first of a commitment */
	char *hash;
};
void checkin_init(struct checkin *k);
void checkin_release(struct checkin *k);

/* One change to a commitment. Fields: "status", "due", "window_start",
 * "target", "owner", "co_owners", "title", "kind", "tags", "health_override".
 * Values are text in the field's canonical form (see model.c). */
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

/* Canonical text of a target, used in history: "800 台 >= 0", or NULL. */
char *target_to_text(const struct target *t);   /* caller frees */
int target_from_text(const char *s, struct target *t, struct trk_error *err);

/* What the check-ins say about a commitment on one as-of date, computed by
 * the store from the check-ins known at the chosen moment. */
struct checkin_summary {
	int n;                    /* check-ins with as_of <= the as-of date */
	bool has_value;
	double value;             /* effective latest value */
	int32_t value_as_of;
	int32_t last_as_of;       /* latest check-in of any kind, or DATE_NONE */
};

struct health_config {
	double at_risk_gap;       /* points behind expected: default 16.5 */
	double off_track_gap;     /* default 33 */
};
void health_config_default(struct health_config *cfg);

struct progress {
	bool has_current;
	double current;
	bool has_percent;
	double percent;           /* 0..100 */
	bool has_expected;
	double expected;          /* 0..100, 序时进度 */
	enum health health;
	bool overridden;          /* health comes from a manual override */
};

/* Computes progress and health of c on as_of from summary s. Pure. */
void progress_compute(const struct commitment *c, const struct checkin_summary *s,
		      int32_t as_of, const struct health_config *cfg,
		      struct progress *out);

/* The elapsed share (0..100) of [start, due] on as_of, counting both ends;
 * false when the window has no start or no due date. */
bool progress_expected(int32_t start, int32_t due, int32_t as_of, double *out);

/* The hash chains: hex SHA-256 over a canonical serialisation of the record
 * and prev_hash. out must hold 65 bytes. */
void checkin_hash(const struct checkin *k, char *out);
void history_hash(const struct history *h, char *out);

/* Validates a string as UTF-8 with no NUL; field names it in the error. */
int text_check(const char *s, size_t len, const char *field, struct trk_error *err);

#endif
