/* arena_copy.c - deep copies of records into an arena (see arena_copy.h). */
#include "model/arena_copy.h"

#include <string.h>

#include "util/banned.h"

char *arena_strdup_or_null(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

static void copy_list(struct arena *a, struct strlist *dst, const struct strlist *src)
{
	dst->n = src->n;
	dst->items = src->n ? arena_alloc(a, src->n * sizeof(*dst->items)) : NULL;
	for (size_t i = 0; i < src->n; i++)
		dst->items[i] = arena_strdup_or_null(a, src->items[i]);
}

void commitment_copy_in(struct arena *a, struct commitment *dst, const struct commitment *src)
{
	*dst = *src;
	dst->key = arena_strdup_or_null(a, src->key);
	dst->uid = arena_strdup_or_null(a, src->uid);
	dst->letter_doc_no = arena_strdup_or_null(a, src->letter_doc_no);
	dst->section = arena_strdup_or_null(a, src->section);
	dst->quote = arena_strdup_or_null(a, src->quote);
	dst->title = arena_strdup_or_null(a, src->title);
	dst->owner = arena_strdup_or_null(a, src->owner);
	dst->owner_short = arena_strdup_or_null(a, src->owner_short);
	copy_list(a, &dst->co_owners, &src->co_owners);
	dst->target.unit = arena_strdup_or_null(a, src->target.unit);
	dst->health_override_reason = arena_strdup_or_null(a, src->health_override_reason);
	copy_list(a, &dst->tags, &src->tags);
	dst->created_at = arena_strdup_or_null(a, src->created_at);
	dst->updated_at = arena_strdup_or_null(a, src->updated_at);
}

struct checkin *checkins_copy_in(struct arena *a, const struct checkin *k, size_t n)
{
	struct checkin *out = n ? arena_alloc(a, n * sizeof(*out)) : NULL;

	for (size_t i = 0; i < n; i++) {
		out[i] = k[i];
		out[i].commitment_key = arena_strdup_or_null(a, k[i].commitment_key);
		out[i].recorded_at = arena_strdup_or_null(a, k[i].recorded_at);
		out[i].note = arena_strdup_or_null(a, k[i].note);
		out[i].evidence = arena_strdup_or_null(a, k[i].evidence);
		out[i].author = arena_strdup_or_null(a, k[i].author);
		out[i].reason = arena_strdup_or_null(a, k[i].reason);
		out[i].prev_hash = arena_strdup_or_null(a, k[i].prev_hash);
		out[i].hash = arena_strdup_or_null(a, k[i].hash);
	}
	return out;
}

struct history *history_copy_in(struct arena *a, const struct history *h, size_t n)
{
	struct history *out = n ? arena_alloc(a, n * sizeof(*out)) : NULL;

	for (size_t i = 0; i < n; i++) {
		out[i] = h[i];
		out[i].commitment_key = arena_strdup_or_null(a, h[i].commitment_key);
		out[i].field = arena_strdup_or_null(a, h[i].field);
		out[i].old_value = arena_strdup_or_null(a, h[i].old_value);
		out[i].new_value = arena_strdup_or_null(a, h[i].new_value);
		out[i].author = arena_strdup_or_null(a, h[i].author);
		out[i].changed_at = arena_strdup_or_null(a, h[i].changed_at);
		out[i].reason = arena_strdup_or_null(a, h[i].reason);
		out[i].prev_hash = arena_strdup_or_null(a, h[i].prev_hash);
		out[i].hash = arena_strdup_or_null(a, h[i].hash);
	}
	return out;
}
