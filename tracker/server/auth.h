/* auth.h - who sent a request, and may they call this route.
 *
 * The API is signed in to with "Authorization: Bearer TOKEN", the pages
 * with a session cookie (HttpOnly, SameSite=Strict, Secure over TLS) and a
 * CSRF token on every form, the calendar feed with its own token in the
 * path. Password sign-ins are slowed after repeated failures from one
 * address (exponential back-off, 429 with Retry-After), and logged. */
#ifndef TRK_AUTH_H
#define TRK_AUTH_H

#include "server/route.h"

#define SESSION_COOKIE "tracker_session"

/* Signs r in as the route's kind says and checks the route's access:
 * 0 to go on, or the answer (401, 403) already given. */
int auth_request(struct request *r, const struct route *rt);

/* A password sign-in from a form: 0 and a session (cookie set), or the
 * answer (401 with the same message for every cause, or 429). */
int auth_sign_in(struct request *r, const char *name, const char *password);
/* Ends r's session and clears its cookie. */
void auth_sign_out(struct request *r);

/* True when a form's csrf field is the session's. */
bool auth_csrf_ok(const struct request *r, const char *csrf);

/* Releases what auth_request filled in. */
void auth_release(struct request *r);

#endif
