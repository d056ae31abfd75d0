/* embedded.h - data compiled into the binary by cmake/embed.cmake, so the
 * program never looks up files at run time. Arrays end with a NULL entry;
 * each blob is also NUL-terminated (size excludes the NUL). */
#ifndef TRK_EMBEDDED_H
#define TRK_EMBEDDED_H

#include <stddef.h>

struct embedded_migration {
	int number;
	const char *name;
	const char *sql;
	size_t size;
};

struct embedded_file {
	const char *name;
	const char *data;
	size_t size;
};

extern const struct embedded_migration embedded_migrations[];      /* SQLite */
extern const struct embedded_migration embedded_pg_migrations[];   /* PostgreSQL */
extern const struct embedded_file embedded_seeds[];
/* Document templates by their path below reports/templates
 * ("docx/word/styles.xml"). */
extern const struct embedded_file embedded_templates[];

/* The embedded file with that name, or NULL. */
const struct embedded_file *embedded_seed_find(const char *name);
const struct embedded_file *embedded_template_find(const char *name);

#endif
