#include "opts.h"

#include <string.h>

#include "model/model.h"
#include "util/banned.h"

static const struct opt *find_opt(const struct opt *opts, const char *name, size_t len)
{
	for (const struct opt *o = opts; o && o->name; o++)
		if (strlen(o->name) == len && !strncmp(o->name, name, len))
			return o;
	return NULL;
}

static int set_opt(const struct opt *o, const char *arg, const char *value,
		   int argc, char **argv, int *i, struct trk_error *err)
{
	if (o->type == OPT_FLAG) {
		if (value)
			return trk_err(err, TRK_EUSAGE, "option '--%s' takes no value", o->name);
		*(bool *)o->dest = true;
		return 0;
	}
	if (!value) {
		if (*i + 1 >= argc)
			return trk_err(err, TRK_EUSAGE, "option '%s' needs a value", arg);
		value = argv[++*i];
	}
	if (o->type == OPT_LIST)
		strlist_push(o->dest, value);
	else
		*(const char **)o->dest = value;
	return 0;
}

int opts_parse(int argc, char **argv, const struct opt *opts, const char **pos,
	       int min_pos, int max_pos, int *npos, bool *help, struct trk_error *err)
{
	bool only_args = false;
	int n = 0, rc;

	*help = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!only_args && !strcmp(a, "--")) {
			only_args = true;
		} else if (!only_args && !strcmp(a, "--help")) {
			*help = true;
			return 0;
		} else if (!only_args && a[0] == '-' && a[1] == '-' && a[2]) {
			const char *eq = strchr(a + 2, '=');
			size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
			const struct opt *o = find_opt(opts, a + 2, len);
			if (!o)
				return trk_err(err, TRK_EUSAGE, "unknown option '%.*s'", (int)len + 2, a);
			if ((rc = set_opt(o, a, eq ? eq + 1 : NULL, argc, argv, &i, err)))
				return rc;
		} else if (!only_args && a[0] == '-' && a[1]) {
			return trk_err(err, TRK_EUSAGE, "unknown option '%s'", a);
		} else {
			if (n >= max_pos)
				return trk_err(err, TRK_EUSAGE, "unexpected argument '%s'", a);
			pos[n++] = a;
		}
	}
	if (n < min_pos)
		return trk_err(err, TRK_EUSAGE, "missing argument");
	if (npos)
		*npos = n;
	return 0;
}
