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
	int rc;

	if (sq_known_free_key(e, key))
		return trk_err_field(err, TRK_ENOTFOUND, "key", "no commitment '%s'", key);
	if ((rc = sq_stmt(e, "SELECT " COMMITMENT_COLUMNS COMMITMENT_FROM "WHERE c.key = ?1", &s,
			  err)))
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
	if (sq_known_owner(e, name, id, NULL))
		return 0;
	return id_of(e, "SELECT owner_id FROM owner_alias WHERE alias = ?1", name, id, "owner",
		     err);
}

static int letter_id_of(struct store_engine *e, const char *doc_no, int64_t *id,
			struct trk_error *err)
{
	int rc;

	if (sq_known_letter(e, doc_no, id))
		return 0;
	rc = id_of(e, "SELECT id FROM letter WHERE doc_no = ?1", doc_no, id, "letter", err);
	if (!rc)
		sq_known_letter_put(e, doc_no, *id);
	return rc;
}

/* The lists of a commitment whose row was just written (fresh) or
 * changed; a fresh one's rows queue with it (queue): nothing can refuse
 * them, as the door has made its co-owners distinct and the rules refuse
 * a tag given twice. */
static int replace_coowners(struct store_engine *e, const struct commitment *c, bool fresh,
			    bool queue, struct trk_error *err)
{
	struct sq_write w;
	int64_t oid = 0;
	int rc;

	if (!fresh) {
		if ((rc = sq_write_begin(e, "DELETE FROM commitment_coowner WHERE commitment_id = ?1",
					 "updating co-owners", false, &w, err)))
			return rc;
		sqw_int(&w, 1, c->id);
		if ((rc = sq_write_end(e, &w, err)))
			return rc;
	}
	for (size_t i = 0; i < c->co_owners.n; i++) {
		if ((rc = owner_id(e, c->co_owners.items[i], &oid, err)) ||
		    (rc = sq_write_begin(e, "INSERT INTO commitment_coowner (commitment_id, "
					 "owner_id, position) VALUES (?1, ?2, ?3)",
					 "adding a co-owner", queue, &w, err)))
			return rc;
		sqw_int(&w, 1, c->id);
		sqw_int(&w, 2, oid);
		sqw_int(&w, 3, (int64_t)i);
		if ((rc = sq_write_end(e, &w, err)))
			return rc;
	}
	return 0;
}

static int replace_tags(struct store_engine *e, const struct commitment *c, bool fresh,
			bool queue, struct trk_error *err)
{
	struct sq_write w;
	int rc;

	if (!fresh) {
		if ((rc = sq_write_begin(e, "DELETE FROM commitment_tag WHERE commitment_id = ?1",
					 "updating tags", false, &w, err)))
			return rc;
		sqw_int(&w, 1, c->id);
		if ((rc = sq_write_end(e, &w, err)))
			return rc;
	}
	for (size_t i = 0; i < c->tags.n; i++) {
		if ((rc = sq_write_begin(e, "INSERT OR IGNORE INTO commitment_tag (commitment_id, "
					 "tag, position) VALUES (?1, ?2, ?3)", "adding a tag", queue,
					 &w, err)))
			return rc;
		sqw_int(&w, 1, c->id);
		sqw_text(&w, 2, c->tags.items[i]);
		sqw_int(&w, 3, (int64_t)i);
		if ((rc = sq_write_end(e, &w, err)))
			return rc;
	}
	return 0;
}

/* The row's columns in one order for INSERT and UPDATE, so the field list
 * is written once. ?3 letter_id and ?7 owner_id are bound by the caller. */
static void bind_commitment(struct sq_write *w, const struct commitment *c)
{
	sqw_text(w, 1, c->key);
	sqw_text(w, 2, c->uid);
	sqw_text(w, 4, c->section);
	sqw_text(w, 5, c->quote);
	sqw_text(w, 6, c->title);
	sqw_text(w, 8, kind_name(c->kind));
	if (c->target.present) {
		sqw_double(w, 9, c->target.value);
		sqw_text(w, 10, c->target.unit);
		sqw_text(w, 11, comparator_name(c->target.cmp));
		sqw_double(w, 12, c->target.baseline);
	}
	sqw_date(w, 13, c->window_start);
	sqw_date(w, 14, c->due);
	sqw_text(w, 15, status_name(c->status));
	sqw_text(w, 16, c->health_override >= 0 ? health_name(c->health_override) : NULL);
	sqw_text(w, 17, c->health_override_reason);
	sqw_int(w, 18, c->sequence);
	sqw_text(w, 19, c->created_at);
	sqw_text(w, 20, c->updated_at ? c->updated_at : c->created_at);
}

/* Queued in a bulk write when nothing but the disk can refuse it (the key
 * and the uid are surely free): its id is then the one SQLite would give,
 * counted (sqlite_bulk_known.c), as the records that follow need it. */
int sq_commitment_insert(struct store_engine *e, struct commitment *c, struct trk_error *err)
{
	int64_t letter_id = 0, oid = 0;
	struct sq_write w;
	int rc;

	if ((rc = letter_id_of(e, c->letter_doc_no, &letter_id, err)) ||
	    (rc = owner_id(e, c->owner, &oid, err)) ||
	    (rc = sq_write_begin(e, "INSERT INTO commitment (key, uid, letter_id, section, quote, "
				 "title, owner_id, kind, target_value, target_unit, target_cmp, "
				 "target_baseline, window_start, due, status, health_override, "
				 "health_override_reason, sequence, created_at, updated_at, id) "
				 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
				 "?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)", "adding a commitment",
				 sq_known_unique(e, c), &w, err)))
		return rc;
	bind_commitment(&w, c);
	sqw_int(&w, 3, letter_id);
	sqw_int(&w, 7, oid);
	if (w.row)
		sqw_int(&w, 21, c->id = sq_known_next_id(e));
	else
		sqw_null(&w, 21);
	if ((rc = sq_write_end(e, &w, err)))
		return rc;
	if (!w.row)
		c->id = sqlite3_last_insert_rowid(e->db);
	sq_known_added(e, c);
	if ((rc = replace_coowners(e, c, true, w.row != NULL, err)))
		return rc;
	return replace_tags(e, c, true, w.row != NULL, err);
}

int sq_commitment_update(struct store_engine *e, const struct commitment *c,
			 struct trk_error *err)
{
	int64_t oid = 0;
	struct sq_write w;
	int rc;

	if ((rc = owner_id(e, c->owner, &oid, err)) ||
	    (rc = sq_write_begin(e, "UPDATE commitment SET key = ?1, uid = ?2, section = ?4, "
				 "quote = ?5, title = ?6, owner_id = ?7, kind = ?8, "
				 "target_value = ?9, target_unit = ?10, target_cmp = ?11, "
				 "target_baseline = ?12, window_start = ?13, due = ?14, status = ?15, "
				 "health_override = ?16, health_override_reason = ?17, sequence = ?18, "
				 "created_at = ?19, updated_at = ?20 WHERE id = ?3",
				 "updating a commitment", false, &w, err)))
		return rc;
	sq_known_added(e, c);   /* its key and uid may be new */
	bind_commitment(&w, c);
	sqw_int(&w, 3, c->id);
	sqw_int(&w, 7, oid);
	if ((rc = sq_write_end(e, &w, err)) ||
	    (rc = replace_coowners(e, c, false, false, err)))
		return rc;
	return replace_tags(e, c, false, false, err);
}
