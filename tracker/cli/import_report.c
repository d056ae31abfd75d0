#include "import_report.h"

#include "i18n.h"
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
