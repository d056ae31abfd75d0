/* settings.c - the settings, their checks and their typed form. */
#include "model/settings.h"
#include "util/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/rules.h"
#include "util/numparse.h"
#include "util/banned.h"

static int check_points(const char *key, const char *value, struct trk_error *err)
{
	double d;

	if (parse_number(value, key, &d, NULL) || d < 0 || d > 100)
		return trk_err_field(err, TRK_EINPUT, key, "'%.40s' is not a number of points "
				     "(0-100)", value);
	return 0;
}

static int check_day(const char *key, const char *value, struct trk_error *err)
{
	long d;

	/* 31 means the month's last day: the calendar clamps to shorter months. */
	return parse_int(value, key, 1, 31, &d, err);
}

/* A comma-separated list of short class names: "A,B,C,D" or "甲,乙,丙". */
static int check_classes(const char *key, const char *value, struct trk_error *err)
{
	size_t n = strlen(value);
	int rc = rules_text(value, TEXT_LINE, key, err);

	if (rc)
		return rc;
	if (!n || n >= sizeof(((struct settings *)0)->reply_classes) || value[0] == ',' ||
	    value[n - 1] == ',' || strstr(value, ",,") || strchr(value, ' '))
		return trk_err_field(err, TRK_EINPUT, key, "'%.40s' is not a list like A,B,C,D",
				     value);
	return 0;
}

/* A line of the bulletin's 版头: plain text that fits, empty allowed. */
static int check_line(const char *key, const char *value, struct trk_error *err)
{
	int rc = rules_text(value, TEXT_LINE, key, err);

	if (rc)
		return rc;
	if (strlen(value) >= sizeof(((struct settings *)0)->bulletin_issuer))
		return trk_err_field(err, TRK_EINPUT, key, "longer than %zu bytes",
				     sizeof(((struct settings *)0)->bulletin_issuer) - 1);
	return 0;
}

static int check_issuer(const char *key, const char *value, struct trk_error *err)
{
	int rc = check_line(key, value, err);

	if (!rc && !*value)
		return trk_err_field(err, TRK_EINPUT, key, "empty: the bulletin needs an issuer");
	return rc;
}

/* A 文号 pattern: braces only around {year} and {quarter}. */
static int check_doc_no(const char *key, const char *value, struct trk_error *err)
{
	int rc = check_line(key, value, err);

	if (!rc && !*value)
		return trk_err_field(err, TRK_EINPUT, key, "empty: the bulletin needs a number "
				     "(发文字号)");

	for (const char *p = value; !rc && (p = strpbrk(p, "{}")); p++) {
		if (*p == '{' && (!strncmp(p, "{year}", 6) || !strncmp(p, "{quarter}", 9))) {
			p = strchr(p, '}');
			continue;
		}
		return trk_err_field(err, TRK_EINPUT, key, "'%.40s': only {year} and {quarter} go "
				     "in braces", value);
	}
	return rc;
}

/* How far back `tracker undo` reaches: a minute to a day. */
static int check_minutes(const char *key, const char *value, struct trk_error *err)
{
	long m;

	return parse_int(value, key, 1, 1440, &m, err);
}

const struct setting_info settings_table[] = {
	{ "health.at_risk_gap", "16.5",
	  N_("points behind the expected pace that make a target at risk"), check_points },
	{ "health.off_track_gap", "33",
	  N_("points behind the expected pace that make it off track"), check_points },
	{ "letter.reply_classes", "A,B,C,D",
	  N_("the reply classes letters may carry, comma-separated"), check_classes },
	{ "calendar.checkin_day", "25",
	  N_("the day of each quarter's last month that is reporting day"), check_day },
	{ "bulletin.issuer", "督查室",
	  N_("who issues the Word bulletin (发文机关): its signature and imprint"), check_issuer },
	{ "bulletin.masthead", "",
	  N_("the bulletin's red masthead (发文机关标志); empty: the issuer and 文件"), check_line },
	{ "bulletin.doc_no", "督通〔{year}〕{quarter}号",
	  N_("the bulletin's number (发文字号); {year} and {quarter} are the period's"), check_doc_no },
	{ "bulletin.addressee", "各有关单位",
	  N_("to whom the bulletin goes (主送机关); empty: nobody named"), check_line },
	{ "undo.window_minutes", "10",
	  N_("how many minutes back `tracker undo` reaches for your last change"), check_minutes },
	{ NULL, NULL, NULL, NULL },
};

const struct setting_info *setting_find(const char *key)
{
	for (const struct setting_info *s = settings_table; key && s->key; s++)
		if (!strcmp(s->key, key))
			return s;
	return NULL;
}

void settings_value(const struct settings *s, const char *key, char *out, size_t n)
{
	if (!strcmp(key, "health.at_risk_gap"))
		snprintf(out, n, "%g", s->health.at_risk_gap);
	else if (!strcmp(key, "health.off_track_gap"))
		snprintf(out, n, "%g", s->health.off_track_gap);
	else if (!strcmp(key, "letter.reply_classes"))
		snprintf(out, n, "%s", s->reply_classes);
	else if (!strcmp(key, "calendar.checkin_day"))
		snprintf(out, n, "%d", s->checkin_day);
	else if (!strcmp(key, "bulletin.issuer"))
		snprintf(out, n, "%s", s->bulletin_issuer);
	else if (!strcmp(key, "bulletin.masthead"))
		snprintf(out, n, "%s", s->bulletin_masthead);
	else if (!strcmp(key, "bulletin.doc_no"))
		snprintf(out, n, "%s", s->bulletin_doc_no);
	else if (!strcmp(key, "bulletin.addressee"))
		snprintf(out, n, "%s", s->bulletin_addressee);
	else if (!strcmp(key, "undo.window_minutes"))
		snprintf(out, n, "%d", s->undo_window_minutes);
	else
		snprintf(out, n, "%s", "");
}

void settings_default(struct settings *s)
{
	memset(s, 0, sizeof(*s));
	for (const struct setting_info *i = settings_table; i->key; i++)
		settings_apply(s, i->key, i->default_value, NULL);
}

int settings_apply(struct settings *s, const char *key, const char *value,
		   struct trk_error *err)
{
	const struct setting_info *info = setting_find(key);
	int rc;

	if (!info)
		return trk_err_field(err, TRK_EINPUT, "key", "unknown setting '%.60s' "
				     "(see 'tracker config')", key ? key : "");
	if ((rc = info->check(key, value, err)))
		return rc;
	if (!strcmp(key, "health.at_risk_gap"))
		s->health.at_risk_gap = strtod(value, NULL);
	else if (!strcmp(key, "health.off_track_gap"))
		s->health.off_track_gap = strtod(value, NULL);
	else if (!strcmp(key, "letter.reply_classes"))
		snprintf(s->reply_classes, sizeof(s->reply_classes), "%s", value);
	else if (!strcmp(key, "calendar.checkin_day"))
		s->checkin_day = atoi(value);
	else if (!strcmp(key, "bulletin.issuer"))
		snprintf(s->bulletin_issuer, sizeof(s->bulletin_issuer), "%s", value);
	else if (!strcmp(key, "bulletin.masthead"))
		snprintf(s->bulletin_masthead, sizeof(s->bulletin_masthead), "%s", value);
	else if (!strcmp(key, "bulletin.doc_no"))
		snprintf(s->bulletin_doc_no, sizeof(s->bulletin_doc_no), "%s", value);
	else if (!strcmp(key, "bulletin.addressee"))
		snprintf(s->bulletin_addressee, sizeof(s->bulletin_addressee), "%s", value);
	else if (!strcmp(key, "undo.window_minutes"))
		s->undo_window_minutes = atoi(value);
	return 0;
}

int settings_check_all(const struct settings *s, struct trk_error *err)
{
	if (s->health.at_risk_gap >= s->health.off_track_gap)
		return trk_err_field(err, TRK_EINPUT, "health.at_risk_gap", "%g is not below "
				     "health.off_track_gap (%g): a target would be off track before "
				     "it is at risk", s->health.at_risk_gap, s->health.off_track_gap);
	return 0;
}

bool settings_reply_class_ok(const struct settings *s, const char *cls)
{
	size_t n = strlen(cls);

	for (const char *p = s->reply_classes; *p;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		if (len == n && !memcmp(p, cls, n))
			return true;
		p += len + (comma ? 1 : 0);
	}
	return false;
}
