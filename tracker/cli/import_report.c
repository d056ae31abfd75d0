#include "import_report.h"

#include "i18n.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/banned.h"

static const char *plural(int n)
{
	return n == 1 ? "" : "s";
}

void import_report(FILE *msg, const struct import_stats *s)
{
	/* TRANSLATORS: each %s after a count is the English plural "s";
	 * a language without one skips it with %.0s. */
	fprintf(msg, _("imported %d letter%s (%d already present), %d commitment%s (%d already "
		"present), %d check-in%s, %d new owner%s\n"), s->letters_added,
		plural(s->letters_added), s->letters_skipped, s->commitments_added,
		plural(s->commitments_added), s->commitments_skipped, s->checkins_added,
		plural(s->checkins_added), s->owners_added, plural(s->owners_added));
}

static void problem_line(FILE *msg, const char *path, const struct ledger_problem *p)
{
	struct strbuf place = STRBUF_INIT, line = STRBUF_INIT;

	if (p->sheet)
		strbuf_addf(&place, _("sheet '%s'"), p->sheet);
	if (p->row && p->sheet)
		strbuf_addf(&place, _(" row %ld"), p->row);
	else if (p->row)
		strbuf_addf(&place, _("line %ld"), p->row);
	if (p->col[0])
		strbuf_addf(&place, _(", column %s"), p->col);
	if (p->header)
		strbuf_addf(&place, " (%s)", p->header);
	strbuf_addf(&place, ": %s", p->msg);
	utf8_add_terminal(&line, place.buf, 0);
	fprintf(msg, "tracker: %s: %s\n", path, line.buf);
	strbuf_release(&place);
	strbuf_release(&line);
}

void ledger_report(FILE *msg, const char *path, const struct ledger_result *r, bool wrote)
{
	for (size_t i = 0; i < r->nproblems; i++)
		problem_line(msg, path, &r->problems[i]);
	if ((size_t)r->invalid > r->nproblems)
		fprintf(msg, _("tracker: %s: and %zu more rows refused\n"), path,
			(size_t)r->invalid - r->nproblems);
	if (!wrote)
		return;
	/* TRANSLATORS: each %s after a count is the English plural "s"; the
	 * last %d is the invalid rows, which were skipped when there are any. */
	if (r->invalid)
		fprintf(msg, _("%s: recorded %d check-in%s from %d filled row%s (%d already "
			"recorded, %d invalid, skipped)\n"), path, r->added, plural(r->added),
			r->filled, plural(r->filled), r->already, r->invalid);
	else
		fprintf(msg, _("%s: recorded %d check-in%s from %d filled row%s (%d already "
			"recorded, %d invalid)\n"), path, r->added, plural(r->added), r->filled,
			plural(r->filled), r->already, r->invalid);
}
