/* page.h - what the pages share: the language (Chinese unless ?lang=en, a
 * remembered choice, or an English Accept-Language), the frame of every
 * page (head, navigation, sign-out form), forms sent as
 * application/x-www-form-urlencoded, and the CSRF check of every POST.
 *
 * The pages are a thin front end like the API: a handler parses, calls the
 * core (the same calls as api_*.c), and writes HTML with html.h. The rules
 * are the store's; a page only decides which forms to offer, by asking the
 * store (store_may_write). */
#ifndef TRK_PAGE_H
#define TRK_PAGE_H

#include <stdbool.h>

#include "model/model.h"
#include "server/http.h"
#include "server/pages/html.h"

struct page {
	struct request *r;
	struct strbuf *sb;     /* r->out */
	const char *lang;      /* "zh" or "en" */
};

/* Starts a page in r->out: the language chosen, the buffer emptied. */
void page_init(struct page *pg, struct request *r);
/* The core's messages (trk_err, gettext) of this request in its page's
 * language: this thread's LC_MESSAGES until page_messages_end(). Where the
 * language's locale is not installed, the server's own stays. */
void page_messages_begin(struct request *r);
void page_messages_end(void);
/* The text for the page's language (both static). */
const char *tr(const struct page *pg, const char *zh, const char *en);
/* The head, the navigation for r's user and the start of <main>; title is
 * data (escaped). */
void page_begin(struct page *pg, const char *title);
/* Ends the page and answers with status. */
int page_end(struct page *pg, int status);
/* The hidden csrf field of the session. */
void page_csrf(struct page *pg);

/* A health as a coloured badge that says it in words too (never colour
 * alone), with a mark when it is a person's judgement. */
void page_health(struct page *pg, enum health h, bool overridden);
/* A date as YYYY-MM-DD, or a dash for none. */
void page_date(struct page *pg, int32_t day);

/* An error as a page (r->page): the status, a message for people and a
 * way on. http.c calls it for every error of a page route. */
int page_error(struct request *r, int status, const char *message);

/* ---- forms ---- */

/* The fields of a urlencoded body; owned by the struct. */
struct form {
	char **names, **values;
	size_t n;
};
/* Reads r's body as a form: 0, or the answer given (415 for another type,
 * 400 for bytes that are not UTF-8 or not percent-encoded). Then checks
 * its csrf field against the session (403 when it is not the session's).
 * Release the form with form_release() either way. */
int form_read(struct request *r, struct form *f);
/* The value of name (the first), or NULL; borrowed from f. */
const char *form_get(const struct form *f, const char *name);
/* name's value, NULL when it is empty (a field left blank). */
const char *form_nonempty(const struct form *f, const char *name);
void form_release(struct form *f);
/* The query parameters names (NULL-terminated) as a form, for a GET form
 * that shows what was asked. */
void form_from_query(struct request *r, const char *const *names, struct form *f);
/* form_read() without the CSRF check, for the sign-in form (which has no
 * session yet: page_login.c checks its own token). */
int form_parse(struct request *r, struct form *f);

#endif
