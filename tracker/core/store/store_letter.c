#include <stdlib.h>
#include <string.h>

#include "util/date.h"
#include "store/store.h"
#include "store/store_internal.h"
#include "util/strbuf.h"
#include "util/banned.h"

#define LETTER_COLUMNS "id, doc_no, title, issuer, signer, date, addressee, suggestion_no, " \
		       "session, reply_class, text_sha256, created_at"

static void letter_from_row(sqlite3_stmt *s, struct letter *l)
{
	l->id = sqlite3_column_int64(s, 0);
	l->doc_no = column_strdup(s, 1);
	l->title = column_strdup(s, 2);
	l->issuer = column_strdup(s, 3);
	l->signer = column_strdup(s, 4);
	l->date = column_date(s, 5);
	l->addressee = column_strdup(s, 6);
	l->suggestion_no = column_strdup(s, 7);
	l->session = column_strdup(s, 8);
	l->reply_class = column_strdup(s, 9);
	l->text_sha256 = column_strdup(s, 10);
}

static int load_cohandlers(struct store *st, struct letter *l, struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = store_stmt(st, "SELECT name FROM letter_cohandler WHERE letter_id = ?1 "
			    "ORDER BY position", &s, err);

	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, l->id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		strlist_push(&l->co_handlers, (const char *)sqlite3_column_text(s, 0));
	rc = rc == SQLITE_DONE ? 0 : store_sqlite_err(st, err, "reading co-handlers");
	stmt_done(s);
	return rc;
}

static int load_text(struct store *st, struct letter *l, struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = store_stmt(st, "SELECT text FROM letter WHERE id = ?1", &s, err);

	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, l->id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		l->text = column_strdup(s, 0);
	rc = rc == SQLITE_ROW ? 0 : store_sqlite_err(st, err, "reading a letter's text");
	stmt_done(s);
	return rc;
}

int store_letter_get(struct store *st, const char *doc_no, bool with_text,
		     struct letter *out, struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = store_stmt(st, "SELECT " LETTER_COLUMNS " FROM letter WHERE doc_no = ?1", &s, err);

	memset(out, 0, sizeof(*out));
	out->date = DATE_NONE;
	if (rc)
		return rc;
	bind_text(s, 1, doc_no);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		letter_from_row(s, out);
	if (rc == SQLITE_DONE)
		rc = trk_err(err, TRK_ENOTFOUND, "unknown letter '%s'", doc_no);
	else
		rc = rc == SQLITE_ROW ? 0 : store_sqlite_err(st, err, "reading a letter");
	stmt_done(s);
	if (!rc)
		rc = load_cohandlers(st, out, err);
	if (!rc && with_text)
		rc = load_text(st, out, err);
	if (rc)
		letter_release(out);
	return rc;
}

static int insert_cohandlers(struct store *st, int64_t id, const struct strlist *names,
			     struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = 0;

	for (size_t i = 0; i < names->n && !rc; i++) {
		if ((rc = store_stmt(st, "INSERT INTO letter_cohandler (letter_id, position, name) "
				     "VALUES (?1, ?2, ?3)", &s, err)))
			return rc;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
		bind_text(s, 3, names->items[i]);
		rc = stmt_exec(st, s, "adding a co-handler", err);
	}
	return rc;
}

/* Finds a letter by document number or, failing that, by text hash: the
 * same letter imported under a corrected number is still the same letter. */
static int find_letter(struct store *st, const struct letter *l, int64_t *id,
		       struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = store_stmt(st, "SELECT id FROM letter WHERE doc_no = ?1 OR "
			    "(?2 IS NOT NULL AND text_sha256 = ?2) ORDER BY doc_no = ?1 DESC",
			    &s, err);

	if (rc)
		return rc;
	bind_text(s, 1, l->doc_no);
	bind_text(s, 2, l->text_sha256);
	*id = 0;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_sqlite_err(st, err, "finding a letter");
	stmt_done(s);
	return rc;
}

int store_letter_put(struct store *st, const struct letter *l, int64_t *id, bool *created,
		     struct trk_error *err)
{
	char now[TIMESTAMP_BUFSZ];
	sqlite3_stmt *s;
	int rc;

	*created = false;
	if ((rc = find_letter(st, l, id, err)) || *id)
		return rc;
	if ((rc = clock_timestamp(now, err)) ||
	    (rc = store_stmt(st, "INSERT INTO letter (doc_no, title, issuer, signer, date, "
			     "addressee, suggestion_no, session, reply_class, text, text_sha256, "
			     "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
			     &s, err)))
		return rc;
	bind_text(s, 1, l->doc_no);
	bind_text(s, 2, l->title);
	bind_text(s, 3, l->issuer);
	bind_text(s, 4, l->signer);
	bind_date(s, 5, l->date);
	bind_text(s, 6, l->addressee);
	bind_text(s, 7, l->suggestion_no);
	bind_text(s, 8, l->session);
	bind_text(s, 9, l->reply_class);
	bind_text(s, 10, l->text);
	bind_text(s, 11, l->text_sha256);
	bind_text(s, 12, now);
	if ((rc = stmt_exec(st, s, "adding a letter", err)))
		return rc;
	*id = sqlite3_last_insert_rowid(store_db(st));
	*created = true;
	return insert_cohandlers(st, *id, &l->co_handlers, err);
}
