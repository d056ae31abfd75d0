/* extract_class.h - classing the sentences and clauses of a reply letter
 * by tense: future action, report of past work, or neither. Internal to
 * the extractor. */
#ifndef TRK_EXTRACT_CLASS_H
#define TRK_EXTRACT_CLASS_H

#include "extract/extract_int.h"

enum xclass {
	XC_NONE,      /* no marker either way */
	XC_WEAK,      /* 继续、推进… only: a plan or a report's topic sentence */
	XC_FUT,       /* 将、力争、下一步…, or a deadline this year or later */
	XC_PAST,      /* 已、累计、以来…: a report; following sentences too */
	XC_PASTL,     /* past for this sentence only: 共计, 出台《…》, 2022年 */
	XC_BOILER,    /* courtesy and furniture: 感谢, 答复如下, 抄送 */
};

/* Classes code points [s, e) of t as one sentence; *strong_pos is where the
 * future marker is (XT_NONE if none); *yao_only when 要 is the only weak
 * marker. */
enum xclass xc_classify(const struct xtext *t, size_t s, size_t e, int32_t letter,
			size_t *strong_pos, bool *yao_only);

/* Position of the first future marker in [s, e), or XT_NONE. */
size_t xc_strong(const struct xtext *t, size_t s, size_t e);
/* Number of weak markers in [s, e). */
size_t xc_weak(const struct xtext *t, size_t s, size_t e, bool *yao_only);
/* End of the clause starting at i (a comma or colon, or e). */
size_t xc_clause_end(const struct xtext *t, size_t i, size_t e);
bool xc_past(const struct xtext *t, size_t s, size_t e);
bool xc_past_local(const struct xtext *t, size_t s, size_t e, int32_t letter);
bool xc_future_time(const struct xtext *t, size_t s, size_t e, int32_t letter);
bool xc_boiler(const struct xtext *t, size_t s, size_t e);
/* Where the first clause asking the reader or another body to act ("请…",
 * "也请…") starts in [s, e), or e: the rest of the sentence is theirs. */
size_t xc_ask_start(const struct xtext *t, size_t s, size_t e);
/* Whether [s, e) states a limit on the work: it opens with "由于", or a
 * clause says what holds it back ("受…限制", "难以", "不满足…要求"). */
bool xc_constraint(const struct xtext *t, size_t s, size_t e);
/* Whether [s, e) only says how the suggestion is taken ("将代表所提建议作为
 * …来抓", "将您的建议纳入重要议事日程"), with nothing to track. */
bool xc_handling(const struct xtext *t, size_t s, size_t e);
/* Whether [s, e) only says what a work gives once done ("待…完工后，…问题
 * 将得到解决", "…建成后，可缓解…压力"), with no number to track. */
bool xc_outcome(const struct xtext *t, size_t s, size_t e);
/* Whether [s, e) opens by telling the reader's words back ("您反映的…",
 * "你们提出…"). */
bool xc_told(const struct xtext *t, size_t s, size_t e);
/* Whether [s, e) opens by stating what the suggestion asks ("建议对…"), or
 * tells the reader's words back with no answer of the issuer's in it. */
bool xc_suggestion(const struct xtext *t, size_t s, size_t e);

#endif
