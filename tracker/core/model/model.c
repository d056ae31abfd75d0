/* model.c - the records' names, labels, and memory. */
#include "model/model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/date.h"
#include "util/jsonw.h"
#include "util/strbuf.h"
#include "util/banned.h"

static const char *const kind_names[] = { "quantitative", "milestone", "ongoing" };
static const char *const status_names[] = { "open", "in_progress", "blocked", "done", "cancelled" };
static const char *const health_names[] = { "done", "cancelled", "overdue", "due_unmet",
					    "on_track", "at_risk", "off_track", "not_started",
					    "no_data" };
static const char *const cmp_names[] = { ">=", "<=", "=" };
/* What a reader sees in a document; the names above are what one types. */
static const char *const cmp_symbols[] = { "≥", "≤", "=" };
static const char *const role_names[] = { "admin", "department", "viewer" };

static const char *const kind_zh[] = { "量化指标", "节点任务", "持续推进" };
static const char *const status_zh[] = { "待推进", "推进中", "受阻", "已完成", "已取消" };
static const char *const health_zh[] = { "已完成", "已取消", "已逾期", "到期未完成",
					 "正常推进", "存在风险", "严重滞后", "未开始", "暂无进展" };
static const char *const kind_en[] = { "Quantitative", "Milestone", "Ongoing" };
static const char *const status_en[] = { "Open", "In progress", "Blocked", "Done", "Cancelled" };
static const char *const health_en[] = { "Done", "Cancelled", "Overdue", "Due, not done",
					 "On track", "At risk", "Off track", "Not started",
					 "No data" };

static int name_index(const char *const *names, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (!strcmp(names[i], s))
			return i;
	return -1;
}

const char *kind_name(enum kind k) { return kind_names[k]; }
const char *status_name(enum status s) { return status_names[s]; }
const char *health_name(enum health h) { return health_names[h]; }
const char *comparator_name(enum comparator c) { return cmp_names[c]; }
const char *comparator_symbol(enum comparator c) { return cmp_symbols[c]; }
const char *role_name(enum role r) { return role_names[r]; }
int kind_parse(const char *s) { return name_index(kind_names, KIND__COUNT, s); }
int status_parse(const char *s) { return name_index(status_names, ST__COUNT, s); }
int health_parse(const char *s) { return name_index(health_names, H__COUNT, s); }
int comparator_parse(const char *s) { return name_index(cmp_names, CMP__COUNT, s); }
int role_parse(const char *s) { return name_index(role_names, ROLE__COUNT, s); }

/* The joined lists are built once; they never change. */
static const char *joined(const char *const *names, int n, char *buf, size_t size)
{
	size_t used = 0;

	if (buf[0])
		return buf;
	for (int i = 0; i < n && used < size; i++)
		used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "", names[i]);
	return buf;
}

const char *status_names_list(void)
{
	static char buf[128];
	return joined(status_names, ST__COUNT, buf, sizeof(buf));
}

const char *health_names_list(void)
{
	static char buf[160];
	return joined(health_names, H__COUNT, buf, sizeof(buf));
}

const char *kind_names_list(void)
{
	static char buf[64];
	return joined(kind_names, KIND__COUNT, buf, sizeof(buf));
}

static bool lang_zh(const char *lang)
{
	return lang && !strncmp(lang, "zh", 2);
}

const char *health_label(enum health h, const char *lang)
{
	return lang_zh(lang) ? health_zh[h] : health_en[h];
}

const char *status_label(enum status s, const char *lang)
{
	return lang_zh(lang) ? status_zh[s] : status_en[s];
}

const char *kind_label(enum kind k, const char *lang)
{
	return lang_zh(lang) ? kind_zh[k] : kind_en[k];
}

/* ---- strlist ---------------------------------------------------------- */

void strlist_push(struct strlist *l, const char *s)
{
	l->items = xrealloc(l->items, (l->n + 1) * sizeof(*l->items));
	l->items[l->n++] = xstrdup(s);
}

void strlist_release(struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

bool strlist_has(const struct strlist *l, const char *s)
{
	for (size_t i = 0; l && i < l->n; i++)
		if (!strcmp(l->items[i], s))
			return true;
	return false;
}

void strlist_copy(struct strlist *dst, const struct strlist *src)
{
	memset(dst, 0, sizeof(*dst));
	for (size_t i = 0; i < src->n; i++)
		strlist_push(dst, src->items[i]);
}

bool strlist_equal(const struct strlist *a, const struct strlist *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->items[i], b->items[i]))
			return false;
	return true;
}

/* ---- records ------------------------------------------------------------ */

void letter_init(struct letter *l)
{
	memset(l, 0, sizeof(*l));
	l->date = DATE_NONE;
}

void letter_release(struct letter *l)
{
	free(l->doc_no), free(l->title), free(l->issuer), free(l->signer);
	free(l->addressee), free(l->suggestion_no), free(l->session);
	free(l->reply_class), free(l->text_sha256), free(l->text), free(l->created_at);
	strlist_release(&l->co_handlers);
	letter_init(l);
}

void owner_release(struct owner *o)
{
	free(o->name);
	free(o->short_name);
	strlist_release(&o->aliases);
	memset(o, 0, sizeof(*o));
}

void commitment_init(struct commitment *c)
{
	memset(c, 0, sizeof(*c));
	c->window_start = c->due = DATE_NONE;
	c->health_override = -1;
}

void commitment_release(struct commitment *c)
{
	free(c->key), free(c->uid), free(c->letter_doc_no), free(c->section);
	free(c->quote), free(c->title), free(c->owner), free(c->owner_short);
	free(c->target.unit);
	free(c->health_override_reason), free(c->created_at), free(c->updated_at);
	strlist_release(&c->co_owners);
	strlist_release(&c->tags);
	commitment_init(c);
}

void commitment_copy(struct commitment *dst, const struct commitment *src)
{
	*dst = *src;
	dst->key = xstrdup(src->key);
	dst->uid = xstrdup(src->uid);
	dst->letter_doc_no = xstrdup(src->letter_doc_no);
	dst->section = xstrdup(src->section);
	dst->quote = xstrdup(src->quote);
	dst->title = xstrdup(src->title);
	dst->owner = xstrdup(src->owner);
	dst->owner_short = xstrdup(src->owner_short);
	dst->target.unit = xstrdup(src->target.unit);
	dst->health_override_reason = xstrdup(src->health_override_reason);
	dst->created_at = xstrdup(src->created_at);
	dst->updated_at = xstrdup(src->updated_at);
	strlist_copy(&dst->co_owners, &src->co_owners);
	strlist_copy(&dst->tags, &src->tags);
}

void checkin_init(struct checkin *k)
{
	memset(k, 0, sizeof(*k));
	k->as_of = DATE_NONE;
}

void checkin_release(struct checkin *k)
{
	free(k->commitment_key), free(k->recorded_at), free(k->note), free(k->reason);
	free(k->evidence), free(k->author), free(k->prev_hash), free(k->hash);
	checkin_init(k);
}

void checkin_copy(struct checkin *dst, const struct checkin *src)
{
	*dst = *src;
	dst->commitment_key = xstrdup(src->commitment_key);
	dst->recorded_at = xstrdup(src->recorded_at);
	dst->note = xstrdup(src->note);
	dst->evidence = xstrdup(src->evidence);
	dst->author = xstrdup(src->author);
	dst->reason = xstrdup(src->reason);
	dst->prev_hash = xstrdup(src->prev_hash);
	dst->hash = xstrdup(src->hash);
}

void history_copy(struct history *dst, const struct history *src)
{
	*dst = *src;
	dst->commitment_key = xstrdup(src->commitment_key);
	dst->field = xstrdup(src->field);
	dst->old_value = xstrdup(src->old_value);
	dst->new_value = xstrdup(src->new_value);
	dst->author = xstrdup(src->author);
	dst->changed_at = xstrdup(src->changed_at);
	dst->reason = xstrdup(src->reason);
	dst->prev_hash = xstrdup(src->prev_hash);
	dst->hash = xstrdup(src->hash);
}

void history_init(struct history *h)
{
	memset(h, 0, sizeof(*h));
}

void history_release(struct history *h)
{
	free(h->commitment_key), free(h->field), free(h->old_value), free(h->new_value);
	free(h->author), free(h->changed_at), free(h->reason), free(h->prev_hash), free(h->hash);
	history_init(h);
}

void journal_entry_init(struct journal_entry *e)
{
	memset(e, 0, sizeof(*e));
}

void journal_entry_release(struct journal_entry *e)
{
	free(e->at), free(e->kind), free(e->subject), free(e->content);
	free(e->author), free(e->reason), free(e->prev_hash), free(e->hash);
	journal_entry_init(e);
}

void user_init(struct user *u)
{
	memset(u, 0, sizeof(*u));
}

void user_release(struct user *u)
{
	free(u->name);
	free(u->created_at);
	strlist_release(&u->owners);
	strlist_release(&u->letters);
	user_init(u);
}

const char *token_kind_name(enum token_kind k)
{
	return k == TOKEN_FEED ? "feed" : "api";
}

void token_release(struct token *t)
{
	free(t->id);
	free(t->user);
	free(t->created_at);
	free(t->revoked_at);
	free(t->hash);
	memset(t, 0, sizeof(*t));
}

/* ---- targets ------------------------------------------------------------ */

char *target_to_text(const struct target *t)
{
	struct strbuf sb = STRBUF_INIT;
	char num[32];

	if (!t->present)
		return NULL;
	canon_number(t->value, num);
	strbuf_addf(&sb, "%s %s", cmp_names[t->cmp], num);
	if (t->unit && *t->unit)
		strbuf_addf(&sb, " %s", t->unit);
	if (t->baseline != 0) {
		canon_number(t->baseline, num);
		strbuf_addf(&sb, " (baseline %s)", num);
	}
	return strbuf_detach(&sb);
}

/* Reads a number at *p, advancing it; false if there is none. */
static bool scan_number(const char **p, double *out)
{
	char *end;
	double v = strtod(*p, &end);

	if (end == *p || !isfinite(v))
		return false;
	*out = v == 0 ? 0 : v;
	*p = end;
	return true;
}

static bool scan_comparator(const char **p, int *cmp)
{
	const char *space = strchr(*p, ' ');
	char buf[3] = { 0 };

	if (!space || space - *p > 2 || space == *p)
		return false;
	memcpy(buf, *p, (size_t)(space - *p));
	if ((*cmp = comparator_parse(buf)) < 0)
		return false;
	*p = space + 1;
	return true;
}

int target_from_text(const char *s, struct target *t, struct trk_error *err)
{
	const char *p = s, *unit_end;
	int cmp;

	memset(t, 0, sizeof(*t));
	if (!s || !*s)
		return 0;
	if (!scan_comparator(&p, &cmp) || !scan_number(&p, &t->value))
		goto bad;
	if (*p == ' ' && strncmp(p, " (baseline ", 11)) {
		p++;
		unit_end = strstr(p, " (baseline ");
		if (!unit_end)
			unit_end = p + strlen(p);
		t->unit = xstrndup(p, (size_t)(unit_end - p));
		p = unit_end;
	}
	if (!strncmp(p, " (baseline ", 11)) {
		p += 11;
		if (!scan_number(&p, &t->baseline) || strcmp(p, ")"))
			goto bad;
	} else if (*p) {
		goto bad;
	}
	t->present = true;
	t->cmp = (enum comparator)cmp;
	return 0;
bad:
	free(t->unit);
	memset(t, 0, sizeof(*t));
	return trk_err_field(err, TRK_EINPUT, "target", "cannot read '%.60s'", s);
}

bool target_equal(const struct target *a, const struct target *b)
{
	char *x = target_to_text(a), *y = target_to_text(b);
	bool same = (!x && !y) || (x && y && !strcmp(x, y));

	free(x);
	free(y);
	return same;
}
