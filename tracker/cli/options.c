/* options.c - command lines by declaration (see options.h). */
#include "options.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util/date.h"
#include "util/date_words.h"
#include "util/utf8.h"
#include "util/banned.h"

#define HELP_COLUMN 26

/* ---- walking the declaration ---------------------------------------------------- */

void options_each(const struct command *c, option_visit_fn fn, void *ctx)
{
	for (const struct option_spec *o = c->options; o && o->name; o++)
		fn(o, NULL, ctx);
	for (const struct option_group *g = c->groups; g && g->specs; g++)
		for (const struct option_spec *o = g->specs; o->name; o++)
			fn(o, g->title, ctx);
}

struct found {
	const char *name;
	size_t len;
	const struct option_spec *spec;
	size_t base;              /* the group's offset */
};

static const struct option_spec *find_option(const struct command *c, const char *name,
					     size_t len, size_t *base)
{
	for (const struct option_spec *o = c->options; o && o->name; o++)
		if (strlen(o->name) == len && !strncmp(o->name, name, len)) {
			*base = 0;
			return o;
		}
	for (const struct option_group *g = c->groups; g && g->specs; g++)
		for (const struct option_spec *o = g->specs; o->name; o++)
			if (strlen(o->name) == len && !strncmp(o->name, name, len)) {
				*base = g->offset;
				return o;
			}
	return NULL;
}

/* ---- parsing ----------------------------------------------------------------------- */

/* A date option takes the dates people type (util/date_words.h) and hands
 * the command YYYY-MM-DD, so every command reads one form; what a word
 * meant is said on msg. 'none' (clearing a date) and a timestamp pass. */
static int date_option(const struct option_spec *o, const char **value, struct parse_out *po,
		       struct trk_error *err)
{
	char name[80], day[DATE_BUFSZ];
	int32_t today, d;
	bool literal;
	int rc;

	if (!strcmp(*value, "none") || (o->value == VAL_TIMESTAMP && strchr(*value, 'T')))
		return 0;
	snprintf(name, sizeof(name), "--%s", o->name);
	if ((rc = clock_today(&today, err)) ||
	    (rc = date_words_parse(*value, today, &d, &literal, name, err)))
		return rc;
	if (literal)
		return 0;
	date_format(d, day);
	if (po->msg)
		fprintf(po->msg, _("tracker: %s %s means %s\n"), name, *value, day);
	strlist_push(&po->owned, day);
	*value = po->owned.items[po->owned.n - 1];
	return 0;
}

static int set_option(const struct option_spec *o, void *slot, const char *value,
		      const char *given, struct parse_out *po, struct trk_error *err)
{
	int rc;

	if (o->type == OPT_FLAG) {
		if (value)
			return trk_err(err, TRK_EUSAGE, "option '--%s' takes no value", o->name);
		*(bool *)slot = true;
		return 0;
	}
	if (!value)
		return trk_err(err, TRK_EUSAGE, "option '%s' needs a value (%s)", given, o->arg);
	if ((o->value == VAL_DATE || o->value == VAL_TIMESTAMP) &&
	    (rc = date_option(o, &value, po, err)))
		return rc;
	if (o->type == OPT_LIST)
		strlist_push(slot, value);
	else if (*(const char **)slot)
		return trk_err(err, TRK_EUSAGE, "option '--%s' given twice", o->name);
	else
		*(const char **)slot = value;
	return 0;
}

static int parse_long(const struct command *c, int argc, char **argv, int *i, void *opts,
		      struct parse_out *po, struct trk_error *err)
{
	const char *a = argv[*i], *eq = strchr(a + 2, '=');
	size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2), base;
	const struct option_spec *o = find_option(c, a + 2, len, &base);
	const char *value = eq ? eq + 1 : NULL;

	if (!o)
		return trk_err(err, TRK_EUSAGE, "unknown option '%.*s'", (int)len + 2, a);
	if (!value && o->type != OPT_FLAG && *i + 1 < argc)
		value = argv[++*i];
	return set_option(o, (char *)opts + base + o->offset, value, a, po, err);
}

static int check_args(const struct command *c, int n, struct trk_error *err, char **args)
{
	int min = 0, max = 0;

	for (const struct arg_spec *a = c->args; a && a->name; a++) {
		min += !a->optional && !a->repeat;
		max = a->repeat ? 1 << 20 : max + 1;
	}
	if (n > max)
		return trk_err(err, TRK_EUSAGE, "unexpected argument '%.60s'", args[max]);
	if (n < min) {
		const struct arg_spec *a = c->args + n;
		return trk_err(err, TRK_EUSAGE, "missing %s", a->name);
	}
	return 0;
}

int options_parse(const struct command *c, int argc, char **argv, void *opts, char ***args,
		  int *nargs, bool *help, struct parse_out *po, struct trk_error *err)
{
	bool only_args = false;
	int n = 0, rc;

	*help = false;
	/* NULL past the last argument for every declared one too, so a command
	 * reads an optional argument that was not given as NULL. */
	for (const struct arg_spec *a = c->args; a && a->name; a++)
		n++;
	*args = xcalloc((size_t)argc + (size_t)n + 1, sizeof(**args));
	n = 0;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (only_args || a[0] != '-' || !a[1]) {
			(*args)[n++] = argv[i];
		} else if (!strcmp(a, "--")) {
			only_args = true;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			*help = true;
			return 0;
		} else if (a[1] == '-') {
			if ((rc = parse_long(c, argc, argv, &i, opts, po, err)))
				return rc;
		} else if (a[1] >= '0' && a[1] <= '9') {
			(*args)[n++] = argv[i];   /* a negative number, as an argument */
		} else {
			return trk_err(err, TRK_EUSAGE, "unknown option '%s'", a);
		}
	}
	*nargs = n;
	return check_args(c, n, err, *args);
}

static void release_one(const struct option_spec *o, size_t base, void *opts)
{
	if (o->type == OPT_LIST)
		strlist_release((struct strlist *)((char *)opts + base + o->offset));
}

void options_release(const struct command *c, void *opts)
{
	for (const struct option_spec *o = c->options; o && o->name; o++)
		release_one(o, 0, opts);
	for (const struct option_group *g = c->groups; g && g->specs; g++)
		for (const struct option_spec *o = g->specs; o->name; o++)
			release_one(o, g->offset, opts);
}

/* ---- help ---------------------------------------------------------------------------- */

static void add_args(struct strbuf *sb, const struct command *c)
{
	for (const struct arg_spec *a = c->args; a && a->name; a++)
		strbuf_addf(sb, " %s%s%s%s", a->optional || a->repeat ? "[" : "", a->name,
			    a->repeat ? "..." : "", a->optional || a->repeat ? "]" : "");
}

void usage_line(struct strbuf *sb, const struct command *c)
{
	strbuf_addf(sb, _("usage: tracker %s"), c->name);
	add_args(sb, c);
	if ((c->options && c->options->name) || (c->groups && c->groups->specs))
		strbuf_addstr(sb, _(" [options]"));
}

static void option_line(struct strbuf *sb, const struct option_spec *o)
{
	size_t start = sb->len, width;

	strbuf_addf(sb, "  --%s", o->name);
	if (o->arg)
		strbuf_addf(sb, " %s", o->arg);
	width = utf8_width(sb->buf + start);
	if (width + 2 > HELP_COLUMN) {
		strbuf_addch(sb, '\n');
		width = 0;
	}
	strbuf_addspaces(sb, HELP_COLUMN - width);
	strbuf_addstr(sb, _(o->help));
	if (o->type == OPT_LIST)
		strbuf_addstr(sb, _(" (repeatable)"));
	strbuf_addch(sb, '\n');
}

/* "filters:" in the user's language. */
static const char *section_title(const char *group)
{
	if (!strcmp(group, "filters"))
		return _("filters:");
	if (!strcmp(group, "fields"))
		return _("fields:");
	return group;
}

struct help_state {
	struct strbuf *sb;
	const char *group;
	bool started;
};

static void help_option(const struct option_spec *o, const char *group, void *arg)
{
	struct help_state *h = arg;

	if (!h->started || (group && (!h->group || strcmp(group, h->group)))) {
		strbuf_addf(h->sb, "\n%s\n", group ? section_title(group) : _("options:"));
		h->group = group;
		h->started = true;
	}
	option_line(h->sb, o);
}

/* Appends text broken at spaces into lines of at most width columns. */
static void add_wrapped(struct strbuf *sb, const char *text, size_t width)
{
	size_t col = 0;

	while (*text) {
		const char *space = strchr(text, ' ');
		size_t len = space ? (size_t)(space - text) : strlen(text);
		char *word = xstrndup(text, len);
		size_t w = utf8_width(word);
		if (col && col + 1 + w > width) {
			strbuf_addch(sb, '\n');
			col = 0;
		} else if (col) {
			strbuf_addch(sb, ' ');
			col++;
		}
		strbuf_addstr(sb, word);
		col += w;
		free(word);
		text += len + (space ? 1 : 0);
	}
	strbuf_addch(sb, '\n');
}

void help_write(struct strbuf *sb, const struct command *c)
{
	struct help_state h = { .sb = sb };

	usage_line(sb, c);
	strbuf_addf(sb, "\n\n%s\n", _(c->summary));
	if (c->description) {
		strbuf_addch(sb, '\n');
		add_wrapped(sb, _(c->description), 78);
	}
	if (c->args && c->args->name) {
		strbuf_addf(sb, "\n%s\n", _("arguments:"));
		for (const struct arg_spec *a = c->args; a->name; a++) {
			strbuf_addf(sb, "  %s", a->name);
			if (a->words)
				strbuf_addf(sb, "%*s%s", HELP_COLUMN - 2 - (int)strlen(a->name), "",
					    a->words);
			strbuf_addch(sb, '\n');
		}
	}
	options_each(c, help_option, &h);
	if (!h.started)
		strbuf_addf(sb, "\n%s\n", _("options:"));
	strbuf_addstr(sb, "  -h, --help");
	strbuf_addspaces(sb, HELP_COLUMN - 12);
	strbuf_addf(sb, "%s\n", _("show this help"));
}

void commands_write(struct strbuf *sb)
{
	strbuf_addf(sb, "%s\n\n%s\n", _("usage: tracker [--db PATH] COMMAND [ARGS]"),
		    _("commands:"));
	for (const struct command *const *c = commands; *c; c++) {
		size_t start = sb->len, width;
		if ((*c)->flags & CMD_HIDDEN)
			continue;
		strbuf_addf(sb, "  %s", (*c)->name);
		width = sb->len - start;
		strbuf_addspaces(sb, width < HELP_COLUMN ? HELP_COLUMN - width : 1);
		strbuf_addf(sb, "%s\n", _((*c)->summary));
	}
	strbuf_addf(sb, "\n%s\n", _("Run 'tracker COMMAND --help' for a command's options.\n"
				     "The database: --db PATH, else $TRACKER_DB, else "
				     "$XDG_DATA_HOME/tracker/tracker.db."));
}
