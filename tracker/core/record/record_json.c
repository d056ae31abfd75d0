/* record_json.c - the JSON form of each record (see record_json.h). */
#include "record/record_json.h"

#include "util/banned.h"

void json_strlist(struct jsonw *w, const char *name, const struct strlist *l)
{
	jsonw_array(w, name);
	for (size_t i = 0; i < l->n; i++)
		jsonw_string(w, NULL, l->items[i]);
	jsonw_end(w);
}

static void json_target(struct jsonw *w, const struct target *t)
{
	if (!t->present) {
		jsonw_null(w, "target");
		return;
	}
	jsonw_object(w, "target");
	jsonw_number(w, "value", t->value);
	jsonw_string(w, "unit", t->unit ? t->unit : "");
	jsonw_string(w, "comparator", comparator_name(t->cmp));
	jsonw_number(w, "baseline", t->baseline);
	jsonw_end(w);
}

static void number_or_null(struct jsonw *w, const char *name, bool has, double v)
{
	if (has)
		jsonw_number(w, name, v);
	else
		jsonw_null(w, name);
}

/* What a query computed, after the key and title. */
static void json_progress(struct jsonw *w, const struct commitment *c, const struct progress *p)
{
	jsonw_string(w, "letter", c->letter_doc_no);
	jsonw_string(w, "health", health_name(p->health));
	jsonw_bool(w, "health_overridden", p->overridden);
	number_or_null(w, "current", p->has_current, p->current);
	number_or_null(w, "percent", p->has_percent, p->percent);
	number_or_null(w, "expected_percent", p->has_expected, p->expected);
	jsonw_bool(w, "target_met", p->target_met);
	if (p->has_forecast)
		jsonw_date(w, "forecast", p->forecast);
	else
		jsonw_null(w, "forecast");
	jsonw_date(w, "last_checkin", p->last_as_of);
}

static void commitment_fields(struct jsonw *w, const struct commitment *c,
			      const struct progress *p)
{
	jsonw_string(w, "key", c->key);
	jsonw_string(w, "title", c->title);
	if (p)
		json_progress(w, c, p);
	jsonw_string_opt(w, "section", c->section);
	jsonw_string(w, "quote", c->quote);
	jsonw_string(w, "owner", c->owner);
	json_strlist(w, "co_owners", &c->co_owners);
	jsonw_string(w, "kind", kind_name(c->kind));
	json_target(w, &c->target);
	jsonw_date(w, "window_start", c->window_start);
	jsonw_date(w, "due", c->due);
	jsonw_string(w, "status", status_name(c->status));
	json_strlist(w, "tags", &c->tags);
	jsonw_string(w, "uid", c->uid);
	if (c->health_override >= 0) {
		jsonw_string(w, "health_override", health_name(c->health_override));
		jsonw_string_opt(w, "health_override_reason", c->health_override_reason);
	}
	jsonw_int(w, "sequence", c->sequence);
	jsonw_string(w, "created_at", c->created_at);
	jsonw_string(w, "updated_at", c->updated_at);
}

void json_commitment(struct jsonw *w, const char *name, const struct commitment *c,
		     const struct progress *p)
{
	jsonw_object(w, name);
	commitment_fields(w, c, p);
	jsonw_end(w);
}

void json_commitment_open(struct jsonw *w, const char *name, const struct commitment *c,
			  const struct progress *p)
{
	jsonw_object(w, name);
	commitment_fields(w, c, p);
}

void json_checkin(struct jsonw *w, const char *name, const struct checkin *k)
{
	jsonw_object(w, name);
	jsonw_int(w, "seq", k->seq);
	jsonw_date(w, "as_of", k->as_of);
	jsonw_string(w, "recorded_at", k->recorded_at);
	number_or_null(w, "value", k->has_value, k->value);
	jsonw_string_opt(w, "note", k->note);
	jsonw_string_opt(w, "evidence", k->evidence);
	jsonw_string_opt(w, "author", k->author);
	jsonw_string_opt(w, "reason", k->reason);
	jsonw_int(w, "supersedes", k->supersedes);
	jsonw_string(w, "prev_hash", k->prev_hash ? k->prev_hash : "");
	jsonw_string_opt(w, "hash", k->hash);
	jsonw_end(w);
}

void json_history(struct jsonw *w, const char *name, const struct history *h)
{
	jsonw_object(w, name);
	jsonw_int(w, "seq", h->seq);
	jsonw_string(w, "field", h->field);
	jsonw_string_opt(w, "old", h->old_value);
	jsonw_string_opt(w, "new", h->new_value);
	jsonw_string_opt(w, "author", h->author);
	jsonw_string(w, "changed_at", h->changed_at);
	jsonw_string_opt(w, "reason", h->reason);
	jsonw_string(w, "prev_hash", h->prev_hash ? h->prev_hash : "");
	jsonw_string_opt(w, "hash", h->hash);
	jsonw_end(w);
}

void json_letter(struct jsonw *w, const char *name, const struct letter *l, bool with_text)
{
	jsonw_object(w, name);
	jsonw_string(w, "doc_no", l->doc_no);
	jsonw_string_opt(w, "title", l->title);
	jsonw_string_opt(w, "issuer", l->issuer);
	jsonw_string_opt(w, "signer", l->signer);
	jsonw_date_opt(w, "date", l->date);
	jsonw_string_opt(w, "addressee", l->addressee);
	jsonw_string_opt(w, "suggestion_no", l->suggestion_no);
	jsonw_string_opt(w, "session", l->session);
	json_strlist(w, "co_handlers", &l->co_handlers);
	jsonw_string_opt(w, "reply_class", l->reply_class);
	jsonw_string_opt(w, "text_sha256", l->text_sha256);
	if (with_text)
		jsonw_string_opt(w, "text", l->text);
	jsonw_end(w);
}

void json_commitment_full(struct jsonw *w, const char *name, const struct commitment_record *r)
{
	json_commitment_open(w, name, r->c, r->p);
	jsonw_array(w, "checkins");
	for (size_t i = 0; i < r->ncheckins; i++)
		json_checkin(w, NULL, &r->checkins[i]);
	jsonw_end(w);
	jsonw_array(w, "history");
	for (size_t i = 0; i < r->nhistory; i++)
		json_history(w, NULL, &r->history[i]);
	jsonw_end(w);
	jsonw_end(w);
}

void json_user(struct jsonw *w, const char *name, const struct user *u)
{
	jsonw_object(w, name);
	jsonw_string(w, "name", u->name);
	jsonw_string(w, "role", role_name(u->role));
	json_strlist(w, "owners", &u->owners);
	json_strlist(w, "letters", &u->letters);
	jsonw_bool(w, "disabled", u->disabled);
	jsonw_bool(w, "has_password", u->has_password);
	jsonw_string(w, "created_at", u->created_at);
	jsonw_end(w);
}

void json_token(struct jsonw *w, const char *name, const struct token *t)
{
	jsonw_object(w, name);
	jsonw_string(w, "id", t->id);
	jsonw_string(w, "user", t->user);
	jsonw_string(w, "kind", token_kind_name(t->kind));
	jsonw_string(w, "created_at", t->created_at);
	if (t->revoked_at)
		jsonw_string(w, "revoked_at", t->revoked_at);
	else
		jsonw_null(w, "revoked_at");
	jsonw_end(w);
}

void json_owner(struct jsonw *w, const char *name, const struct owner *o, bool counts)
{
	jsonw_object(w, name);
	jsonw_string(w, "name", o->name);
	json_strlist(w, "aliases", &o->aliases);
	if (counts) {
		jsonw_int(w, "lead", o->lead);
		jsonw_int(w, "co_owned", o->co);
	}
	jsonw_end(w);
}
