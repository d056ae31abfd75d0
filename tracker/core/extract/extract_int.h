/* extract_int.h - what the extract_*.c files share: the letter as an array
 * of code points (so offsets are code points and a CJK character is one
 * unit), matching of UTF-8 literals against it, and the per-module entry
 * points. Not for use outside the extractor. */
#ifndef TRK_EXTRACT_INT_H
#define TRK_EXTRACT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "extract/extract.h"

#define XT_NONE ((size_t)-1)

struct xtext {
	const char *s;            /* UTF-8, borrowed */
	size_t len;
	uint32_t *cp;             /* n code points, then a 0 sentinel */
	size_t *bo;               /* byte offset of each code point; bo[n] = len */
	size_t n;
};

/* A line [s, e) in code points, trimmed of white space. */
struct xline {
	size_t s, e;
};

/* Decodes valid UTF-8 s[0..len) (borrowed; must outlive t). */
void xtext_init(struct xtext *t, const char *s, size_t len);
void xtext_release(struct xtext *t);
/* Splits t into trimmed lines (empty ones dropped); *lines is the caller's. */
size_t xtext_lines(const struct xtext *t, struct xline **lines);

/* Code points matched when the UTF-8 literal lit occurs at i (< end), or 0. */
size_t xt_at(const struct xtext *t, size_t i, size_t end, const char *lit);
/* Longest match at i among the NULL-terminated list; *which its index. */
size_t xt_at_any(const struct xtext *t, size_t i, size_t end,
		 const char *const *lits, int *which);
/* First position in [from, to) where lit occurs, or XT_NONE. */
size_t xt_find(const struct xtext *t, size_t from, size_t to, const char *lit);
/* First position in [from, to) where any of lits occurs, or XT_NONE. */
size_t xt_find_any(const struct xtext *t, size_t from, size_t to,
		   const char *const *lits, size_t *mlen);
/* Copy of code points [from, to) as UTF-8 (caller frees). */
char *xt_dup(const struct xtext *t, size_t from, size_t to);

bool xt_space(uint32_t c);
bool xt_han(uint32_t c);       /* a CJK ideograph (or 〇) */
int xt_digit(uint32_t c);      /* 0-9 for ASCII or full-width digits, else -1 */
int xt_cn_digit(uint32_t c);   /* 零〇一二两三…九 -> 0-9, else -1 */
bool xt_punct(uint32_t c);     /* clause or sentence punctuation, quotes, brackets */

/* Numbers: Arabic with decimals or Chinese numerals, with 万/亿; reads at i
 * and returns code points used (0 if none). */
size_t xt_number(const struct xtext *t, size_t i, size_t end, double *out);

/* Dates and deadlines (extract_time.c). */
size_t xt_abs_date(const struct xtext *t, size_t i, size_t end, int32_t *out);
struct xwhen {
	int32_t start, due;
	size_t pos, len;          /* where the expression is */
	bool past;                /* a year before the letter's */
	bool recurring;           /* "每年4月前": due is the next occurrence */
};
bool xt_deadline(const struct xtext *t, size_t from, size_t to, int32_t letter_date,
		 struct xwhen *w);

/* Targets (extract_target.c); pos is where the number is. */
bool xt_target(const struct xtext *t, size_t from, size_t to, struct target *tg,
	       size_t *pos, bool *approx);

/* What kind of document the lines are (extract_meta.c), and the date its
 * relative deadlines count from: the letter's date, else one in a head
 * line that is no prose ("——2024年3月5日在…"), else 1 January of a year in
 * such a line (the title); DATE_NONE if there is none. */
enum extract_kind xt_kind(const struct xtext *t, const struct xline *lines, size_t n,
			  const struct letter *m);
int32_t xt_ref_date(const struct xtext *t, const struct xline *lines, size_t n,
		    const struct letter *m);

/* Metadata (extract_meta.c): fills m from the lines. */
void xt_meta(const struct xtext *t, const struct xline *lines, size_t nlines,
	     struct letter *m);
/* Reads a department name ending at the suffix at i (e.g. "人社局"),
 * scanning back at most a few characters; returns its start or XT_NONE. */
size_t xt_dept_before(const struct xtext *t, size_t lo, size_t i, size_t *end);
/* Finds the first department name in [from, to), setting its start s and end e. */
bool xt_find_dept(const struct xtext *t, size_t from, size_t to, size_t *s, size_t *e);

/* Owners (extract_owner.c). The department a sentence names as its
 * subject in [from, to) ("人社局也将…", "由市交通局牵头…"), or NULL; and the
 * co-handling unit (or issuer) whose field the headings [h1s,h1e) and
 * [h2s,h2e) are about, or NULL. Both return malloc'd names. */
char *xo_named(const struct xtext *t, size_t from, size_t to);
char *xo_by_topic(const struct xtext *t, size_t h1s, size_t h1e, size_t h2s, size_t h2e,
		  const struct letter *m);

#endif
