/* secret.h - random tokens and password hashes for `tracker serve`.
 *
 * Tokens are 32 random bytes from getrandom(2), written base64url after a
 * prefix that says what they are ("trk_" an API token, "trkf_" a calendar
 * feed, no prefix a session id), so a leaked one is recognised in a log or
 * a repository scan. Only their SHA-256 is stored. Passwords are hashed
 * with argon2id (libargon2), the winner of the Password Hashing
 * Competition and the OWASP recommendation, in its encoded form (which
 * carries the salt and the parameters, so they can be raised later). */
#ifndef TRK_SECRET_H
#define TRK_SECRET_H

#include <stdbool.h>
#include <stddef.h>

#include "util/digest.h"
#include "util/error.h"

/* n random bytes; TRK_EINTERNAL when the kernel gives none. */
int secret_random(void *buf, size_t n, struct trk_error *err);

/* A new token: prefix + 43 base64url characters; caller frees *out. */
int secret_token(const char *prefix, char **out, struct trk_error *err);

/* The stored form of a token or session id: its SHA-256 in hex; the public
 * id of a token is the first TOKEN_ID_LEN digits of it. */
#define TOKEN_ID_LEN 12
void secret_digest(const char *token, char hex[DIGEST_HEXSZ]);

/* An argon2id hash of password (encoded, caller frees); a password that is
 * empty, longer than 1024 bytes or not UTF-8 is TRK_EINPUT. */
int secret_password_hash(const char *password, char **out, struct trk_error *err);
/* True when password matches the encoded hash. */
bool secret_password_matches(const char *encoded, const char *password);

/* Compares two strings in time that depends on their length only. */
bool secret_equal(const char *a, const char *b);

#endif
