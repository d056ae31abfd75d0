/* textenc.h - turning a letter's bytes, as they come, into UTF-8 text.
 *
 * Letters arrive as UTF-8 (with or without a BOM), UTF-16 with a BOM, or
 * GB18030/GBK from older office systems. textenc_decode() detects which,
 * converts with iconv(3), normalises line endings to "\n" and refuses what
 * is not a letter (empty, binary, too large, undecodable). */
#ifndef TRK_TEXTENC_H
#define TRK_TEXTENC_H

#include <stddef.h>

#include "util/error.h"

/* Input larger than this is refused: real letters are tens of kilobytes. */
#define TEXTENC_MAX_INPUT (8u * 1024 * 1024)

/* Decodes data[0..len) into *out (NUL-terminated UTF-8, caller frees) of
 * length *out_len. *encoding is set to a static name ("UTF-8",
 * "UTF-8 (BOM)", "GB18030", "UTF-16LE", "UTF-16BE"). Returns 0 or
 * TRK_EINPUT with a one-line reason; *out is NULL on failure. */
int textenc_decode(const char *data, size_t len, char **out, size_t *out_len,
		   const char **encoding, struct trk_error *err);
/* The same with another limit on the input (a ledger's CSV is larger than
 * a letter). */
int textenc_decode_limit(const char *data, size_t len, size_t max, char **out,
			 size_t *out_len, const char **encoding, struct trk_error *err);

#endif
