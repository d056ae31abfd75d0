/* format.h - how numbers, targets and progress read in human output. */
#ifndef TRK_FORMAT_H
#define TRK_FORMAT_H

#include "../core/model.h"
#include "../core/strbuf.h"

/* A number without needless decimals: 800, 5.64, 0.5. */
void format_number(struct strbuf *sb, double v);
/* ">= 800 台" */
void format_target(struct strbuf *sb, const struct target *t);
/* "320/800 台" for a target, "320" for a bare value, "" when nothing. */
void format_progress(struct strbuf *sb, const struct commitment *c, const struct progress *p);
/* "40%" or "" */
void format_percent(struct strbuf *sb, bool has, double v);

#endif
