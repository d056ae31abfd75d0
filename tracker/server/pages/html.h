/* html.h - writing HTML for the pages: every piece of data goes through
 * html_text() (one function for element text and quoted attribute values:
 * & < > " ' as references, invalid UTF-8, control and bidi characters as
 * U+FFFD, util/escape.h), and markup is only ever literal text of this
 * program (html_raw). Form fields are written with their label, the value
 * that was typed, and the error beside the field it is about.
 *
 * Everything appends to a strbuf the caller owns. */
#ifndef TRK_HTML_H
#define TRK_HTML_H

#include <stdbool.h>

#include "util/error.h"
#include "util/strbuf.h"

/* Data as text (NULL writes nothing). */
void html_text(struct strbuf *sb, const char *s);
/* Markup written by this program; never data. */
void html_raw(struct strbuf *sb, const char *markup);
/* A path of this server with one segment taken from data, e.g.
 * html_href(sb, "/c/", key, "#history") -> /c/211-14#history, encoded for
 * the URL and then for the attribute. */
void html_href(struct strbuf *sb, const char *prefix, const char *segment, const char *suffix);

/* A path of this server as it was asked (decoded), encoded again segment
 * by segment, then suffix (literal), for an attribute. */
void html_path(struct strbuf *sb, const char *path, const char *suffix);

/* What a form shows: the error of the last submission (if any, with the
 * field it names) and the values that were typed, so nothing typed is lost. */
struct form;
struct form_view {
	const struct form *typed;        /* NULL: a fresh form */
	const struct trk_error *err;     /* NULL: no error */
};

/* One labelled field of the form called form (its id is f-FORM-NAME, its
 * error's e-FORM-NAME, unique on a page with several forms): type "text", "date", "number", "password",
 * "textarea", or "select" (options: NULL-terminated pairs value, label).
 * The value is what was typed, else dflt. The error is written beside the
 * field (aria-describedby) when err names it. */
struct field {
	const char *name, *label, *type;
	const char *dflt;
	const char *const *options;
	const char *hint;                /* a line under the label, or NULL */
	bool required;
};
void html_field(struct strbuf *sb, const char *form, const struct field *f,
		const struct form_view *v);

/* The error of a submission that names no field of the form, at its top
 * (nothing when there is none, or when it names one of fields). */
void html_form_error(struct strbuf *sb, const struct form_view *v,
		     const char *const *fields);

#endif
