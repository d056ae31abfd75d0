/* import_report.h - what an import did, in one line on stderr (seed,
 * import and extract --apply say it alike). */
#ifndef TRK_IMPORT_REPORT_H
#define TRK_IMPORT_REPORT_H

#include <stdio.h>

#include "record/import.h"
#include "record/ledger.h"

void import_report(FILE *msg, const struct import_stats *s);
/* What a ledger import did: each refused row on a line of its own
 * ("tracker: FILE: sheet '经信局' row 7, column J (本期数值): ..."), made
 * safe for a terminal, then (when it wrote) one line of counts. */
void ledger_report(FILE *msg, const char *path, const struct ledger_result *r, bool wrote);

#endif
