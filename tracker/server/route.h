/* route.h - the server's table of routes, as cli/cmd.h is the CLI's table
 * of commands: a method, a path pattern with {name} parts, who may call
 * it, and one handler with the same signature for every route. routes.c
 * lists them; one file per resource holds the handlers. */
#ifndef TRK_ROUTE_H
#define TRK_ROUTE_H

#include "server/http.h"

/* Who may call a route. The store checks, besides, what a department may
 * write (its owners' commitments) and what a viewer may read (its letters). */
enum access {
	ACCESS_PUBLIC,            /* anyone (health, sign-in, OpenAPI) */
	ACCESS_READ,              /* any signed-in user */
	ACCESS_WRITE,             /* an admin or a department (the store narrows it) */
	ACCESS_ADMIN,             /* an admin */
	ACCESS_FEED,              /* a calendar feed token in the path */
};

/* How a route is signed in to: the API with a Bearer token, the pages
 * with a session cookie (and a CSRF token on every form). */
enum route_kind { ROUTE_API, ROUTE_PAGE };

struct route {
	const char *method;       /* "GET", "POST", "PATCH" */
	const char *pattern;      /* "/api/v1/commitments/{key}" */
	enum access access;
	enum route_kind kind;
	const char *summary;      /* one line, for the OpenAPI test and logs */
	/* Answers r (with resp_*); returns what resp_* returned. */
	int (*handle)(struct request *r);
};

/* Every route, NULL-terminated. */
extern const struct route *const routes[];

/* The route for method and path, with its {name} parts in r->params;
 * NULL and *path_known true when the path exists for another method. */
const struct route *route_find(struct request *r, bool *path_known);

#endif
