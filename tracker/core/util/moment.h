/* moment.h - "as known at" moments as people type them: a UTC timestamp
 * (2023-10-10T09:00:00Z) or a date, meaning the end of that local day. */
#ifndef TRK_MOMENT_H
#define TRK_MOMENT_H

#include "util/date.h"
#include "util/error.h"

/* Parses s for field into the canonical UTC form records are stamped in. */
int moment_parse(const char *s, const char *field, char out[TIMESTAMP_BUFSZ],
		 struct trk_error *err);

#endif
