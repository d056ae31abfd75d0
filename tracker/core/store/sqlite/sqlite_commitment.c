/* sqlite_commitment.c - commitment rows with their co-owners and tags. */
#include "store/sqlite/sqlite_internal.h"

#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/banned.h"

static char *text_col(sqlite3_stmt *s, struct arena *a, int col)
{
	return a ? column_arena(a, s, col) : column_strdup(s, col);
}

/* Co-owners and tags come back as one text each, joined by the unit
 * separator that the rules keep out of stored names. */
static void split_list(sqlite3_stmt *s, struct arena *a, int col, struct strlist *out)
{
	const char *t = (const char *)sqlite3_column_text(s, col);
	size_t n = 0;

	memset(out, 0, sizeof(*out));
	if (!t || !*t)
		return;
	for (const char *p = t; *p; p++)
		n += *p == '\x1f';
	out->items = a ? arena_alloc(a, (n + 1) * sizeof(char *)) : xmalloc((n + 1) * sizeof(char *));
	while (*t) {
		const char *sep = strchr(t, '\x1f');
		size_t len = sep ? (size_t)(sep - t) : strlen(t);
		out->items[out->n++] = a ? arena_strndup(a, t, len) : xstrndup(t, len);
		t = sep ? sep + 1 : t + len;
	}
}

void commitment_fields_from_row(sqlite3_stmt *s, struct arena *a, struct commitment *c)
{
	const char *text;

	commitment_init(c);
	c->id = sqlite3_column_int64(s, 0);
	c->key = text_col(s, a, 1);
	c->uid = text_col(s, a, 2);
	c->letter_doc_no = text_col(s, a, 3);
	c->section = text_col(s, a, 4);
	c->quote = text_col(s, a, 5);
	c->title = text_col(s, a, 6);
	c->owner = text_col(s, a, 7);
	c->kind = (enum kind)kind_parse((const char *)sqlite3_column_text(s, 8));
	if (sqlite3_column_type(s, 9) != SQLITE_NULL) {
		c->target.present = true;
		c->target.value = sqlite3_column_double(s, 9);
		c->target.unit = text_col(s, a, 10);
		c->target.cmp = (enum comparator)comparator_parse((const char *)sqlite3_column_text(s, 11));
		c->target.baseline = sqlite3_column_double(s, 12);
	}
	c->window_start = column_date(s, 13);
	c->due = column_date(s, 14);
	c->status = (enum status)status_parse((const char *)sqlite3_column_text(s, 15));
	text = (const char *)sqlite3_column_text(s, 16);
	c->health_override = text ? health_parse(text) : -1;
	c->health_override_reason = text_col(s, a, 17);
	c->sequence = sqlite3_column_int(s, 18);
	c->created_at = text_col(s, a, 19);
	c->updated_at = text_col(s, a, 20);
	split_list(s, a, 21, &c->co_owners);
	split_list(s, a, 22, &c->tags);
}

void commitment_from_row(sqlite3_stmt *s, struct arena *a, struct commitment *c)
{
	commitment_fields_from_row(s, a, c);
	c->owner_short = text_col(s, a, 23);
}

int sq_commitment_lookup(struct store_engine *e, const char *key, struct commitment *out,
			 struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = sq_stmt(e, "SELECT " COMMITMENT_COLUMNS COMMITMENT_FROM "WHERE c.key = ?1", &s,
			 err);

	if (rc)
		return rc;
	bind_text(s, 1, key);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		commitment_from_row(s, NULL, out);
	if (rc == SQLITE_DONE)
		rc = trk_err_field(err, TRK_ENOTFOUND, "key", "no commitment '%s'", key);
	else
		rc = rc == SQLITE_ROW ? 0 : sq_err(e, err, "reading a commitment");
	stmt_done(s);
	return rc;
}

static int id_of(struct store_engine *e, const char *sql, const char *name, int64_t *id,
		 const char *what, struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = sq_stmt(e, sql, &s, err);

	if (rc)
		return rc;
	bind_text(s, 1, name);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	rc = rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE
	     ? trk_err_field(err, TRK_ENOTFOUND, what, "unknown %s '%s'", what, name)
	     : sq_err(e, err, "finding a row");
	stmt_done(s);
	return rc;
}

static int owner_id(struct store_engine *e, const char *name, int64_t *id, struct trk_error *err)
{
	return id_of(e, "SELECT owner_id FROM owner_alias WHERE alias = ?1", name, id, "owner",
		     err);
}

static int replace_coowners(struct store_engine *e, const struct commitment *c, bool fresh,
			    struct trk_error *err)
{
	sqlite3_stmt *s;
	int64_t oid = 0;
	int rc;

	if (!fresh) {
		if ((rc = sq_stmt(e, "DELETE FROM commitment_coowner WHERE commitment_id = ?1", &s,
				  err)))
			return rc;
		sqlite3_bind_int64(s, 1, c->id);
		if ((rc = sq_exec(e, s, "updating co-owners", err)))
			return rc;
	}
	for (size_t i = 0; i < c->co_owners.n; i++) {
		if ((rc = owner_id(e, c->co_owners.items[i], &oid, err)) ||
		    (rc = sq_stmt(e, "INSERT INTO commitment_coowner (commitment_id, owner_id, "
				  "position) VALUES (?1, ?2, ?3)", &s, err)))
			return rc;
		sqlite3_bind_int64(s, 1, c->id);
		sqlite3_bind_int64(s, 2, oid);
		sqlite3_bind_int64(s, 3, (sqlite3_int64)i);
		if ((rc = sq_exec(e, s, "adding a co-owner", err)))
			return rc;
	}
	return 0;
}

static int replace_tags(struct store_engine *e, const struct commitment *c, bool fresh,
			struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if (!fresh) {
		if ((rc = sq_stmt(e, "DELETE FROM commitment_tag WHERE commitment_id = ?1", &s, err)))
			return rc;
		sqlite3_bind_int64(s, 1, c->id);
		if ((rc = sq_exec(e, s, "updating tags", err)))
			return rc;
	}
	for (size_t i = 0; i < c->tags.n; i++) {
		if ((rc = sq_stmt(e, "INSERT OR IGNORE INTO commitment_tag (commitment_id, tag, "
				  "position) VALUES (?1, ?2, ?3)", &s, err)))
			return rc;
		sqlite3_bind_int64(s, 1, c->id);
		bind_text(s, 2, c->tags.items[i]);
		sqlite3_bind_int64(s, 3, (sqlite3_int64)i);
		if ((rc = sq_exec(e, s, "adding a tag", err)))
			return rc;
	}
	return 0;
}

/* The row's columns in one order for INSERT and UPDATE, so the field list
 * is written once. ?3 letter_id and ?7 owner_id are bound by the caller. */
/* For a write stepped at once: the texts are held, not copied. */
static void bind_commitment(sqlite3_stmt *s, const struct commitment *c)
{
	bind_text_held(s, 1, c->key);
	bind_text_held(s, 2, c->uid);
	bind_text_held(s, 4, c->section);
	bind_text_held(s, 5, c->quote);
	bind_text_held(s, 6, c->title);
	bind_text_held(s, 8, kind_name(c->kind));
	if (c->target.present) {
		sqlite3_bind_double(s, 9, c->target.value);
		bind_text_held(s, 10, c->target.unit);
		bind_text_held(s, 11, comparator_name(c->target.cmp));
		sqlite3_bind_double(s, 12, c->target.baseline);
	}
	bind_date(s, 13, c->window_start);
	bind_date(s, 14, c->due);
	bind_text_held(s, 15, status_name(c->status));
	bind_text_held(s, 16, c->health_override >= 0 ? health_name(c->health_override) : NULL);
	bind_text_held(s, 17, c->health_override_reason);
	sqlite3_bind_int(s, 18, c->sequence);
	bind_text_held(s, 19, c->created_at);
	bind_text_held(s, 20, c->updated_at ? c->updated_at : c->created_at);
}

int sq_commitment_insert(struct store_engine *e, struct commitment *c, struct trk_error *err)
{
	int64_t letter_id = 0, oid = 0;
	sqlite3_stmt *s;
	int rc;

	if ((rc = id_of(e, "SELECT id FROM letter WHERE doc_no = ?1", c->letter_doc_no,
			&letter_id, "letter", err)) ||
	    (rc = owner_id(e, c->owner, &oid, err)) ||
	    (rc = sq_stmt(e, "INSERT INTO commitment (key, uid, letter_id, section, quote, title, "
			  "owner_id, kind, target_value, target_unit, target_cmp, target_baseline, "
			  "window_start, due, status, health_override, health_override_reason, "
			  "sequence, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
			  "?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)", &s, err)))
		return rc;
	bind_commitment(s, c);
	sqlite3_bind_int64(s, 3, letter_id);
	sqlite3_bind_int64(s, 7, oid);
	if ((rc = sq_exec(e, s, "adding a commitment", err)))
		return rc;
	c->id = sqlite3_last_insert_rowid(e->db);
	if ((rc = replace_coowners(e, c, true, err)))
		return rc;
	return replace_tags(e, c, true, err);
}

int sq_commitment_update(struct store_engine *e, const struct commitment *c,
			 struct trk_error *err)
{
	int64_t oid = 0;
	sqlite3_stmt *s;
	int rc;

	if ((rc = owner_id(e, c->owner, &oid, err)) ||
	    (rc = sq_stmt(e, "UPDATE commitment SET key = ?1, uid = ?2, section = ?4, quote = ?5, "
			  "title = ?6, owner_id = ?7, kind = ?8, target_value = ?9, "
			  "target_unit = ?10, target_cmp = ?11, target_baseline = ?12, "
			  "window_start = ?13, due = ?14, status = ?15, health_override = ?16, "
			  "health_override_reason = ?17, sequence = ?18, created_at = ?19, "
			  "updated_at = ?20 WHERE id = ?3", &s, err)))
		return rc;
	bind_commitment(s, c);
	sqlite3_bind_int64(s, 3, c->id);
	sqlite3_bind_int64(s, 7, oid);
	if ((rc = sq_exec(e, s, "updating a commitment", err)) ||
	    (rc = replace_coowners(e, c, false, err)))
		return rc;
	return replace_tags(e, c, false, err);
}
