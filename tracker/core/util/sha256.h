/* sha256.h - SHA-256 (FIPS 180-4) for letter text hashes and the
 * tamper-evident chains. Small enough to own; tested against the NIST
 * vectors in tests/unit/test_core.c. */
#ifndef TRK_SHA256_H
#define TRK_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t h[8];
	uint64_t bytes;
	unsigned char block[64];
	size_t used;
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t len);
/* Writes the digest as 64 lowercase hex digits and a NUL (65 bytes). */
void sha256_final_hex(struct sha256 *c, char *hex);
/* One-shot: hex digest of data[0..len). */
void sha256_hex(const void *data, size_t len, char *hex);

#endif
