/* ics_dump.c - parses an iCalendar file back with libical and prints one
 * tab-separated line per component, for ics_test.py to compare with what
 * python3-icalendar reads:
 *   KIND UID SEQUENCE START END|DUE TRIGGERS SUMMARY
 * Exits 1 when libical reports a parse error (an X-LIC-ERROR property). */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, n;
	char chunk[65536];

	if (!f)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		buf = realloc(buf, len + n + 1);
		memcpy(buf + len, chunk, n);
		len += n;
	}
	fclose(f);
	if (!buf)
		buf = calloc(1, 1);
	buf[len] = '\0';
	return buf;
}

static int count_errors(icalcomponent *c)
{
	int n = icalcomponent_count_properties(c, ICAL_XLICERROR_PROPERTY);

	for (icalcomponent *s = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); s;
	     s = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
		n += count_errors(s);
	return n;
}

static const char *date_of(icalcomponent *c, icalproperty_kind kind)
{
	icalproperty *p = icalcomponent_get_first_property(c, kind);

	return p ? icaltime_as_ical_string(icalvalue_get_datetime(icalproperty_get_value(p))) : "-";
}

static void print_triggers(icalcomponent *c)
{
	int n = 0;

	for (icalcomponent *a = icalcomponent_get_first_component(c, ICAL_VALARM_COMPONENT); a;
	     a = icalcomponent_get_next_component(c, ICAL_VALARM_COMPONENT)) {
		icalproperty *t = icalcomponent_get_first_property(a, ICAL_TRIGGER_PROPERTY);
		icalparameter *rel = t ? icalproperty_get_first_parameter(t, ICAL_RELATED_PARAMETER)
				      : NULL;
		struct icaltriggertype tr = icalproperty_get_trigger(t);
		printf("%s%s%s", n++ ? "," : "", icaldurationtype_as_ical_string(tr.duration),
		       rel && icalparameter_get_related(rel) == ICAL_RELATED_END ? "@END" : "");
	}
	if (!n)
		printf("-");
}

/* One line per component: backslash, newline and tab are escaped. */
static void print_escaped(const char *s)
{
	for (; s && *s; s++) {
		if (*s == '\\')
			fputs("\\\\", stdout);
		else if (*s == '\n')
			fputs("\\n", stdout);
		else if (*s == '\t')
			fputs("\\t", stdout);
		else
			putchar(*s);
	}
}

int main(int argc, char **argv)
{
	char *text = argc == 2 ? read_all(argv[1]) : NULL;
	icalcomponent *cal, *c;
	int errors;

	if (!text) {
		fprintf(stderr, "usage: ics_dump FILE.ics\n");
		return 2;
	}
	cal = icalparser_parse_string(text);
	free(text);
	if (!cal || icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT) {
		fprintf(stderr, "ics_dump: not a calendar\n");
		return 1;
	}
	for (c = icalcomponent_get_first_component(cal, ICAL_ANY_COMPONENT); c;
	     c = icalcomponent_get_next_component(cal, ICAL_ANY_COMPONENT)) {
		icalcomponent_kind k = icalcomponent_isa(c);
		printf("%s\t%s\t%d\t", icalcomponent_kind_to_string(k), icalcomponent_get_uid(c),
		       icalcomponent_get_sequence(c));
		printf("%s\t", date_of(c, ICAL_DTSTART_PROPERTY));
		printf("%s\t", date_of(c, k == ICAL_VTODO_COMPONENT ? ICAL_DUE_PROPERTY
				       : ICAL_DTEND_PROPERTY));
		print_triggers(c);
		putchar('\t');
		print_escaped(icalcomponent_get_summary(c));
		putchar('\n');
	}
	errors = count_errors(cal);
	icalcomponent_free(cal);
	if (errors)
		fprintf(stderr, "ics_dump: %d parse errors\n", errors);
	return errors ? 1 : 0;
}
