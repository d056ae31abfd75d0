/* pg_libpq.c - libpq, loaded on first use (see pg_libpq.h). */
#include "store/pg/pg_libpq.h"

#include "util/i18n.h"
#include "util/banned.h"

DYNLIB_LIBRARY(libpq, PG_LIBPQ_FUNCTIONS, TRK_SONAME_LIBPQ, TRK_PACKAGE_LIBPQ,
	       N_("a PostgreSQL store"));

int pg_libpq_load(struct trk_error *err)
{
	return dynlib_load(&libpq, err);
}
