#include "model/settings.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/banned.h"

static int check_points(const char *key, const char *value, struct trk_error *err)
{
	char *end;
	double d = strtod(value, &end);

	if (end == value || *end || !isfinite(d) || d < 0 || d > 100)
		return trk_err(err, TRK_EINPUT, "%s: '%.40s' is not a number of points (0-100)",
			       key, value);
	return 0;
}

static int check_day(const char *key, const char *value, struct trk_error *err)
{
	char *end;
	long d = strtol(value, &end, 10);

	/* 31 means the month's last day: the calendar clamps to shorter months. */
	if (end == value || *end || d < 1 || d > 31)
		return trk_err(err, TRK_EINPUT, "%s: '%.40s' is not a day of the month (1-31)",
			       key, value);
	return 0;
}

/* A comma-separated list of short class names: "A,B,C,D" or "甲,乙,丙". */
static int check_classes(const char *key, const char *value, struct trk_error *err)
{
	size_t n = strlen(value);

	if (!n || value[0] == ',' || value[n - 1] == ',' || strstr(value, ",,") ||
	    strpbrk(value, " \t\r\n"))
		return trk_err(err, TRK_EINPUT, "%s: '%.40s' is not a list like A,B,C,D", key, value);
	return 0;
}

const struct setting_info settings[] = {
	{ "health.at_risk_gap", "points behind the expected pace that make a target at risk",
	  check_points },
	{ "health.off_track_gap", "points behind the expected pace that make it off track",
	  check_points },
	{ "letter.reply_classes", "the reply classes letters may carry, comma-separated",
	  check_classes },
	{ "calendar.checkin_day", "the day of each quarter's last month that is reporting day",
	  check_day },
	{ NULL, NULL, NULL },
};

const struct setting_info *setting_find(const char *key)
{
	for (const struct setting_info *s = settings; s->key; s++)
		if (!strcmp(s->key, key))
			return s;
	return NULL;
}
