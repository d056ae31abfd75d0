/* xlsx_read.c - a workbook read with libzip and libxml2, defensively (see
 * xlsx_read.h). */
#include "record/xlsx_read.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "util/office_libs.h"

#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/banned.h"

struct sheet {
	char *name;
	char *part;               /* the sheet's path in the archive */
	bool hidden;
};

struct xlsx {
	zip_t *za;
	struct sheet *sheets;
	size_t nsheets;
	char **sst;               /* shared strings */
	size_t nsst, asst;
	bool date1904;
	uint64_t total;           /* uncompressed bytes read so far */
};

size_t xlsx_sheet_count(const struct xlsx *x)
{
	return x->nsheets;
}

const char *xlsx_sheet_name(const struct xlsx *x, size_t i)
{
	return x->sheets[i].name;
}

bool xlsx_sheet_hidden(const struct xlsx *x, size_t i)
{
	return x->sheets[i].hidden;
}

bool xlsx_date1904(const struct xlsx *x)
{
	return x->date1904;
}

void xlsx_col_name(uint32_t col, char *out)
{
	char rev[8];
	int n = 0;

	col++;
	while (col && n < 7) {
		rev[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (int i = 0; i < n; i++)
		out[i] = rev[n - 1 - i];
	out[n] = '\0';
}

/* ---- parts: bounded reads from the archive ------------------------------------ */

struct part {
	struct xlsx *x;
	const char *name;
	zip_file_t *zf;
	uint64_t read;
	bool too_big, failed;
	xmlTextReaderPtr r;
	char xml_error[256];
	int xml_line;
};

/* libxml2 pulls the XML through here, so the limits hold whatever sizes
 * the archive's directory claims. */
static int part_read(void *arg, char *buf, int len)
{
	struct part *p = arg;
	zip_int64_t n = sym_zip_fread(p->zf, buf, (zip_uint64_t)len);

	if (n < 0) {
		p->failed = true;
		return -1;
	}
	p->read += (uint64_t)n;
	p->x->total += (uint64_t)n;
	if (p->read > XLSX_PART_MAX || p->x->total > XLSX_TOTAL_MAX) {
		p->too_big = true;
		return -1;
	}
	return (int)n;
}

static int part_noclose(void *arg)
{
	(void)arg;
	return 0;
}

static void xml_error(void *arg, xmlErrorPtr e)
{
	struct part *p = arg;

	if (p->xml_error[0] || !e)
		return;
	snprintf(p->xml_error, sizeof(p->xml_error), "%s", e->message ? e->message : "bad XML");
	/* libxml2's messages end with a newline. */
	p->xml_error[strcspn(p->xml_error, "\n")] = '\0';
	p->xml_line = e->line;
}

/* libxml2 reports some errors outside a reader (a failed read); the core
 * prints nothing, so those are dropped here and the reader's own handler
 * keeps the message. */
static void xml_quiet(void *arg, xmlErrorPtr e)
{
	(void)arg, (void)e;
}

static zip_int64_t locate(zip_t *za, const char *name)
{
	zip_int64_t i = sym_zip_name_locate(za, name, 0);

	return i >= 0 ? i : sym_zip_name_locate(za, name, ZIP_FL_NOCASE);
}

static bool part_exists(struct xlsx *x, const char *name)
{
	return locate(x->za, name) >= 0;
}

static int part_open(struct xlsx *x, const char *name, struct part *p, struct trk_error *err)
{
	zip_int64_t i = locate(x->za, name);
	zip_stat_t st;

	memset(p, 0, sizeof(*p));
	p->x = x;
	p->name = name;
	if (i < 0)
		return trk_err(err, TRK_EINPUT, "no part '%s' in the workbook", name);
	if (sym_zip_stat_index(x->za, (zip_uint64_t)i, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
	    st.size > XLSX_PART_MAX)
		return trk_err(err, TRK_EINPUT, "%s: %llu bytes uncompressed, more than the limit "
			       "of %u", name, (unsigned long long)st.size, XLSX_PART_MAX);
	if (!(p->zf = sym_zip_fopen_index(x->za, (zip_uint64_t)i, 0)))
		return trk_err(err, TRK_EINPUT, "%s: cannot be read: %s", name,
			       sym_zip_strerror(x->za));
	sym_xmlSetStructuredErrorFunc(NULL, xml_quiet);
	p->r = sym_xmlReaderForIO(part_read, part_noclose, p, name, NULL,
			      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!p->r) {
		sym_zip_fclose(p->zf);
		p->zf = NULL;
		return trk_err(err, TRK_ENOMEM, "%s: cannot start the XML reader", name);
	}
	sym_xmlTextReaderSetStructuredErrorHandler(p->r, xml_error, p);
	return 0;
}

static void part_close(struct part *p)
{
	if (p->r)
		sym_xmlFreeTextReader(p->r);
	if (p->zf)
		sym_zip_fclose(p->zf);
	p->r = NULL;
	p->zf = NULL;
}

/* Why a read failed: a limit, the archive, or the XML (with its line). */
static int part_error(struct part *p, struct trk_error *err)
{
	if (p->too_big)
		return trk_err(err, TRK_EINPUT, "%s: more than %s uncompressed (a zip bomb?)",
			       p->name, p->x->total > XLSX_TOTAL_MAX ? "512 MiB in all"
			       : "128 MiB");
	if (p->failed)
		return trk_err(err, TRK_EINPUT, "%s: damaged archive: %s", p->name,
			       sym_zip_file_strerror(p->zf));
	if (p->xml_error[0])
		return trk_err(err, TRK_EINPUT, "%s: line %d: %s", p->name, p->xml_line,
			       p->xml_error);
	return trk_err(err, TRK_EINPUT, "%s: not well-formed XML", p->name);
}

/* The next node: 1, 0 at the end, or an error. A DOCTYPE is refused: no
 * part of a workbook has one, and it is how entity bombs come in. */
static int next_node(struct part *p, struct trk_error *err)
{
	int rc = sym_xmlTextReaderRead(p->r);

	if (rc < 0)
		return part_error(p, err);
	if (rc == 1 && sym_xmlTextReaderNodeType(p->r) == XML_READER_TYPE_DOCUMENT_TYPE)
		return trk_err(err, TRK_EINPUT, "%s: a DOCTYPE is not allowed in a workbook",
			       p->name);
	return rc;
}

static bool is_start(struct part *p, const char *local)
{
	return sym_xmlTextReaderNodeType(p->r) == XML_READER_TYPE_ELEMENT &&
	       !strcmp((const char *)sym_xmlTextReaderConstLocalName(p->r), local);
}

static bool is_end(struct part *p, const char *local)
{
	return sym_xmlTextReaderNodeType(p->r) == XML_READER_TYPE_END_ELEMENT &&
	       !strcmp((const char *)sym_xmlTextReaderConstLocalName(p->r), local);
}

/* The attribute with this local name (namespaced or not, as asked), copied
 * (caller frees), or NULL. */
static char *attr(struct part *p, const char *local, bool namespaced)
{
	char *v = NULL;

	if (sym_xmlTextReaderMoveToFirstAttribute(p->r) != 1)
		return NULL;
	do {
		const char *name = (const char *)sym_xmlTextReaderConstLocalName(p->r);
		bool ns = sym_xmlTextReaderConstNamespaceUri(p->r) != NULL;
		if (!strcmp(name, local) && ns == namespaced) {
			v = xstrdup((const char *)sym_xmlTextReaderConstValue(p->r));
			break;
		}
	} while (sym_xmlTextReaderMoveToNextAttribute(p->r) == 1);
	sym_xmlTextReaderMoveToElement(p->r);
	return v;
}

/* The text inside the element the reader stands on (start tag), up to its
 * end tag, skipping phonetic runs (<rPh>), bounded. Leaves the reader on
 * the end tag. */
static int element_text(struct part *p, struct strbuf *sb, struct trk_error *err)
{
	int depth = sym_xmlTextReaderDepth(p->r), rc;

	if (sym_xmlTextReaderIsEmptyElement(p->r))
		return 0;
	rc = next_node(p, err);
	while (rc == 1) {
		int type = sym_xmlTextReaderNodeType(p->r);
		if (type == XML_READER_TYPE_END_ELEMENT && sym_xmlTextReaderDepth(p->r) == depth)
			return 0;
		if (is_start(p, "rPh") && !sym_xmlTextReaderIsEmptyElement(p->r)) {
			/* Next() skips the subtree and stands on what follows it. */
			if ((rc = sym_xmlTextReaderNext(p->r)) < 0)
				return part_error(p, err);
			continue;
		}
		if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
		    type == XML_READER_TYPE_WHITESPACE ||
		    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
			const char *v = (const char *)sym_xmlTextReaderConstValue(p->r);
			size_t n = v ? strlen(v) : 0;
			if (sb->len + n > XLSX_TEXT_MAX)
				return trk_err(err, TRK_EINPUT, "%s: line %d: a text of more than "
					       "%u bytes", p->name,
					       sym_xmlTextReaderGetParserLineNumber(p->r),
					       XLSX_TEXT_MAX);
			strbuf_add(sb, v, n);
		}
		rc = next_node(p, err);
	}
	return rc < 0 ? rc : trk_err(err, TRK_EINPUT, "%s: ends inside an element", p->name);
}

/* OOXML writes characters XML cannot hold as _xHHHH_ (Excel: _x000D_ for a
 * carriage return); "_x005F_" escapes a literal underscore. Decoded in
 * place; what they decode to is made inert by whoever shows it. */
static void unescape_ooxml(struct strbuf *sb)
{
	size_t w = 0;

	for (size_t i = 0; i < sb->len;) {
		unsigned v = 0;
		bool hex = i + 7 <= sb->len && sb->buf[i] == '_' && sb->buf[i + 1] == 'x' &&
			   sb->buf[i + 6] == '_';
		for (int k = 2; hex && k < 6; k++) {
			char c = sb->buf[i + k];
			int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
				: c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
			if (d < 0)
				hex = false;
			v = v * 16 + (unsigned)(d < 0 ? 0 : d);
		}
		if (hex && v < 0x80 && v != 0) {
			sb->buf[w++] = (char)v;
			i += 7;
		} else {
			sb->buf[w++] = sb->buf[i++];
		}
	}
	strbuf_setlen(sb, w);
}

/* ---- paths and relationships -------------------------------------------------------- */

/* target as seen from the part in dir ("xl/"): absolute ("/xl/x.xml") or
 * relative, with "." and ".." resolved. Caller frees. */
static char *resolve(const char *dir, const char *target)
{
	struct strbuf sb = STRBUF_INIT;
	char *copy, *save = NULL, *seg;

	if (target[0] != '/')
		strbuf_addstr(&sb, dir);
	strbuf_addstr(&sb, target);
	copy = strbuf_detach(&sb);
	for (seg = strtok_r(copy, "/", &save); seg; seg = strtok_r(NULL, "/", &save)) {
		if (!strcmp(seg, "."))
			continue;
		if (!strcmp(seg, "..")) {
			char *slash = strrchr(sb.buf, '/');
			strbuf_setlen(&sb, slash ? (size_t)(slash - sb.buf) : 0);
			continue;
		}
		if (sb.len)
			strbuf_addch(&sb, '/');
		strbuf_addstr(&sb, seg);
	}
	free(copy);
	return strbuf_detach(&sb);
}

struct rel {
	char *id, *type, *target;
};

struct rels {
	struct rel *r;
	size_t n;
};

static void rels_release(struct rels *rs)
{
	for (size_t i = 0; i < rs->n; i++)
		free(rs->r[i].id), free(rs->r[i].type), free(rs->r[i].target);
	free(rs->r);
	memset(rs, 0, sizeof(*rs));
}

/* A .rels part; a missing one is no relationships. On failure *out holds
 * nothing (what was read before a broken node is freed). */
static int read_rels(struct xlsx *x, const char *name, struct rels *out, struct trk_error *err)
{
	struct part p;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!part_exists(x, name))
		return 0;
	if ((rc = part_open(x, name, &p, err)))
		return rc;
	while ((rc = next_node(&p, err)) == 1) {
		if (!is_start(&p, "Relationship"))
			continue;
		if (out->n >= XLSX_ENTRIES_MAX) {
			rc = trk_err(err, TRK_EINPUT, "%s: too many relationships", name);
			break;
		}
		out->r = xrealloc(out->r, (out->n + 1) * sizeof(*out->r));
		out->r[out->n].id = attr(&p, "Id", false);
		out->r[out->n].type = attr(&p, "Type", false);
		out->r[out->n].target = attr(&p, "Target", false);
		out->n++;
	}
	part_close(&p);
	if (rc < 0)
		rels_release(out);
	return rc < 0 ? rc : 0;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = s ? strlen(s) : 0, m = strlen(tail);

	return n >= m && !strcmp(s + n - m, tail);
}

/* The target of the first relationship whose type ends with tail. */
static const struct rel *rel_of_type(const struct rels *rs, const char *tail)
{
	for (size_t i = 0; i < rs->n; i++)
		if (rs->r[i].target && ends_with(rs->r[i].type, tail))
			return &rs->r[i];
	return NULL;
}

static const struct rel *rel_by_id(const struct rels *rs, const char *id)
{
	for (size_t i = 0; id && i < rs->n; i++)
		if (rs->r[i].id && rs->r[i].target && !strcmp(rs->r[i].id, id))
			return &rs->r[i];
	return NULL;
}

/* ---- the workbook: sheets and shared strings --------------------------------------- */

static bool truthy(const char *v)
{
	return v && (!strcmp(v, "1") || !strcmp(v, "true"));
}

static int add_sheet(struct xlsx *x, struct part *p, const struct rels *rels, const char *dir,
		     struct trk_error *err)
{
	char *name = attr(p, "name", false), *id = attr(p, "id", true);
	char *state = attr(p, "state", false);
	const struct rel *rel = rel_by_id(rels, id);
	int rc = 0;

	if (x->nsheets >= XLSX_SHEETS_MAX)
		rc = trk_err(err, TRK_EINPUT, "more than %d sheets", XLSX_SHEETS_MAX);
	else if (!name || !rel)
		rc = trk_err(err, TRK_EINPUT, "%s: a sheet without a name or a part", p->name);
	else if (ends_with(rel->type, "/worksheet")) {
		x->sheets = xrealloc(x->sheets, (x->nsheets + 1) * sizeof(*x->sheets));
		x->sheets[x->nsheets].name = name;
		x->sheets[x->nsheets].part = resolve(dir, rel->target);
		x->sheets[x->nsheets].hidden = state && strcmp(state, "visible");
		x->nsheets++;
		name = NULL;
	}
	free(name), free(id), free(state);
	return rc;
}

static int read_workbook(struct xlsx *x, const char *part, const struct rels *rels,
			 struct trk_error *err)
{
	char *dir = xstrdup(part), *slash = strrchr(dir, '/');
	struct part p;
	int rc;

	slash ? (void)(slash[1] = '\0') : (void)(dir[0] = '\0');
	if ((rc = part_open(x, part, &p, err))) {
		free(dir);
		return rc;
	}
	while ((rc = next_node(&p, err)) == 1) {
		if (is_start(&p, "workbookPr")) {
			char *v = attr(&p, "date1904", false);
			x->date1904 = truthy(v);
			free(v);
		} else if (is_start(&p, "sheet") && (rc = add_sheet(x, &p, rels, dir, err))) {
			break;
		}
	}
	part_close(&p);
	free(dir);
	return rc < 0 ? rc : 0;
}

static int read_shared_strings(struct xlsx *x, const char *part, struct trk_error *err)
{
	struct strbuf sb = STRBUF_INIT;
	struct part p;
	int rc;

	if ((rc = part_open(x, part, &p, err)))
		return rc;
	while ((rc = next_node(&p, err)) == 1) {
		if (is_start(&p, "si")) {
			strbuf_reset(&sb);
			if (!sym_xmlTextReaderIsEmptyElement(p.r) &&
			    (rc = element_text(&p, &sb, err)))
				break;
			if (x->nsst >= XLSX_STRINGS_MAX) {
				rc = trk_err(err, TRK_EINPUT, "%s: more than %d shared strings", part,
					     XLSX_STRINGS_MAX);
				break;
			}
			if (x->nsst == x->asst) {
				x->asst = x->asst ? 2 * x->asst : 256;
				x->sst = xrealloc(x->sst, x->asst * sizeof(*x->sst));
			}
			unescape_ooxml(&sb);
			x->sst[x->nsst++] = xstrdup(sb.buf);
		}
	}
	strbuf_release(&sb);
	part_close(&p);
	return rc < 0 ? rc : 0;
}

/* The workbook part and its relationships (by the package's own, falling
 * back to the usual names). */
static int read_structure(struct xlsx *x, struct trk_error *err)
{
	struct rels root, wb;
	const struct rel *office, *sst;
	char *wb_part, *wb_rels, *dir, *sst_part = NULL;
	int rc;

	if ((rc = read_rels(x, "_rels/.rels", &root, err)))
		return rc;
	office = rel_of_type(&root, "/officeDocument");
	wb_part = resolve("", office ? office->target : "xl/workbook.xml");
	rels_release(&root);
	if (!part_exists(x, wb_part)) {
		rc = trk_err(err, TRK_EINPUT, "not an Excel workbook (no %s)", wb_part);
		free(wb_part);
		return rc;
	}
	dir = xstrdup(wb_part);
	*(strrchr(dir, '/') ? strrchr(dir, '/') + 1 : dir) = '\0';
	{
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "%s_rels/%s.rels", dir, wb_part + strlen(dir));
		wb_rels = strbuf_detach(&sb);
	}
	if (!(rc = read_rels(x, wb_rels, &wb, err))) {
		sst = rel_of_type(&wb, "/sharedStrings");
		sst_part = resolve(dir, sst ? sst->target : "sharedStrings.xml");
		if (!(rc = read_workbook(x, wb_part, &wb, err)) && part_exists(x, sst_part))
			rc = read_shared_strings(x, sst_part, err);
		rels_release(&wb);
	}
	free(sst_part), free(wb_rels), free(dir), free(wb_part);
	return rc;
}

int xlsx_open(const char *path, struct xlsx **out, struct trk_error *err)
{
	struct xlsx *x;
	struct stat sb;
	int ze = 0, rc;
	zip_t *za;

	*out = NULL;
	if ((rc = office_load_libzip(err)) || (rc = office_load_libxml2(err)))
		return rc;
	if (stat(path, &sb) < 0)
		return trk_err(err, errno == ENOENT ? TRK_ENOTFOUND : TRK_EIO, "cannot open: %s",
			       strerror(errno));
	if (!(za = sym_zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &ze))) {
		zip_error_t ziperr;
		sym_zip_error_init_with_code(&ziperr, ze);
		rc = trk_err(err, ze == ZIP_ER_OPEN || ze == ZIP_ER_READ ? TRK_EIO : TRK_EINPUT,
			     "not an Excel workbook (%s)", sym_zip_error_strerror(&ziperr));
		sym_zip_error_fini(&ziperr);
		return rc;
	}
	if (sym_zip_get_num_entries(za, 0) > XLSX_ENTRIES_MAX) {
		sym_zip_discard(za);
		return trk_err(err, TRK_EINPUT, "not an Excel workbook (more than %d files in "
			       "the archive)", XLSX_ENTRIES_MAX);
	}
	x = xcalloc(1, sizeof(*x));
	x->za = za;
	if ((rc = read_structure(x, err))) {
		xlsx_close(x);
		return rc;
	}
	*out = x;
	return 0;
}

void xlsx_close(struct xlsx *x)
{
	if (!x)
		return;
	for (size_t i = 0; i < x->nsheets; i++)
		free(x->sheets[i].name), free(x->sheets[i].part);
	free(x->sheets);
	for (size_t i = 0; i < x->nsst; i++)
		free(x->sst[i]);
	free(x->sst);
	sym_zip_discard(x->za);
	free(x);
}

/* ---- sheets, a row at a time ----------------------------------------------------------- */

struct cellbuf {
	uint32_t col;
	char type[12];            /* the t attribute */
	bool has_v, has_f, has_is;
	struct strbuf v, f, is;
};

struct rowbuf {
	struct cellbuf *c;
	size_t n, alloc;
	struct xlsx_cell *out;
};

static void rowbuf_release(struct rowbuf *rb)
{
	for (size_t i = 0; i < rb->alloc; i++) {
		strbuf_release(&rb->c[i].v);
		strbuf_release(&rb->c[i].f);
		strbuf_release(&rb->c[i].is);
	}
	free(rb->c);
	free(rb->out);
}

static struct cellbuf *rowbuf_next(struct rowbuf *rb)
{
	struct cellbuf *c;

	if (rb->n == rb->alloc) {
		size_t grow = rb->alloc ? 2 * rb->alloc : 16;
		rb->c = xrealloc(rb->c, grow * sizeof(*rb->c));
		rb->out = xrealloc(rb->out, grow * sizeof(*rb->out));
		for (size_t i = rb->alloc; i < grow; i++) {
			strbuf_init(&rb->c[i].v);
			strbuf_init(&rb->c[i].f);
			strbuf_init(&rb->c[i].is);
		}
		rb->alloc = grow;
	}
	c = &rb->c[rb->n++];
	strbuf_reset(&c->v), strbuf_reset(&c->f), strbuf_reset(&c->is);
	c->has_v = c->has_f = c->has_is = false;
	c->type[0] = '\0';
	return c;
}

/* "K12" -> column 10 (the row part is checked by the row's own number). */
static bool parse_ref(const char *ref, uint32_t *col)
{
	uint32_t c = 0;
	size_t i = 0;

	for (; ref[i] >= 'A' && ref[i] <= 'Z' && i < 3; i++)
		c = c * 26 + (uint32_t)(ref[i] - 'A' + 1);
	if (!i || c > XLSX_COLS_MAX || (ref[i] && (ref[i] < '0' || ref[i] > '9')))
		return false;
	*col = c - 1;
	return true;
}

struct sheet_ctx {
	struct xlsx *x;
	const char *sheet;
	struct part p;
	struct rowbuf rb;
	long row;
	uint32_t next_col;
};

static int cell_error(struct sheet_ctx *s, uint32_t col, struct trk_error *err, const char *what)
{
	char name[8];

	xlsx_col_name(col, name);
	return trk_err(err, TRK_EINPUT, "sheet '%s' cell %s%ld: %s", s->sheet, name, s->row, what);
}

static int read_cell(struct sheet_ctx *s, struct trk_error *err)
{
	struct cellbuf *c;
	char *ref, *t;
	int rc;

	if (s->rb.n >= XLSX_COLS_MAX)
		return trk_err(err, TRK_EINPUT, "sheet '%s' row %ld: more than %d cells", s->sheet,
			       s->row, XLSX_COLS_MAX);
	c = rowbuf_next(&s->rb);
	ref = attr(&s->p, "r", false);
	t = attr(&s->p, "t", false);
	c->col = s->next_col;
	if (ref && !parse_ref(ref, &c->col))
		rc = trk_err(err, TRK_EINPUT, "sheet '%s' row %ld: bad cell reference '%.12s'",
			     s->sheet, s->row, ref);
	else if (c->col >= XLSX_COLS_MAX)
		rc = trk_err(err, TRK_EINPUT, "sheet '%s' row %ld: more than %d columns",
			     s->sheet, s->row, XLSX_COLS_MAX);
	/* Two values for one cell, or cells out of order: no spreadsheet
	 * writes that (Excel repairs such a file), and which value counts
	 * would be a guess. */
	else if (c->col < s->next_col)
		rc = cell_error(s, c->col, err, "out of order (a second value for the cell, or a "
				"cell before its left neighbour): a damaged file");
	else
		rc = 0;
	snprintf(c->type, sizeof(c->type), "%s", t ? t : "n");
	free(ref), free(t);
	s->next_col = c->col + 1;
	if (rc || sym_xmlTextReaderIsEmptyElement(s->p.r))
		return rc;
	while ((rc = next_node(&s->p, err)) == 1 && !is_end(&s->p, "c")) {
		struct strbuf *into = NULL;
		if (is_start(&s->p, "v")) {
			c->has_v = true;
			into = &c->v;
		} else if (is_start(&s->p, "f")) {
			c->has_f = true;
			into = &c->f;
		} else if (is_start(&s->p, "is")) {
			c->has_is = true;
			into = &c->is;
		}
		if (into && (rc = element_text(&s->p, into, err)))
			return rc;
	}
	return rc < 0 ? rc : rc == 0 ? part_error(&s->p, err) : 0;
}

/* A number as Excel stores it: plain decimal, exponent allowed. */
static bool stored_number(const char *s, double *out)
{
	char *end;

	if (!*s)
		return false;
	errno = 0;
	*out = strtod(s, &end);
	return !*end && !errno && isfinite(*out);
}

/* What a cell holds, or false when it holds nothing. */
static int finish_cell(struct sheet_ctx *s, struct cellbuf *c, struct xlsx_cell *out,
		       bool *present, struct trk_error *err)
{
	const char *t = c->type;

	*present = true;
	out->col = c->col;
	out->number = 0;
	if (!strcmp(t, "inlineStr")) {
		unescape_ooxml(&c->is);
		out->type = XLSX_TEXT;
		out->text = c->is.buf;
		*present = c->has_is;
		return 0;
	}
	if (!c->has_v || (!c->v.len && strcmp(t, "str"))) {
		/* A formula no spreadsheet computed (openpyxl writes <v></v>). */
		out->type = XLSX_FORMULA;
		out->text = c->f.buf;
		*present = c->has_f;
		return 0;
	}
	out->text = c->v.buf;
	if (!strcmp(t, "s")) {
		char *end;
		unsigned long i = strtoul(c->v.buf, &end, 10);
		if (*end || !*c->v.buf || i >= s->x->nsst)
			return cell_error(s, c->col, err, "refers to a shared string that does "
					  "not exist");
		out->type = XLSX_TEXT;
		out->text = s->x->sst[i];
	} else if (!strcmp(t, "str")) {
		unescape_ooxml(&c->v);
		out->type = XLSX_TEXT;
	} else if (!strcmp(t, "b")) {
		out->type = XLSX_BOOL;
	} else if (!strcmp(t, "e")) {
		out->type = XLSX_ERROR;
	} else if (!strcmp(t, "d")) {
		out->type = XLSX_DATE;
	} else if (!strcmp(t, "n")) {
		out->type = XLSX_NUMBER;
		if (!stored_number(c->v.buf, &out->number))
			return cell_error(s, c->col, err, "a number cell that holds no number");
	} else {
		return cell_error(s, c->col, err, "a cell of an unknown type");
	}
	return 0;
}

static int emit_row(struct sheet_ctx *s, xlsx_row_fn fn, void *ctx, struct trk_error *err)
{
	size_t n = 0;
	bool present;
	int rc;

	for (size_t i = 0; i < s->rb.n; i++) {
		if ((rc = finish_cell(s, &s->rb.c[i], &s->rb.out[n], &present, err)))
			return rc;
		n += present;
	}
	s->rb.n = 0;
	return n ? fn(s->row, s->rb.out, n, ctx, err) : 0;
}

static int start_row(struct sheet_ctx *s, struct trk_error *err)
{
	char *r = attr(&s->p, "r", false), *end = NULL;
	long n = r ? strtol(r, &end, 10) : s->row + 1;
	int rc = 0;

	if ((r && (*end || end == r)) || n < 1 || n > XLSX_ROWS_MAX)
		rc = trk_err(err, TRK_EINPUT, "sheet '%s': bad row number '%.12s' after row %ld",
			     s->sheet, r ? r : "", s->row);
	free(r);
	s->row = n;
	s->next_col = 0;
	s->rb.n = 0;
	return rc;
}

int xlsx_sheet_rows(struct xlsx *x, size_t sheet, xlsx_row_fn fn, void *ctx,
		    struct trk_error *err)
{
	struct sheet_ctx s = { .x = x, .sheet = x->sheets[sheet].name };
	bool in_row = false;
	int rc;

	if ((rc = part_open(x, x->sheets[sheet].part, &s.p, err)))
		return rc;
	while ((rc = next_node(&s.p, err)) == 1) {
		if (is_start(&s.p, "row")) {
			if ((rc = start_row(&s, err)))
				break;
			in_row = !sym_xmlTextReaderIsEmptyElement(s.p.r);
		} else if (in_row && is_start(&s.p, "c")) {
			if ((rc = read_cell(&s, err)))
				break;
		} else if (in_row && is_end(&s.p, "row")) {
			in_row = false;
			if ((rc = emit_row(&s, fn, ctx, err)))
				break;
		}
	}
	part_close(&s.p);
	rowbuf_release(&s.rb);
	return rc < 0 ? rc : 0;
}
