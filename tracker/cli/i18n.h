/* i18n.h - the command line in the user's language: where the message
 * catalogues are, which language they speak, and the words of tables.
 * The core's messages are translated where they arise (util/i18n.h);
 * `--json` output never passes through here and stays language-neutral. */
#ifndef TRK_CLI_I18N_H
#define TRK_CLI_I18N_H

#include "model/model.h"
#include "util/i18n.h"

/* Takes LC_MESSAGES (and LC_CTYPE, for the catalogue's charset) from the
 * environment and binds the "tracker" domain to the catalogues beside the
 * binary: BINDIR/locale in a build tree, BINDIR/../share/locale when
 * installed (any prefix), else the configured install location. */
void i18n_init(void);

/* From here on messages are the msgids (English), whatever the locale:
 * for output read by programs in any language, such as the JSON errors of
 * `tracker serve`. */
void i18n_neutral(void);

/* "zh" when messages are Chinese, else "en": the language of the tables,
 * and of reports when --lang is not given, follows the messages. */
const char *cli_lang(void);

/* Health and status as a table shows them: the machine name in English
 * (what --health and --status take), the reports' word in Chinese. */
const char *health_word(enum health h);
const char *status_word(enum status s);

#endif
