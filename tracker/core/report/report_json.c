/* report_json.c - the report as JSON (reports/report.schema.json). Members
 * come in a fixed order; commitments and attention entries are spooled one
 * per line while the totals are counted, then the document is assembled.
 * The lines are written on a thread beside the pass (util/beside.h), from
 * copies of the items (report_item_copy): a third of a whole-store JSON
 * report was its text, and the second core was idle. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "model/canonical.h"
#include "util/date.h"
#include "report/report.h"
#include "report/report_item.h"
#include "report/report_out.h"
#include "util/beside.h"
#include "util/jsonw.h"
#include "util/strbuf.h"
#include "util/banned.h"

struct json_state {
	const struct report_params *p;
	FILE *out;
	FILE *attn[ATTN__COUNT], *items;
	int nattn[ATTN__COUNT], nitems;
	struct strbuf line;   /* one spooled line, reused: no allocation per item */
	/* The spools, nitems, nattn and line are the thread's until it is
	 * drained. */
	struct beside beside;
};

/* ---- the spooled lines: one commitment or attention entry each ------------------------
 *
 * Written with jsonw rather than as a cJSON tree: a report of 100,000
 * commitments spent 40 % of its time building, printing and freeing a tree
 * per item. Numbers are spelled by jsonw's one rule (the shortest text that
 * reads back exactly), as in the export and the API. */

static void put_date(struct jsonw *w, const char *name, int32_t d)
{
	char buf[DATE_BUFSZ];

	jsonw_string(w, name, report_date(d, buf, NULL));
}

static void put_num(struct jsonw *w, const char *name, bool has, double v)
{
	if (has)
		jsonw_number(w, name, v);
	else
		jsonw_null(w, name);
}

static void put_pct(struct jsonw *w, const char *name, bool has, double v)
{
	put_num(w, name, has, has ? report_round1(v) : 0);
}

static void put_checkin(struct jsonw *w, const struct checkin *k)
{
	jsonw_object(w, NULL);
	jsonw_int(w, "seq", k->seq);
	put_date(w, "as_of", k->as_of);
	put_num(w, "value", k->has_value, k->value);
	jsonw_string(w, "note", k->note);
	jsonw_string(w, "evidence", k->evidence);
	jsonw_string(w, "author", k->author);
	jsonw_string(w, "recorded_at", k->recorded_at);
	put_num(w, "corrects", k->supersedes != 0, k->supersedes);
	jsonw_end(w);
}

static void put_change_fields(struct jsonw *w, const struct history *h)
{
	jsonw_int(w, "seq", h->seq);
	jsonw_string(w, "field", h->field);
	jsonw_string(w, "old", h->old_value);
	jsonw_string(w, "new", h->new_value);
	jsonw_string(w, "changed_at", h->changed_at);
	jsonw_string(w, "author", h->author);
	jsonw_string(w, "reason", h->reason);
}

static void put_changes(struct jsonw *w, const char *name, const struct history *h, size_t n)
{
	jsonw_array(w, name);
	for (size_t i = 0; i < n; i++) {
		jsonw_object(w, NULL);
		put_change_fields(w, &h[i]);
		jsonw_end(w);
	}
	jsonw_end(w);
}

static void put_figures(struct jsonw *w, const struct report_item *it, const char *lang)
{
	const struct progress *p = it->p;

	put_num(w, "current", p->has_current, p->current);
	put_pct(w, "percent", p->has_percent, p->percent);
	put_pct(w, "expected", p->has_expected, p->expected);
	jsonw_string(w, "health", health_name(p->health));
	jsonw_string(w, "health_label", health_label(p->health, lang));
	jsonw_bool(w, "health_overridden", p->overridden);
	jsonw_bool(w, "target_met", p->target_met);
}

static void put_correction_fields(struct jsonw *w, const struct report_correction *c)
{
	const struct checkin *k = c->k;

	jsonw_int(w, "seq", k->seq);
	jsonw_int(w, "corrects", k->supersedes);
	put_date(w, "as_of", k->as_of);
	put_num(w, "old", c->old && c->old->has_value, c->old ? c->old->value : 0);
	put_num(w, "new", k->has_value, k->value);
	jsonw_string(w, "author", k->author);
	jsonw_string(w, "recorded_at", k->recorded_at);
	jsonw_string(w, "note", k->note);
}

/* The commitment an attention entry is about. */
static void put_who(struct jsonw *w, const struct report_item *it)
{
	jsonw_string(w, "key", it->c->key);
	jsonw_string(w, "title", it->c->title);
	jsonw_string(w, "owner", it->c->owner);
}

static void put_item_head(struct jsonw *w, const struct report_item *it, const char *lang)
{
	const struct commitment *c = it->c;

	jsonw_string(w, "key", c->key);
	jsonw_string(w, "letter", c->letter_doc_no);
	jsonw_string(w, "section", c->section && *c->section ? c->section : NULL);
	jsonw_string(w, "quote", c->quote);
	jsonw_string(w, "title", c->title);
	jsonw_string(w, "owner", c->owner);
	jsonw_array(w, "co_owners");
	for (size_t i = 0; i < c->co_owners.n; i++)
		jsonw_string(w, NULL, c->co_owners.items[i]);
	jsonw_end(w);
	jsonw_string(w, "kind", kind_name(c->kind));
	jsonw_string(w, "status", status_name(c->status));
	jsonw_string(w, "status_label", status_label(c->status, lang));
	jsonw_string(w, "status_reason", it->status_reason);
	jsonw_string(w, "override_reason", it->p->overridden ? c->health_override_reason : NULL);
	put_date(w, "window_start", c->window_start);
	put_date(w, "due", c->due);
	target_json(w, &c->target);
}

static void put_item(struct jsonw *w, const struct report_item *it, const char *lang)
{
	const struct commitment *c = it->c;

	jsonw_object(w, NULL);
	put_item_head(w, it, lang);
	put_figures(w, it, lang);
	put_pct(w, "previous_percent", it->has_prev_percent, it->prev_percent);
	put_pct(w, "change", it->has_change, it->change);
	put_date(w, "forecast", it->p->has_forecast ? it->p->forecast : DATE_NONE);
	jsonw_bool(w, "forecast_after_due",
		   it->p->has_forecast && c->due != DATE_NONE && it->p->forecast > c->due);
	put_date(w, "last_checkin", it->last_checkin);
	jsonw_array(w, "attention");
	for (int i = 0; i < ATTN__COUNT; i++)
		if (it->attention & (1u << i))
			jsonw_string(w, NULL, report_attention_name(i));
	jsonw_end(w);
	jsonw_array(w, "series");
	for (size_t i = 0; i < it->nseries; i++) {
		jsonw_object(w, NULL);
		put_date(w, "as_of", it->series[i].as_of);
		jsonw_number(w, "value", it->series[i].value);
		jsonw_end(w);
	}
	jsonw_end(w);
	jsonw_array(w, "checkins");
	for (size_t i = 0; i < it->ncheckins; i++)
		put_checkin(w, &it->checkins[i]);
	jsonw_end(w);
	put_changes(w, "changes", it->changes, it->nchanges);
	put_changes(w, "status_changes", it->status_changes, it->nstatus_changes);
	jsonw_array(w, "corrections");
	for (size_t i = 0; i < it->ncorrections; i++) {
		jsonw_object(w, NULL);
		put_correction_fields(w, &it->corrections[i]);
		jsonw_end(w);
	}
	jsonw_end(w);
	jsonw_end(w);
}

/* Starts a spooled line in s->line: a fresh object writer on it. */
static struct jsonw *line_begin(struct json_state *s, struct jsonw *w)
{
	strbuf_reset(&s->line);
	jsonw_init(w, &s->line, false);
	jsonw_object(w, NULL);
	return w;
}

/* Writes s->line as one line of a spooled array. */
static int spool_line(struct json_state *s, FILE *f, int *n, const char *indent,
		      struct trk_error *err)
{
	size_t sep = (*n)++ ? 2 : 0, ind = strlen(indent);

	/* fwrite, not fprintf: a line per item and per attention entry */
	if (fwrite(",\n", 1, sep, f) != sep || fwrite(indent, 1, ind, f) != ind ||
	    fwrite(s->line.buf, 1, s->line.len, f) != s->line.len)
		return trk_err(err, TRK_EIO, "cannot write a temporary file: %s", strerror(errno));
	return 0;
}

#define ENTRY_INDENT "      "

/* An attention entry of kind a: who, what, and the figures a reader acts
 * on; one line per change or correction where the kind lists those. */
static int spool_attention(struct json_state *s, const struct report_item *it, int a,
			   struct trk_error *err)
{
	const struct history *h = a == ATTN_CHANGED ? it->changes : it->status_changes;
	size_t n = a == ATTN_CHANGED ? it->nchanges : a == ATTN_STATUS ? it->nstatus_changes
		   : a == ATTN_CORRECTED ? it->ncorrections : 1;
	struct jsonw w;
	int rc = 0;

	for (size_t i = 0; i < n && !rc; i++) {
		line_begin(s, &w);
		put_who(&w, it);
		if (a == ATTN_CORRECTED) {
			put_correction_fields(&w, &it->corrections[i]);
		} else if (a == ATTN_CHANGED || a == ATTN_STATUS) {
			put_change_fields(&w, &h[i]);
		} else {
			put_date(&w, "due", it->c->due);
			put_figures(&w, it, s->p->lang);
			put_date(&w, "last_checkin", it->last_checkin);
		}
		jsonw_end(&w);
		rc = spool_line(s, s->attn[a], &s->nattn[a], ENTRY_INDENT, err);
	}
	return rc;
}

static int spool_item(struct json_state *s, const struct report_item *it, struct trk_error *err)
{
	struct jsonw w;
	int rc = 0;

	for (int a = 0; a < ATTN__COUNT && !rc; a++)
		if (it->attention & (1u << a))
			rc = spool_attention(s, it, a, err);
	if (rc)
		return rc;
	strbuf_reset(&s->line);
	jsonw_init(&w, &s->line, false);
	put_item(&w, it, s->p->lang);
	return spool_line(s, s->items, &s->nitems, "    ", err);
}

/* The thread's work on one item. */
static int spool_copy(void *arg, void *item, struct trk_error *err)
{
	struct report_item_copy *x = item;

	return spool_item(arg, &x->it, err);
}

static void free_copy(void *arg, void *item)
{
	(void)arg;
	report_item_copy_free(item);
}

static int json_item(void *arg, const struct report_item *it, struct trk_error *err)
{
	struct json_state *s = arg;
	int rc = beside_error(&s->beside, err);

	if (!rc)
		beside_put(&s->beside, report_item_copy(it));
	return rc;
}

/* ---- the head: small, built as cJSON trees and printed formatted ---------------------- */

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

static cJSON *letter_json(const struct report_summary *s, size_t i)
{
	const struct report_letter *l = &s->letters[i];
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "doc_no", l->doc_no);
	add_str(o, "title", l->title);
	add_date(o, "date", l->date);
	add_str(o, "addressee", l->addressee);
	add_str(o, "suggestion_no", l->suggestion_no);
	add_str(o, "session", l->session);
	cJSON_AddNumberToObject(o, "commitments", l->commitments);
	return o;
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

static cJSON *dept_json(const struct report_summary *s, size_t i)
{
	const struct report_dept *d = &s->depts[i];
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "name", d->name);
	cJSON_AddNumberToObject(o, "commitments", d->total);
	cJSON_AddItemToObject(o, "by_health", counts_json(d->by_health, H__COUNT, health_at));
	cJSON_AddNumberToObject(o, "no_checkin", d->no_checkin);
	return o;
}

/* A member whose value is an array of n objects, each built, printed and
 * freed in turn and flushed to out every so often: a store of thousands
 * of letters would otherwise hold them all as one tree and its text. The
 * punctuation is cJSON's formatted array ("[{", "}, {", "}]"), so the
 * bytes are what printing the whole array gave. */
static int put_array(FILE *out, struct strbuf *sb, const char *name,
		     const struct report_summary *s, size_t n,
		     cJSON *(*item)(const struct report_summary *, size_t), struct trk_error *err)
{
	int rc = 0;

	strbuf_addf(sb, ",\n  \"%s\": [", name);
	for (size_t i = 0; i < n && !rc; i++) {
		cJSON *o = item(s, i);
		if (i)
			strbuf_addstr(sb, ", ");
		put_formatted(sb, o, 2);
		cJSON_Delete(o);
		if (sb->len > 16 * 1024)
			rc = report_flush(out, sb, err);
	}
	strbuf_addch(sb, ']');
	return rc;
}

/* The members before the attention lists, written to out. */
static int head(FILE *out, struct strbuf *sb, const struct report_summary *s,
		struct trk_error *err)
{
	const struct report_params *p = s->params;
	char d[DATE_BUFSZ];
	int rc;

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
	if ((rc = put_array(out, sb, "letters", s, s->nletters, letter_json, err)))
		return rc;
	member(sb, "summary", summary_json(s));
	return put_array(out, sb, "departments", s, s->ndepts, dept_json, err);
}

static int json_finish(void *arg, const struct report_summary *sum, struct trk_error *err)
{
	struct json_state *s = arg;
	struct strbuf sb = STRBUF_INIT;
	int rc;

	beside_drain(&s->beside);
	if ((rc = beside_error(&s->beside, err)) || (rc = head(s->out, &sb, sum, err)))
		goto out;
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
	beside_release(&s->beside);
	report_attn_close(s->attn);
	report_spool_close(s->items);
	strbuf_release(&s->line);
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
	strbuf_init(&s->line);
	beside_init(&s->beside, spool_copy, free_copy, s);
	if ((rc = report_attn_open(s->attn, err)))
		return rc;
	return report_spool_open(&s->items, err);
}

const struct report_writer report_json_writer = {
	json_begin, json_item, json_finish, json_release, true
};
