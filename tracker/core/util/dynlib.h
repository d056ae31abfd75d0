/* dynlib.h - a shared library loaded when a command first needs it, not
 * when the program starts.
 *
 * Why: every library linked is loaded and its symbols resolved at every
 * start, used or not. libpq (with Kerberos, LDAP, OpenSSL behind it),
 * libmicrohttpd (with GnuTLS), the office libraries, libical and ICU made
 * `tracker --version` take 16 ms, where SQLite, cJSON, nettle and argon2
 * take 2; a check-in on the embedded store uses none of them. Now each is
 * loaded by the code that calls it: libpq when a PostgreSQL location is
 * opened, libmicrohttpd by `tracker serve`, libical by a calendar, ICU by
 * the first comparison in pinyin order, the office libraries by a
 * workbook or bulletin.
 *
 * A library's functions are pointers named sym_<function>, declared from
 * one list with DYNLIB_DECLARE and defined with DYNLIB_DEFINE, so a call
 * site reads sym_PQexec(...) and the compiler checks it against the
 * library's own header. A library once loaded stays for the process. */
#ifndef TRK_DYNLIB_H
#define TRK_DYNLIB_H

#include <stddef.h>

#include "util/error.h"

#define DYNLIB_DECLARE(f) extern __typeof__(f) *sym_##f;
#define DYNLIB_DEFINE(f) __typeof__(f) *sym_##f;
/* The name as the header spells it after its macros (ICU's ucol_open is
 * ucol_open_72 in the library), hence the second step. */
#define DYNLIB_NAME(f) #f
#define DYNLIB_SYMBOL(f) { DYNLIB_NAME(f), (void **)&sym_##f },

struct dynlib_symbol {
	const char *name;
	void **slot;
};

struct dynlib {
	const char *soname;       /* "libpq.so.5" (cmake/dynlib.cmake: TRK_SONAME_*) */
	const char *package;      /* the Debian package that has it */
	const char *purpose;      /* N_("a PostgreSQL store"), for the message */
	const struct dynlib_symbol *symbols;
	size_t nsymbols;
	/* dynlib_load()'s: */
	int tried;                /* 0: not yet; 1: loaded; -1: failed */
	const char *missing;      /* failed: the function not found, or NULL */
	char why[300];            /* failed and no missing: dlerror()'s text */
};

/* Defines the sym_ pointers of LIST (an X-macro of function names) and
 * `static struct dynlib VAR` that loads them: a library's whole table. */
#define DYNLIB_LIBRARY(var, list, soname_, package_, purpose_) \
	list(DYNLIB_DEFINE) \
	static const struct dynlib_symbol var##_symbols[] = { list(DYNLIB_SYMBOL) }; \
	static struct dynlib var = { \
		.soname = soname_, .package = package_, .purpose = purpose_, \
		.symbols = var##_symbols, \
		.nsymbols = sizeof(var##_symbols) / sizeof(var##_symbols[0]), \
	}

/* Loads lib and fills its symbols, once for the process (thread-safe);
 * later calls return the first outcome. On failure the message names the
 * library, the package to install and what needed it. */
int dynlib_load(struct dynlib *lib, struct trk_error *err);

#endif
