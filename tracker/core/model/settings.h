/* settings.h - the settings a user may change with `tracker config`, each
 * with a check of its value, so a typo cannot break later commands. */
#ifndef TRK_SETTINGS_H
#define TRK_SETTINGS_H

#include "util/error.h"

struct setting_info {
	const char *key;
	const char *help;
	/* Returns 0 when value is acceptable, else sets err. */
	int (*check)(const char *key, const char *value, struct trk_error *err);
};

/* The known settings, ending with a NULL key. */
extern const struct setting_info settings[];
/* The entry for key, or NULL. */
const struct setting_info *setting_find(const char *key);

#endif
