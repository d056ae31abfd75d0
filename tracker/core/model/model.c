#include "model/model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/date.h"
#include "util/sha256.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/banned.h"

static const char *const kind_names[] = { "quantitative", "milestone", "ongoing" };
static const char *const status_names[] = { "open", "in_progress", "blocked", "done", "cancelled" };
static const char *const health_names[] = { "done", "cancelled", "overdue", "on_track",
					    "at_risk", "off_track", "not_started", "no_data" };
static const char *const cmp_names[] = { ">=", "<=", "=" };

static const char *const kind_zh[] = { "量化指标", "节点任务", "持续推进" };
static const char *const status_zh[] = { "待推进", "推进中", "受阻", "已完成", "已取消" };
static const char *const health_zh[] = { "已完成", "已取消", "已逾期", "正常推进",
					 "存在风险", "严重滞后", "未开始", "暂无进展" };
static const char *const kind_en[] = { "Quantitative", "Milestone", "Ongoing" };
static const char *const status_en[] = { "Open", "In progress", "Blocked", "Done", "Cancelled" };
static const char *const health_en[] = { "Done", "Cancelled", "Overdue", "On track",
					 "At risk", "Off track", "Not started", "No data" };

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
int kind_parse(const char *s) { return name_index(kind_names, KIND__COUNT, s); }
int status_parse(const char *s) { return name_index(status_names, ST__COUNT, s); }
int health_parse(const char *s) { return name_index(health_names, H__COUNT, s); }
int comparator_parse(const char *s) { return name_index(cmp_names, CMP__COUNT, s); }

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
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->items[i], s))
			return true;
	return false;
}

void letter_release(struct letter *l)
{
	free(l->doc_no), free(l->title), free(l->issuer), free(l->signer);
	free(l->addressee), free(l->suggestion_no), free(l->session);
	free(l->reply_class), free(l->text_sha256), free(l->text);
	strlist_release(&l->co_handlers);
	memset(l, 0, sizeof(*l));
	l->date = DATE_NONE;
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

void checkin_init(struct checkin *k)
{
	memset(k, 0, sizeof(*k));
	k->as_of = DATE_NONE;
}

void checkin_release(struct checkin *k)
{
	free(k->commitment_key), free(k->recorded_at), free(k->note);
	free(k->evidence), free(k->author), free(k->prev_hash), free(k->hash);
	checkin_init(k);
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

char *target_to_text(const struct target *t)
{
	struct strbuf sb = STRBUF_INIT;

	if (!t->present)
		return NULL;
	strbuf_addf(&sb, "%s %.17g", cmp_names[t->cmp], t->value);
	if (t->unit && *t->unit)
		strbuf_addf(&sb, " %s", t->unit);
	if (t->baseline != 0)
		strbuf_addf(&sb, " (baseline %.17g)", t->baseline);
	return strbuf_detach(&sb);
}

/* Reads a number at *p, advancing it; false if there is none. */
static bool scan_number(const char **p, double *out)
{
	char *end;
	double v = strtod(*p, &end);

	if (end == *p || !isfinite(v))
		return false;
	*out = v;
	*p = end;
	return true;
}

int target_from_text(const char *s, struct target *t, struct trk_error *err)
{
	const char *p = s, *unit_end;
	int cmp;

	memset(t, 0, sizeof(*t));
	if (!s || !*s)
		return 0;
	const char *space = strchr(p, ' ');
	if (!space)
		goto bad;
	char cmpbuf[3] = { 0 };
	if (space - p > 2)
		goto bad;
	memcpy(cmpbuf, p, (size_t)(space - p));
	if ((cmp = comparator_parse(cmpbuf)) < 0)
		goto bad;
	p = space + 1;
	if (!scan_number(&p, &t->value))
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
	return trk_err(err, TRK_EINPUT, "target: cannot read '%.60s'", s);
}

void health_config_default(struct health_config *cfg)
{
	cfg->at_risk_gap = 16.5;
	cfg->off_track_gap = 33.0;
}

bool progress_expected(int32_t start, int32_t due, int32_t as_of, double *out)
{
	if (start == DATE_NONE || due == DATE_NONE || due < start)
		return false;
	double span = (double)(due - start) + 1;
	double done = (double)(as_of - start) + 1;
	*out = done <= 0 ? 0 : done >= span ? 100 : 100.0 * done / span;
	return true;
}

/* Share of the way from baseline to target, clamped to 0..100. Written as
 * one formula for >= and <= because (current - baseline) and (target -
 * baseline) change sign together when the target lies below the baseline. */
static double target_percent(const struct target *t, double current)
{
	double span = t->value - t->baseline;
	double pct;

	if (span == 0) {
		bool met = t->cmp == CMP_LE ? current <= t->value
			 : t->cmp == CMP_GE ? current >= t->value : current == t->value;
		return met ? 100 : 0;
	}
	pct = 100.0 * (current - t->baseline) / span;
	return pct < 0 ? 0 : pct > 100 ? 100 : pct;
}

static enum health pace_health(const struct progress *p, const struct health_config *cfg)
{
	double gap = p->has_expected ? p->expected - p->percent : 0;

	if (gap > cfg->off_track_gap)
		return H_OFF_TRACK;
	if (gap > cfg->at_risk_gap)
		return H_AT_RISK;
	return H_ON_TRACK;
}

static enum health data_health(const struct commitment *c, const struct checkin_summary *s,
			       int32_t as_of, const struct progress *p,
			       const struct health_config *cfg)
{
	if (c->kind == KIND_ONGOING) {
		int y, m, d;
		date_to_ymd(as_of, &y, &m, &d);
		int32_t quarter_start = date_quarter_start(y, (m - 1) / 3 + 1);
		if (s->last_as_of == DATE_NONE || s->last_as_of < quarter_start)
			return H_NO_DATA;
		return H_ON_TRACK;
	}
	if (c->kind == KIND_QUANTITATIVE && c->target.present)
		return p->has_percent ? pace_health(p, cfg) : H_NO_DATA;
	return s->n > 0 ? H_ON_TRACK : H_NO_DATA;
}

static enum health classify(const struct commitment *c, const struct checkin_summary *s,
			    int32_t as_of, const struct progress *p,
			    const struct health_config *cfg)
{
	enum health h;

	if (c->status == ST_DONE)
		return H_DONE;
	if (c->status == ST_CANCELLED)
		return H_CANCELLED;
	if (c->due != DATE_NONE && as_of > c->due)
		return H_OVERDUE;
	if (c->window_start != DATE_NONE && as_of < c->window_start)
		return H_NOT_STARTED;
	h = data_health(c, s, as_of, p, cfg);
	/* A blocked commitment is at risk at best, whatever its figures say. */
	if (c->status == ST_BLOCKED && (h == H_ON_TRACK || h == H_NO_DATA))
		h = H_AT_RISK;
	return h;
}

void progress_compute(const struct commitment *c, const struct checkin_summary *s,
		      int32_t as_of, const struct health_config *cfg, struct progress *out)
{
	memset(out, 0, sizeof(*out));
	if (s->has_value) {
		out->has_current = true;
		out->current = s->value;
	}
	if (c->target.present && s->has_value) {
		out->has_percent = true;
		out->percent = target_percent(&c->target, s->value);
	}
	if (c->status == ST_DONE) {
		out->has_percent = true;
		out->percent = 100;
	}
	out->has_expected = progress_expected(c->window_start, c->due, as_of, &out->expected);
	out->health = classify(c, s, as_of, out, cfg);
	if (c->health_override >= 0 && c->status != ST_DONE && c->status != ST_CANCELLED) {
		out->health = (enum health)c->health_override;
		out->overridden = true;
	}
}

/* Fields are joined with the unit separator, which text_check() keeps out
 * of stored text, so no two records serialise alike. */
static void hash_field(struct sha256 *ctx, const char *s)
{
	static const char sep = '\x1f';

	if (s)
		sha256_update(ctx, s, strlen(s));
	sha256_update(ctx, &sep, 1);
}

void checkin_hash(const struct checkin *k, char *out)
{
	struct sha256 ctx;
	char num[64], date[DATE_BUFSZ];

	sha256_init(&ctx);
	hash_field(&ctx, "checkin/1");
	hash_field(&ctx, k->commitment_key);
	snprintf(num, sizeof(num), "%d", k->seq);
	hash_field(&ctx, num);
	date_format(k->as_of, date);
	hash_field(&ctx, date);
	hash_field(&ctx, k->recorded_at);
	if (k->has_value)
		snprintf(num, sizeof(num), "%.17g", k->value);
	hash_field(&ctx, k->has_value ? num : "");
	hash_field(&ctx, k->note);
	hash_field(&ctx, k->evidence);
	hash_field(&ctx, k->author);
	snprintf(num, sizeof(num), "%d", k->supersedes);
	hash_field(&ctx, num);
	hash_field(&ctx, k->prev_hash);
	sha256_final_hex(&ctx, out);
}

void history_hash(const struct history *h, char *out)
{
	struct sha256 ctx;
	char num[32];

	sha256_init(&ctx);
	hash_field(&ctx, "history/1");
	hash_field(&ctx, h->commitment_key);
	snprintf(num, sizeof(num), "%d", h->seq);
	hash_field(&ctx, num);
	hash_field(&ctx, h->field);
	hash_field(&ctx, h->old_value ? h->old_value : "\x1e");
	hash_field(&ctx, h->new_value ? h->new_value : "\x1e");
	hash_field(&ctx, h->author);
	hash_field(&ctx, h->changed_at);
	hash_field(&ctx, h->reason);
	hash_field(&ctx, h->prev_hash);
	sha256_final_hex(&ctx, out);
}

int text_check(const char *s, size_t len, const char *field, struct trk_error *err)
{
	size_t bad;

	if (!utf8_valid(s, len, &bad))
		return trk_err(err, TRK_EINPUT, "%s: invalid UTF-8 (or a NUL byte) at byte %zu",
			       field, bad);
	if (memchr(s, '\x1f', len) || memchr(s, '\x1e', len))
		return trk_err(err, TRK_EINPUT, "%s: contains a control separator character",
			       field);
	return 0;
}
