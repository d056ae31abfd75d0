/* ledger.c - what every ledger format shares: the columns, the origin, the
 * store's identity and the walk over the commitments of an export. */
#include "record/ledger_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/format.h"
#include "util/date.h"
#include "util/utf8.h"
#include "util/banned.h"

static const char *const headers[LEDGER__COUNT] = {
	[LEDGER_KEY] = "编号", [LEDGER_OWNER] = "责任单位", [LEDGER_QUOTE] = "原文",
	[LEDGER_TITLE] = "承诺事项", [LEDGER_DUE] = "完成时限", [LEDGER_TARGET] = "目标",
	[LEDGER_LAST_VALUE] = "最近数值", [LEDGER_LAST_DATE] = "最近数值日期",
	[LEDGER_HEALTH] = "进展状态", [LEDGER_VALUE] = "本期数值", [LEDGER_AS_OF] = "截至日期",
	[LEDGER_NOTE] = "进展说明", [LEDGER_EVIDENCE] = "佐证材料", [LEDGER_AUTHOR] = "填报人",
};

const char *ledger_header(enum ledger_col c)
{
	return headers[c];
}

/* Header text as typed: surrounding ASCII and ideographic spaces do not
 * count, and neither does a "*" people add to mark a column required. */
static void trimmed(const char *s, const char **start, size_t *len)
{
	size_t n = strlen(s);

	for (;;) {
		if (n && (s[0] == ' ' || s[0] == '\t' || s[0] == '*'))
			s++, n--;
		else if (n >= 3 && !memcmp(s, "\xe3\x80\x80", 3))
			s += 3, n -= 3;
		else
			break;
	}
	for (;;) {
		if (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '*' ||
			  s[n - 1] == '\n' || s[n - 1] == '\r'))
			n--;
		else if (n >= 3 && !memcmp(s + n - 3, "\xe3\x80\x80", 3))
			n -= 3;
		else
			break;
	}
	*start = s;
	*len = n;
}

int ledger_header_parse(const char *text)
{
	const char *s;
	size_t n;

	if (!text)
		return -1;
	trimmed(text, &s, &n);
	for (int c = 0; c < LEDGER__COUNT; c++)
		if (strlen(headers[c]) == n && !memcmp(headers[c], s, n))
			return c;
	return -1;
}

bool ledger_header_row(const char *const *texts, size_t n, int where[LEDGER__COUNT])
{
	for (int c = 0; c < LEDGER__COUNT; c++)
		where[c] = -1;
	for (size_t i = 0; i < n; i++) {
		int c = ledger_header_parse(texts[i]);
		if (c >= 0 && where[c] < 0)
			where[c] = (int)i;
	}
	return where[LEDGER_KEY] >= 0 && where[LEDGER_VALUE] >= 0;
}

const char *ledger_header_missing(const int where[LEDGER__COUNT])
{
	if (where[LEDGER_KEY] < 0)
		return headers[LEDGER_KEY];
	for (int c = LEDGER_FIRST_FILL; c < LEDGER__COUNT; c++)
		if (where[c] < 0)
			return headers[c];
	return "";
}

int ledger_format_of(const char *path)
{
	const char *dot = path ? strrchr(path, '.') : NULL;

	if (!dot || strchr(dot, '/'))
		return -1;
	if (!strcasecmp(dot, ".xlsx"))
		return LEDGER_XLSX;
	if (!strcasecmp(dot, ".csv"))
		return LEDGER_CSV;
	return -1;
}

/* ---- the origin ------------------------------------------------------------ */

void ledger_origin_init(struct ledger_origin *o)
{
	memset(o, 0, sizeof(*o));
}

void ledger_origin_release(struct ledger_origin *o)
{
	free(o->format), free(o->store_id), free(o->export_id);
	free(o->exported_at), free(o->exported_by), free(o->selection);
	for (size_t i = 0; i < o->nkeys; i++)
		free(o->keys[i]);
	free(o->keys);
	memset(o, 0, sizeof(*o));
}

static void set_field(char **field, const char *value)
{
	free(*field);
	*field = xstrdup(value ? value : "");
}

void ledger_origin_set(struct ledger_origin *o, const char *name, const char *value)
{
	if (!strcmp(name, "format"))
		set_field(&o->format, value);
	else if (!strcmp(name, "store"))
		set_field(&o->store_id, value);
	else if (!strcmp(name, "export"))
		set_field(&o->export_id, value);
	else if (!strcmp(name, "exported_at"))
		set_field(&o->exported_at, value);
	else if (!strcmp(name, "exported_by"))
		set_field(&o->exported_by, value);
	else if (!strcmp(name, "selection"))
		set_field(&o->selection, value);
}

int ledger_origin_add_key(struct ledger_origin *o, const char *key, struct trk_error *err)
{
	if (o->nkeys >= LEDGER_KEYS_MAX)
		return trk_err(err, TRK_EINPUT, "the ledger lists more than %d keys",
			       LEDGER_KEYS_MAX);
	if (o->nkeys == o->akeys) {
		o->akeys = o->akeys ? 2 * o->akeys : 64;
		o->keys = xrealloc(o->keys, o->akeys * sizeof(*o->keys));
	}
	o->keys[o->nkeys++] = xstrdup(key);
	o->has_keys = true;
	return 0;
}

static int cmp_key(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void ledger_origin_sort(struct ledger_origin *o)
{
	if (o->nkeys > 1)
		qsort(o->keys, o->nkeys, sizeof(*o->keys), cmp_key);
}

bool ledger_origin_has(const struct ledger_origin *o, const char *key)
{
	return ledger_origin_find(o, key) >= 0;
}

long ledger_origin_find(const struct ledger_origin *o, const char *key)
{
	char *const *k = o->nkeys ? bsearch(&key, o->keys, o->nkeys, sizeof(*o->keys), cmp_key)
				  : NULL;

	return k ? (long)(k - o->keys) : -1;
}

void ledger_origin_seal(struct ledger_origin *o)
{
	char hex[DIGEST_HEXSZ];
	struct digest d;

	ledger_origin_sort(o);
	digest_init(&d);
	/* Fields end with a NUL so no two lists of them hash alike. */
	digest_add(&d, o->store_id, strlen(o->store_id) + 1);
	digest_add(&d, o->exported_at, strlen(o->exported_at) + 1);
	digest_add(&d, o->exported_by, strlen(o->exported_by) + 1);
	for (size_t i = 0; i < o->nkeys; i++)
		digest_add(&d, o->keys[i], strlen(o->keys[i]) + 1);
	digest_hex(&d, hex);
	hex[16] = '\0';
	set_field(&o->export_id, hex);
}

/* ---- the store's identity ------------------------------------------------------ */

struct first_entry {
	char *hash;
};

static int take_first(const struct journal_entry *e, void *arg, struct trk_error *err)
{
	struct first_entry *f = arg;

	(void)err;
	f->hash = xstrdup(e->hash);
	return 1;   /* enough: stop the scan */
}

int ledger_store_id(struct store *st, char out[DIGEST_HEXSZ], struct trk_error *err)
{
	struct first_entry f = { NULL };
	int rc = store_journal(st, NULL, take_first, &f, err);

	if (rc < 0)
		return rc;
	if (!f.hash || strlen(f.hash) != DIGEST_HEXSZ - 1) {
		free(f.hash);
		return trk_err(err, TRK_ENOTFOUND, "the store has no journal yet, so no identity "
			       "for a ledger");
	}
	memcpy(out, f.hash, DIGEST_HEXSZ);
	free(f.hash);
	return 0;
}

/* ---- the walk -------------------------------------------------------------------- */

struct scan {
	struct ledger_origin *o;
	ledger_item_fn fn;
	void *ctx;
	int count;
};

static int visit(const struct commitment_record *r, void *arg, struct trk_error *err)
{
	struct scan *s = arg;
	struct ledger_item it = { r->c, r->p, r->c->owner };
	int rc;

	if ((rc = ledger_origin_add_key(s->o, r->c->key, err)))
		return rc;
	s->count++;
	return s->fn(&it, s->ctx, err);
}

int ledger_scan(struct store *st, const struct query *q, const struct ledger_export_info *info,
		struct ledger_origin *o, ledger_item_fn fn, void *ctx, struct trk_error *err)
{
	char id[DIGEST_HEXSZ], now[TIMESTAMP_BUFSZ];
	struct scan s = { o, fn, ctx, 0 };
	struct query byowner = *q;
	int rc;

	if ((rc = ledger_store_id(st, id, err)) || (rc = clock_timestamp(now, err)))
		return rc;
	/* A sheet per department: its commitments come together, by due date. */
	byowner.order = SORT_OWNER;
	byowner.want = 0;
	if ((rc = store_query(st, &byowner, visit, &s, err)))
		return rc;
	if (!s.count)
		return trk_err(err, TRK_ENOTFOUND, "no commitments match: nothing to put in a "
			       "ledger");
	ledger_origin_set(o, "format", LEDGER_FORMAT_ID);
	ledger_origin_set(o, "store", id);
	ledger_origin_set(o, "exported_at", now);
	ledger_origin_set(o, "exported_by", info->by);
	ledger_origin_set(o, "selection", info->selection);
	o->has_keys = true;
	ledger_origin_seal(o);
	return 0;
}

static void add_line(struct strbuf *sb, const char *s)
{
	if (s)
		utf8_add_inert(sb, s, strlen(s), "");
}

static void add_date(struct strbuf *sb, int32_t d)
{
	char buf[DATE_BUFSZ];

	if (d != DATE_NONE) {
		date_format(d, buf);
		strbuf_addstr(sb, buf);
	}
}

/* The lead, then the co-owners: "经信局（协办：商务局、人社局）". */
static void add_owners(struct strbuf *sb, const struct commitment *c)
{
	add_line(sb, c->owner);
	if (!c->co_owners.n)
		return;
	strbuf_addstr(sb, "（协办：");
	for (size_t i = 0; i < c->co_owners.n; i++) {
		if (i)
			strbuf_addstr(sb, "、");
		add_line(sb, c->co_owners.items[i]);
	}
	strbuf_addstr(sb, "）");
}

static void add_health(struct strbuf *sb, const struct ledger_item *it)
{
	strbuf_addstr(sb, health_label(it->p->health, "zh"));
	if (it->p->overridden)
		strbuf_addstr(sb, "（人工判定）");
}

void ledger_item_text(const struct ledger_item *it, enum ledger_col c, struct strbuf *sb)
{
	const struct commitment *k = it->c;

	switch (c) {
	case LEDGER_KEY: add_line(sb, k->key); break;
	case LEDGER_OWNER: add_owners(sb, k); break;
	case LEDGER_QUOTE:
		if (k->quote)
			utf8_add_inert(sb, k->quote, strlen(k->quote), "\n");
		break;
	case LEDGER_TITLE: add_line(sb, k->title); break;
	case LEDGER_DUE: add_date(sb, k->due); break;
	case LEDGER_TARGET: {
		struct strbuf t = STRBUF_INIT;
		format_target_text(&t, &k->target);
		add_line(sb, t.buf);
		strbuf_release(&t);
		break;
	}
	case LEDGER_LAST_VALUE:
		if (it->p->has_current)
			format_number(sb, it->p->current);
		break;
	case LEDGER_LAST_DATE:
		add_date(sb, it->p->has_current ? it->p->current_as_of : it->p->last_as_of);
		break;
	case LEDGER_HEALTH: add_health(sb, it); break;
	default: break;
	}
}

void ledger_result_release(struct ledger_result *r)
{
	for (size_t i = 0; i < r->nproblems; i++) {
		free(r->problems[i].sheet);
		free(r->problems[i].msg);
	}
	free(r->problems);
	free(r->export_id);
	free(r->exported_at);
	free(r->exported_by);
	memset(r, 0, sizeof(*r));
}
