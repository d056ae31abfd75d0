#include "util/collate.h"

#include <pthread.h>
#include <string.h>
#include <unicode/ucol.h>

#include "util/dynlib.h"
#include "util/i18n.h"
#include "util/banned.h"

/* ICU, loaded by the first comparison (util/dynlib.h): most commands
 * never sort by name. */
#define COLLATE_ICU_FUNCTIONS(X) X(ucol_open) X(ucol_close) X(ucol_strcollUTF8)
DYNLIB_LIBRARY(icu, COLLATE_ICU_FUNCTIONS, TRK_SONAME_ICU, TRK_PACKAGE_ICU,
	       N_("sorting in pinyin order"));

/* One collator per thread: opening one costs more than a thousand
 * comparisons, and ICU does not promise that threads may share one. The
 * key's destructor closes it when the thread ends. */
static pthread_key_t collator_key;
static pthread_once_t collator_once = PTHREAD_ONCE_INIT;
static int icu_loaded;   /* dynlib_load()'s outcome, set once */

static void close_collator(void *coll)
{
	sym_ucol_close(coll);
}

static void make_key(void)
{
	struct trk_error ignored;

	pthread_key_create(&collator_key, close_collator);
	icu_loaded = dynlib_load(&icu, &ignored);
}

static UCollator *zh_collator(void)
{
	UCollator *coll;
	UErrorCode status = U_ZERO_ERROR;

	pthread_once(&collator_once, make_key);
	if (icu_loaded != 0)   /* no ICU: byte order, as with no Chinese data */
		return NULL;
	if ((coll = pthread_getspecific(collator_key)))
		return coll;
	coll = sym_ucol_open("zh", &status);
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
		r = sym_ucol_strcollUTF8(coll, a, alen, b, blen, &status);
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
