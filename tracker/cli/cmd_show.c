/* cmd_show.c - `tracker show KEY`: every field, the progress as of a date,
 * the check-ins and the history. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "model/format.h"
#include "select.h"
#include "util/date.h"
#include "record/export_json.h"
#include "util/utf8.h"
#include "util/banned.h"

static void field(struct strbuf *sb, const char *label, const char *value)
{
	if (!value || !*value)
		return;
	utf8_add_padded(sb, label, 12);
	utf8_add_terminal(sb, value, 0);
	strbuf_addch(sb, '\n');
}

static void join(struct strbuf *sb, const struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		strbuf_addf(sb, "%s%s", i ? ", " : "", l->items[i]);
}

static void show_fields(struct strbuf *sb, const struct commitment *c, const struct progress *p,
			int32_t as_of)
{
	struct strbuf t = STRBUF_INIT;
	char d1[DATE_BUFSZ], d2[DATE_BUFSZ];

	field(sb, "key", c->key);
	field(sb, "title", c->title);
	field(sb, "letter", c->letter_doc_no);
	field(sb, "section", c->section);
	field(sb, "quote", c->quote);
	field(sb, "owner", c->owner);
	join(&t, &c->co_owners);
	field(sb, "co-owners", t.buf);
	field(sb, "kind", kind_name(c->kind));
	strbuf_reset(&t);
	format_target(&t, &c->target);
	if (c->target.present && c->target.baseline != 0) {
		strbuf_addstr(&t, " from ");
		format_number(&t, c->target.baseline);
	}
	field(sb, "target", t.buf);
	date_format(c->window_start, d1);
	date_format(c->due, d2);
	strbuf_reset(&t);
	strbuf_addf(&t, "%s .. %s", *d1 ? d1 : "(open)", *d2 ? d2 : "(no due date)");
	field(sb, "window", t.buf);
	field(sb, "status", status_name(c->status));
	strbuf_reset(&t);
	join(&t, &c->tags);
	field(sb, "tags", t.buf);
	date_format(as_of, d1);
	strbuf_reset(&t);
	format_progress(&t, c, p);
	if (p->has_percent)
		strbuf_addf(&t, "  %.0f%%", p->percent);
	if (p->has_expected)
		strbuf_addf(&t, "  (expected %.0f%%)", p->expected);
	field(sb, "progress", t.buf);
	strbuf_reset(&t);
	strbuf_addf(&t, "%s as of %s", health_name(p->health), d1);
	if (p->overridden)
		strbuf_addf(&t, " (manual override: %s)", c->health_override_reason ? c->health_override_reason : "");
	field(sb, "health", t.buf);
	field(sb, "uid", c->uid);
	strbuf_release(&t);
}

static int show_checkin(const struct checkin *k, void *arg, struct trk_error *err)
{
	struct strbuf *sb = arg;
	char d[DATE_BUFSZ];

	date_format(k->as_of, d);
	strbuf_addf(sb, "  #%-3d %s  ", k->seq, d);
	if (k->has_value)
		format_number(sb, k->value);
	else
		strbuf_addch(sb, '-');
	if (k->supersedes)
		strbuf_addf(sb, "  (corrects #%d)", k->supersedes);
	strbuf_addf(sb, "  recorded %s", k->recorded_at);
	if (k->author) {
		strbuf_addstr(sb, " by ");
		utf8_add_terminal(sb, k->author, 0);
	}
	if (k->note) {
		strbuf_addstr(sb, "\n        ");
		utf8_add_terminal(sb, k->note, 0);
	}
	if (k->evidence) {
		strbuf_addstr(sb, "\n        evidence: ");
		utf8_add_terminal(sb, k->evidence, 0);
	}
	strbuf_addch(sb, '\n');
	return 0;
}

static int show_history(const struct history *h, void *arg, struct trk_error *err)
{
	struct strbuf *sb = arg;

	strbuf_addf(sb, "  #%-3d %s  %s: ", h->seq, h->changed_at, h->field);
	utf8_add_terminal(sb, h->old_value ? h->old_value : "(none)", 0);
	strbuf_addstr(sb, " -> ");
	utf8_add_terminal(sb, h->new_value ? h->new_value : "(none)", 0);
	if (h->author) {
		strbuf_addstr(sb, " by ");
		utf8_add_terminal(sb, h->author, 0);
	}
	if (h->reason) {
		strbuf_addstr(sb, "\n        reason: ");
		utf8_add_terminal(sb, h->reason, 0);
	}
	strbuf_addch(sb, '\n');
	return 0;
}

static int json_checkin(const struct checkin *k, void *arg, struct trk_error *err)
{
	cJSON *o = cJSON_CreateObject();
	char d[DATE_BUFSZ];

	date_format(k->as_of, d);
	cJSON_AddNumberToObject(o, "seq", k->seq);
	cJSON_AddStringToObject(o, "as_of", d);
	cJSON_AddStringToObject(o, "recorded_at", k->recorded_at);
	if (k->has_value)
		cJSON_AddNumberToObject(o, "value", k->value);
	else
		cJSON_AddNullToObject(o, "value");
	cJSON_AddStringToObject(o, "note", k->note ? k->note : "");
	cJSON_AddStringToObject(o, "evidence", k->evidence ? k->evidence : "");
	cJSON_AddStringToObject(o, "author", k->author ? k->author : "");
	cJSON_AddNumberToObject(o, "supersedes", k->supersedes);
	cJSON_AddItemToArray(arg, o);
	return 0;
}

static int json_history(const struct history *h, void *arg, struct trk_error *err)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "seq", h->seq);
	cJSON_AddStringToObject(o, "field", h->field);
	h->old_value ? cJSON_AddStringToObject(o, "old", h->old_value) : cJSON_AddNullToObject(o, "old");
	h->new_value ? cJSON_AddStringToObject(o, "new", h->new_value) : cJSON_AddNullToObject(o, "new");
	cJSON_AddStringToObject(o, "author", h->author ? h->author : "");
	cJSON_AddStringToObject(o, "changed_at", h->changed_at);
	cJSON_AddStringToObject(o, "reason", h->reason ? h->reason : "");
	cJSON_AddItemToArray(arg, o);
	return 0;
}

struct show_ctx {
	struct store *st;
	FILE *out;
	bool json;
	int32_t as_of;
};

static int show_json(const struct commitment *c, const struct progress *p, struct show_ctx *x,
		     struct trk_error *err)
{
	cJSON *o = commitment_to_json(c, p);
	char *text;
	int rc;

	if ((rc = store_checkins(x->st, c, NULL, json_checkin,
				 cJSON_AddArrayToObject(o, "checkins"), err)) ||
	    (rc = store_history(x->st, c, NULL, json_history,
				cJSON_AddArrayToObject(o, "history"), err))) {
		cJSON_Delete(o);
		return rc;
	}
	text = cJSON_Print(o);
	fprintf(x->out, "%s\n", text);
	cJSON_free(text);
	cJSON_Delete(o);
	return 0;
}

static int show_one(const struct commitment *c, const struct checkin_summary *s,
		    const struct progress *p, void *arg, struct trk_error *err)
{
	struct show_ctx *x = arg;
	struct strbuf sb = STRBUF_INIT;
	int rc;

	if (x->json)
		return show_json(c, p, x, err);
	show_fields(&sb, c, p, x->as_of);
	strbuf_addstr(&sb, "\ncheck-ins:\n");
	if ((rc = store_checkins(x->st, c, NULL, show_checkin, &sb, err)))
		goto out;
	strbuf_addstr(&sb, "\nhistory:\n");
	if ((rc = store_history(x->st, c, NULL, show_history, &sb, err)))
		goto out;
	fputs(sb.buf, x->out);
out:
	strbuf_release(&sb);
	return rc;
}

int cmd_show(int argc, char **argv, struct cmd_ctx *ctx, struct trk_error *err)
{
	const char *as_of = NULL, *key;
	bool json = false, help;
	struct opt opts[] = { { "as-of", OPT_STRING, &as_of }, { "json", OPT_FLAG, &json },
			      { NULL, 0, NULL } };
	struct show_ctx x = { .out = ctx->out };
	struct filter f;
	struct view v = { 0 };
	int64_t id;
	int rc;

	if ((rc = opts_parse(argc, argv, opts, &key, 1, 1, NULL, &help, err)) ||
	    (rc = select_as_of(as_of, &v.as_of, err)) || (rc = cmd_store(ctx, &x.st, err)) ||
	    (rc = store_health_config(x.st, &v.health, err)) ||
	    (rc = store_commitment_id(x.st, key, &id, err)))
		return rc;
	filter_init(&f);
	f.key = key;
	x.json = json;
	x.as_of = v.as_of;
	return store_query(x.st, &f, SORT_KEY, &v, show_one, &x, err);
}
