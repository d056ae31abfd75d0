/* assets.h - files the server answers as they are (the OpenAPI document,
 * the pages' style sheet and script), compiled in from
 * tracker/server/assets/ by cmake/embed_assets.cmake. */
#ifndef TRK_ASSETS_H
#define TRK_ASSETS_H

#include <stddef.h>

struct asset {
	const char *name;
	const char *data;   /* NUL-terminated; size excludes the NUL */
	size_t size;
};

extern const struct asset server_assets[];

/* The asset called name, or NULL. */
const struct asset *asset_find(const char *name);

#endif
