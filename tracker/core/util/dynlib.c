/* dynlib.c - loading a library when first needed (see dynlib.h). */
#include "util/dynlib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "util/i18n.h"
#include "util/banned.h"

static pthread_mutex_t dynlib_lock = PTHREAD_MUTEX_INITIALIZER;

static int load(struct dynlib *lib)
{
	/* RTLD_NOW: a missing function is found here, with its name, not as
	 * a crash in the middle of a command. */
	void *h = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
	const char *why;

	if (!h) {
		why = dlerror();
		snprintf(lib->why, sizeof(lib->why), "%s", why ? why : "unknown error");
		return -1;
	}
	for (size_t i = 0; i < lib->nsymbols; i++) {
		/* dlsym returns an object pointer; POSIX guarantees a function
		 * pointer fits, and storing through void ** is its own idiom. */
		*lib->symbols[i].slot = dlsym(h, lib->symbols[i].name);
		if (!*lib->symbols[i].slot) {
			lib->missing = lib->symbols[i].name;
			dlclose(h);
			return -1;
		}
	}
	return 1;
}

int dynlib_load(struct dynlib *lib, struct trk_error *err)
{
	int tried;

	pthread_mutex_lock(&dynlib_lock);
	if (!lib->tried)
		lib->tried = load(lib);
	tried = lib->tried;
	pthread_mutex_unlock(&dynlib_lock);
	if (tried == 1)
		return 0;
	if (lib->missing)
		return trk_err(err, TRK_EINTERNAL, "%s needs %s from %s, which this copy of %s "
			       "does not have", _(lib->purpose), lib->missing, lib->soname,
			       lib->package);
	return trk_err(err, TRK_EINTERNAL, "%s needs %s, which cannot be loaded (install the %s "
		       "package): %s", _(lib->purpose), lib->soname, lib->package, lib->why);
}
