/* ledger_xlsx.c - the ledger as an Excel workbook, written with
 * libxlsxwriter: one sheet per lead department, the columns to fill
 * unlocked and checked by data validation (a number in 本期数值, a date in
 * 截至日期), the rest locked, the header frozen and repeated on every
 * printed A4 landscape page, and the hidden origin sheet.
 *
 * The workbook is made in constant-memory mode (each sheet's rows go
 * straight to a temporary file, strings inline), so memory does not grow
 * with the number of commitments; that is why rows are written strictly in
 * order, a sheet at a time. */
#include "record/ledger_internal.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util/office_libs.h"

#include "util/date.h"
#include "util/outfile.h"
#include "util/utf8.h"
#include "util/banned.h"

/* Excel holds at most 32,767 characters in a cell; a longer text (a note,
 * a quote) is cut with "…" rather than making the workbook unreadable. */
#define CELL_CHARS_MAX 32000
#define SHEET_NAME_MAX 31   /* Excel's limit, in characters */
#define FIRST_DATA_ROW 2    /* row 0: the title, row 1: the headers */

struct formats {
	lxw_format *title, *header, *header_fill, *text, *wrap, *date, *number;
	lxw_format *fill_text, *fill_wrap, *fill_date, *fill_number;
};

struct xl {
	lxw_workbook *wb;
	struct formats f;
	lxw_worksheet *ws;        /* the sheet being written */
	char *owner;              /* its department */
	lxw_row_t row;            /* the next row of ws */
	struct strlist names;     /* sheet names used (Excel wants them unique) */
	int sheets;
	const struct ledger_export_info *info;
	char today[DATE_BUFSZ];
	lxw_error failed;         /* the first libxlsxwriter error */
};

static const double widths[LEDGER__COUNT] = {
	[LEDGER_KEY] = 9, [LEDGER_OWNER] = 14, [LEDGER_QUOTE] = 42, [LEDGER_TITLE] = 24,
	[LEDGER_DUE] = 11, [LEDGER_TARGET] = 13, [LEDGER_LAST_VALUE] = 9,
	[LEDGER_LAST_DATE] = 11, [LEDGER_HEALTH] = 10, [LEDGER_VALUE] = 11,
	[LEDGER_AS_OF] = 11, [LEDGER_NOTE] = 36, [LEDGER_EVIDENCE] = 22, [LEDGER_AUTHOR] = 9,
};

static void note_error(struct xl *x, lxw_error e)
{
	if (e != LXW_NO_ERROR && x->failed == LXW_NO_ERROR)
		x->failed = e;
}

static lxw_format *new_format(lxw_workbook *wb, bool locked, bool wrap, const char *num)
{
	lxw_format *f = sym_workbook_add_format(wb);

	sym_format_set_font_name(f, "宋体");
	sym_format_set_font_size(f, 11);
	sym_format_set_border(f, LXW_BORDER_THIN);
	sym_format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	if (wrap)
		sym_format_set_text_wrap(f);
	if (num)
		sym_format_set_num_format(f, num);
	if (!locked) {
		sym_format_set_unlocked(f);
		/* The columns to fill stand out, as offices colour them by hand. */
		sym_format_set_bg_color(f, 0xFFF7D6);
	}
	return f;
}

static void make_formats(struct xl *x)
{
	lxw_workbook *wb = x->wb;

	x->f.title = sym_workbook_add_format(wb);
	sym_format_set_bold(x->f.title);
	sym_format_set_font_name(x->f.title, "黑体");
	sym_format_set_font_size(x->f.title, 14);
	x->f.header = new_format(wb, true, true, NULL);
	sym_format_set_bold(x->f.header);
	sym_format_set_bg_color(x->f.header, 0xD9D9D9);
	sym_format_set_align(x->f.header, LXW_ALIGN_CENTER);
	sym_format_set_align(x->f.header, LXW_ALIGN_VERTICAL_CENTER);
	x->f.header_fill = new_format(wb, true, true, NULL);
	sym_format_set_bold(x->f.header_fill);
	sym_format_set_bg_color(x->f.header_fill, 0xFFE699);
	sym_format_set_align(x->f.header_fill, LXW_ALIGN_CENTER);
	sym_format_set_align(x->f.header_fill, LXW_ALIGN_VERTICAL_CENTER);
	x->f.text = new_format(wb, true, false, NULL);
	x->f.wrap = new_format(wb, true, true, NULL);
	x->f.date = new_format(wb, true, false, "yyyy-mm-dd");
	x->f.number = new_format(wb, true, false, "General");
	x->f.fill_text = new_format(wb, false, false, "@");
	x->f.fill_wrap = new_format(wb, false, true, "@");
	x->f.fill_date = new_format(wb, false, false, "yyyy-mm-dd");
	x->f.fill_number = new_format(wb, false, false, "General");
}

/* Text for a cell: inert, and cut to what Excel holds. */
static void cell_text(struct strbuf *sb, const char *s)
{
	size_t chars = 0, i = 0, n = strlen(s);
	uint32_t cp;

	while (i < n && chars < CELL_CHARS_MAX) {
		size_t k = utf8_decode(s + i, n - i, &cp);
		i += k ? k : 1;
		chars++;
	}
	utf8_add_inert(sb, s, i, "\n");
	if (i < n)
		strbuf_addstr(sb, "…");
}

static void put_text(struct xl *x, lxw_row_t r, lxw_col_t c, const char *s, lxw_format *f)
{
	struct strbuf sb = STRBUF_INIT;

	cell_text(&sb, s);
	note_error(x, sb.len ? sym_worksheet_write_string(x->ws, r, c, sb.buf, f)
			     : sym_worksheet_write_blank(x->ws, r, c, f));
	strbuf_release(&sb);
}

static void put_date(struct xl *x, lxw_row_t r, lxw_col_t c, int32_t d, lxw_format *f)
{
	lxw_datetime dt = { 0 };

	if (d == DATE_NONE) {
		note_error(x, sym_worksheet_write_blank(x->ws, r, c, f));
		return;
	}
	date_to_ymd(d, &dt.year, &dt.month, &dt.day);
	note_error(x, sym_worksheet_write_datetime(x->ws, r, c, &dt, f));
}

/* A sheet name Excel accepts: no []:*?/\, at most 31 characters, unique. */
static char *sheet_name(struct xl *x, const char *owner)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i = 0, n = strlen(owner), chars = 0;
	uint32_t cp;

	while (i < n && chars < SHEET_NAME_MAX - 4) {
		size_t k = utf8_decode(owner + i, n - i, &cp);
		if (!k || utf8_is_control(cp) || strchr("[]:*?/\\'", (int)cp) || cp == 0)
			strbuf_addch(&sb, '_');
		else
			strbuf_add(&sb, owner + i, k);
		i += k ? k : 1;
		chars++;
	}
	if (!sb.len || !strcmp(sb.buf, LEDGER_ORIGIN_SHEET))
		strbuf_addstr(&sb, "台账");
	for (int k = 2; strlist_has(&x->names, sb.buf); k++) {
		size_t base = sb.len;
		strbuf_addf(&sb, "(%d)", k);
		if (!strlist_has(&x->names, sb.buf))
			break;
		strbuf_setlen(&sb, base);
	}
	strlist_push(&x->names, sb.buf);
	return strbuf_detach(&sb);
}

static void validations(struct xl *x, lxw_row_t last)
{
	lxw_data_validation number = {
		.validate = LXW_VALIDATION_TYPE_DECIMAL,
		.criteria = LXW_VALIDATION_CRITERIA_BETWEEN,
		.minimum_number = -1e15, .maximum_number = 1e15,
		.input_title = "本期数值",
		.input_message = "截至日期的累计数值，单位与目标相同；只填数字。",
		.error_title = "本期数值应为数字",
		.error_message = "请只填写数字（累计值），不带单位。",
	};
	lxw_data_validation date = {
		.validate = LXW_VALIDATION_TYPE_DATE,
		.criteria = LXW_VALIDATION_CRITERIA_BETWEEN,
		.minimum_datetime = { 2000, 1, 1, 0, 0, 0 },
		.maximum_datetime = { 2099, 12, 31, 0, 0, 0 },
		.input_title = "截至日期",
		.input_message = "本期数值所反映的日期，如 2023-09-30。",
		.error_title = "截至日期应为日期",
		.error_message = "请填写日期，如 2023-09-30。",
	};

	note_error(x, sym_worksheet_data_validation_range(x->ws, FIRST_DATA_ROW, LEDGER_VALUE, last,
						      LEDGER_VALUE, &number));
	note_error(x, sym_worksheet_data_validation_range(x->ws, FIRST_DATA_ROW, LEDGER_AS_OF, last,
						      LEDGER_AS_OF, &date));
}

/* Ends the sheet being written: validation over its rows, then protection
 * (locked columns read-only; no password, this guards against slips). */
static void close_sheet(struct xl *x)
{
	lxw_protection prot = { .format_columns = 1, .format_rows = 1, .autofilter = 1,
				.sort = 0 };

	if (!x->ws)
		return;
	if (x->row > FIRST_DATA_ROW)
		validations(x, x->row - 1);
	sym_worksheet_protect(x->ws, NULL, &prot);
	x->ws = NULL;
}

static void page_setup(struct xl *x)
{
	lxw_worksheet *ws = x->ws;

	sym_worksheet_set_landscape(ws);
	sym_worksheet_set_paper(ws, 9);   /* A4 */
	sym_worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
	note_error(x, sym_worksheet_repeat_rows(ws, 1, 1));
	sym_worksheet_fit_to_pages(ws, 1, 0);   /* the columns on one page's width */
	note_error(x, sym_worksheet_set_footer(ws, "&C第 &P 页，共 &N 页"));
	sym_worksheet_freeze_panes(ws, FIRST_DATA_ROW, 1);
}

static void open_sheet(struct xl *x, const char *owner)
{
	struct strbuf title = STRBUF_INIT;
	char *name = sheet_name(x, owner);

	close_sheet(x);
	x->ws = sym_workbook_add_worksheet(x->wb, name);
	free(name);
	if (!x->ws) {
		note_error(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	free(x->owner);
	x->owner = xstrdup(owner);
	x->sheets++;
	for (int c = 0; c < LEDGER__COUNT; c++)
		note_error(x, sym_worksheet_set_column(x->ws, c, c, widths[c],
						   c == LEDGER_NOTE || c == LEDGER_EVIDENCE
						   ? x->f.fill_wrap : c >= LEDGER_FIRST_FILL
						   ? x->f.fill_text : NULL));
	page_setup(x);
	strbuf_addstr(&title, "承诺事项进展台账 · ");
	utf8_add_inert(&title, owner, strlen(owner), "");
	strbuf_addf(&title, " · 导出于 %s，请填写黄色列", x->today);
	note_error(x, sym_worksheet_write_string(x->ws, 0, 0, title.buf, x->f.title));
	strbuf_release(&title);
	note_error(x, sym_worksheet_set_row(x->ws, 1, 30, NULL));
	for (int c = 0; c < LEDGER__COUNT; c++)
		note_error(x, sym_worksheet_write_string(x->ws, 1, c, ledger_header(c),
						     c >= LEDGER_FIRST_FILL ? x->f.header_fill
						     : x->f.header));
	x->row = FIRST_DATA_ROW;
}

static int write_item(const struct ledger_item *it, void *arg, struct trk_error *err)
{
	struct xl *x = arg;
	struct strbuf sb = STRBUF_INIT;
	lxw_row_t r;

	(void)err;
	if (!x->ws || strcmp(x->owner, it->lead))
		open_sheet(x, it->lead);
	if (!x->ws)
		return 0;
	r = x->row++;
	for (int c = 0; c < LEDGER_FIRST_FILL; c++) {
		strbuf_reset(&sb);
		if (c == LEDGER_DUE)
			put_date(x, r, c, it->c->due, x->f.date);
		else if (c == LEDGER_LAST_DATE)
			put_date(x, r, c, it->p->has_current ? it->p->current_as_of
				 : it->p->last_as_of, x->f.date);
		else if (c == LEDGER_LAST_VALUE && it->p->has_current)
			note_error(x, sym_worksheet_write_number(x->ws, r, c, it->p->current,
							     x->f.number));
		else {
			ledger_item_text(it, c, &sb);
			put_text(x, r, c, sb.buf, c == LEDGER_QUOTE || c == LEDGER_TITLE ||
				 c == LEDGER_OWNER ? x->f.wrap : x->f.text);
		}
	}
	note_error(x, sym_worksheet_write_blank(x->ws, r, LEDGER_VALUE, x->f.fill_number));
	note_error(x, sym_worksheet_write_blank(x->ws, r, LEDGER_AS_OF, x->f.fill_date));
	note_error(x, sym_worksheet_write_blank(x->ws, r, LEDGER_NOTE, x->f.fill_wrap));
	note_error(x, sym_worksheet_write_blank(x->ws, r, LEDGER_EVIDENCE, x->f.fill_wrap));
	note_error(x, sym_worksheet_write_blank(x->ws, r, LEDGER_AUTHOR, x->f.fill_text));
	strbuf_release(&sb);
	return 0;
}

static void origin_pair(struct xl *x, lxw_row_t r, const char *name, const char *value)
{
	note_error(x, sym_worksheet_write_string(x->ws, r, 0, name, NULL));
	put_text(x, r, 1, value ? value : "", NULL);
}

/* The hidden sheet: name/value pairs, then the keys one per row. */
static void write_origin(struct xl *x, const struct ledger_origin *o)
{
	lxw_row_t r = 0;

	x->ws = sym_workbook_add_worksheet(x->wb, LEDGER_ORIGIN_SHEET);
	if (!x->ws) {
		note_error(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	origin_pair(x, r++, "format", o->format);
	origin_pair(x, r++, "store", o->store_id);
	origin_pair(x, r++, "export", o->export_id);
	origin_pair(x, r++, "exported_at", o->exported_at);
	origin_pair(x, r++, "exported_by", o->exported_by);
	origin_pair(x, r++, "selection", o->selection);
	origin_pair(x, r++, "note", "请勿修改或删除此工作表：导入时据此识别台账来源。");
	note_error(x, sym_worksheet_write_string(x->ws, r++, 0, "keys", NULL));
	for (size_t i = 0; i < o->nkeys; i++)
		put_text(x, r++, 0, o->keys[i], NULL);
	sym_worksheet_hide(x->ws);
	x->ws = NULL;
}

static void properties(struct xl *x, const struct ledger_origin *o)
{
	int64_t t = 0;
	lxw_doc_properties p = {
		.title = "承诺事项进展台账",
		.author = o->exported_by,
		.comments = o->export_id,
	};

	timestamp_parse(o->exported_at, &t, "exported_at", NULL);
	p.created = (time_t)t;
	note_error(x, sym_workbook_set_properties(x->wb, &p));
}

static int write_workbook(struct store *st, const struct query *q,
			  const struct ledger_export_info *info, const char *tmp,
			  struct ledger_export_stats *n, struct trk_error *err)
{
	lxw_workbook_options opts = { .constant_memory = LXW_TRUE };
	struct xl x = { .info = info };
	struct ledger_origin o;
	int32_t today;
	lxw_error e;
	int rc;

	ledger_origin_init(&o);
	if ((rc = clock_today(&today, err)))
		return rc;
	date_format(today, x.today);
	if (!(x.wb = sym_workbook_new_opt(tmp, &opts)))
		return trk_err(err, TRK_EIO, "cannot start the workbook");
	make_formats(&x);
	if (!(rc = ledger_scan(st, q, info, &o, write_item, &x, err))) {
		close_sheet(&x);
		write_origin(&x, &o);
		properties(&x, &o);
		n->commitments = (int)o.nkeys;
		n->sheets = x.sheets;
	}
	/* sym_workbook_close() writes the file (and frees the workbook) either way;
	 * a failed export's temporary file is removed by the caller. */
	e = sym_workbook_close(x.wb);
	note_error(&x, e);
	if (!rc && x.failed != LXW_NO_ERROR)
		rc = trk_err(err, TRK_EIO, "cannot write the workbook: %s",
			     sym_lxw_strerror(x.failed));
	free(x.owner);
	strlist_release(&x.names);
	ledger_origin_release(&o);
	return rc;
}

int ledger_export_xlsx(struct store *st, const struct query *q,
		       const struct ledger_export_info *info, const char *path,
		       struct ledger_export_stats *n, struct trk_error *err)
{
	char *tmp;
	int rc;

	memset(n, 0, sizeof(*n));
	if ((rc = office_load_xlsxwriter(err)))
		return rc;
	outfile_sweep(path);
	if (!(tmp = outfile_temp_name(path, err)))
		return err->code;
	rc = write_workbook(st, q, info, tmp, n, err);
	if (!rc) {
		/* The temporary file is private (0600); a ledger is for sending,
		 * so it gets the mode a plain fopen() would give. */
		mode_t mask = umask(0);
		umask(mask);
		chmod(tmp, 0666 & ~mask);
		rc = outfile_commit_name(tmp, path, err);
	}
	else
		unlink(tmp);
	free(tmp);
	return rc;
}
