/* ics_libical.c - libical, loaded on first use (see ics_libical.h). */
#include "calendar/ics_libical.h"

#include "util/i18n.h"
#include "util/banned.h"

ICS_LIBICAL_FUNCTIONS(DYNLIB_DEFINE)

static const struct dynlib_symbol libical_symbols[] = { ICS_LIBICAL_FUNCTIONS(DYNLIB_SYMBOL) };

static struct dynlib libical = {
	.soname = TRK_SONAME_LIBICAL,
	.package = TRK_PACKAGE_LIBICAL,
	.purpose = N_("a calendar"),
	.symbols = libical_symbols,
	.nsymbols = sizeof(libical_symbols) / sizeof(libical_symbols[0]),
};

int ics_libical_load(struct trk_error *err)
{
	return dynlib_load(&libical, err);
}
