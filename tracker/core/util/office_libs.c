/* office_libs.c - the office documents' libraries, loaded on first use
 * (see office_libs.h). */
#include "util/office_libs.h"

#include "util/i18n.h"
#include "util/banned.h"

DYNLIB_LIBRARY(xlsxwriter, OFFICE_XLSXWRITER_FUNCTIONS, TRK_SONAME_XLSXWRITER,
	       TRK_PACKAGE_XLSXWRITER, N_("an Excel ledger"));
DYNLIB_LIBRARY(libzip, OFFICE_LIBZIP_FUNCTIONS, TRK_SONAME_LIBZIP, TRK_PACKAGE_LIBZIP,
	       N_("a workbook or a Word bulletin"));
DYNLIB_LIBRARY(libxml2, OFFICE_LIBXML2_FUNCTIONS, TRK_SONAME_LIBXML2, TRK_PACKAGE_LIBXML2,
	       N_("reading a workbook"));

int office_load_xlsxwriter(struct trk_error *err)
{
	return dynlib_load(&xlsxwriter, err);
}

int office_load_libzip(struct trk_error *err)
{
	return dynlib_load(&libzip, err);
}

int office_load_libxml2(struct trk_error *err)
{
	return dynlib_load(&libxml2, err);
}
