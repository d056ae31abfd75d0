/* html.c - writing HTML (see html.h). */
#include "server/pages/html.h"

#include <stdlib.h>
#include <string.h>

#include "server/http.h"
#include "server/pages/page.h"
#include "util/escape.h"
#include "util/banned.h"

void html_text(struct strbuf *sb, const char *s)
{
	escape_html(sb, s);
}

void html_raw(struct strbuf *sb, const char *markup)
{
	strbuf_addstr(sb, markup);
}

void html_href(struct strbuf *sb, const char *prefix, const char *segment, const char *suffix)
{
	struct strbuf url = STRBUF_INIT;

	strbuf_addstr(&url, prefix);
	if (segment)
		url_encode(&url, segment);
	if (suffix)
		strbuf_addstr(&url, suffix);
	html_text(sb, url.buf);
	strbuf_release(&url);
}

void html_path(struct strbuf *sb, const char *path, const char *suffix)
{
	struct strbuf url = STRBUF_INIT;
	char *seg;

	for (const char *p = path; *p;) {
		const char *slash = strchr(p + 1, '/');
		size_t n = slash ? (size_t)(slash - p) : strlen(p);

		if (*p == '/') {
			strbuf_addch(&url, '/');
			p++, n--;
		}
		seg = xstrndup(p, n);
		url_encode(&url, seg);
		free(seg);
		p += n;
	}
	strbuf_addstr(&url, suffix);
	html_text(sb, url.buf);
	strbuf_release(&url);
}

static bool field_has_error(const struct form_view *v, const char *name)
{
	return v && v->err && v->err->field[0] && !strcmp(v->err->field, name);
}

/* The message without a leading "field: ", which the page says by its place. */
static const char *error_text(const struct trk_error *err)
{
	size_t n = strlen(err->field);

	if (n && !strncmp(err->msg, err->field, n) && !strncmp(err->msg + n, ": ", 2))
		return err->msg + n + 2;
	return err->msg;
}

static void select_options(struct strbuf *sb, const char *const *opt, const char *value)
{
	for (; opt && opt[0]; opt += 2) {
		html_raw(sb, "<option value=\"");
		html_text(sb, opt[0]);
		html_raw(sb, value && !strcmp(value, opt[0]) ? "\" selected>" : "\">");
		html_text(sb, opt[1]);
		html_raw(sb, "</option>");
	}
}

static void field_id(struct strbuf *sb, const char *kind, const char *form, const char *name)
{
	html_raw(sb, kind);
	html_text(sb, form);
	html_raw(sb, "-");
	html_text(sb, name);
}

static void control(struct strbuf *sb, const char *form, const struct field *f, const char *value,
		    bool bad)
{
	bool area = !strcmp(f->type, "textarea"), sel = !strcmp(f->type, "select");

	html_raw(sb, area ? "<textarea" : sel ? "<select" : "<input");
	field_id(sb, " id=\"f-", form, f->name);
	html_raw(sb, "\" name=\"");
	html_text(sb, f->name);
	html_raw(sb, "\"");
	if (!area && !sel) {
		html_raw(sb, " type=\"");
		html_text(sb, f->type);
		html_raw(sb, "\"");
		if (!strcmp(f->type, "number"))
			html_raw(sb, " step=\"any\" inputmode=\"decimal\"");
	}
	if (f->required)
		html_raw(sb, " required");
	if (bad) {
		field_id(sb, " aria-invalid=\"true\" aria-describedby=\"e-", form, f->name);
		html_raw(sb, "\"");
	}
	if (area) {
		html_raw(sb, " rows=\"3\">");
		html_text(sb, value);
		html_raw(sb, "</textarea>");
	} else if (sel) {
		html_raw(sb, ">");
		select_options(sb, f->options, value);
		html_raw(sb, "</select>");
	} else {
		if (value && strcmp(f->type, "password")) {
			html_raw(sb, " value=\"");
			html_text(sb, value);
			html_raw(sb, "\"");
		}
		html_raw(sb, ">");
	}
}

void html_field(struct strbuf *sb, const char *form, const struct field *f,
		const struct form_view *v)
{
	const char *value = v && v->typed ? form_get(v->typed, f->name) : NULL;
	bool bad = field_has_error(v, f->name);

	html_raw(sb, bad ? "<div class=\"field invalid\">" : "<div class=\"field\">");
	field_id(sb, "<label for=\"f-", form, f->name);
	html_raw(sb, "\">");
	html_text(sb, f->label);
	html_raw(sb, "</label>");
	if (f->hint) {
		html_raw(sb, "<small class=\"hint\">");
		html_text(sb, f->hint);
		html_raw(sb, "</small>");
	}
	control(sb, form, f, value ? value : f->dflt, bad);
	if (bad) {
		field_id(sb, "<p class=\"error\" id=\"e-", form, f->name);
		html_raw(sb, "\" role=\"alert\">");
		html_text(sb, error_text(v->err));
		html_raw(sb, "</p>");
	}
	html_raw(sb, "</div>");
}

void html_form_error(struct strbuf *sb, const struct form_view *v, const char *const *fields)
{
	if (!v || !v->err)
		return;
	for (; fields && *fields; fields++)
		if (field_has_error(v, *fields))
			return;
	html_raw(sb, "<p class=\"error form-error\" role=\"alert\">");
	html_text(sb, v->err->msg);
	html_raw(sb, "</p>");
}
