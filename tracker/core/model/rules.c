/* rules.c - what a record must be before it is written (see rules.h). */
#include "model/rules.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/progress.h"
#include "util/date.h"
#include "util/digest.h"
#include "util/jsonw.h"
#include "util/utf8.h"
#include "util/banned.h"

#define YEAR_DAYS 365

static bool allowed_control(uint32_t cp, enum text_kind kind, const char *s, size_t i,
			    size_t n)
{
	if (kind == TEXT_LINE)
		return false;
	if (cp == '\n' || cp == '\t')
		return true;
	return kind == TEXT_LETTER && cp == '\r' && i + 1 < n && s[i + 1] == '\n';
}

int rules_text(const char *s, enum text_kind kind, const char *field, struct trk_error *err)
{
	size_t n, i = 0, len;
	uint32_t cp;

	if (!s)
		return 0;
	n = strlen(s);
	if (kind != TEXT_LETTER && n > (kind == TEXT_LINE ? RULES_LINE_MAX : RULES_TEXT_MAX))
		return trk_err_field(err, TRK_EINPUT, field, "longer than %u bytes",
				     kind == TEXT_LINE ? RULES_LINE_MAX : RULES_TEXT_MAX);
	while (i < n) {
		len = utf8_decode(s + i, n - i, &cp);
		if (!len)
			return trk_err_field(err, TRK_EINPUT, field, "invalid UTF-8 at byte %zu", i);
		if (utf8_is_control(cp) && !allowed_control(cp, kind, s, i, n))
			return trk_err_field(err, TRK_EINPUT, field,
					     "contains a control character (U+%04X) at byte %zu%s",
					     (unsigned)cp, i,
					     kind == TEXT_LINE && (cp == '\n' || cp == '\t')
					     ? ": it must be one line" : "");
		i += len;
	}
	return 0;
}

int rules_text_required(const char *s, enum text_kind kind, const char *field,
			struct trk_error *err)
{
	if (!s || !*s)
		return trk_err_field(err, TRK_EINPUT, field, "missing");
	return rules_text(s, kind, field, err);
}

bool rules_key_valid(const char *key)
{
	size_t n = key ? strlen(key) : 0;

	if (n == 0 || n > 40)
		return false;
	for (size_t i = 0; i < n; i++) {
		char ch = key[i];
		bool alnum = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
			     (ch >= '0' && ch <= '9');
		if (!alnum && (i == 0 || (ch != '-' && ch != '_' && ch != '.')))
			return false;
	}
	return true;
}

static int commitment_texts(const struct commitment *c, struct trk_error *err)
{
	int rc;

	if (!rules_key_valid(c->key))
		return trk_err_field(err, TRK_EINPUT, "key", "'%.40s' is not a key like 211-07 "
				     "(letters, digits, '-', '_', '.')", c->key ? c->key : "");
	if ((rc = rules_text_required(c->title, TEXT_LINE, "title", err)) ||
	    (rc = rules_text_required(c->quote, TEXT_MULTILINE, "quote", err)) ||
	    (rc = rules_text_required(c->owner, TEXT_LINE, "owner", err)) ||
	    (rc = rules_text_required(c->letter_doc_no, TEXT_LINE, "letter", err)) ||
	    (rc = rules_text(c->section, TEXT_LINE, "section", err)) ||
	    (rc = rules_text(c->target.unit, TEXT_LINE, "target.unit", err)) ||
	    (rc = rules_text(c->health_override_reason, TEXT_MULTILINE,
			     "health_override_reason", err)))
		return rc;
	for (size_t i = 0; i < c->co_owners.n; i++)
		if ((rc = rules_text_required(c->co_owners.items[i], TEXT_LINE, "co_owners", err)))
			return rc;
	for (size_t i = 0; i < c->tags.n; i++) {
		if ((rc = rules_text_required(c->tags.items[i], TEXT_LINE, "tags", err)))
			return rc;
		/* The store keeps a tag once: a repeat would make the row and its
		 * history disagree. */
		for (size_t j = 0; j < i; j++)
			if (!strcmp(c->tags.items[j], c->tags.items[i]))
				return trk_err_field(err, TRK_EINPUT, "tags", "'%s' is given twice",
						     c->tags.items[i]);
	}
	return 0;
}

int rules_commitment(const struct commitment *c, struct trk_error *err)
{
	int rc;

	if ((rc = commitment_texts(c, err)))
		return rc;
	if (c->kind == KIND_QUANTITATIVE && !c->target.present)
		return trk_err_field(err, TRK_EINPUT, "target", "a quantitative commitment needs "
				     "a target (or change its kind first)");
	if (c->target.present && (!isfinite(c->target.value) || !isfinite(c->target.baseline)))
		return trk_err_field(err, TRK_EINPUT, "target", "not a finite number");
	if (c->window_start != DATE_NONE && c->due != DATE_NONE && c->window_start > c->due) {
		char s[DATE_BUFSZ], d[DATE_BUFSZ];
		date_format(c->window_start, s);
		date_format(c->due, d);
		return trk_err_field(err, TRK_EINPUT, "window_start", "%s is after the due date %s",
				     s, d);
	}
	if (c->health_override >= 0 && (!c->health_override_reason || !*c->health_override_reason))
		return trk_err_field(err, TRK_EINPUT, "reason", "a health override needs a reason");
	if (c->co_owners.n && strlist_has(&c->co_owners, c->owner))
		return trk_err_field(err, TRK_EINPUT, "co_owners", "'%s' is the lead owner already",
				     c->owner);
	return 0;
}

int rules_status_change(enum status from, enum status to, const char *reason,
			struct trk_error *err)
{
	bool closed = from == ST_DONE || from == ST_CANCELLED;
	bool reopening = closed && to != ST_DONE && to != ST_CANCELLED;

	if (reason && *reason)
		return 0;
	if (to == ST_CANCELLED)
		return trk_err_field(err, TRK_EINPUT, "reason", "cancelling a commitment needs a "
				     "reason");
	if (reopening)
		return trk_err_field(err, TRK_EINPUT, "reason", "reopening a commitment needs a "
				     "reason");
	return 0;
}

/* ---- check-ins --------------------------------------------------------------- */

static int checkin_texts(const struct checkin *k, struct trk_error *err)
{
	int rc;

	if ((rc = rules_text(k->note, TEXT_MULTILINE, "note", err)) ||
	    (rc = rules_text(k->evidence, TEXT_MULTILINE, "evidence", err)) ||
	    (rc = rules_text(k->reason, TEXT_MULTILINE, "reason", err)) ||
	    (rc = rules_text_required(k->author, TEXT_LINE, "author", err)))
		return rc;
	if (!k->has_value && (!k->note || !*k->note) && (!k->evidence || !*k->evidence))
		return trk_err_field(err, TRK_EINPUT, "value", "a check-in needs a value, a note "
				     "or evidence");
	return 0;
}

static int checkin_dates(const struct checkin *k, const struct checkin_context *x,
			 struct trk_error *err)
{
	char d[DATE_BUFSZ], lim[DATE_BUFSZ];

	if (k->as_of == DATE_NONE)
		return trk_err_field(err, TRK_EINPUT, "as_of", "missing");
	date_format(k->as_of, d);
	if (k->as_of > x->today) {
		date_format(x->today, lim);
		return trk_err_field(err, TRK_EINPUT, "as_of", "%s is after today (%s): a figure "
				     "describes what has happened", d, lim);
	}
	if (x->letter_date != DATE_NONE && k->as_of < x->letter_date - YEAR_DAYS) {
		date_format(x->letter_date, lim);
		return trk_err_field(err, TRK_EINPUT, "as_of", "%s is more than a year before the "
				     "letter (%s)", d, lim);
	}
	return 0;
}

/* The figure a new value must not fall below (prev) or rise above (next):
 * the effective values just before and after its as-of date. */
static int checkin_monotonic(const struct checkin *k, const struct checkin_context *x,
			     struct trk_error *err)
{
	struct effective_value before, after;
	char d[DATE_BUFSZ], a[32], b[32];

	effective_around(x->known, x->n, k->as_of, &before, &after);
	if (before.present && k->value < before.value) {
		date_format(before.as_of, d);
		json_number_text(k->value, a), json_number_text(before.value, b);
		return trk_err_field(err, TRK_EINPUT, "value", "%s is below %s reported as of %s: "
				     "a falling figure needs a reason (or correct the earlier "
				     "check-in)", a, b, d);
	}
	if (after.present && k->value > after.value) {
		date_format(after.as_of, d);
		json_number_text(k->value, a), json_number_text(after.value, b);
		return trk_err_field(err, TRK_EINPUT, "value", "%s is above %s reported as of the "
				     "later date %s: a falling figure needs a reason (or correct "
				     "the later check-in)", a, b, d);
	}
	return 0;
}

/* A rate (增长5%, 3个百分点) may be negative; counts and amounts may not. */
static bool unit_is_rate(const char *unit)
{
	return unit && (strchr(unit, '%') || strstr(unit, "％") || strstr(unit, "百分点") ||
			strstr(unit, "‰"));
}

static int checkin_value(struct checkin *k, const struct checkin_context *x,
			 struct trk_error *err)
{
	const struct commitment *c = x->c;

	if (!k->has_value)
		return 0;
	if (!isfinite(k->value))
		return trk_err_field(err, TRK_EINPUT, "value", "not a finite number");
	if (k->value == 0)
		k->value = 0;   /* -0 is 0 to every database: store and hash 0 */
	if (!c->target.present)
		return trk_err_field(err, TRK_EINPUT, "value", "%s has no target, so a figure "
				     "means nothing: log a note instead, or give it a target first "
				     "(a change that needs a reason)", c->key);
	if (k->value < 0 && c->target.value > 0 && c->target.baseline >= 0 &&
	    !unit_is_rate(c->target.unit)) {
		char v[32];
		json_number_text(k->value, v);
		return trk_err_field(err, TRK_EINPUT, "value", "%s is negative: a figure counted "
				     "in %s cannot fall below zero", v,
				     c->target.unit && *c->target.unit ? c->target.unit : "units");
	}
	if (c->target.cmp == CMP_GE && !k->supersedes && !(k->reason && *k->reason))
		return checkin_monotonic(k, x, err);
	return 0;
}

int rules_checkin(struct checkin *k, const struct checkin_context *x, struct trk_error *err)
{
	int rc;

	if ((rc = checkin_texts(k, err)) || (rc = checkin_dates(k, x, err)))
		return rc;
	if (k->supersedes < 0 || (size_t)k->supersedes > x->n)
		return trk_err_field(err, TRK_EINPUT, "corrects", "%s has no check-in #%d",
				     x->c->key, k->supersedes);
	return checkin_value(k, x, err);
}

/* ---- letters and owners ------------------------------------------------------- */

int rules_letter(const struct letter *l, struct trk_error *err)
{
	char hex[DIGEST_HEXSZ];
	int rc;

	if ((rc = rules_text_required(l->doc_no, TEXT_LINE, "doc_no", err)) ||
	    (rc = rules_text(l->title, TEXT_LINE, "title", err)) ||
	    (rc = rules_text(l->issuer, TEXT_LINE, "issuer", err)) ||
	    (rc = rules_text(l->signer, TEXT_LINE, "signer", err)) ||
	    (rc = rules_text(l->addressee, TEXT_LINE, "addressee", err)) ||
	    (rc = rules_text(l->suggestion_no, TEXT_LINE, "suggestion_no", err)) ||
	    (rc = rules_text(l->session, TEXT_LINE, "session", err)) ||
	    (rc = rules_text(l->reply_class, TEXT_LINE, "reply_class", err)) ||
	    (rc = rules_text(l->text, TEXT_LETTER, "text", err)))
		return rc;
	for (size_t i = 0; i < l->co_handlers.n; i++)
		if ((rc = rules_text_required(l->co_handlers.items[i], TEXT_LINE, "co_handlers",
					      err)))
			return rc;
	if (l->text) {
		sha256_hex(l->text, strlen(l->text), hex);
		if (l->text_sha256 && strcmp(l->text_sha256, hex))
			return trk_err_field(err, TRK_EINPUT, "text_sha256", "does not match the "
					     "text (its SHA-256 is %s)", hex);
	}
	return 0;
}

int rules_owner_name(const char *name, const char *field, struct trk_error *err)
{
	return rules_text_required(name, TEXT_LINE, field, err);
}

int rules_user(const struct user *u, struct trk_error *err)
{
	int rc = rules_text_required(u->name, TEXT_LINE, "user", err);

	if (rc)
		return rc;
	if (utf8_length(u->name, strlen(u->name)) > 64 || strpbrk(u->name, " \t/:") || u->name[0] == '-')
		return trk_err_field(err, TRK_EINPUT, "user", "'%s': a user name is 1 to 64 "
				     "characters, without spaces, '/' or ':', not starting with '-'",
				     u->name);
	if (u->role == ROLE_DEPARTMENT && u->owners.n == 0)
		return trk_err_field(err, TRK_EINPUT, "owner", "a department user needs at least "
				     "one owner");
	if (u->role != ROLE_DEPARTMENT && u->owners.n > 0)
		return trk_err_field(err, TRK_EINPUT, "owner", "only a department user has owners "
				     "(%s is %s)", u->name, role_name(u->role));
	if (u->role != ROLE_VIEWER && u->letters.n > 0)
		return trk_err_field(err, TRK_EINPUT, "letter", "only a viewer is limited to letters "
				     "(%s is %s)", u->name, role_name(u->role));
	return 0;
}
