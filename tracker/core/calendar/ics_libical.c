/* ics_libical.c - libical, loaded on first use (see ics_libical.h). */
#include "calendar/ics_libical.h"

#include "util/i18n.h"
#include "util/banned.h"

DYNLIB_LIBRARY(libical, ICS_LIBICAL_FUNCTIONS, TRK_SONAME_LIBICAL, TRK_PACKAGE_LIBICAL,
	       N_("a calendar"));

int ics_libical_load(struct trk_error *err)
{
	return dynlib_load(&libical, err);
}
