/* digest.h - SHA-256 for letter text hashes and the tamper-evident
 * chains, from nettle (Debian's libnettle: hardware SHA-256 where the CPU
 * has it, chosen at run time). A hand-written block function cost 14% of
 * an import; a well-kept library is faster and needs no test vectors of
 * ours to be trusted (test_core.c still checks the NIST ones). */
#ifndef TRK_DIGEST_H
#define TRK_DIGEST_H

#include <stddef.h>
#include <stdint.h>

#define DIGEST_HEXSZ 65           /* 64 lowercase hex digits + NUL */

/* A running SHA-256; lives on the stack, nothing to free. */
struct digest {
	_Alignas(16) unsigned char state[128];  /* nettle's sha256_ctx, opaque here */
};

void digest_init(struct digest *d);
void digest_add(struct digest *d, const void *data, size_t len);
/* Writes the digest as 64 lowercase hex digits and a NUL. */
void digest_hex(struct digest *d, char hex[DIGEST_HEXSZ]);
/* One-shot: the hex SHA-256 of data[0..len). */
void sha256_hex(const void *data, size_t len, char hex[DIGEST_HEXSZ]);

#endif
