/* docx_package.c - a Word document is a zip of XML parts. The parts are
 * the templates under reports/templates/docx/ (embedded at build time);
 * word/document.xml comes from the writer's stream (its template around
 * the body, docx_document_begin/end), docProps/core.xml gets the escaped
 * properties. The zip is built in memory with libzip and then
 * written to out, so a failure leaves nothing half-written behind the
 * caller's outfile. Every entry carries the document's own time, so the
 * same report gives the same bytes. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/office_libs.h"

#include "report/docx.h"
#include "util/date.h"
#include "util/embedded.h"
#include "util/banned.h"

#define TEMPLATE_DIR "docx/"

#define DOCUMENT_PART "word/document.xml"
#define BODY_HOLE "{{body}}"

/* The template of word/document.xml and where its hole is. */
static const char *document_template(const char **hole, struct trk_error *err)
{
	const struct embedded_file *t = embedded_template_find(TEMPLATE_DIR DOCUMENT_PART);

	if (!t || !(*hole = strstr(t->data, BODY_HOLE))) {
		trk_err(err, TRK_EINTERNAL, "the template of %s has no %s", DOCUMENT_PART,
			BODY_HOLE);
		return NULL;
	}
	return t->data;
}

int docx_document_begin(FILE *f, struct trk_error *err)
{
	const char *hole, *t = document_template(&hole, err);

	if (!t)
		return TRK_EINTERNAL;
	if (fwrite(t, 1, (size_t)(hole - t), f) != (size_t)(hole - t))
		return trk_err(err, TRK_EIO, "cannot write the document: %s", strerror(errno));
	return 0;
}

int docx_document_end(FILE *f, struct trk_error *err)
{
	const char *hole, *rest;

	if (!document_template(&hole, err))
		return TRK_EINTERNAL;
	rest = hole + strlen(BODY_HOLE);
	if (fputs(rest, f) == EOF || fflush(f))
		return trk_err(err, TRK_EIO, "cannot write the document: %s", strerror(errno));
	return 0;
}

static void core_props(struct strbuf *out, const char *tmpl, const struct docx_meta *m)
{
	static const char *const keys[] = { "{{title}}", "{{creator}}", "{{description}}",
					    "{{created}}" };
	const char *vals[] = { m->title, m->creator, m->description, m->created };
	const char *p = tmpl, *q;

	while ((q = strstr(p, "{{"))) {
		size_t i = 0;
		while (i < 4 && strncmp(q, keys[i], strlen(keys[i])))
			i++;
		strbuf_add(out, p, (size_t)(q - p) + (i < 4 ? 0 : 2));
		if (i < 4)
			docx_escape(out, vals[i], false);
		p = q + (i < 4 ? strlen(keys[i]) : 2);
	}
	strbuf_addstr(out, p);
}

/* The text of part name: the template, filled in where it has holes. */
static void part_text(const struct embedded_file *t, const char *name,
		      const struct docx_meta *m, struct strbuf *out)
{
	if (!strcmp(name, "docProps/core.xml"))
		core_props(out, t->data, m);
	else
		strbuf_add(out, t->data, t->size);
}

enum zip_step { ZIP_PACK, ZIP_READ_BACK, ZIP_START, ZIP_FINISH };

/* One whole message per step, so that each translates as a sentence. */
static int zip_fail(struct trk_error *err, zip_error_t *ze, enum zip_step step)
{
	const char *why = sym_zip_error_strerror(ze);

	switch (step) {
	case ZIP_PACK:
		return trk_err(err, TRK_EIO, "cannot pack the document: %s", why);
	case ZIP_READ_BACK:
		return trk_err(err, TRK_EIO, "cannot read the packed document back: %s", why);
	case ZIP_START:
		return trk_err(err, TRK_EIO, "cannot start the document: %s", why);
	case ZIP_FINISH:
	default:
		return trk_err(err, TRK_EIO, "cannot finish the document: %s", why);
	}
}

static int add_source(zip_t *za, const char *name, zip_source_t *src, time_t mtime,
		      struct trk_error *err)
{
	zip_int64_t idx;

	if (!src)
		return zip_fail(err, sym_zip_get_error(za), ZIP_PACK);
	if ((idx = sym_zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8)) < 0) {
		sym_zip_source_free(src);
		return zip_fail(err, sym_zip_get_error(za), ZIP_PACK);
	}
	/* The same time and mode on every part, wherever its bytes came from,
	 * so the archive depends on nothing but the document. */
	if (sym_zip_file_set_mtime(za, (zip_uint64_t)idx, mtime, 0) < 0 ||
	    sym_zip_file_set_external_attributes(za, (zip_uint64_t)idx, 0, ZIP_OPSYS_UNIX,
					     (zip_uint32_t)0100644 << 16) < 0)
		return zip_fail(err, sym_zip_get_error(za), ZIP_PACK);
	return 0;
}

/* Adds one part; the zip takes the text (freed by libzip). */
static int add_text(zip_t *za, const char *name, struct strbuf *text, time_t mtime,
		    struct trk_error *err)
{
	size_t len = text->len;
	char *data = strbuf_detach(text);
	zip_source_t *src = sym_zip_source_buffer(za, data, len, 1);

	if (!src)
		free(data);
	return add_source(za, name, src, mtime, err);
}

/* The body part is read from its stream when the zip is closed, so the
 * (large) XML is never held in memory. libzip closes the FILE it is given:
 * it gets its own, on a duplicate of the descriptor. */
static int add_document(zip_t *za, FILE *document, time_t mtime, struct trk_error *err)
{
	zip_source_t *src;
	FILE *own;
	int fd;

	/* The duplicate shares the offset, and libzip reads from where it is. */
	if (fflush(document) || fseek(document, 0, SEEK_SET) || (fd = dup(fileno(document))) < 0)
		return trk_err(err, TRK_EIO, "cannot read the document back: %s", strerror(errno));
	if (!(own = fdopen(fd, "rb"))) {
		close(fd);
		return trk_err(err, TRK_EIO, "cannot read the document back: %s", strerror(errno));
	}
	if (!(src = sym_zip_source_filep(za, own, 0, -1)))
		fclose(own);
	return add_source(za, DOCUMENT_PART, src, mtime, err);
}

static int add_parts(zip_t *za, FILE *document, const struct docx_meta *m, time_t mtime,
		     struct trk_error *err)
{
	struct strbuf text = STRBUF_INIT;
	int rc = 0;

	for (const struct embedded_file *t = embedded_templates; t->name && !rc; t++) {
		const char *name = t->name + strlen(TEMPLATE_DIR);
		if (strncmp(t->name, TEMPLATE_DIR, strlen(TEMPLATE_DIR)))
			continue;
		if (!strcmp(name, DOCUMENT_PART)) {
			rc = add_document(za, document, mtime, err);
			continue;
		}
		part_text(t, name, m, &text);
		rc = add_text(za, name, &text, mtime, err);
	}
	strbuf_release(&text);
	return rc;
}

/* Copies the finished archive from its in-memory source to out. */
static int copy_out(zip_source_t *src, FILE *out, struct trk_error *err)
{
	zip_stat_t st;
	char buf[8192];
	zip_int64_t n;
	int rc = 0;

	if (sym_zip_source_stat(src, &st) < 0 || sym_zip_source_open(src) < 0)
		return zip_fail(err, sym_zip_source_error(src), ZIP_READ_BACK);
	while ((n = sym_zip_source_read(src, buf, sizeof(buf))) > 0)
		if (fwrite(buf, 1, (size_t)n, out) != (size_t)n) {
			rc = trk_err(err, TRK_EIO, "cannot write the document: %s", strerror(errno));
			break;
		}
	if (!rc && n < 0)
		rc = zip_fail(err, sym_zip_source_error(src), ZIP_READ_BACK);
	sym_zip_source_close(src);
	return rc;
}

static time_t meta_time(const struct docx_meta *m)
{
	int64_t t = 0;
	struct trk_error ignored;

	/* The zip's DOS times are local wall-clock times (libzip converts
	 * with the process's TZ, as unzip shows them back), and cannot be
	 * before 1980. */
	if (!m->created || timestamp_parse(m->created, &t, "created", &ignored) || t < 315532800)
		t = 315532800;
	return (time_t)t;
}

int docx_package(FILE *out, FILE *document, const struct docx_meta *meta,
		 struct trk_error *err)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	int rc;

	if ((rc = office_load_libzip(err)))
		return rc;
	sym_zip_error_init(&ze);
	if (!(src = sym_zip_source_buffer_create(NULL, 0, 0, &ze))) {
		rc = zip_fail(err, &ze, ZIP_START);
		goto out_error;
	}
	sym_zip_source_keep(src);
	if (!(za = sym_zip_open_from_source(src, ZIP_TRUNCATE, &ze))) {
		rc = zip_fail(err, &ze, ZIP_START);
		goto out_source;
	}
	if ((rc = add_parts(za, document, meta, meta_time(meta), err))) {
		sym_zip_discard(za);
		goto out_source;
	}
	if (sym_zip_close(za) < 0) {
		rc = zip_fail(err, sym_zip_get_error(za), ZIP_FINISH);
		sym_zip_discard(za);
		goto out_source;
	}
	rc = copy_out(src, out, err);
out_source:
	sym_zip_source_free(src);
out_error:
	sym_zip_error_fini(&ze);
	return rc;
}
