#include <string.h>

#include "util/embedded.h"
#include "util/banned.h"

const struct embedded_file *embedded_seed_find(const char *name)
{
	for (const struct embedded_file *f = embedded_seeds; f->name; f++)
		if (!strcmp(f->name, name))
			return f;
	return NULL;
}

const struct embedded_file *embedded_template_find(const char *name)
{
	for (const struct embedded_file *f = embedded_templates; f->name; f++)
		if (!strcmp(f->name, name))
			return f;
	return NULL;
}
