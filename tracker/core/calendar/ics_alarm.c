/* ics_alarm.c - the --alarm spec: "30d,7d,1d", "12h", "2w". */
#include <string.h>

#include "calendar/ics.h"
#include "util/banned.h"

static long alarm_hours(const struct ics_alarm *a)
{
	static const long per_unit[] = { [ICS_HOURS] = 1, [ICS_DAYS] = 24, [ICS_WEEKS] = 168 };

	return a->amount * per_unit[a->unit];
}

static bool is_space(char ch)
{
	return ch == ' ' || ch == '\t';
}

/* One item s[0..n) after trimming: digits then one unit letter. */
static int parse_item(const char *s, size_t n, struct ics_alarm *a, struct trk_error *err)
{
	long v = 0;
	size_t i = 0;

	while (n && is_space(*s))
		s++, n--;
	while (n && is_space(s[n - 1]))
		n--;
	if (!n)
		return trk_err(err, TRK_EUSAGE, "--alarm: empty reminder (expected e.g. 30d,7d,1d)");
	/* Saturates, so a huge number is "too far ahead", not an overflow. */
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		if ((v = v * 10 + (s[i] - '0')) > ICS_ALARM_MAX_HOURS)
			v = ICS_ALARM_MAX_HOURS + 1;
	if (i == 0 || i + 1 != n || !s[i] || !strchr("hdw", s[i]))
		return trk_err(err, TRK_EUSAGE, "--alarm: bad reminder '%.*s' (expected a number "
			       "and h, d or w, e.g. 7d)", (int)(n > 40 ? 40 : n), s);
	a->amount = (int)v;
	a->unit = s[i] == 'h' ? ICS_HOURS : s[i] == 'd' ? ICS_DAYS : ICS_WEEKS;
	if (alarm_hours(a) > ICS_ALARM_MAX_HOURS)
		return trk_err(err, TRK_EUSAGE, "--alarm: '%.*s' is more than a year ahead",
			       (int)n, s);
	return 0;
}

static int add_alarm(struct ics_alarms *l, const struct ics_alarm *a, struct trk_error *err)
{
	for (int i = 0; i < l->n; i++)
		if (alarm_hours(&l->a[i]) == alarm_hours(a))
			return trk_err(err, TRK_EUSAGE, "--alarm: reminder %d%c given twice",
				       a->amount, "hdw"[a->unit]);
	if (l->n == ICS_ALARMS_MAX)
		return trk_err(err, TRK_EUSAGE, "--alarm: at most %d reminders", ICS_ALARMS_MAX);
	l->a[l->n++] = *a;
	return 0;
}

int ics_parse_alarms(const char *spec, struct ics_alarms *out, struct trk_error *err)
{
	struct ics_alarms l = { 0 };
	const char *p = spec, *comma;
	int rc;

	if (!spec)
		return trk_err(err, TRK_EUSAGE, "--alarm: missing value");
	do {
		struct ics_alarm a;
		comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		if ((rc = parse_item(p, n, &a, err)) || (rc = add_alarm(&l, &a, err)))
			return rc;
		if (comma)   /* NULL + 1 is undefined, even unused (found by fuzz_alarm) */
			p = comma + 1;
	} while (comma);
	*out = l;
	return 0;
}

int64_t ics_alarm_seconds(const struct ics_alarm *a)
{
	return (int64_t)alarm_hours(a) * 3600;
}

long ics_counts_components(const struct ics_counts *n)
{
	return n->events + n->todos + n->checkins;
}

void ics_alarms_default(struct ics_alarms *out)
{
	static const struct ics_alarms def = {
		3, { { 30, ICS_DAYS }, { 7, ICS_DAYS }, { 1, ICS_DAYS } } };

	*out = def;
}
