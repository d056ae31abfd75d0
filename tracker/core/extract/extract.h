/* extract.h - proposing a reply letter's metadata and commitments.
 *
 * extract_letter() reads a letter (any of the encodings textenc.h knows),
 * finds its metadata (文号, title, issuer, signer, date, addressee,
 * suggestion number, session, co-handling units, reply class) and every
 * statement of future action by the government side, each tied to its exact
 * words in the text. The result is a proposal for a person to review: each
 * commitment carries a confidence and flags, never a verdict. Pure library:
 * no printing, no store access (owner aliases come through a callback). */
#ifndef TRK_EXTRACT_H
#define TRK_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/error.h"
#include "model/model.h"

/* Flags on a proposal: what a reviewer must supply before it is verifiable. */
enum {
	EXTRACT_NO_OWNER = 1,
	EXTRACT_NO_DATE = 2,
	EXTRACT_NOT_MEASURABLE = 4,
};

struct proposal {
	char *key;
	char *section;            /* "一、… / （一）…", or NULL */
	char *quote;              /* verbatim, a substring of result.text */
	size_t quote_offset;      /* in code points */
	size_t quote_byte;        /* in bytes, for callers that slice */
	char *title;
	char *owner;              /* as resolved or written; NULL if none */
	struct strlist co_owners; /* named after 会同/联合/协同/配合 */
	enum kind kind;
	struct target target;     /* present for KIND_QUANTITATIVE */
	int32_t window_start;     /* DATE_NONE if unknown */
	int32_t due;              /* DATE_NONE for ongoing work */
	double confidence;        /* 0..1 */
	unsigned flags;           /* EXTRACT_* */
};

/* Resolves an owner name or alias to its canonical name (a malloc'd string
 * the extractor frees), or returns NULL when unknown. */
typedef char *(*extract_owner_fn)(const char *name, void *ctx);

struct extract_options {
	const char *key_prefix;   /* NULL: suggestion number, else from 文号 */
	const char *owner_default;/* NULL: the issuing body */
	extract_owner_fn resolve; /* NULL: names are kept as written */
	void *resolve_ctx;
	/* True when a key is already used in the store (keys are never
	 * reused, so proposals skip them); called with resolve_ctx. */
	bool (*key_taken)(const char *key, void *ctx);
};

struct extract_result {
	char *text;               /* the letter as UTF-8 with "\n" line ends */
	size_t text_len;
	const char *encoding;     /* static: what the input was read as */
	struct letter meta;       /* doc_no etc.; text/text_sha256 unset */
	struct proposal *items;
	size_t n;
};

/* Reads data[0..len) and fills *out (caller releases with
 * extract_result_release(), also after a failure). Returns 0, or TRK_EINPUT
 * for input that is not a letter (empty, binary, too large, undecodable, no
 * commitment found) with a one-line reason. opts may be NULL. */
int extract_letter(const char *data, size_t len, const struct extract_options *opts,
		   struct extract_result *out, struct trk_error *err);
void extract_result_release(struct extract_result *r);

/* ---- the parsers, public for tests and the fuzzer ----------------------
 * Each takes a NUL-terminated UTF-8 string. */

/* Parses the first absolute date in s (2023年6月13日, 二〇二三年六月十三日,
 * 2023-06-13, 2023.6.13, 2023/6/13); false if there is none. */
bool extract_parse_date(const char *s, int32_t *out);

/* Finds the first deadline expression in s relative to the letter date
 * (2023年, 今年下半年, 年底前, 第三季度, 6月底前, 三年内, 明年…) and sets
 * the window; false if s has none. */
bool extract_parse_deadline(const char *s, int32_t letter_date, int32_t *start,
			    int32_t *due);

/* Finds the first target in s (800台以上, 不少于5.64万个, 控制在3%以内,
 * 零的突破…) into *t (t->unit malloc'd; free it); false if none. */
bool extract_parse_target(const char *s, struct target *t);

/* Parses a number at the start of s: Arabic (with decimals) or Chinese
 * numerals, with 万/亿 multipliers; *used gets the bytes read. */
bool extract_parse_number(const char *s, double *out, size_t *used);

#endif
