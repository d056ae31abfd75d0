/* mhd.c - libmicrohttpd, loaded on first use (see mhd.h). */
#include "server/mhd.h"

#include "util/i18n.h"
#include "util/banned.h"

DYNLIB_LIBRARY(mhd, SERVER_MHD_FUNCTIONS, TRK_SONAME_MHD, TRK_PACKAGE_MHD,
	       N_("tracker serve"));

int server_mhd_load(struct trk_error *err)
{
	return dynlib_load(&mhd, err);
}
