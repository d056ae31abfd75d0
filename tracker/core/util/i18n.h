/* i18n.h - messages in the user's language (GNU gettext, glibc's libintl).
 *
 * The core only looks its messages up: trk_err() and trk_err_field()
 * translate their format string through the "tracker" domain before they
 * format it, so a call site stays one plain English line and xgettext finds
 * it by keyword (po/README.md). Which language, and where the catalogues
 * are, is the front end's choice (cli/i18n.c binds the domain and sets
 * LC_MESSAGES); a program that binds nothing, such as the tests, the fuzz
 * targets or a server answering in JSON, gets the English text. */
#ifndef TRK_I18N_H
#define TRK_I18N_H

#include <libintl.h>

#define TRK_TEXTDOMAIN "tracker"

/* A message in the user's language (borrowed from the catalogue, or msgid). */
#define _(msgid) dgettext(TRK_TEXTDOMAIN, msgid)
/* Marks a string for extraction where it is declared; translated where used. */
#define N_(msgid) msgid

#endif
