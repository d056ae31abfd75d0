/* report_out.h - what the report format writers share: the labels in
 * Chinese and English, number and date text, health colours, and spool
 * files (temporary files that hold rows until the totals that go before
 * them are known). Internal to report_*.c. */
#ifndef TRK_REPORT_OUT_H
#define TRK_REPORT_OUT_H

#include <stdbool.h>
#include <stdio.h>

#include "model/format.h"
#include "report/report.h"
#include "util/strbuf.h"

enum report_label {
	RL_TITLE, RL_PERIOD, RL_AS_OF, RL_GENERATED, RL_KNOWN_AT, RL_LETTERS, RL_SUMMARY,
	RL_COMMITMENTS, RL_ON_TRACK_SHARE, RL_COMPLETION, RL_DUE_BY_END, RL_DONE_OF_DUE,
	RL_REPLIED_ONLY, RL_CHECKINS_IN_PERIOD, RL_BY_HEALTH, RL_BY_STATUS, RL_ATTENTION,
	RL_ATTN_OVERDUE, RL_ATTN_AT_RISK, RL_ATTN_NO_CHECKIN, RL_ATTN_CHANGED, RL_ATTN_DONE,
	RL_DEPTS, RL_DEPT, RL_NO_CHECKIN, RL_KEY, RL_COMMITMENT, RL_OWNER, RL_DUE, RL_TARGET,
	RL_CURRENT, RL_PERCENT, RL_EXPECTED, RL_HEALTH, RL_CHANGE, RL_FORECAST, RL_CHECKINS,
	RL_NOTE, RL_EVIDENCE, RL_DATE, RL_VALUE, RL_REASON, RL_FIELD, RL_NONE, RL_STATUS,
	RL_LETTER, RL_PREVIOUS, RL_LAST_CHECKIN, RL_ATTN_COL, RL_DETAILS, RL_LATE, RL_TOTAL,
	RL_BURNUP, RL_CORRECTS, RL_FIELD_TARGET, RL_FIELD_DUE, RL_PERIOD_COL, RL_NO_DUE,
	RL_NO_FORECAST, RL_PACE, RL_BY, RL_KIND, RL_OVERRIDDEN, RL_CHANGED_AT, RL_DONE_AT, RL_UNIT, RL_FROM_TO, RL_OLD_NEW,
	RL_ATTN_STATUS, RL_ATTN_CORRECTED, RL_QUOTE, RL_SECTION, RL_ADDRESSEE, RL_SUGGESTION,
	RL_DOC_NO, RL_FIGURE_DATE, RL_WAS_NOW, RL_CORRECTED_BY, RL_RECORDED_AT, RL_DONE_MET,
	RL_DONE_UNMET, RL_TARGET_UNMET, RL_MET_RATE, RL_OVERDUE_ALL, RL_OF_WHICH_DUE,
	RL_FIELD_STATUS, RL_FIELD_OVERRIDE, RL_FIELD_WINDOW, RL_OVERRIDE_CLEARED, RL_TARGET_MET,
	RL_STATUS_CHANGES, RL_CORRECTIONS, RL_NONE_THIS_PERIOD, RL_SESSION,
	RL_YES, RL_NO, RL_STATUS_REASON, RL_BY_WHEN,
	RL__COUNT
};

/* The label in lang ("zh" or "en"); static storage. */
const char *report_label(enum report_label l, const char *lang);
/* The label of an attention list. */
const char *report_attention_label(enum report_attention a, const char *lang);
/* A CSS colour for a health (the same in every format that has colour). */
const char *report_health_color(enum health h);

/* A signed change in percentage points: "+25", "-3.5", "0"; "" when !has. */
void report_change(struct strbuf *sb, bool has, double v);
/* The current value with its unit: "520 台", "" when none. */
void report_current(struct strbuf *sb, const struct report_item *it);
/* The period as people name it: "2023年第三季度", "2023 Q3", or
 * "2023-07-01 至 2023-08-15" for another period. */
void report_period_title(struct strbuf *sb, const struct report_params *p, const char *lang);
/* A stored UTC timestamp as local time with its offset, for people:
 * "2023-10-10 17:00:00 +08:00" (TZ); report_time_short() leaves out the
 * seconds, for tables. */
void report_time(struct strbuf *sb, const char *utc);
void report_time_short(struct strbuf *sb, const char *utc);
/* The owner in a narrow column: its shortest alias. */
const char *report_owner_short(const struct commitment *c);
/* Its local date "2023-10-10". */
void report_time_date(struct strbuf *sb, const char *utc);
/* The line that ends a capped list: "……等另外 N 项（完整清单见 JSON、CSV 格式）". */
void report_more(struct strbuf *sb, int n, const char *lang);
/* How many letters the header of a summary names; the rest are counted. */
#define REPORT_LETTERS_CAP 10
/* "……等另外 N 份答复函" */
void report_more_letters(struct strbuf *sb, size_t n, const char *lang);
/* The health as a reader sees it: the label, "(人工判定)" for a judgement,
 * "(未达目标)" for done below its target. */
void report_health_text(struct strbuf *sb, const struct report_item *it, const char *lang);
/* What a history record changed, in words: the field's label. */
const char *report_field_label(const char *field, const char *lang);
/* Its old and new value as labels where they are names (status, health):
 * "推进中 → 受阻". */
void report_old_new(struct strbuf *sb, const struct history *h, const char *lang);
/* A correction: "2023-09-30: 520 → 505". */
void report_correction_text(struct strbuf *sb, const struct report_correction *c);

/* A letter as a reader identifies it, unescaped: 文号, title, date, the
 * deputy, the suggestion number and the session. */
void report_letter_text(struct strbuf *sb, const struct report_letter *l, const char *lang);

/* The rows of each attention list in HTML and Markdown: every row is
 * counted, the first REPORT_LIST_CAP shown unless the report is in full. */
struct report_caps {
	bool full;
	int total[ATTN__COUNT];
	int shown[ATTN__COUNT];
};
void report_caps_init(struct report_caps *c, const struct report_params *p);
/* Counts a row of list a; true when it is to be shown. */
bool report_caps_take(struct report_caps *c, enum report_attention a);

/* Rounds to one decimal, for machine output that must not carry noise. */
double report_round1(double v);
/* A date as text, or `none` when DATE_NONE. Returns a pointer into buf. */
const char *report_date(int32_t d, char *buf, const char *none);

/* Spools. report_spool_open() creates an anonymous temporary file;
 * report_spool_copy() rewinds it and copies it to out; close with fclose()
 * (NULL-safe via report_spool_close). */
int report_spool_open(FILE **out, struct trk_error *err);
/* One spool per attention list (the writers fill them while commitments
 * stream by and copy them where the document's attention section stands).
 * On failure the ones opened are closed again. */
int report_attn_open(FILE *attn[ATTN__COUNT], struct trk_error *err);
void report_attn_close(FILE *attn[ATTN__COUNT]);
int report_spool_copy(FILE *spool, FILE *out, struct trk_error *err);
void report_spool_close(FILE *spool);

/* Writes sb to f and empties sb; TRK_EIO when the write fails. */
int report_flush(FILE *f, struct strbuf *sb, struct trk_error *err);

/* How a writer prints one row of each kind of attention list into sb. */
struct report_attn_rows {
	void (*entry)(struct strbuf *sb, const struct report_item *it, const char *lang);
	void (*change)(struct strbuf *sb, const struct report_item *it,
		       const struct history *h, const char *lang);
	void (*correction)(struct strbuf *sb, const struct report_item *it,
			   const struct report_correction *k);
};
/* Adds it to every attention list it belongs to (a row per change, status
 * change or correction, else one entry), as far as caps allows, and
 * flushes each list's rows to its spool attn[a]. sb is the writer's. */
int report_attn_write(const struct report_attn_rows *rows, struct report_caps *caps,
		      struct strbuf *sb, FILE *attn[ATTN__COUNT], const struct report_item *it,
		      const char *lang, struct trk_error *err);

#endif
