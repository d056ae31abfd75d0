#include "util/digest.h"

#include <nettle/sha2.h>
#include <string.h>

#include "util/banned.h"

_Static_assert(sizeof(struct sha256_ctx) <= sizeof(((struct digest *)0)->state),
	       "struct digest must hold nettle's sha256_ctx");

static struct sha256_ctx *ctx(struct digest *d)
{
	return (struct sha256_ctx *)(void *)d->state;
}

void digest_init(struct digest *d)
{
	sha256_init(ctx(d));
}

void digest_add(struct digest *d, const void *data, size_t len)
{
	sha256_update(ctx(d), len, data);
}

void digest_hex(struct digest *d, char hex[DIGEST_HEXSZ])
{
	static const char digits[] = "0123456789abcdef";
	uint8_t raw[SHA256_DIGEST_SIZE];

	sha256_digest(ctx(d), sizeof(raw), raw);
	for (size_t i = 0; i < sizeof(raw); i++) {
		hex[2 * i] = digits[raw[i] >> 4];
		hex[2 * i + 1] = digits[raw[i] & 15];
	}
	hex[64] = '\0';
}

void sha256_hex(const void *data, size_t len, char hex[DIGEST_HEXSZ])
{
	struct digest d;

	digest_init(&d);
	digest_add(&d, data, len);
	digest_hex(&d, hex);
}
