/* fuzz_import.c - libFuzzer target: the tracker/1 JSON import.
 *
 * Every input is imported into an in-memory store. Beyond "no crash, no
 * leak", an import that succeeds must leave a store that `tracker check`
 * finds sound, and whose export imports again into an empty store: the
 * import must never accept what the rest of the program cannot stand by. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record/check.h"
#include "record/export.h"
#include "record/import.h"
#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct actor admin = { .name = "fuzzer", .role = ROLE_ADMIN };

/* text_file members would read the disk: the fuzzer must not. */
static char *no_files(const char *base, const char *name, size_t *len, void *ctx,
		      struct trk_error *err)
{
	trk_err(err, TRK_ENOTFOUND, "text_file: not in the fuzzer");
	return NULL;
}

static struct store *fresh_store(void)
{
	struct trk_error err = { 0 };
	struct store *st = NULL;

	/* A fixed clock, so runs reproduce. */
	setenv("TRACKER_NOW", "2023-09-30T08:00:00Z", 1);
	if (store_open(":memory:", STORE_CREATE, &st, &err)) {
		fprintf(stderr, "fuzz_import: %s\n", err.msg);
		abort();
	}
	return st;
}

static int count_finding(const struct check_finding *f, void *ctx, struct trk_error *err)
{
	fprintf(stderr, "fuzz_import: finding after import: %s %s #%d: %s\n",
		check_kind_name(f->kind), f->key ? f->key : "-", f->seq, f->message);
	return 0;
}

/* What a successful import must satisfy. */
static void check_imported(struct store *st)
{
	struct import_source src = { .name = "export", .load_text = no_files };
	struct trk_error err = { 0 };
	struct store *again;
	char *buf = NULL;
	size_t len = 0;
	int n = 0;
	FILE *mem;

	if (check_run(st, count_finding, NULL, &n, &err) || n)
		abort();
	if (!(mem = open_memstream(&buf, &len)))
		abort();
	if (export_json(st, NULL, mem, &err)) {
		fprintf(stderr, "fuzz_import: export failed: %s\n", err.msg);
		abort();
	}
	fclose(mem);
	again = fresh_store();
	src.data = buf;
	src.len = len;
	if (import_json(again, &admin, &src, NULL, &err)) {
		fprintf(stderr, "fuzz_import: export does not import again: %s\n", err.msg);
		abort();
	}
	store_close(again);
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct store *st;
	struct import_source src = { .name = "fuzz.json", .data = (const char *)data,
				     .len = size, .load_text = no_files };
	struct trk_error err = { 0 };

	if (!st)
		st = fresh_store();
	if (import_json(st, &admin, &src, NULL, &err))
		return 0;     /* refused: rolled back, the store is as it was */
	check_imported(st);
	/* Imported data would make later inputs depend on earlier ones. */
	store_close(st);
	st = NULL;
	return 0;
}
