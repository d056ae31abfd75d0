#include "util/collate.h"

#include <string.h>
#include <unicode/ucol.h>

#include "util/banned.h"

/* One collator for the process: opening one costs more than a thousand
 * comparisons, and tracker is single-threaded. Closed at exit by the OS. */
static UCollator *zh_collator(void)
{
	static UCollator *coll;
	static int tried;
	UErrorCode status = U_ZERO_ERROR;

	if (!tried) {
		tried = 1;
		coll = ucol_open("zh", &status);
		if (U_FAILURE(status))
			coll = NULL;
	}
	return coll;
}

static int compare(const char *a, int alen, const char *b, int blen)
{
	UCollator *coll = zh_collator();
	UErrorCode status = U_ZERO_ERROR;
	int r = 0, n;

	if (coll) {
		r = ucol_strcollUTF8(coll, a, alen, b, blen, &status);
		if (U_FAILURE(status))
			r = 0;
	}
	if (r)
		return r < 0 ? -1 : 1;
	n = memcmp(a, b, (size_t)(alen < blen ? alen : blen));
	return n ? n : alen - blen;
}

int collate_zh(const char *a, const char *b)
{
	return compare(a, (int)strlen(a), b, (int)strlen(b));
}

static int sqlite_compare(void *ctx, int alen, const void *a, int blen, const void *b)
{
	return compare(a, alen, b, blen);
}

int collate_register(sqlite3 *db, struct trk_error *err)
{
	if (sqlite3_create_collation(db, "zh", SQLITE_UTF8, NULL, sqlite_compare) != SQLITE_OK)
		return trk_err(err, TRK_EDB, "cannot register the zh collation: %s", sqlite3_errmsg(db));
	return 0;
}
