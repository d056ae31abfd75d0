/* import_report.h - what an import did, in one line on stderr (seed,
 * import and extract --apply say it alike). */
#ifndef TRK_IMPORT_REPORT_H
#define TRK_IMPORT_REPORT_H

#include <stdio.h>

#include "record/import.h"

void import_report(FILE *msg, const struct import_stats *s);

#endif
