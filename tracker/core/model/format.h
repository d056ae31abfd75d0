/* format.h - how numbers, percents, targets and progress read in every
 * human output (tables, calendars, reports), so they agree everywhere. */
#ifndef TRK_FORMAT_H
#define TRK_FORMAT_H

#include <stdbool.h>

#include "model/model.h"
#include "model/progress.h"
#include "util/strbuf.h"

/* A number without needless decimals: 800, 5.64, 0.5 (never "-0"). */
void format_number(struct strbuf *sb, double v);
/* ">= 800 台", as typed on the command line (nothing without a target). */
void format_target(struct strbuf *sb, const struct target *t);
/* "≥ 800 台", as documents print it: reports, pages, calendars, ledgers. */
void format_target_text(struct strbuf *sb, const struct target *t);
/* "320/800 台" for a target ("-/800 台" before any figure), "320" for a
 * bare value, nothing when there is neither. */
void format_progress(struct strbuf *sb, const struct commitment *c, const struct progress *p);
/* "40%", rounded half away from zero; nothing when !has. */
void format_percent(struct strbuf *sb, bool has, double v);

#endif
