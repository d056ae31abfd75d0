/* http.c - reading a request and writing an answer (see http.h). */
#include "server/http.h"

#include "server/mhd.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/pages/page.h"
#include "util/jsonw.h"
#include "util/utf8.h"
#include "util/banned.h"

const char *req_query(struct request *r, const char *name)
{
	return sym_MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *req_header(struct request *r, const char *name)
{
	return sym_MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

/* The Cookie header is parsed here rather than by libmicrohttpd, which
 * gives the first of two cookies of a name; a request with two session
 * cookies is refused (NULL), as one of them was planted. */
char *req_cookie(struct request *r, const char *name)
{
	const char *h = req_header(r, "Cookie"), *p;
	size_t n = strlen(name);
	char *found = NULL;

	for (p = h; p && *p;) {
		while (*p == ' ' || *p == ';')
			p++;
		const char *end = strchr(p, ';');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len > n && p[n] == '=' && strncmp(p, name, n) == 0) {
			if (found) {
				free(found);
				return NULL;
			}
			found = xstrndup(p + n + 1, len - n - 1);
		}
		p += len;
	}
	return found;
}

bool req_signed_in(const struct request *r)
{
	return r->via == AUTH_TOKEN || r->via == AUTH_SESSION;
}

void resp_header(struct request *r, const char *name, const char *value)
{
	if (r->nheaders == MAX_EXTRA_HEADERS)
		return;
	r->header_names[r->nheaders] = name;
	r->header_values[r->nheaders++] = xstrdup(value);
}

int resp_body(struct request *r, int status, const char *content_type)
{
	r->status = status;
	r->content_type = content_type;
	r->answered = true;
	return 0;
}

int http_status_of(int trk_code)
{
	switch (trk_code) {
	case TRK_EUSAGE:
	case TRK_EINPUT:     return 422;
	case TRK_ENOTFOUND:  return 404;
	case TRK_ECONFLICT:  return 409;
	case TRK_EFORBIDDEN: return 403;
	case TRK_EAUTH:      return 401;
	case TRK_EDB:
	case TRK_ENOMEM:     return 503;
	default:             return 500;
	}
}

static const char *code_word(int status)
{
	switch (status) {
	case 400: return "bad_request";
	case 401: return "unauthorized";
	case 403: return "forbidden";
	case 404: return "not_found";
	case 405: return "method_not_allowed";
	case 409: return "conflict";
	case 413: return "too_large";
	case 415: return "unsupported_media_type";
	case 422: return "invalid";
	case 429: return "too_many_requests";
	case 503: return "unavailable";
	default:  return "internal";
	}
}

static int error_json(struct request *r, int status, const char *code, const char *field,
		      const char *message)
{
	struct jsonw w;

	if (r->page)
		return page_error(r, status, message);
	strbuf_reset(&r->out);
	jsonw_init(&w, &r->out, false);
	jsonw_object(&w, NULL);
	jsonw_object(&w, "error");
	jsonw_string(&w, "code", code ? code : code_word(status));
	jsonw_string(&w, "message", message);
	if (field && *field)
		jsonw_string(&w, "field", field);
	else
		jsonw_null(&w, "field");
	jsonw_end(&w);
	jsonw_end(&w);
	strbuf_addch(&r->out, '\n');
	return resp_body(r, status, "application/json; charset=utf-8");
}

int resp_error(struct request *r, int status, const char *code, const char *field,
	       const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return error_json(r, status, code, field, msg);
}

/* Internal and database failures are logged with their message and
 * answered without it: a reader learns that it failed, not how the server
 * is built. */
int resp_trk_error(struct request *r, const struct trk_error *err)
{
	int status = http_status_of(err->code);

	if (status == 500) {
		free(r->log_note);
		r->log_note = xstrdup(err->msg);
		return error_json(r, 500, "internal", NULL, "the server failed; the log says why");
	}
	/* A database failure names the database (its file, or its server's
	 * host and port) and what the server said: for the log only. */
	if (err->code == TRK_EDB) {
		free(r->log_note);
		r->log_note = xstrdup(err->msg);
		return error_json(r, 503, NULL, NULL, "the database is unavailable; try again "
				  "shortly (the log says why)");
	}
	return error_json(r, status, NULL, err->field[0] ? err->field : NULL, err->msg);
}

int resp_redirect(struct request *r, const char *location)
{
	resp_header(r, "Location", location);
	strbuf_reset(&r->out);
	return resp_body(r, 303, "text/plain; charset=utf-8");
}

void url_encode(struct strbuf *sb, const char *s)
{
	static const char safe[] = "-._~";

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr(safe, *p))
			strbuf_addch(sb, (char)*p);
		else
			strbuf_addf(sb, "%%%02X", *p);
	}
}
