/* record_json.h - one JSON form per record type, for every output that
 * writes JSON: `show --json`, `list --json`, `export json`, the report's
 * JSON and the server's API. Written with util/jsonw.h into the caller's
 * buffer; a record is a member `name` of the open object, or an element of
 * the open array when name is NULL.
 *
 * The forms are those of seeds/FORMAT.md (tracker/1), so what a script
 * reads from one place it can read from any other, and an export imports
 * again: absent texts are left out, absent dates and targets are null,
 * timestamps are UTC ("Z"): JSON is for programs, and stays the same in
 * every time zone and language. */
#ifndef TRK_RECORD_JSON_H
#define TRK_RECORD_JSON_H

#include "model/model.h"
#include "model/progress.h"
#include "store/store.h"
#include "util/jsonw.h"

/* A commitment's fields. With p, also what a query computed: letter,
 * health, percent, expected, current, forecast (`list`, `show`, the API). */
void json_commitment(struct jsonw *w, const char *name, const struct commitment *c,
		     const struct progress *p);
/* Its fields and then its records (`checkins`, `history` arrays), still
 * open: the caller closes the object with jsonw_end(). */
void json_commitment_open(struct jsonw *w, const char *name, const struct commitment *c,
			  const struct progress *p);
void json_checkin(struct jsonw *w, const char *name, const struct checkin *k);
void json_history(struct jsonw *w, const char *name, const struct history *h);
void json_letter(struct jsonw *w, const char *name, const struct letter *l, bool with_text);
void json_owner(struct jsonw *w, const char *name, const struct owner *o, bool counts);
void json_strlist(struct jsonw *w, const char *name, const struct strlist *l);
/* A commitment with its progress, check-ins and history: `show --json`
 * and GET /api/v1/commitments/{key}. */
void json_commitment_full(struct jsonw *w, const char *name, const struct commitment_record *r);

/* A user (never a secret): name, role, owners, letters, disabled,
 * has_password, created_at; a token: id, user, kind, created_at,
 * revoked_at (its hash stays in the store). */
void json_user(struct jsonw *w, const char *name, const struct user *u);
void json_token(struct jsonw *w, const char *name, const struct token *t);

#endif
