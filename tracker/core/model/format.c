#include "model/format.h"

#include <math.h>
#include <stdio.h>

#include "util/banned.h"

void format_number(struct strbuf *sb, double v)
{
	char buf[32];

	/* Whole numbers avoid floating-point printf, which is slow in bulk. */
	if (v == floor(v) && fabs(v) < 1e15)
		snprintf(buf, sizeof(buf), "%lld", (long long)v);
	else
		snprintf(buf, sizeof(buf), "%.6g", v);
	strbuf_addstr(sb, buf);
}

static void add_target(struct strbuf *sb, const char *cmp, const struct target *t)
{
	strbuf_addf(sb, "%s ", cmp);
	format_number(sb, t->value);
	if (t->unit && *t->unit)
		strbuf_addf(sb, " %s", t->unit);
}

void format_target(struct strbuf *sb, const struct target *t)
{
	if (t->present)
		add_target(sb, comparator_name(t->cmp), t);
}

void format_target_text(struct strbuf *sb, const struct target *t)
{
	if (t->present)
		add_target(sb, comparator_symbol(t->cmp), t);
}

void format_progress(struct strbuf *sb, const struct commitment *c, const struct progress *p)
{
	if (p->has_current)
		format_number(sb, p->current);
	else if (c->target.present)
		strbuf_addch(sb, '-');
	if (!c->target.present)
		return;
	strbuf_addch(sb, '/');
	format_number(sb, c->target.value);
	if (c->target.unit && *c->target.unit)
		strbuf_addf(sb, " %s", c->target.unit);
}

void format_percent(struct strbuf *sb, bool has, double v)
{
	if (!has)
		return;
	format_number(sb, round(v));
	strbuf_addch(sb, '%');
}
