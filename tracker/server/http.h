/* http.h - one request and its response, as the route handlers see them.
 *
 * libmicrohttpd (server.c) reads the request; a handler reads what it needs
 * through the req_* functions, calls the core, and answers with one of the
 * resp_* functions. Every answer gets the security headers and a charset;
 * every error is JSON {"error": {"code", "message", "field"}} (or a page,
 * for the pages). Nothing here knows a database or a business rule.
 *
 * Ownership: the request owns everything in it and is freed by server.c
 * after the response is queued; strings returned by req_* are borrowed
 * from it (or from libmicrohttpd) for the request's lifetime. */
#ifndef TRK_HTTP_H
#define TRK_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/model.h"
#include "store/store.h"
#include "util/error.h"
#include "util/strbuf.h"

struct MHD_Connection;
struct server_config;

#define MAX_PATH_PARAMS 4
#define MAX_EXTRA_HEADERS 8

/* How the request proved who sent it. */
enum auth_via { AUTH_NONE, AUTH_TOKEN, AUTH_SESSION, AUTH_FEED };

struct request {
	struct MHD_Connection *conn;
	const struct server_config *cfg;
	struct store *st;              /* the worker thread's connection */
	const char *method;
	const char *path;              /* without the query string */
	char client[64];               /* the peer's address */
	bool tls;                      /* came over TLS (or a proxy said so) */
	int64_t started_us;

	/* the body, read up to cfg->max_body */
	struct strbuf body;
	bool body_too_big;
	bool body_no_memory;   /* the body could not be kept: answered 503 */

	/* {name} parts of the route's pattern, in order, percent-decoded */
	char *params[MAX_PATH_PARAMS];
	int nparams;

	/* who: filled by auth.c */
	enum auth_via via;
	struct user user;
	struct actor actor;
	char *csrf;                    /* the session's, for forms */
	char *session;                 /* the session id (cookie) */

	/* the answer */
	int status;
	const char *content_type;
	struct strbuf out;
	const char *header_names[MAX_EXTRA_HEADERS];
	char *header_values[MAX_EXTRA_HEADERS];
	int nheaders;
	bool answered;
	char *log_note;                /* an internal error's message, for the log only */
};

/* ---- reading ---- */
const char *req_query(struct request *r, const char *name);   /* NULL if absent */
const char *req_header(struct request *r, const char *name);
/* The value of cookie name in the Cookie header, copied (caller frees). */
char *req_cookie(struct request *r, const char *name);
/* True when the request is signed in with some role. */
bool req_signed_in(const struct request *r);

/* ---- answering ---- */
/* A header for the response (value copied). */
void resp_header(struct request *r, const char *name, const char *value);
/* The body in r->out with this status and type ("application/json"). */
int resp_body(struct request *r, int status, const char *content_type);
/* An error: JSON {"error": {"code", "message", "field"}}; code is a short
 * machine word ("not_found"), message one line for people. */
int resp_error(struct request *r, int status, const char *code, const char *field,
	       const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* The error of a core call: its TRK_E* code decides the status (422 for
 * bad values, 404, 409, 403, 401, 503 for a busy or failing database). */
int resp_trk_error(struct request *r, const struct trk_error *err);
/* The HTTP status for a TRK_E* code. */
int http_status_of(int trk_code);
/* A redirect (303 See Other) to a path of this server. */
int resp_redirect(struct request *r, const char *location);

/* Appends s percent-encoded for a path segment or query value. */
void url_encode(struct strbuf *sb, const char *s);

#endif
