/* collate.h - ordering Chinese text as readers expect: by pinyin, as
 * dictionaries and government directories do, not by code point (which
 * puts 人社局 after 商务局 for no reason a reader can see). ICU's "zh"
 * collator is made for this; a hand-written pinyin table would be worse. */
#ifndef TRK_COLLATE_H
#define TRK_COLLATE_H

/* Compares two UTF-8 strings in pinyin order, for sorting in C (qsort
 * comparators) and for a database's "zh" collation. Ties are broken by
 * bytes, so the order is total. Falls back to byte order if ICU has no
 * Chinese data (or cannot be loaded). Thread-safe. */
int collate_zh(const char *a, const char *b);
int collate_zhn(const char *a, int alen, const char *b, int blen);

#endif
