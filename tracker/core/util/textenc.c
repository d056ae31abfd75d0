/* textenc.c - encoding detection and conversion for letters (textenc.h). */
#include "util/textenc.h"

#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/banned.h"

/* Converts with iconv; false when the bytes are not valid in `from`. */
static bool convert(const char *from, const char *in, size_t len, struct strbuf *out)
{
	iconv_t cd = iconv_open("UTF-8", from);
	char *src = (char *)in;
	size_t left = len;
	bool ok = true;

	if (cd == (iconv_t)-1)
		return false;
	strbuf_grow(out, len * 2 + 16);
	while (left > 0) {
		char *dst = out->buf + out->len;
		size_t room = out->alloc - out->len - 1;
		size_t before = room;

		if (iconv(cd, &src, &left, &dst, &room) == (size_t)-1 && errno != E2BIG) {
			ok = false;
			break;
		}
		out->len += before - room;
		out->buf[out->len] = '\0';
		if (left > 0)
			strbuf_grow(out, left * 2 + 16);
	}
	iconv_close(cd);
	return ok;
}

/* Copies s to out with CRLF and lone CR turned into LF, so that line-based
 * rules see one kind of line end. */
static void add_normalised(struct strbuf *out, const char *s, size_t n)
{
	size_t i;

	strbuf_grow(out, n);
	for (i = 0; i < n; i++) {
		if (s[i] == '\r') {
			strbuf_addch(out, '\n');
			if (i + 1 < n && s[i + 1] == '\n')
				i++;
		} else {
			strbuf_addch(out, s[i]);
		}
	}
}

/* Binary data decodes by accident now and then; control characters other
 * than tab, newline and form feed give it away. */
static bool looks_binary(const char *s, size_t n)
{
	size_t i, ctl = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == 0)
			return true;
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r')
			ctl++;
	}
	return ctl > 0 && ctl * 100 > n;
}

static bool all_space(const char *s, size_t n)
{
	size_t i = 0;
	uint32_t cp;

	while (i < n) {
		size_t k = utf8_decode(s + i, n - i, &cp);

		if (!k)
			return false;
		if (!(cp == ' ' || cp == '\t' || cp == '\n' || cp == '\f' ||
		      cp == 0x3000 || cp == 0xA0 || cp == 0xFEFF))
			return false;
		i += k;
	}
	return true;
}

/* Picks the source encoding and converts into raw (not yet normalised). */
static int to_utf8(const char *data, size_t len, struct strbuf *raw,
		   const char **encoding, struct trk_error *err)
{
	const unsigned char *u = (const unsigned char *)data;

	if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
		*encoding = u[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
		if (!convert(*encoding, data + 2, len - 2, raw))
			return trk_err(err, TRK_EINPUT, "invalid %s text", *encoding);
		return 0;
	}
	if (memchr(data, '\0', len))
		return trk_err(err, TRK_EINPUT, "not a text file (contains NUL bytes)");
	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		*encoding = "UTF-8 (BOM)";
		data += 3;
		len -= 3;
	} else {
		*encoding = "UTF-8";
	}
	if (utf8_valid(data, len, NULL)) {
		strbuf_add(raw, data, len);
		return 0;
	}
	*encoding = "GB18030";
	if (!convert("GB18030", data, len, raw))
		return trk_err(err, TRK_EINPUT, "text is neither UTF-8 nor GB18030");
	return 0;
}

int textenc_decode(const char *data, size_t len, char **out, size_t *out_len,
		   const char **encoding, struct trk_error *err)
{
	return textenc_decode_limit(data, len, TEXTENC_MAX_INPUT, out, out_len, encoding, err);
}

int textenc_decode_limit(const char *data, size_t len, size_t max, char **out,
			 size_t *out_len, const char **encoding, struct trk_error *err)
{
	struct strbuf raw = STRBUF_INIT, norm = STRBUF_INIT;
	int rc;

	*out = NULL;
	*out_len = 0;
	*encoding = "UTF-8";
	if (len > max)
		return trk_err(err, TRK_EINPUT, "input too large (%zu bytes, limit %zu)", len, max);
	if (len == 0)
		return trk_err(err, TRK_EINPUT, "empty input");
	rc = to_utf8(data, len, &raw, encoding, err);
	if (rc)
		goto out_release;
	if (looks_binary(raw.buf, raw.len) || !utf8_valid(raw.buf, raw.len, NULL)) {
		rc = trk_err(err, TRK_EINPUT, "not a text file (binary data)");
		goto out_release;
	}
	add_normalised(&norm, raw.buf, raw.len);
	if (all_space(norm.buf, norm.len)) {
		rc = trk_err(err, TRK_EINPUT, "empty input (only white space)");
		goto out_release;
	}
	*out_len = norm.len;
	*out = strbuf_detach(&norm);
out_release:
	strbuf_release(&raw);
	strbuf_release(&norm);
	return rc;
}
