/* pg_libpq.c - libpq, loaded on first use (see pg_libpq.h). */
#include "store/pg/pg_libpq.h"

#include "util/i18n.h"
#include "util/banned.h"

PG_LIBPQ_FUNCTIONS(DYNLIB_DEFINE)

static const struct dynlib_symbol libpq_symbols[] = { PG_LIBPQ_FUNCTIONS(DYNLIB_SYMBOL) };

static struct dynlib libpq = {
	.soname = TRK_SONAME_LIBPQ,
	.package = TRK_PACKAGE_LIBPQ,
	.purpose = N_("a PostgreSQL store"),
	.symbols = libpq_symbols,
	.nsymbols = sizeof(libpq_symbols) / sizeof(libpq_symbols[0]),
};

int pg_libpq_load(struct trk_error *err)
{
	return dynlib_load(&libpq, err);
}
