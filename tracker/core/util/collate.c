#include "util/collate.h"

#include <pthread.h>
#include <string.h>
#include <unicode/ucol.h>

#include "util/banned.h"

/* One collator per thread: opening one costs more than a thousand
 * comparisons, and ICU does not promise that threads may share one. The
 * key's destructor closes it when the thread ends. */
static pthread_key_t collator_key;
static pthread_once_t collator_once = PTHREAD_ONCE_INIT;

static void close_collator(void *coll)
{
	ucol_close(coll);
}

static void make_key(void)
{
	pthread_key_create(&collator_key, close_collator);
}

static UCollator *zh_collator(void)
{
	UCollator *coll;
	UErrorCode status = U_ZERO_ERROR;

	pthread_once(&collator_once, make_key);
	if ((coll = pthread_getspecific(collator_key)))
		return coll;
	coll = ucol_open("zh", &status);
	if (U_FAILURE(status))
		return NULL;
	pthread_setspecific(collator_key, coll);
	return coll;
}

int collate_zhn(const char *a, int alen, const char *b, int blen)
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
	return collate_zhn(a, (int)strlen(a), b, (int)strlen(b));
}
