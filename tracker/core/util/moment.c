#include "util/moment.h"

#include <string.h>

#include "util/banned.h"

int moment_parse(const char *s, const char *field, char out[TIMESTAMP_BUFSZ],
		 struct trk_error *err)
{
	int32_t day;
	int64_t t;
	int rc;

	if (s && strlen(s) == DATE_BUFSZ - 1) {
		if ((rc = date_parse(s, &day, field, err)))
			return rc;
		timestamp_format(local_day_end(day), out);
		return 0;
	}
	if ((rc = timestamp_parse(s, &t, field, err)))
		return rc;
	timestamp_format(t, out);
	return 0;
}
