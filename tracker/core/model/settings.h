/* settings.h - the settings a user may change with `tracker config` (or an
 * administrator through the server), each with a check of its value, and
 * the typed form the rest of the program reads. A change is checked alone
 * (settings_check) and against the others (settings_check_all), so a typo
 * cannot break later commands and two settings cannot contradict. */
#ifndef TRK_SETTINGS_H
#define TRK_SETTINGS_H

#include "model/progress.h"
#include "util/error.h"

struct setting_info {
	const char *key;
	const char *default_value;
	const char *help;  /* English, marked N_(): translate with _() where shown */
	/* Returns 0 when value is acceptable, else sets err (field: the key). */
	int (*check)(const char *key, const char *value, struct trk_error *err);
};

/* The known settings, ending with a NULL key. */
extern const struct setting_info settings_table[];
/* The entry for key, or NULL. */
const struct setting_info *setting_find(const char *key);

/* The settings as the program uses them. */
struct settings {
	struct health_config health;
	char reply_classes[256];   /* comma-separated */
	int checkin_day;           /* 1..31 of a quarter's last month */
	/* The Word bulletin's 版头 and signature (report --format docx). */
	char bulletin_issuer[256];     /* 发文机关: signs and prints it */
	char bulletin_masthead[256];   /* 发文机关标志; "" = the issuer + 文件 */
	char bulletin_doc_no[256];     /* 发文字号, {year} and {quarter} filled in */
	char bulletin_addressee[256];  /* 主送机关; "" = none */
	int undo_window_minutes;   /* how far back `tracker undo` reaches */
};

/* The text of key's value in s, as `tracker config` shows it, into out
 * (n bytes, cut to fit); "" for an unknown key. A setting added to the
 * table is added here and in settings_apply. */
void settings_value(const struct settings *s, const char *key, char *out, size_t n);
/* The defaults of every setting. */
void settings_default(struct settings *s);
/* Checks value for key, and applies it to s. TRK_EINPUT names the key. */
int settings_apply(struct settings *s, const char *key, const char *value,
		   struct trk_error *err);
/* Checks the settings against each other (an at-risk gap below the
 * off-track gap). */
int settings_check_all(const struct settings *s, struct trk_error *err);
/* True when class is one of s's reply classes. */
bool settings_reply_class_ok(const struct settings *s, const char *cls);

#endif
