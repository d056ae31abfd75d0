/* api.h - what the JSON API's handlers share: the request body as a JSON
 * object (strict, like every JSON input of tracker), the members it may
 * have, the list filters from the query string (the same words as the
 * CLI's options, read by record/select.h), and answering with a record. */
#ifndef TRK_API_H
#define TRK_API_H

#include <cjson/cJSON.h>

#include "record/select.h"
#include "server/http.h"
#include "util/jsonw.h"

/* The body as a JSON object (caller deletes *out), or the answer given:
 * 415 for another content type, 400 for text that is not one JSON
 * document (with line and path), 422 for a document that is not an
 * object or has a member outside `allowed` (NULL-terminated). */
int api_body(struct request *r, const char *const *allowed, cJSON **out);

/* A member as text: strings as they are, numbers in their shortest exact
 * form; *out NULL when absent, *is_null when null. 422 (answered) for
 * another type. */
int api_text(struct request *r, const cJSON *o, const char *name, bool numbers_too,
	     const char **out, char **owned, bool *is_null);

/* 422 (answered) when the query string has a parameter outside allowed. */
int api_check_query(struct request *r, const char *const *allowed);

/* The list filters of the query string; strings borrowed from r, the
 * lists owned by *lists (release with api_lists_release). */
struct api_lists {
	struct strlist status, health;
};
void api_selection(struct request *r, struct selection *s, struct api_lists *lists);
void api_lists_release(struct api_lists *l);

/* Starts a JSON answer in r->out. */
void api_json_begin(struct request *r, struct jsonw *w, bool pretty);
/* Answers with what w wrote. */
int api_json_end(struct request *r, struct jsonw *w, int status);

/* Runs fn in a write transaction of r's store; errors answered. */
int api_write(struct request *r, store_txn_fn fn, void *ctx);

#endif
