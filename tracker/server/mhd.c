/* mhd.c - libmicrohttpd, loaded on first use (see mhd.h). */
#include "server/mhd.h"

#include "util/i18n.h"
#include "util/banned.h"

SERVER_MHD_FUNCTIONS(DYNLIB_DEFINE)

static const struct dynlib_symbol mhd_symbols[] = { SERVER_MHD_FUNCTIONS(DYNLIB_SYMBOL) };

static struct dynlib mhd = {
	.soname = TRK_SONAME_MHD,
	.package = TRK_PACKAGE_MHD,
	.purpose = N_("tracker serve"),
	.symbols = mhd_symbols,
	.nsymbols = sizeof(mhd_symbols) / sizeof(mhd_symbols[0]),
};

int server_mhd_load(struct trk_error *err)
{
	return dynlib_load(&mhd, err);
}
