/* bulk.c - one change to many commitments (see bulk.h). */
#include "bulk.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "i18n.h"
#include "model/commitment_field.h"
#include "util/date.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/banned.h"

struct plan {
	const struct bulk_change *b;
	struct strlist keys;       /* those that change */
	struct strbuf preview;
	int matched;
};

/* "  211-20  做好下半年…  status: open -> done; due: … -> …" */
static void preview_line(struct strbuf *sb, const struct commitment *c,
			 const struct edit_changes *ch)
{
	strbuf_addstr(sb, "  ");
	utf8_add_terminal(sb, c->key, 0);
	strbuf_addstr(sb, "  ");
	utf8_add_padded(sb, c->title, 30);
	for (size_t i = 0; i < ch->n; i++) {
		char *old = commitment_field_get(c, ch->items[i].field);
		strbuf_addf(sb, "%s%s: ", i ? "; " : "  ", ch->items[i].field);
		utf8_add_terminal(sb, old ? old : _("(none)"), 0);
		strbuf_addstr(sb, " -> ");
		utf8_add_terminal(sb, ch->items[i].value ? ch->items[i].value : _("(none)"), 0);
		free(old);
	}
	strbuf_addch(sb, '\n');
}

/* Leaves out what c has already (a commitment already done is not
 * "changed" to done), so a change can run over a mixed selection. */
static void drop_unchanged(const struct commitment *c, struct edit_changes *ch)
{
	size_t kept = 0;

	for (size_t i = 0; i < ch->n; i++) {
		char *now = commitment_field_get(c, ch->items[i].field);
		const char *want = ch->items[i].value;
		bool same = (!now && !want) || (now && want && !strcmp(now, want));
		free(now);
		if (same) {
			free(ch->values[i]);
			continue;
		}
		ch->items[kept] = ch->items[i];
		ch->values[kept++] = ch->values[i];
	}
	ch->n = kept;
}

/* The changes b makes to c, less what c has already. */
static int changes_for(const struct bulk_change *b, const struct commitment *c,
		       struct edit_changes *ch, struct trk_error *err)
{
	int rc;

	memset(ch, 0, sizeof(*ch));
	if ((rc = b->changes(c, b->arg, ch, err)))
		return rc;
	drop_unchanged(c, ch);
	return 0;
}

static int plan_one(const struct commitment_record *r, void *arg, struct trk_error *err)
{
	struct plan *p = arg;
	struct edit_changes ch;
	int rc;

	p->matched++;
	if ((rc = changes_for(p->b, r->c, &ch, err)))
		return trk_err_prefix(err, "%s", r->c->key);
	if (ch.n) {
		strlist_push(&p->keys, r->c->key);
		preview_line(&p->preview, r->c, &ch);
	}
	edit_changes_release(&ch);
	return 0;
}

static int make_plan(struct store *st, const struct filter_opts *f, struct plan *p,
		     struct trk_error *err)
{
	struct selection_hold hold;
	struct selection sel;
	struct query q;
	int rc;

	filter_selection(f, &sel);
	sel.sort = "key";
	if (!(rc = selection_to_query(st, &sel, &q, &hold, err)))
		rc = store_query(st, &q, plan_one, p, err);
	selection_hold_release(&hold);
	if (!rc && !p->matched)
		rc = trk_err(err, TRK_ENOTFOUND, "no commitments match");
	else if (!rc && !p->keys.n)
		rc = trk_err(err, TRK_EINPUT, "nothing to change: the %d commitments that match "
			     "are so already", p->matched);
	return rc;
}

/* Yes from a person at the terminal, or --yes. */
static int confirm(struct cmd_ctx *ctx, size_t n, bool yes, struct trk_error *err)
{
	char line[64];

	if (yes)
		return 0;
	if (!isatty(STDIN_FILENO) || !isatty(STDERR_FILENO))
		return trk_err(err, TRK_EUSAGE, "changing %zu commitments needs --yes when no one "
			       "is at a terminal to confirm", n);
	fprintf(ctx->msg, _("change these %zu commitments? [y/N] "), n);
	fflush(ctx->msg);
	if (!fgets(line, sizeof(line), stdin) ||
	    (strcasecmp(line, "y\n") && strcasecmp(line, "yes\n") && strcmp(line, _("y\n")) &&
	     strcmp(line, _("yes\n"))))
		return trk_err(err, TRK_EUSAGE, "not confirmed: nothing changed");
	return 0;
}

/* Every record of the command carries one moment, so `tracker undo` finds
 * the whole change as one: the clock is held where it stands (an injected
 * TRACKER_NOW stays as it is). */
static int hold_clock(struct trk_error *err)
{
	char now[TIMESTAMP_BUFSZ];
	int rc;

	if (getenv("TRACKER_NOW"))
		return 0;
	if ((rc = clock_timestamp(now, err)))
		return rc;
	setenv("TRACKER_NOW", now, 1);
	return 0;
}

struct apply {
	const struct plan *p;
	const struct actor *a;
};

static int apply_one(struct store *st, const struct apply *x, const char *key,
		     struct trk_error *err)
{
	struct edit_changes ch;
	struct commitment cur;
	int rc;

	memset(&ch, 0, sizeof(ch));
	if ((rc = store_commitment_get(st, key, &cur, err)))
		return rc;
	if (!(rc = changes_for(x->p->b, &cur, &ch, err)) && ch.n)
		rc = store_commitment_change(st, x->a, key, ch.items, ch.n, x->p->b->reason, err);
	edit_changes_release(&ch);
	commitment_release(&cur);
	return rc ? trk_err_prefix(err, "%s", key) : 0;
}

static int apply_all(struct store *st, void *arg, struct trk_error *err)
{
	const struct apply *x = arg;
	int rc = 0;

	for (size_t i = 0; i < x->p->keys.n && !rc; i++)
		rc = apply_one(st, x, x->p->keys.items[i], err);
	return rc;
}

int bulk_run(struct cmd_ctx *ctx, const struct filter_opts *f, bool yes, const struct actor *a,
	     const struct bulk_change *b, struct trk_error *err)
{
	struct plan p = { .b = b, .preview = STRBUF_INIT };
	struct apply x = { &p, a };
	struct store *st;
	int rc;

	if ((rc = cmd_store(ctx, &st, err)) || (rc = make_plan(st, f, &p, err)))
		goto out;
	fprintf(ctx->msg, _("%zu of the %d commitments that match will change:\n"), p.keys.n,
		p.matched);
	fputs(p.preview.buf, ctx->msg);
	if ((rc = confirm(ctx, p.keys.n, yes, err)) || (rc = hold_clock(err)) ||
	    (rc = store_write(st, apply_all, &x, err)))
		goto out;
	fprintf(ctx->msg, _("changed %zu commitments\n"), p.keys.n);
out:
	strlist_release(&p.keys);
	strbuf_release(&p.preview);
	return rc;
}
