/* insert_floor.c - the SQLite floor for `tracker import`: the rows of an
 * existing tracker database written into a fresh one with the same schema,
 * one prepared INSERT per row in one transaction, with the store's own
 * settings for a first load (a rollback journal, then WAL; synchronous
 * FULL, foreign keys on, 16 MB page cache: store/sqlite/sqlite_open.c).
 *
 *   insert_floor SOURCE.db FRESH.db
 *
 * Why not `INSERT INTO t SELECT * FROM src.t` in the sqlite3 shell: between
 * tables of one schema SQLite copies whole records without decoding them
 * (the transfer optimisation), 3-6x faster than any program that reads a
 * file and checks each record can be. This is what such a program pays
 * SQLite alone, with no parsing, hashing or rules. Prints the seconds
 * (wall, then CPU) and the rows written. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double seconds(clockid_t clock)
{
	struct timespec t;

	clock_gettime(clock, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void die(sqlite3 *db, const char *what)
{
	fprintf(stderr, "insert_floor: %s: %s\n", what, sqlite3_errmsg(db));
	exit(1);
}

static void exec(sqlite3 *db, const char *sql)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		die(db, sql);
}

/* The source's tables, indexes and triggers, created in the fresh file. */
static void copy_schema(sqlite3 *src, sqlite3 *dst)
{
	sqlite3_stmt *s;

	if (sqlite3_prepare_v2(src, "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND "
			       "name NOT LIKE 'sqlite_%' ORDER BY type = 'table' DESC, rowid",
			       -1, &s, NULL) != SQLITE_OK)
		die(src, "reading the schema");
	while (sqlite3_step(s) == SQLITE_ROW)
		exec(dst, (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
}

/* Copies one table row by row: a SELECT on the source, a prepared INSERT of
 * as many parameters as columns on the fresh file, values bound as typed. */
static long copy_table(sqlite3 *src, sqlite3 *dst, const char *table)
{
	char sql[4096];
	sqlite3_stmt *r, *w;
	long rows = 0;
	int n, len;

	snprintf(sql, sizeof(sql), "SELECT * FROM \"%s\"", table);
	if (sqlite3_prepare_v2(src, sql, -1, &r, NULL) != SQLITE_OK)
		die(src, sql);
	n = sqlite3_column_count(r);
	len = snprintf(sql, sizeof(sql), "INSERT INTO \"%s\" VALUES (", table);
	for (int i = 0; i < n && len < (int)sizeof(sql) - 8; i++)
		len += snprintf(sql + len, sizeof(sql) - (size_t)len, "%s?", i ? ", " : "");
	snprintf(sql + len, sizeof(sql) - (size_t)len, ")");
	if (sqlite3_prepare_v2(dst, sql, -1, &w, NULL) != SQLITE_OK)
		die(dst, sql);
	while (sqlite3_step(r) == SQLITE_ROW) {
		for (int i = 0; i < n; i++)
			sqlite3_bind_value(w, i + 1, sqlite3_column_value(r, i));
		if (sqlite3_step(w) != SQLITE_DONE)
			die(dst, table);
		sqlite3_reset(w);
		rows++;
	}
	sqlite3_finalize(r);
	sqlite3_finalize(w);
	return rows;
}

int main(int argc, char **argv)
{
	/* Parents before children, so the foreign keys hold row by row. */
	static const char *const order[] = {
		"owner", "owner_alias", "letter", "letter_cohandler", "commitment",
		"commitment_coowner", "commitment_tag", "history", "checkin", "journal", "setting",
	};
	sqlite3 *src, *dst;
	double wall, cpu;
	long rows = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: insert_floor SOURCE.db FRESH.db\n");
		return 2;
	}
	if (sqlite3_open_v2(argv[1], &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		die(src, argv[1]);
	remove(argv[2]);
	if (sqlite3_open(argv[2], &dst) != SQLITE_OK)
		die(dst, argv[2]);
	exec(dst, "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL; "
		  "PRAGMA foreign_keys = ON; PRAGMA cache_size = -16384");
	copy_schema(src, dst);
	wall = seconds(CLOCK_MONOTONIC);
	cpu = seconds(CLOCK_PROCESS_CPUTIME_ID);
	exec(dst, "BEGIN IMMEDIATE");
	for (size_t i = 0; i < sizeof(order) / sizeof(*order); i++)
		rows += copy_table(src, dst, order[i]);
	exec(dst, "COMMIT; PRAGMA journal_mode = WAL");
	printf("%.2f %.2f %ld\n", seconds(CLOCK_MONOTONIC) - wall,
	       seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu, rows);
	sqlite3_close(src);
	sqlite3_close(dst);
	return 0;
}
