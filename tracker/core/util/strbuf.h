/* strbuf.h - a growable NUL-terminated byte buffer (after git's strbuf).
 *
 * struct strbuf sb = STRBUF_INIT;  ...  strbuf_release(&sb);
 * The buffer is owned by the struct; strbuf_detach() hands it to the caller
 * (free() it). Allocation failure aborts: tracker has no sensible way to go
 * on without memory for a message, and the limits keep sizes bounded. */
#ifndef TRK_STRBUF_H
#define TRK_STRBUF_H

#include <stddef.h>

struct strbuf {
	char *buf;
	size_t len;
	size_t alloc;
};

extern char strbuf_empty[];
#define STRBUF_INIT { strbuf_empty, 0, 0 }

void strbuf_init(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);
/* Returns the buffer (caller frees) and resets sb to empty. */
char *strbuf_detach(struct strbuf *sb);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, char c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Cuts the buffer to len bytes (len <= sb->len). */
void strbuf_setlen(struct strbuf *sb, size_t len);
/* Appends n spaces. */
void strbuf_addspaces(struct strbuf *sb, size_t n);

/* xmalloc-style helpers. On allocation failure they call the calling
 * thread's out-of-memory handler, which must not return (the server's
 * jumps out of the request, which then fails alone), or, without one,
 * print a line and abort (a command cannot go on without memory). */
void trk_set_oom_handler(void (*handler)(void));
/* Fault injection for tests (as SQLite's test controls): every request for
 * more than `bytes` in one allocation fails as if memory had run out; 0
 * turns it off. */
void trk_set_alloc_limit(size_t bytes);
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);         /* NULL gives NULL */
char *xstrndup(const char *s, size_t n);

#endif
