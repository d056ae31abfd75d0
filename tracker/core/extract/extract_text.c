/* extract_text.c - the letter as code points, and literal matching on it
 * (extract_int.h). */
#include "extract/extract_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/banned.h"

void xtext_init(struct xtext *t, const char *s, size_t len)
{
	size_t i = 0, n = 0;

	t->s = s;
	t->len = len;
	t->cp = xmalloc((len + 1) * sizeof(*t->cp));
	t->bo = xmalloc((len + 1) * sizeof(*t->bo));
	while (i < len) {
		uint32_t c;
		size_t k = utf8_decode(s + i, len - i, &c);

		if (!k) {             /* cannot happen on checked input; be safe */
			c = 0xFFFD;
			k = 1;
		}
		t->cp[n] = c;
		t->bo[n++] = i;
		i += k;
	}
	t->cp[n] = 0;
	t->bo[n] = len;
	t->n = n;
}

void xtext_release(struct xtext *t)
{
	free(t->cp);
	free(t->bo);
	t->cp = NULL;
	t->bo = NULL;
	t->n = 0;
}

bool xt_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\v' ||
	       c == 0x3000 || c == 0xA0 || c == 0xFEFF || c == 0x200B;
}

bool xt_han(uint32_t c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
	       c == 0x3007 || (c >= 0xF900 && c <= 0xFAFF) ||
	       (c >= 0x20000 && c <= 0x2FFFF);
}

int xt_digit(uint32_t c)
{
	if (c >= '0' && c <= '9')
		return (int)(c - '0');
	if (c >= 0xFF10 && c <= 0xFF19)
		return (int)(c - 0xFF10);
	return -1;
}

int xt_cn_digit(uint32_t c)
{
	static const uint32_t d[] = { 0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB,
				      0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D };
	int i;

	if (c == 0x3007 || c == 0xFF2F)   /* 〇 */
		return 0;
	if (c == 0x4E24)                  /* 两 */
		return 2;
	for (i = 0; i < 10; i++)
		if (d[i] == c)
			return i;
	return -1;
}

bool xt_punct(uint32_t c)
{
	static const char ascii[] = ",.;:!?()[]\"'<>";

	if (c < 0x80)
		return c && strchr(ascii, (int)c) != NULL;
	return (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF0F) ||
	       (c >= 0xFF1A && c <= 0xFF20) || (c >= 0x2010 && c <= 0x2027) ||
	       c == 0xFF3B || c == 0xFF3D;
}

/* Compares bytes: both sides are valid UTF-8 and the text is cut at code
 * points, so equal bytes are equal code points. This is the innermost loop
 * of every scan, so it calls nothing. */
size_t xt_at(const struct xtext *t, size_t i, size_t end, const char *lit)
{
	const unsigned char *p, *lim, *l = (const unsigned char *)lit;
	size_t n = 0;

	if (end > t->n)
		end = t->n;
	if (i >= end)
		return 0;
	p = (const unsigned char *)t->s + t->bo[i];
	lim = (const unsigned char *)t->s + t->bo[end];
	for (; *l; p++, l++) {
		if (p == lim || *p != *l)
			return 0;
		n += (*l & 0xC0) != 0x80;
	}
	return n;
}

size_t xt_at_any(const struct xtext *t, size_t i, size_t end,
		 const char *const *lits, int *which)
{
	size_t best = 0;
	int k;

	for (k = 0; lits[k]; k++) {
		size_t m = xt_at(t, i, end, lits[k]);

		if (m > best) {
			best = m;
			if (which)
				*which = k;
		}
	}
	return best;
}

size_t xt_find(const struct xtext *t, size_t from, size_t to, const char *lit)
{
	uint32_t first;
	size_t i;

	if (!*lit || !utf8_decode(lit, strlen(lit), &first))
		return XT_NONE;
	for (i = from; i < to && i < t->n; i++)
		if (t->cp[i] == first && xt_at(t, i, to, lit))
			return i;
	return XT_NONE;
}

size_t xt_find_any(const struct xtext *t, size_t from, size_t to,
		   const char *const *lits, size_t *mlen)
{
	size_t i;

	for (i = from; i < to && i < t->n; i++) {
		size_t m = xt_at_any(t, i, to, lits, NULL);

		if (m) {
			if (mlen)
				*mlen = m;
			return i;
		}
	}
	return XT_NONE;
}

char *xt_dup(const struct xtext *t, size_t from, size_t to)
{
	if (to > t->n)
		to = t->n;
	if (from > to)
		from = to;
	return xstrndup(t->s + t->bo[from], t->bo[to] - t->bo[from]);
}

size_t xtext_lines(const struct xtext *t, struct xline **lines)
{
	size_t i = 0, n = 0, cap = 16;
	struct xline *v = xmalloc(cap * sizeof(*v));

	while (i < t->n) {
		size_t s = i, e;

		while (i < t->n && t->cp[i] != '\n')
			i++;
		e = i++;
		while (s < e && xt_space(t->cp[s]))
			s++;
		while (e > s && xt_space(t->cp[e - 1]))
			e--;
		if (s == e)
			continue;
		if (n == cap)
			v = xrealloc(v, (cap *= 2) * sizeof(*v));
		v[n].s = s;
		v[n++].e = e;
	}
	*lines = v;
	return n;
}
