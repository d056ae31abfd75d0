/* report_json.c - the report as JSON (reports/report.schema.json). Members
 * come in a fixed order; commitments and attention entries are spooled one
 * per line while the totals are counted, then the document is assembled. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "util/date.h"
#include "report/report.h"
#include "report/report_out.h"
#include "util/strbuf.h"
#include "util/banned.h"

struct json_state {
	const struct report_params *p;
	FILE *out;
	FILE *attn[ATTN__COUNT], *items;
	int nattn[ATTN__COUNT], nitems;
};

static void add_str(cJSON *o, const char *name, const char *s)
{
	if (s)
		cJSON_AddStringToObject(o, name, s);
	else
		cJSON_AddNullToObject(o, name);
}

static void add_date(cJSON *o, const char *name, int32_t d)
{
	char buf[DATE_BUFSZ];

	add_str(o, name, report_date(d, buf, NULL));
}

static void add_num(cJSON *o, const char *name, bool has, double v)
{
	if (has)
		cJSON_AddNumberToObject(o, name, v);
	else
		cJSON_AddNullToObject(o, name);
}

static void add_pct(cJSON *o, const char *name, bool has, double v)
{
	add_num(o, name, has, has ? report_round1(v) : 0);
}

static cJSON *strlist_json(const struct strlist *l)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < l->n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(l->items[i]));
	return a;
}

static void add_target(cJSON *o, const struct target *t)
{
	cJSON *j;

	if (!t->present) {
		cJSON_AddNullToObject(o, "target");
		return;
	}
	j = cJSON_AddObjectToObject(o, "target");
	cJSON_AddNumberToObject(j, "value", t->value);
	add_str(j, "unit", t->unit && *t->unit ? t->unit : NULL);
	cJSON_AddStringToObject(j, "comparator", comparator_name(t->cmp));
	cJSON_AddNumberToObject(j, "baseline", t->baseline);
}

static cJSON *checkin_json(const struct checkin *k)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "seq", k->seq);
	add_date(o, "as_of", k->as_of);
	add_num(o, "value", k->has_value, k->value);
	add_str(o, "note", k->note);
	add_str(o, "evidence", k->evidence);
	add_str(o, "author", k->author);
	cJSON_AddStringToObject(o, "recorded_at", k->recorded_at);
	add_num(o, "corrects", k->supersedes != 0, k->supersedes);
	return o;
}

static void add_change_fields(cJSON *o, const struct history *h)
{
	cJSON_AddNumberToObject(o, "seq", h->seq);
	cJSON_AddStringToObject(o, "field", h->field);
	add_str(o, "old", h->old_value);
	add_str(o, "new", h->new_value);
	cJSON_AddStringToObject(o, "changed_at", h->changed_at);
	add_str(o, "author", h->author);
	add_str(o, "reason", h->reason);
}

static cJSON *change_json(const struct history *h)
{
	cJSON *o = cJSON_CreateObject();

	add_change_fields(o, h);
	return o;
}

static void add_figures(cJSON *o, const struct report_item *it, const char *lang)
{
	const struct progress *p = it->p;

	add_num(o, "current", p->has_current, p->current);
	add_pct(o, "percent", p->has_percent, p->percent);
	add_pct(o, "expected", p->has_expected, p->expected);
	cJSON_AddStringToObject(o, "health", health_name(p->health));
	cJSON_AddStringToObject(o, "health_label", health_label(p->health, lang));
	cJSON_AddBoolToObject(o, "health_overridden", p->overridden);
	cJSON_AddBoolToObject(o, "target_met", p->target_met);
}

static void add_correction_fields(cJSON *o, const struct report_correction *c)
{
	const struct checkin *k = c->k;

	cJSON_AddNumberToObject(o, "seq", k->seq);
	cJSON_AddNumberToObject(o, "corrects", k->supersedes);
	add_date(o, "as_of", k->as_of);
	add_num(o, "old", c->old && c->old->has_value, c->old ? c->old->value : 0);
	add_num(o, "new", k->has_value, k->value);
	add_str(o, "author", k->author);
	cJSON_AddStringToObject(o, "recorded_at", k->recorded_at);
	add_str(o, "note", k->note);
}

/* The commitment an attention entry is about. */
static void add_who(cJSON *o, const struct report_item *it)
{
	cJSON_AddStringToObject(o, "key", it->c->key);
	cJSON_AddStringToObject(o, "title", it->c->title);
	cJSON_AddStringToObject(o, "owner", it->c->owner);
}

static cJSON *item_json(const struct report_item *it, const char *lang)
{
	const struct commitment *c = it->c;
	cJSON *o = cJSON_CreateObject(), *a;

	cJSON_AddStringToObject(o, "key", c->key);
	cJSON_AddStringToObject(o, "letter", c->letter_doc_no);
	add_str(o, "section", c->section && *c->section ? c->section : NULL);
	add_str(o, "quote", c->quote);
	cJSON_AddStringToObject(o, "title", c->title);
	cJSON_AddStringToObject(o, "owner", c->owner);
	cJSON_AddItemToObject(o, "co_owners", strlist_json(&c->co_owners));
	cJSON_AddStringToObject(o, "kind", kind_name(c->kind));
	cJSON_AddStringToObject(o, "status", status_name(c->status));
	cJSON_AddStringToObject(o, "status_label", status_label(c->status, lang));
	add_str(o, "status_reason", it->status_reason);
	add_str(o, "override_reason", it->p->overridden ? c->health_override_reason : NULL);
	add_date(o, "window_start", c->window_start);
	add_date(o, "due", c->due);
	add_target(o, &c->target);
	add_figures(o, it, lang);
	add_pct(o, "previous_percent", it->has_prev_percent, it->prev_percent);
	add_pct(o, "change", it->has_change, it->change);
	add_date(o, "forecast", it->p->has_forecast ? it->p->forecast : DATE_NONE);
	cJSON_AddBoolToObject(o, "forecast_after_due",
			      it->p->has_forecast && c->due != DATE_NONE && it->p->forecast > c->due);
	add_date(o, "last_checkin", it->last_checkin);
	a = cJSON_AddArrayToObject(o, "attention");
	for (int i = 0; i < ATTN__COUNT; i++)
		if (it->attention & (1u << i))
			cJSON_AddItemToArray(a, cJSON_CreateString(report_attention_name(i)));
	a = cJSON_AddArrayToObject(o, "series");
	for (size_t i = 0; i < it->nseries; i++) {
		cJSON *pt = cJSON_CreateObject();
		add_date(pt, "as_of", it->series[i].as_of);
		cJSON_AddNumberToObject(pt, "value", it->series[i].value);
		cJSON_AddItemToArray(a, pt);
	}
	a = cJSON_AddArrayToObject(o, "checkins");
	for (size_t i = 0; i < it->ncheckins; i++)
		cJSON_AddItemToArray(a, checkin_json(&it->checkins[i]));
	a = cJSON_AddArrayToObject(o, "changes");
	for (size_t i = 0; i < it->nchanges; i++)
		cJSON_AddItemToArray(a, change_json(&it->changes[i]));
	a = cJSON_AddArrayToObject(o, "status_changes");
	for (size_t i = 0; i < it->nstatus_changes; i++)
		cJSON_AddItemToArray(a, change_json(&it->status_changes[i]));
	a = cJSON_AddArrayToObject(o, "corrections");
	for (size_t i = 0; i < it->ncorrections; i++) {
		cJSON *k = cJSON_CreateObject();
		add_correction_fields(k, &it->corrections[i]);
		cJSON_AddItemToArray(a, k);
	}
	return o;
}

/* An attention entry: who, what, and the figures a reader acts on. */
static cJSON *entry_json(const struct report_item *it, const char *lang)
{
	cJSON *o = cJSON_CreateObject();

	add_who(o, it);
	add_date(o, "due", it->c->due);
	add_figures(o, it, lang);
	add_date(o, "last_checkin", it->last_checkin);
	return o;
}

/* Writes o unformatted as one line of a spooled array; takes o. */
static int spool_json(FILE *f, int *n, cJSON *o, const char *indent, struct trk_error *err)
{
	char *text = cJSON_PrintUnformatted(o);
	int rc = 0;

	if (fprintf(f, "%s%s%s", (*n)++ ? ",\n" : "", indent, text) < 0)
		rc = trk_err(err, TRK_EIO, "cannot write a temporary file");
	cJSON_free(text);
	cJSON_Delete(o);
	return rc;
}

static int json_item(void *arg, const struct report_item *it, struct trk_error *err)
{
	struct json_state *s = arg;
	const char *lang = s->p->lang;
	int rc = 0;

	for (int a = 0; a < ATTN__COUNT && !rc; a++) {
		const struct history *h = a == ATTN_CHANGED ? it->changes : it->status_changes;
		size_t nh = a == ATTN_CHANGED ? it->nchanges : it->nstatus_changes;
		if (!(it->attention & (1u << a)))
			continue;
		if (a == ATTN_CORRECTED) {
			for (size_t i = 0; i < it->ncorrections && !rc; i++) {
				cJSON *o = cJSON_CreateObject();
				add_who(o, it);
				add_correction_fields(o, &it->corrections[i]);
				rc = spool_json(s->attn[a], &s->nattn[a], o, "      ", err);
			}
			continue;
		}
		if (a != ATTN_CHANGED && a != ATTN_STATUS) {
			rc = spool_json(s->attn[a], &s->nattn[a], entry_json(it, lang), "      ", err);
			continue;
		}
		for (size_t i = 0; i < nh && !rc; i++) {
			cJSON *o = cJSON_CreateObject();
			add_who(o, it);
			add_change_fields(o, &h[i]);
			rc = spool_json(s->attn[a], &s->nattn[a], o, "      ", err);
		}
	}
	return rc ? rc : spool_json(s->items, &s->nitems, item_json(it, lang), "    ", err);
}

/* Prints o formatted, indented by two spaces per level from `depth`. */
static void put_formatted(struct strbuf *sb, const cJSON *o, int depth)
{
	char *text = cJSON_Print(o);
	bool line_start = false;

	for (const char *t = text; *t; t++) {
		if (*t == '\n') {
			strbuf_addch(sb, '\n');
			strbuf_addspaces(sb, (size_t)depth * 2);
			line_start = true;
		} else if (*t == '\t' && line_start) {
			strbuf_addstr(sb, "  ");
		} else {
			if (*t == ':' && t[1] == '\t') {
				strbuf_addstr(sb, ": ");
				t++;
				continue;
			}
			line_start = false;
			strbuf_addch(sb, *t);
		}
	}
	cJSON_free(text);
}

static void member(struct strbuf *sb, const char *name, cJSON *o)
{
	strbuf_addf(sb, ",\n  \"%s\": ", name);
	put_formatted(sb, o, 1);
	cJSON_Delete(o);
}

static cJSON *period_json(const struct report_summary *s)
{
	const struct report_params *p = s->params;
	cJSON *o = cJSON_CreateObject();

	struct strbuf title = STRBUF_INIT;

	report_period_title(&title, p, p->lang);
	cJSON_AddStringToObject(o, "label", p->label);
	cJSON_AddStringToObject(o, "title", title.buf);
	strbuf_release(&title);
	add_date(o, "from", p->from);
	add_date(o, "to", p->to);
	add_date(o, "previous_end", s->prev_end);
	return o;
}

static cJSON *mask_json(unsigned mask, int n, const char *(*name)(int))
{
	cJSON *a = cJSON_CreateArray();

	for (int i = 0; i < n; i++)
		if (mask & (1u << i))
			cJSON_AddItemToArray(a, cJSON_CreateString(name(i)));
	return a;
}

static const char *status_at(int i) { return status_name((enum status)i); }
static const char *health_at(int i) { return health_name((enum health)i); }

static cJSON *filter_json(const struct filter *f)
{
	cJSON *o = cJSON_CreateObject();

	add_str(o, "key", f->key);
	add_str(o, "letter", f->letter);
	add_str(o, "owner", f->owner);
	add_str(o, "tag", f->tag);
	add_str(o, "kind", f->kind >= 0 ? kind_name((enum kind)f->kind) : NULL);
	cJSON_AddItemToObject(o, "status", mask_json(f->status_mask, ST__COUNT, status_at));
	cJSON_AddItemToObject(o, "health", mask_json(f->health_mask, H__COUNT, health_at));
	add_date(o, "due_before", f->due_before);
	add_date(o, "due_after", f->due_after);
	cJSON_AddBoolToObject(o, "open_only", f->open_only);
	return o;
}

static cJSON *letters_json(const struct report_summary *s)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < s->nletters; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "doc_no", s->letters[i].doc_no);
		add_str(o, "title", s->letters[i].title);
		add_date(o, "date", s->letters[i].date);
		add_str(o, "addressee", s->letters[i].addressee);
		add_str(o, "suggestion_no", s->letters[i].suggestion_no);
		add_str(o, "session", s->letters[i].session);
		cJSON_AddNumberToObject(o, "commitments", s->letters[i].commitments);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static cJSON *counts_json(const int *counts, int n, const char *(*name)(int))
{
	cJSON *o = cJSON_CreateObject();

	for (int i = 0; i < n; i++)
		cJSON_AddNumberToObject(o, name(i), counts[i]);
	return o;
}

static cJSON *summary_json(const struct report_summary *s)
{
	cJSON *o = cJSON_CreateObject(), *c;
	double v;
	bool has;

	cJSON_AddNumberToObject(o, "commitments", s->total);
	cJSON_AddItemToObject(o, "by_health", counts_json(s->by_health, H__COUNT, health_at));
	cJSON_AddItemToObject(o, "by_status", counts_json(s->by_status, ST__COUNT, status_at));
	cJSON_AddNumberToObject(o, "overdue", s->overdue);
	cJSON_AddNumberToObject(o, "active", s->active);
	has = report_on_track_share(s, &v);
	add_pct(o, "on_track_share", has, v);
	c = cJSON_AddObjectToObject(o, "completion");
	cJSON_AddNumberToObject(c, "due_by_end", s->due_by_end);
	cJSON_AddNumberToObject(c, "done", s->done_of_due);
	cJSON_AddNumberToObject(c, "done_target_met", s->done_met);
	cJSON_AddNumberToObject(c, "done_target_not_met", s->done_of_due - s->done_met);
	has = report_completion_rate(s, &v);
	add_pct(c, "rate", has, v);
	has = report_met_rate(s, &v);
	add_pct(c, "rate_target_met", has, v);
	cJSON_AddNumberToObject(c, "replied_only", s->due_by_end - s->done_of_due);
	cJSON_AddNumberToObject(o, "checkins_in_period", s->checkins_in_period);
	return o;
}

static cJSON *depts_json(const struct report_summary *s)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < s->ndepts; i++) {
		const struct report_dept *d = &s->depts[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "name", d->name);
		cJSON_AddNumberToObject(o, "commitments", d->total);
		cJSON_AddItemToObject(o, "by_health", counts_json(d->by_health, H__COUNT, health_at));
		cJSON_AddNumberToObject(o, "no_checkin", d->no_checkin);
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

static void head(struct strbuf *sb, const struct report_summary *s)
{
	const struct report_params *p = s->params;
	char d[DATE_BUFSZ];

	strbuf_addstr(sb, "{\n  \"format\": \"" REPORT_FORMAT_ID "\"");
	strbuf_addf(sb, ",\n  \"lang\": \"%s\"", p->lang);
	member(sb, "period", period_json(s));
	date_format(p->to, d);
	strbuf_addf(sb, ",\n  \"as_of\": \"%s\"", d);
	strbuf_addf(sb, ",\n  \"generated_at\": \"%s\"", p->generated_at);
	/* A report made at T without --as-known-at counts what was known at
	 * T, so the member is the same either way and a regeneration with
	 * --as-known-at T gives the same bytes. */
	strbuf_addf(sb, ",\n  \"known_at\": \"%s\"", p->generated_at);
	if (p->chain_head)
		strbuf_addf(sb, ",\n  \"chain_head\": \"%s\"", p->chain_head);
	member(sb, "filter", filter_json(&p->filter));
	member(sb, "letters", letters_json(s));
	member(sb, "summary", summary_json(s));
	member(sb, "departments", depts_json(s));
}

static int json_finish(void *arg, const struct report_summary *sum, struct trk_error *err)
{
	struct json_state *s = arg;
	struct strbuf sb = STRBUF_INIT;
	int rc;

	head(&sb, sum);
	strbuf_addstr(&sb, ",\n  \"attention\": {");
	for (int a = 0; a < ATTN__COUNT; a++) {
		strbuf_addf(&sb, "%s\n    \"%s\": [%s", a ? "," : "", report_attention_name(a),
			    s->nattn[a] ? "\n" : "");
		if ((rc = report_flush(s->out, &sb, err)) ||
		    (rc = report_spool_copy(s->attn[a], s->out, err)))
			goto out;
		strbuf_addstr(&sb, s->nattn[a] ? "\n    ]" : "]");
	}
	strbuf_addf(&sb, "\n  },\n  \"commitments\": [%s", s->nitems ? "\n" : "");
	if ((rc = report_flush(s->out, &sb, err)) || (rc = report_spool_copy(s->items, s->out, err)))
		goto out;
	strbuf_addstr(&sb, s->nitems ? "\n  ]\n}\n" : "]\n}\n");
	rc = report_flush(s->out, &sb, err);
out:
	strbuf_release(&sb);
	return rc;
}

static void json_release(void *arg)
{
	struct json_state *s = arg;

	if (!s)
		return;
	report_attn_close(s->attn);
	report_spool_close(s->items);
	free(s);
}

static int json_begin(const struct report_params *p, FILE *out, void **state,
		      struct trk_error *err)
{
	struct json_state *s = xcalloc(1, sizeof(*s));
	int rc = 0;

	*state = s;
	s->p = p;
	s->out = out;
	if ((rc = report_attn_open(s->attn, err)))
		return rc;
	return report_spool_open(&s->items, err);
}

const struct report_writer report_json_writer = {
	json_begin, json_item, json_finish, json_release
};
