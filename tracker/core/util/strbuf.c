#include "util/strbuf.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/banned.h"

char strbuf_empty[1];

static _Thread_local void (*oom_handler)(void);
static size_t alloc_limit;   /* set once, before threads start */

void trk_set_oom_handler(void (*handler)(void))
{
	oom_handler = handler;
}

void trk_set_alloc_limit(size_t bytes)
{
	alloc_limit = bytes;
}

static void die_oom(void)
{
	if (oom_handler)
		oom_handler();   /* does not return */
	fputs("tracker: out of memory\n", stderr);
	abort();
}

static bool over_limit(size_t n)
{
	return alloc_limit && n > alloc_limit;
}

void *xmalloc(size_t n)
{
	void *p = over_limit(n) ? NULL : malloc(n ? n : 1);

	if (!p)
		die_oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = over_limit(size && n > SIZE_MAX / size ? SIZE_MAX : n * size) ? NULL
		  : calloc(n ? n : 1, size ? size : 1);

	if (!p)
		die_oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = over_limit(n) ? NULL : realloc(p, n ? n : 1);

	if (!q)
		die_oom();
	return q;
}

char *xstrdup(const char *s)
{
	return s ? xstrndup(s, strlen(s)) : NULL;
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void strbuf_init(struct strbuf *sb)
{
	sb->buf = strbuf_empty;
	sb->len = sb->alloc = 0;
}

void strbuf_release(struct strbuf *sb)
{
	if (sb->alloc)
		free(sb->buf);
	strbuf_init(sb);
}

void strbuf_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->alloc)
		sb->buf[0] = '\0';
}

char *strbuf_detach(struct strbuf *sb)
{
	char *p = sb->alloc ? sb->buf : xstrdup("");

	strbuf_init(sb);
	return p;
}

void strbuf_grow(struct strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;

	if (need <= sb->alloc)
		return;
	size_t alloc = sb->alloc ? sb->alloc : 64;
	while (alloc < need)
		alloc *= 2;
	sb->buf = sb->alloc ? xrealloc(sb->buf, alloc) : xmalloc(alloc);
	if (!sb->alloc)
		sb->buf[0] = '\0';
	sb->alloc = alloc;
}

void strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
	strbuf_grow(sb, len);
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

void strbuf_addstr(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

/* A byte at a time is how JSON and tables are punctuated: no call to
 * grow or to memcpy while there is room. */
void strbuf_addch(struct strbuf *sb, char c)
{
	if (sb->len + 2 > sb->alloc)
		strbuf_grow(sb, 1);
	sb->buf[sb->len++] = c;
	sb->buf[sb->len] = '\0';
}

void strbuf_addspaces(struct strbuf *sb, size_t n)
{
	strbuf_grow(sb, n);
	memset(sb->buf + sb->len, ' ', n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	strbuf_grow(sb, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb->len += (size_t)n;
}

void strbuf_setlen(struct strbuf *sb, size_t len)
{
	if (len > sb->len || sb->buf == strbuf_empty)
		return;
	sb->len = len;
	sb->buf[len] = '\0';
}
