/* office_libs.h - the libraries of the office documents, loaded when a
 * command first reads or writes one (util/dynlib.h says why: together with
 * what they pull in they were 4 ms of every command's start):
 *   libxlsxwriter writes the ledger workbook (record/ledger_xlsx.c);
 *   libzip reads workbooks and packages the Word bulletin
 *   (record/xlsx_read.c, report/docx_package.c);
 *   libxml2 reads the workbooks' XML (record/xlsx_read.c). */
#ifndef TRK_OFFICE_LIBS_H
#define TRK_OFFICE_LIBS_H

#include <libxml/xmlreader.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "util/dynlib.h"

#define OFFICE_XLSXWRITER_FUNCTIONS(X) \
	X(format_set_align) X(format_set_bg_color) X(format_set_bold) X(format_set_border) \
	X(format_set_font_name) X(format_set_font_size) X(format_set_num_format) \
	X(format_set_text_wrap) X(format_set_unlocked) X(lxw_strerror) X(workbook_add_format) \
	X(workbook_add_worksheet) X(workbook_close) X(workbook_new_opt) \
	X(workbook_set_properties) X(worksheet_data_validation_range) \
	X(worksheet_fit_to_pages) X(worksheet_freeze_panes) X(worksheet_hide) \
	X(worksheet_protect) X(worksheet_repeat_rows) X(worksheet_set_column) \
	X(worksheet_set_footer) X(worksheet_set_landscape) X(worksheet_set_margins) \
	X(worksheet_set_paper) X(worksheet_set_row) X(worksheet_write_blank) \
	X(worksheet_write_datetime) X(worksheet_write_number) X(worksheet_write_string)

#define OFFICE_LIBZIP_FUNCTIONS(X) \
	X(zip_close) X(zip_discard) X(zip_error_fini) X(zip_error_init) \
	X(zip_error_init_with_code) X(zip_error_strerror) X(zip_fclose) X(zip_file_add) \
	X(zip_file_set_external_attributes) X(zip_file_set_mtime) X(zip_file_strerror) \
	X(zip_fopen_index) X(zip_fread) X(zip_get_error) X(zip_get_num_entries) \
	X(zip_name_locate) X(zip_open) X(zip_open_from_source) X(zip_source_buffer) \
	X(zip_source_buffer_create) X(zip_source_close) X(zip_source_error) \
	X(zip_source_filep) X(zip_source_free) X(zip_source_keep) X(zip_source_open) \
	X(zip_source_read) X(zip_source_stat) X(zip_stat_index) X(zip_strerror)

#define OFFICE_LIBXML2_FUNCTIONS(X) \
	X(xmlFreeTextReader) X(xmlReaderForIO) X(xmlSetStructuredErrorFunc) \
	X(xmlTextReaderConstLocalName) X(xmlTextReaderConstNamespaceUri) \
	X(xmlTextReaderConstValue) X(xmlTextReaderDepth) X(xmlTextReaderGetParserLineNumber) \
	X(xmlTextReaderIsEmptyElement) X(xmlTextReaderMoveToElement) \
	X(xmlTextReaderMoveToFirstAttribute) X(xmlTextReaderMoveToNextAttribute) \
	X(xmlTextReaderNext) X(xmlTextReaderNodeType) X(xmlTextReaderRead) \
	X(xmlTextReaderSetStructuredErrorHandler)

OFFICE_XLSXWRITER_FUNCTIONS(DYNLIB_DECLARE)
OFFICE_LIBZIP_FUNCTIONS(DYNLIB_DECLARE)
OFFICE_LIBXML2_FUNCTIONS(DYNLIB_DECLARE)

/* Each loads its library once; before any of its sym_ calls. */
int office_load_xlsxwriter(struct trk_error *err);
int office_load_libzip(struct trk_error *err);
int office_load_libxml2(struct trk_error *err);

#endif
