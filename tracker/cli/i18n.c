/* i18n.c - catalogues, language and table words (see i18n.h). */
#include "i18n.h"

#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/strbuf.h"
#include "util/banned.h"

#ifndef TRACKER_LOCALEDIR
#define TRACKER_LOCALEDIR "/usr/local/share/locale"
#endif

static bool is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

/* The catalogues nearest the running binary (caller frees), or NULL. */
static char *locale_dir_near_binary(void)
{
	static const char *const beside[] = { "/locale", "/../share/locale" };
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;

	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	if (!(slash = strrchr(exe, '/')))
		return NULL;
	*slash = '\0';
	for (size_t i = 0; i < sizeof(beside) / sizeof(beside[0]); i++) {
		struct strbuf dir = STRBUF_INIT;
		strbuf_addf(&dir, "%s%s", exe, beside[i]);
		if (is_dir(dir.buf))
			return strbuf_detach(&dir);
		strbuf_release(&dir);
	}
	return NULL;
}

/* cli_lang()'s answer, NULL until asked after the last change of locale:
 * a table of the whole store asks twice a row, and gettext is a lookup. */
static const char *lang_known;

void i18n_init(void)
{
	char *dir = locale_dir_near_binary();

	/* Only these two categories: numbers, dates and sorting keep the C
	 * rules every file format here is written in. */
	setlocale(LC_MESSAGES, "");
	setlocale(LC_CTYPE, "");
	lang_known = NULL;
	bindtextdomain(TRK_TEXTDOMAIN, dir ? dir : TRACKER_LOCALEDIR);
	bind_textdomain_codeset(TRK_TEXTDOMAIN, "UTF-8");
	free(dir);
}

void i18n_neutral(void)
{
	/* In the C locale gettext ignores LANGUAGE too. */
	setlocale(LC_MESSAGES, "C");
	lang_known = NULL;
}

const char *cli_lang(void)
{
	/* TRANSLATORS: the language code of this translation, "zh" or "en":
	 * it chooses the words of tables and the language of reports. */
	if (!lang_known)
		lang_known = !strcmp(_("en"), "zh") ? "zh" : "en";
	return lang_known;
}

const char *health_word(enum health h)
{
	return strcmp(cli_lang(), "zh") ? health_name(h) : health_label(h, "zh");
}

const char *status_word(enum status s)
{
	return strcmp(cli_lang(), "zh") ? status_name(s) : status_label(s, "zh");
}
