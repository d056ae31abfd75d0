#include <string.h>
#include <stdlib.h>

#include "model/commitment_field.h"
#include "util/date.h"
#include "util/sha256.h"
#include "store/store.h"
#include "store/store_internal.h"
#include "util/strbuf.h"
#include "util/banned.h"

static void split_list(sqlite3_stmt *s, int col, struct strlist *out)
{
	const char *t = (const char *)sqlite3_column_text(s, col);

	while (t && *t) {
		const char *sep = strchr(t, '\x1f');
		size_t n = sep ? (size_t)(sep - t) : strlen(t);
		char *item = xstrndup(t, n);
		strlist_push(out, item);
		free(item);
		t = sep ? sep + 1 : t + n;
	}
}

void commitment_from_row(sqlite3_stmt *s, struct commitment *c)
{
	const char *text;

	commitment_init(c);
	c->id = sqlite3_column_int64(s, 0);
	c->key = column_strdup(s, 1);
	c->uid = column_strdup(s, 2);
	c->letter_doc_no = column_strdup(s, 3);
	c->section = column_strdup(s, 4);
	c->quote = column_strdup(s, 5);
	c->title = column_strdup(s, 6);
	c->owner = column_strdup(s, 7);
	c->kind = (enum kind)kind_parse((const char *)sqlite3_column_text(s, 8));
	if (sqlite3_column_type(s, 9) != SQLITE_NULL) {
		c->target.present = true;
		c->target.value = sqlite3_column_double(s, 9);
		c->target.unit = column_strdup(s, 10);
		c->target.cmp = (enum comparator)comparator_parse((const char *)sqlite3_column_text(s, 11));
		c->target.baseline = sqlite3_column_double(s, 12);
	}
	c->window_start = column_date(s, 13);
	c->due = column_date(s, 14);
	c->status = (enum status)status_parse((const char *)sqlite3_column_text(s, 15));
	text = (const char *)sqlite3_column_text(s, 16);
	c->health_override = text ? health_parse(text) : -1;
	c->health_override_reason = column_strdup(s, 17);
	c->sequence = sqlite3_column_int(s, 18);
	c->created_at = column_strdup(s, 19);
	c->updated_at = column_strdup(s, 20);
	split_list(s, 21, &c->co_owners);
	split_list(s, 22, &c->tags);
	c->owner_short = column_strdup(s, 23);
}

int store_commitment_id(struct store *st, const char *key, int64_t *id, struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = store_stmt(st, "SELECT id FROM commitment WHERE key = ?1", &s, err);

	if (rc)
		return rc;
	bind_text(s, 1, key);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	if (rc == SQLITE_DONE)
		rc = trk_err(err, TRK_ENOTFOUND, "no commitment '%s'", key);
	else
		rc = rc == SQLITE_ROW ? 0 : store_sqlite_err(st, err, "finding a commitment");
	stmt_done(s);
	return rc;
}

int store_commitment_get(struct store *st, const char *key, struct commitment *out,
			 struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = store_stmt(st, COMMITMENT_SELECT "WHERE c.key = ?1", &s, err);

	commitment_init(out);
	if (rc)
		return rc;
	bind_text(s, 1, key);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		commitment_from_row(s, out);
	if (rc == SQLITE_DONE)
		rc = trk_err(err, TRK_ENOTFOUND, "no commitment '%s'", key);
	else
		rc = rc == SQLITE_ROW ? 0 : store_sqlite_err(st, err, "reading a commitment");
	stmt_done(s);
	return rc;
}

/* ---- writing ---------------------------------------------------------- */

static int letter_id_with_quote(struct store *st, const struct commitment *c, int64_t *id,
				struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = store_stmt(st, "SELECT id, text IS NULL OR instr(text, ?2) > 0 FROM letter "
			    "WHERE doc_no = ?1", &s, err);

	if (rc)
		return rc;
	bind_text(s, 1, c->letter_doc_no);
	bind_text(s, 2, c->quote);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE) {
		rc = trk_err(err, TRK_ENOTFOUND, "unknown letter '%s'", c->letter_doc_no);
	} else if (rc != SQLITE_ROW) {
		rc = store_sqlite_err(st, err, "finding a letter");
	} else if (!sqlite3_column_int(s, 1)) {
		rc = trk_err(err, TRK_EINPUT, "quote: not found in the text of letter '%s'",
			     c->letter_doc_no);
	} else {
		*id = sqlite3_column_int64(s, 0);
		rc = 0;
	}
	stmt_done(s);
	return rc;
}

static int replace_coowners(struct store *st, int64_t cid, bool fresh, const struct strlist *names,
			    struct trk_error *err)
{
	sqlite3_stmt *s;
	int64_t oid;
	int rc;

	if (!fresh) {
		if ((rc = store_stmt(st, "DELETE FROM commitment_coowner WHERE commitment_id = ?1",
				     &s, err)))
			return rc;
		sqlite3_bind_int64(s, 1, cid);
		if ((rc = stmt_exec(st, s, "updating co-owners", err)))
			return rc;
	}
	for (size_t i = 0; i < names->n; i++) {
		if ((rc = store_owner_id(st, names->items[i], &oid, err)) ||
		    (rc = store_stmt(st, "INSERT OR IGNORE INTO commitment_coowner "
				     "(commitment_id, owner_id, position) VALUES (?1, ?2, ?3)", &s, err)))
			return rc;
		sqlite3_bind_int64(s, 1, cid);
		sqlite3_bind_int64(s, 2, oid);
		sqlite3_bind_int64(s, 3, (sqlite3_int64)i);
		if ((rc = stmt_exec(st, s, "adding a co-owner", err)))
			return rc;
	}
	return 0;
}

static int replace_tags(struct store *st, int64_t cid, bool fresh, const struct strlist *tags,
			struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if (!fresh) {
		if ((rc = store_stmt(st, "DELETE FROM commitment_tag WHERE commitment_id = ?1",
				     &s, err)))
			return rc;
		sqlite3_bind_int64(s, 1, cid);
		if ((rc = stmt_exec(st, s, "updating tags", err)))
			return rc;
	}
	for (size_t i = 0; i < tags->n; i++) {
		if ((rc = store_stmt(st, "INSERT OR IGNORE INTO commitment_tag "
				     "(commitment_id, tag, position) VALUES (?1, ?2, ?3)", &s, err)))
			return rc;
		sqlite3_bind_int64(s, 1, cid);
		bind_text(s, 2, tags->items[i]);
		sqlite3_bind_int64(s, 3, (sqlite3_int64)i);
		if ((rc = stmt_exec(st, s, "adding a tag", err)))
			return rc;
	}
	return 0;
}

/* A UID derived from the letter's number and the key, neither of which
 * ever changes (keys are never reused): calendar clients match entries by
 * UID, so it must not depend on anything that can be edited. */
static char *new_uid(const struct commitment *c)
{
	struct strbuf sb = STRBUF_INIT;
	char hex[65];

	strbuf_addf(&sb, "tracker-uid/1\x1f%s\x1f%s", c->letter_doc_no, c->key);
	sha256_hex(sb.buf, sb.len, hex);
	strbuf_reset(&sb);
	strbuf_add(&sb, hex, 32);
	strbuf_addstr(&sb, "@tracker");
	return strbuf_detach(&sb);
}

static void bind_commitment(sqlite3_stmt *s, const struct commitment *c)
{
	bind_text(s, 1, c->key);
	bind_text(s, 2, c->uid);
	bind_text(s, 4, c->section);
	bind_text(s, 5, c->quote);
	bind_text(s, 6, c->title);
	bind_text(s, 8, kind_name(c->kind));
	if (c->target.present) {
		sqlite3_bind_double(s, 9, c->target.value);
		bind_text(s, 10, c->target.unit);
		bind_text(s, 11, comparator_name(c->target.cmp));
		sqlite3_bind_double(s, 12, c->target.baseline);
	}
	bind_date(s, 13, c->window_start);
	bind_date(s, 14, c->due);
	bind_text(s, 15, status_name(c->status));
	bind_text(s, 16, c->health_override >= 0 ? health_name(c->health_override) : NULL);
	bind_text(s, 17, c->health_override_reason);
	sqlite3_bind_int(s, 18, c->sequence);
	bind_text(s, 19, c->created_at);
	bind_text(s, 20, c->updated_at ? c->updated_at : c->created_at);
}

int store_commitment_insert(struct store *st, struct commitment *c, struct trk_error *err)
{
	int64_t letter_id = 0, owner_id = 0, cid = 0;
	char now[TIMESTAMP_BUFSZ];
	sqlite3_stmt *s;
	int rc;

	if (!commitment_key_valid(c->key))
		return trk_err(err, TRK_EINPUT, "key: '%.40s' is not a key like 211-07 "
			       "(letters, digits, '-', '_', '.')", c->key ? c->key : "");
	if (store_commitment_id(st, c->key, &cid, NULL) == 0)
		return trk_err(err, TRK_ECONFLICT, "key '%s' is already used", c->key);
	if ((rc = letter_id_with_quote(st, c, &letter_id, err)) ||
	    (rc = store_owner_id(st, c->owner, &owner_id, err)) ||
	    (rc = clock_timestamp(now, err)))
		return rc;
	if (!c->uid)
		c->uid = new_uid(c);
	if (!c->created_at)
		c->created_at = xstrdup(now);
	if ((rc = store_stmt(st, "INSERT INTO commitment (key, uid, letter_id, section, quote, "
			     "title, owner_id, kind, target_value, target_unit, target_cmp, "
			     "target_baseline, window_start, due, status, health_override, "
			     "health_override_reason, sequence, created_at, updated_at) VALUES "
			     "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
			     "?16, ?17, ?18, ?19, ?20)", &s, err)))
		return rc;
	bind_commitment(s, c);
	sqlite3_bind_int64(s, 3, letter_id);
	sqlite3_bind_int64(s, 7, owner_id);
	if ((rc = stmt_exec(st, s, "adding a commitment", err)))
		return rc;
	c->id = sqlite3_last_insert_rowid(store_db(st));
	if ((rc = replace_coowners(st, c->id, true, &c->co_owners, err)))
		return trk_err_prefix(err, "co_owners");
	return replace_tags(st, c->id, true, &c->tags, err);
}

/* Writes the changed commitment's columns back. One statement for all
 * fields keeps the field list in one place. */
static int update_row(struct store *st, const struct commitment *c, int64_t owner_id,
		      struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = store_stmt(st, "UPDATE commitment SET key = ?1, uid = ?2, section = ?4, "
			    "quote = ?5, title = ?6, owner_id = ?7, kind = ?8, target_value = ?9, "
			    "target_unit = ?10, target_cmp = ?11, target_baseline = ?12, "
			    "window_start = ?13, due = ?14, status = ?15, health_override = ?16, "
			    "health_override_reason = ?17, sequence = ?18, created_at = ?19, "
			    "updated_at = ?20 WHERE id = ?3", &s, err);

	if (rc)
		return rc;
	bind_commitment(s, c);
	sqlite3_bind_int64(s, 3, c->id);
	sqlite3_bind_int64(s, 7, owner_id);
	return stmt_exec(st, s, "updating a commitment", err);
}

static int apply_change(struct store *st, struct commitment *c, const char *field,
			const char *value, const char *reason, struct trk_error *err)
{
	int64_t owner_id;
	char *canonical = NULL;
	int rc;

	if (!strcmp(field, "owner") && value) {
		if ((rc = store_owner_resolve(st, value, &canonical, err)))
			return rc;
		value = canonical;
	}
	rc = commitment_field_set(c, field, value, err);
	free(canonical);
	if (rc)
		return rc;
	if (!strcmp(field, "health_override")) {
		free(c->health_override_reason);
		c->health_override_reason = c->health_override >= 0 ? xstrdup(reason) : NULL;
	}
	if (commitment_field_bumps_sequence(field))
		c->sequence++;
	if ((rc = store_owner_id(st, c->owner, &owner_id, err)) ||
	    (rc = update_row(st, c, owner_id, err)))
		return rc;
	if (!strcmp(field, "co_owners"))
		return replace_coowners(st, c->id, false, &c->co_owners, err);
	if (!strcmp(field, "tags"))
		return replace_tags(st, c->id, false, &c->tags, err);
	return 0;
}

int store_commitment_change(struct store *st, const char *key, const char *field,
			    const char *new_value, const char *author, const char *reason,
			    struct trk_error *err)
{
	struct commitment c;
	struct history h;
	char now[TIMESTAMP_BUFSZ];
	int rc;

	if (!commitment_field_known(field))
		return trk_err(err, TRK_EINPUT, "unknown field '%s'", field);
	if (commitment_field_needs_reason(field) && (!reason || !*reason))
		return trk_err(err, TRK_EUSAGE, "a change of %s needs --reason", field);
	if ((rc = store_commitment_get(st, key, &c, err)))
		return rc;
	history_init(&h);
	h.old_value = commitment_field_get(&c, field);
	if ((rc = clock_timestamp(now, err)))
		goto out;
	free(c.updated_at);
	c.updated_at = xstrdup(now);
	if ((rc = apply_change(st, &c, field, new_value, reason, err)))
		goto out;
	h.new_value = commitment_field_get(&c, field);
	if ((h.old_value == NULL) == (h.new_value == NULL) &&
	    (!h.old_value || !strcmp(h.old_value, h.new_value))) {
		rc = trk_err(err, TRK_EINPUT, "%s of '%s' is already '%s'", field, key,
			     h.new_value ? h.new_value : "(none)");
		goto out;
	}
	h.commitment_key = xstrdup(key);
	h.field = xstrdup(field);
	h.author = xstrdup(author);
	h.changed_at = xstrdup(now);
	h.reason = xstrdup(reason);
	rc = store_history_put(st, &h, NULL, err);
out:
	history_release(&h);
	commitment_release(&c);
	return rc;
}
