/* fresh_store.h - for the unit tests of the store's door: a new empty
 * store, SQLite in memory, or with TRACKER_TEST_PG set (a conninfo,
 * tests/pg/cluster.sh) a new schema of that PostgreSQL database, so the
 * same tests hold both engines to the same behaviour. The schema is made
 * with psql: the tests speak no SQL through the library. */
#ifndef TEST_FRESH_STORE_H
#define TEST_FRESH_STORE_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* The location of a new empty store; borrowed until the next call.
 * PREFIX names the test program in the schema's name. */
static inline const char *fresh_store_named(const char *prefix)
{
	static char location[1024];
	static int n;
	const char *pg = getenv("TRACKER_TEST_PG");
	char cmd[1400];

	if (!pg || !*pg)
		return ":memory:";
	n++;
	snprintf(cmd, sizeof(cmd), "PGOPTIONS='-c client_min_messages=warning' psql -X -q "
		 "-v ON_ERROR_STOP=1 '%s' -c 'DROP SCHEMA IF EXISTS %s_%ld_%d CASCADE' "
		 "-c 'CREATE SCHEMA %s_%ld_%d' >/dev/null", pg, prefix, (long)getpid(), n,
		 prefix, (long)getpid(), n);
	if (system(cmd) != 0) {
		fprintf(stderr, "cannot make a schema in %s\n", pg);
		exit(1);
	}
	snprintf(location, sizeof(location), "%s options='-csearch_path=%s_%ld_%d'", pg, prefix,
		 (long)getpid(), n);
	return location;
}

#endif
