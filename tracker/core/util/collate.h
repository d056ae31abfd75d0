/* collate.h - ordering Chinese text as readers expect: by pinyin, as
 * dictionaries and government directories do, not by code point (which
 * puts 人社局 after 商务局 for no reason a reader can see). ICU's "zh"
 * collator is made for this; a hand-written pinyin table would be worse. */
#ifndef TRK_COLLATE_H
#define TRK_COLLATE_H

#include <sqlite3.h>

#include "util/error.h"

/* Registers the collation "zh" on db (ORDER BY name COLLATE zh). Falls
 * back to byte order if ICU has no Chinese data. */
int collate_register(sqlite3 *db, struct trk_error *err);

/* Compares two NUL-terminated UTF-8 strings in pinyin order, for sorting in
 * C (qsort comparators). Ties are broken by bytes, so the order is total. */
int collate_zh(const char *a, const char *b);

#endif
