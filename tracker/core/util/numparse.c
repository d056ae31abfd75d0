#include "util/numparse.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/banned.h"

int parse_number(const char *s, const char *field, double *out, struct trk_error *err)
{
	char *end;
	double v;

	/* strtod skips leading space and reads "inf", "nan" and hex: none of
	 * them is a figure anyone types on purpose. */
	if (!s || !*s || isspace((unsigned char)*s) || s[0] == '+')
		goto bad;
	for (const char *p = s; *p; p++)
		if (!isdigit((unsigned char)*p) && !strchr("-.eE", *p) && !(p > s && *p == '+'))
			goto bad;
	errno = 0;
	v = strtod(s, &end);
	if (*end || end == s || !isfinite(v) || errno == ERANGE)
		goto bad;
	*out = v == 0 ? 0 : v;
	return 0;
bad:
	return trk_err_field(err, TRK_EINPUT, field, "'%.40s' is not a number", s ? s : "");
}

int parse_int(const char *s, const char *field, long min, long max, long *out,
	      struct trk_error *err)
{
	const char *p = s;
	char *end;
	long v;

	if (!s || !*s)
		goto bad;
	if (*p == '-' && min < 0)
		p++;
	for (const char *q = p; *q; q++)
		if (!isdigit((unsigned char)*q))
			goto bad;
	if (!*p)
		goto bad;
	errno = 0;
	v = strtol(s, &end, 10);
	if (*end || errno == ERANGE || v < min || v > max)
		return trk_err_field(err, TRK_EINPUT, field, "'%.40s' is out of range (%ld to %ld)",
				     s, min, max);
	*out = v;
	return 0;
bad:
	return trk_err_field(err, TRK_EINPUT, field, "'%.40s' is not a whole number", s ? s : "");
}
