/* store_user.h - the people who sign in to `tracker serve`, their
 * credentials and sessions. Secrets are never stored: passwords as argon2id
 * hashes, tokens and session ids as SHA-256 hashes of random values (the
 * value is shown once, to its owner). Every change of a user is journaled. */
#ifndef TRK_STORE_USER_H
#define TRK_STORE_USER_H

#include <stdbool.h>
#include <stdint.h>

#include "model/model.h"
#include "util/error.h"

struct store;

/* Engine side: filled by each engine (store_engine.h). Defined with the
 * server's work; NULL until then. */
struct user_ops;

#endif
