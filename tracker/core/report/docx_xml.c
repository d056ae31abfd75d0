/* docx_xml.c - paragraphs, runs and tables of WordprocessingML as text.
 * Every piece of data reaches the XML through docx_text() (and the core
 * properties through docx_escape()), the one place that escapes; style
 * names, widths and the pPr/rPr fragments are ours. */
#include <string.h>

#include "report/docx.h"
#include "util/utf8.h"
#include "util/banned.h"

/* XML 1.0 allows neither U+FFFE nor U+FFFF (and Word refuses the part). */
static bool xml_nonchar(uint32_t cp)
{
	return cp == 0xFFFE || cp == 0xFFFF;
}

void docx_escape(struct strbuf *sb, const char *s, bool breaks)
{
	struct strbuf inert = STRBUF_INIT;
	uint32_t cp;
	size_t len;

	if (!s)
		return;
	/* Controls, bidi controls and bad UTF-8 become U+FFFD first: a text
	 * written behind tracker's back still reaches no reader. */
	utf8_add_inert(&inert, s, strlen(s), breaks ? "\t\n" : "");
	for (const char *p = inert.buf, *end = inert.buf + inert.len; p < end; p += len) {
		len = utf8_decode(p, (size_t)(end - p), &cp);
		if (!len)
			len = 1;
		switch (*p) {
		case '&': strbuf_addstr(sb, "&amp;"); break;
		case '<': strbuf_addstr(sb, "&lt;"); break;
		case '>': strbuf_addstr(sb, "&gt;"); break;
		case '"': strbuf_addstr(sb, "&quot;"); break;
		case '\'': strbuf_addstr(sb, "&apos;"); break;
		/* Inside <w:t> a break or a tab is its own element. */
		case '\n': strbuf_addstr(sb, "</w:t><w:br/><w:t xml:space=\"preserve\">"); break;
		case '\t': strbuf_addstr(sb, "</w:t><w:tab/><w:t xml:space=\"preserve\">"); break;
		default:
			if (xml_nonchar(cp))
				strbuf_addstr(sb, "\xef\xbf\xbd");
			else
				strbuf_add(sb, p, len);
		}
	}
	strbuf_release(&inert);
}

void docx_text(struct strbuf *sb, const char *s)
{
	strbuf_addstr(sb, "<w:t xml:space=\"preserve\">");
	docx_escape(sb, s, true);
	strbuf_addstr(sb, "</w:t>");
}

void docx_para_begin(struct strbuf *sb, const char *style, const char *ppr)
{
	strbuf_addstr(sb, "<w:p><w:pPr>");
	if (style)
		strbuf_addf(sb, "<w:pStyle w:val=\"%s\"/>", style);
	if (ppr)
		strbuf_addstr(sb, ppr);
	strbuf_addstr(sb, "</w:pPr>");
}

void docx_run(struct strbuf *sb, const char *rpr, const char *text)
{
	strbuf_addstr(sb, "<w:r>");
	if (rpr)
		strbuf_addf(sb, "<w:rPr>%s</w:rPr>", rpr);
	docx_text(sb, text);
	strbuf_addstr(sb, "</w:r>");
}

void docx_para_end(struct strbuf *sb)
{
	strbuf_addstr(sb, "</w:p>");
}

void docx_para(struct strbuf *sb, const char *style, const char *text)
{
	docx_para_begin(sb, style, NULL);
	if (text)
		docx_run(sb, NULL, text);
	docx_para_end(sb);
}

static void cell(struct strbuf *sb, int width, const char *style, const char *jc,
		 const char *text)
{
	strbuf_addf(sb, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/><w:vAlign "
		    "w:val=\"center\"/></w:tcPr>", width);
	docx_para_begin(sb, style, jc);
	docx_run(sb, NULL, text && *text ? text : "—");
	docx_para_end(sb);
	strbuf_addstr(sb, "</w:tc>");
}

void docx_table_begin(struct strbuf *sb, const int *widths, size_t n,
		      const char *const *headers)
{
	int total = 0;

	for (size_t i = 0; i < n; i++)
		total += widths[i];
	strbuf_addf(sb, "<w:tbl><w:tblPr><w:tblStyle w:val=\"LedgerTable\"/><w:tblW w:w=\"%d\" "
		    "w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>", total);
	for (size_t i = 0; i < n; i++)
		strbuf_addf(sb, "<w:gridCol w:w=\"%d\"/>", widths[i]);
	/* The header row comes again at the top of every page the table runs
	 * onto, and no row is split across a page. */
	strbuf_addstr(sb, "</w:tblGrid><w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
	for (size_t i = 0; i < n; i++)
		cell(sb, widths[i], "TableHead", NULL, headers[i]);
	strbuf_addstr(sb, "</w:tr>");
}

void docx_table_row(struct strbuf *sb, const int *widths, size_t n, const char *const *cells,
		    unsigned centred_mask)
{
	strbuf_addstr(sb, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
	for (size_t i = 0; i < n; i++)
		cell(sb, widths[i], "TableText",
		     centred_mask & (1u << i) ? "<w:jc w:val=\"center\"/>" : NULL, cells[i]);
	strbuf_addstr(sb, "</w:tr>");
}

void docx_table_end(struct strbuf *sb)
{
	/* Word wants a paragraph between a table and what follows. */
	strbuf_addstr(sb, "</w:tbl><w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr></w:p>");
}
