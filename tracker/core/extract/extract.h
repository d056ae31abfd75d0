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

/* What kind of document it is: a reply letter (答复函) states its future
 * action with markers (将、力争、下一步…); a planning document (政府工作报告,
 * 实施意见, 工作方案, 行动计划, 工作要点) is forward-looking throughout, so
 * its imperative clauses are commitments and its review sections are not. */
enum extract_kind { EXTRACT_AUTO, EXTRACT_REPLY, EXTRACT_PLAN };

/* "auto", "reply", "plan"; -1 if unknown. */
int extract_kind_parse(const char *s);
const char *extract_kind_name(enum extract_kind k);

/* Flags on a proposal: what a reviewer must supply before it is verifiable. */
enum {
	EXTRACT_NO_OWNER = 1,
	EXTRACT_NO_DATE = 2,
	EXTRACT_NOT_MEASURABLE = 4,
	EXTRACT_RECURRING = 8,    /* "每年4月前": due is the next occurrence */
	EXTRACT_APPROXIMATE = 16, /* "5%左右": target is value ± tolerance */
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
	double tolerance;         /* with EXTRACT_APPROXIMATE (cmp is =), else 0 */
	char *tracked_key;        /* key of the tracked commitment it repeats */
	int32_t window_start;     /* DATE_NONE if unknown */
	int32_t due;              /* DATE_NONE for ongoing work */
	double confidence;        /* 0..1 */
	unsigned flags;           /* EXTRACT_* */
};

/* Resolves an owner name or alias to its canonical name (a malloc'd string
 * the extractor frees), or returns NULL when unknown. */
typedef char *(*extract_owner_fn)(const char *name, void *ctx);

/* Hands the extractor one commitment already tracked for the letter. */
typedef void (*extract_tracked_add)(void *sink, const char *key, const char *quote);
/* Lists the commitments already tracked for the letter doc_no by calling
 * add(sink, key, quote) for each (strings are copied); returns 0, or a
 * negative code, which the extractor ignores (nothing is marked). */
typedef int (*extract_tracked_fn)(const char *doc_no, extract_tracked_add add, void *sink,
				  void *ctx);

struct extract_options {
	const char *key_prefix;   /* NULL: suggestion number, else from 文号 */
	const char *owner_default;/* NULL: the issuing body */
	extract_owner_fn resolve; /* NULL: names are kept as written */
	void *resolve_ctx;
	/* True when a key is already used in the store (keys are never
	 * reused, so proposals skip them); called with resolve_ctx. */
	bool (*key_taken)(const char *key, void *ctx);
	enum extract_kind kind;   /* EXTRACT_AUTO: recognised from the text */
	/* NULL, or lists a tracked letter's commitments; a proposal whose
	 * quote overlaps one by half the shorter gets its tracked_key. Called
	 * with resolve_ctx. */
	extract_tracked_fn tracked;
};

/* An owner the proposals name: its canonical name and the other forms the
 * letter writes it in ("人社局", "市人力社保局"). */
struct extract_owner {
	char *name;
	struct strlist aliases;
};

struct extract_result {
	char *text;               /* the letter as UTF-8 with "\n" line ends */
	size_t text_len;
	const char *encoding;     /* static: what the input was read as */
	struct letter meta;       /* doc_no etc.; text/text_sha256 unset */
	enum extract_kind kind;   /* reply or plan, as given or recognised */
	struct proposal *items;
	size_t n;
	struct extract_owner *owners;  /* every owner named, lead or co-owner */
	size_t n_owners;
	size_t n_tracked;         /* proposals with a tracked_key */
};

/* Reads data[0..len) and fills *out (caller releases with
 * extract_result_release(), also after a failure). Returns 0, or TRK_EINPUT
 * for input that is not a letter (empty, binary, too large, undecodable, no
 * commitment found) with a one-line reason. opts may be NULL. */
int extract_letter(const char *data, size_t len, const struct extract_options *opts,
		   struct extract_result *out, struct trk_error *err);
void extract_result_release(struct extract_result *r);

/* The canonical name of a department as written in a letter of issuer
 * (which may be NULL): the place prefix is read generally ("市", "区",
 * "县" stand for the issuer's city, district or county; "宁波市鄞州区"
 * is kept) and the common short forms are spelt out from one table
 * (人社局 -> 人力资源和社会保障局, 发改委 -> 发展和改革委员会…), so
 * "人社局" and "市人力社保局" in a 慈溪市 letter are both
 * "慈溪市人力资源和社会保障局". Returns a malloc'd string. */
char *extract_dept_canonical(const char *name, const char *issuer);

/* The proposal as a tracker/1 file marked "proposed" (extract_json.c). */
struct extract_json_options {
	bool skip_tracked;        /* leave out proposals with a tracked_key */
	const char *owner_fallback; /* for a proposal with no owner; NULL: "待定" */
};
/* Writes r as tracker/1 JSON: the owners with their aliases, the letter
 * with its text and SHA-256 (an unnumbered letter gets a 文号 placeholder
 * naming its text) and the commitments with confidence and flags; a
 * tracked proposal carries "x": {"tracked": KEY}. Returns a malloc'd
 * string (free()), or NULL if nothing is left to write. o may be NULL. */
char *extract_to_json(const struct extract_result *r, const struct extract_json_options *o);

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
