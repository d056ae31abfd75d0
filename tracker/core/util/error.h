/* error.h - the one error convention of tracker.
 *
 * Core functions return an int status: 0 on success or a negative TRK_E*
 * code, and fill a caller-owned struct trk_error with a one-line message.
 * trk_err() sets the error and returns the code, so a failure is one line:
 *     return trk_err(err, TRK_ENOTFOUND, "no commitment '%s'", key);
 * Only the CLI prints errors; the core never prints and never exits.
 * The format is looked up in the user's language first (util/i18n.h), so a
 * message is written once, in English, where it arises.
 */
#ifndef TRK_ERROR_H
#define TRK_ERROR_H

enum trk_code {
	TRK_OK = 0,
	TRK_EINTERNAL = -1,  /* a bug or an unexpected library failure */
	TRK_EUSAGE = -2,     /* bad command line */
	TRK_EINPUT = -3,     /* bad input data: dates, numbers, JSON, text */
	TRK_ENOTFOUND = -4,  /* unknown key, owner, letter */
	TRK_ECONFLICT = -5,  /* duplicate key, import disagrees with store */
	TRK_EDB = -6,        /* SQLite failure (locked, corrupt, read-only) */
	TRK_EIO = -7,        /* file system: open, write, rename, full disk */
	TRK_EVERSION = -8,   /* database newer than this program */
	TRK_ENOMEM = -9,
	TRK_EFINDING = -10,  /* `tracker check` found a problem */
	TRK_EFORBIDDEN = -11,/* the actor may not write this record */
	TRK_EAUTH = -12,     /* no live user with these credentials */
};

/* field names the input at fault ("value", "as_of", "target") when one
 * does, so a front end can point at it (the API's 422, a web form); the
 * message says it too, for those who only print the message. */
struct trk_error {
	int code;
	char field[64];
	char msg[1024];
};

/* Sets err (if not NULL) to code and the printf-style message; returns code.
 * A later call overwrites an earlier message. */
int trk_err(struct trk_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* trk_err() for a value of one field: the message reads "field: ...". */
int trk_err_field(struct trk_error *err, int code, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Prefixes the existing message with "prefix: ", keeping the code; returns
 * the code. Used to add the place (file, record) as an error travels up. */
int trk_err_prefix(struct trk_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The process exit status documented in the README for a TRK_E* code. */
int trk_exit_status(int code);

#endif
