/* secret.c - random tokens (getrandom), their digests, argon2id. */
#include "util/secret.h"

#include <argon2.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/banned.h"

/* OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane): about 30 ms here,
 * slow for a guesser, quick enough for a person signing in. */
#define ARGON_T_COST 2
#define ARGON_M_COST_KIB 19456
#define ARGON_LANES 1
#define ARGON_SALT_LEN 16
#define ARGON_HASH_LEN 32
#define PASSWORD_MAX 1024

int secret_random(void *buf, size_t n, struct trk_error *err)
{
	unsigned char *p = buf;

	while (n > 0) {
		ssize_t got = getrandom(p, n, 0);

		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return trk_err(err, TRK_EINTERNAL, "no random bytes from the kernel: %s",
				       strerror(errno));
		p += got;
		n -= (size_t)got;
	}
	return 0;
}

static void base64url(const unsigned char *in, size_t n, struct strbuf *out)
{
	static const char alphabet[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	uint32_t acc = 0;
	int bits = 0;

	for (size_t i = 0; i < n; i++) {
		acc = (acc << 8) | in[i];
		bits += 8;
		while (bits >= 6) {
			bits -= 6;
			strbuf_addch(out, alphabet[(acc >> bits) & 63]);
		}
	}
	if (bits > 0)
		strbuf_addch(out, alphabet[(acc << (6 - bits)) & 63]);
}

int secret_token(const char *prefix, char **out, struct trk_error *err)
{
	unsigned char raw[32];
	struct strbuf sb = STRBUF_INIT;
	int rc;

	*out = NULL;
	if ((rc = secret_random(raw, sizeof(raw), err)))
		return rc;
	strbuf_addstr(&sb, prefix ? prefix : "");
	base64url(raw, sizeof(raw), &sb);
	memset(raw, 0, sizeof(raw));
	*out = strbuf_detach(&sb);
	return 0;
}

void secret_digest(const char *token, char hex[DIGEST_HEXSZ])
{
	sha256_hex(token, strlen(token), hex);
}

int secret_password_hash(const char *password, char **out, struct trk_error *err)
{
	unsigned char salt[ARGON_SALT_LEN];
	size_t len, enclen;
	char *encoded;
	int rc;

	*out = NULL;
	if (!password || !*password)
		return trk_err_field(err, TRK_EINPUT, "password", "empty");
	len = strlen(password);
	if (len > PASSWORD_MAX || !utf8_valid(password, len, NULL))
		return trk_err_field(err, TRK_EINPUT, "password", "longer than %d bytes or not "
				     "UTF-8", PASSWORD_MAX);
	if ((rc = secret_random(salt, sizeof(salt), err)))
		return rc;
	enclen = argon2_encodedlen(ARGON_T_COST, ARGON_M_COST_KIB, ARGON_LANES,
				   ARGON_SALT_LEN, ARGON_HASH_LEN, Argon2_id);
	encoded = xmalloc(enclen);
	rc = argon2id_hash_encoded(ARGON_T_COST, ARGON_M_COST_KIB, ARGON_LANES, password, len,
				   salt, sizeof(salt), ARGON_HASH_LEN, encoded, enclen);
	if (rc != ARGON2_OK) {
		free(encoded);
		return trk_err(err, rc == ARGON2_MEMORY_ALLOCATION_ERROR ? TRK_ENOMEM
			       : TRK_EINTERNAL, "hashing a password: %s", argon2_error_message(rc));
	}
	*out = encoded;
	return 0;
}

bool secret_password_matches(const char *encoded, const char *password)
{
	if (!encoded || !password || strlen(password) > PASSWORD_MAX)
		return false;
	return argon2id_verify(encoded, password, strlen(password)) == ARGON2_OK;
}

bool secret_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	unsigned char diff = la != lb;

	for (size_t i = 0; i < la && i < lb; i++)
		diff |= (unsigned char)(a[i] ^ b[i]);
	return diff == 0;
}
