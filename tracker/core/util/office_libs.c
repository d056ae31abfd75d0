/* office_libs.c - the office documents' libraries, loaded on first use
 * (see office_libs.h). */
#include "util/office_libs.h"

#include "util/i18n.h"
#include "util/banned.h"

OFFICE_XLSXWRITER_FUNCTIONS(DYNLIB_DEFINE)
OFFICE_LIBZIP_FUNCTIONS(DYNLIB_DEFINE)
OFFICE_LIBXML2_FUNCTIONS(DYNLIB_DEFINE)

static const struct dynlib_symbol xlsxwriter_symbols[] = {
	OFFICE_XLSXWRITER_FUNCTIONS(DYNLIB_SYMBOL)
};
static const struct dynlib_symbol libzip_symbols[] = { OFFICE_LIBZIP_FUNCTIONS(DYNLIB_SYMBOL) };
static const struct dynlib_symbol libxml2_symbols[] = { OFFICE_LIBXML2_FUNCTIONS(DYNLIB_SYMBOL) };

#define NSYMBOLS(a) (sizeof(a) / sizeof((a)[0]))

static struct dynlib xlsxwriter = {
	.soname = TRK_SONAME_XLSXWRITER, .package = TRK_PACKAGE_XLSXWRITER,
	.purpose = N_("an Excel ledger"),
	.symbols = xlsxwriter_symbols, .nsymbols = NSYMBOLS(xlsxwriter_symbols),
};
static struct dynlib libzip = {
	.soname = TRK_SONAME_LIBZIP, .package = TRK_PACKAGE_LIBZIP,
	.purpose = N_("a workbook or a Word bulletin"),
	.symbols = libzip_symbols, .nsymbols = NSYMBOLS(libzip_symbols),
};
static struct dynlib libxml2 = {
	.soname = TRK_SONAME_LIBXML2, .package = TRK_PACKAGE_LIBXML2,
	.purpose = N_("reading a workbook"),
	.symbols = libxml2_symbols, .nsymbols = NSYMBOLS(libxml2_symbols),
};

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
