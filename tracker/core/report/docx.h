/* docx.h - the pieces of a Word document (OOXML WordprocessingML) that the
 * bulletin is made of, and its packaging. Internal to report/.
 *
 * docx_xml.c writes paragraphs, runs and tables as XML text into a strbuf,
 * every text escaped and made inert (a control character never reaches a
 * page). docx_package.c puts the parts kept under reports/templates/docx/
 * (embedded at build time) and the body into a zip with libzip. The styles
 * named here ("BodyText", "Heading1", ...) are those of
 * reports/templates/docx/word/styles.xml. */
#ifndef TRK_DOCX_H
#define TRK_DOCX_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "util/error.h"
#include "util/strbuf.h"

/* The text area of a GB/T 9704 page (版心, 156 mm) in twentieths of a point,
 * and the width of one character of 3号 text on its grid (28 a line). */
#define DOCX_TEXT_WIDTH 8844
#define DOCX_CHAR 316

/* Appends s escaped for XML text or an attribute value: & < > " ' as
 * entities, controls, bidi controls, bad UTF-8 and U+FFFE/U+FFFF as U+FFFD;
 * with breaks, a newline and a tab become <w:br/> and <w:tab/> (inside a
 * <w:t>), else U+FFFD too. NULL appends nothing. */
void docx_escape(struct strbuf *sb, const char *s, bool breaks);

/* Appends s as the text of a run (<w:t>): XML-escaped, controls and bidi
 * controls made inert, a newline as a line break. */
void docx_text(struct strbuf *sb, const char *s);

/* A paragraph of style with one run of text (NULL: an empty paragraph). */
void docx_para(struct strbuf *sb, const char *style, const char *text);

/* Paragraph pieces, for paragraphs of several runs: docx_para_begin()
 * opens the paragraph (extra pPr XML, our own, may be NULL), docx_run()
 * adds a run with optional rPr XML, docx_para_end() closes it. */
void docx_para_begin(struct strbuf *sb, const char *style, const char *ppr);
void docx_run(struct strbuf *sb, const char *rpr, const char *text);
void docx_para_end(struct strbuf *sb);

/* A table of n columns of these widths (twentieths of a point, adding up to
 * at most DOCX_TEXT_WIDTH), with a header row repeated on every page. */
void docx_table_begin(struct strbuf *sb, const int *widths, size_t n,
		      const char *const *headers);
/* A row of n cells (NULL: empty); centred cells are numbers and dates. */
void docx_table_row(struct strbuf *sb, const int *widths, size_t n, const char *const *cells,
		    unsigned centred_mask);
void docx_table_end(struct strbuf *sb);

/* What the package says about the document; strings borrowed. */
struct docx_meta {
	const char *title;
	const char *creator;
	const char *created;      /* UTC timestamp: also every part's zip time */
	const char *description;
};

/* word/document.xml is its template (reports/templates/docx/word/) with
 * the body in place of {{body}}: docx_document_begin() writes the part up
 * to the body to f, docx_document_end() the rest. TRK_EIO when f fails. */
int docx_document_begin(FILE *f, struct trk_error *err);
int docx_document_end(FILE *f, struct trk_error *err);

/* Writes the document to out: the template parts, and word/document.xml
 * read from the stream document (from its start; the caller still owns
 * it and closes it). Deterministic: the same document and meta give the
 * same bytes (in the same TZ: zip times are local). TRK_EIO when out or
 * document fails. */
int docx_package(FILE *out, FILE *document, const struct docx_meta *meta,
		 struct trk_error *err);

#endif
