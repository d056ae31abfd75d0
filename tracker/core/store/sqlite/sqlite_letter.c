/* sqlite_letter.c - letters, their co-handlers and their text. */
#include "store/sqlite/sqlite_internal.h"

#include <stdlib.h>
#include <string.h>

#include "util/banned.h"

#define LETTER_COLUMNS "id, doc_no, title, issuer, signer, date, addressee, suggestion_no, " \
		       "session, reply_class, text_sha256, created_at"

static void letter_from_row(sqlite3_stmt *s, struct letter *l)
{
	letter_init(l);
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
	l->created_at = column_strdup(s, 11);
}

static int load_cohandlers(struct store_engine *e, struct letter *l, struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = sq_stmt(e, "SELECT name FROM letter_cohandler WHERE letter_id = ?1 "
			 "ORDER BY position", &s, err);

	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, l->id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		strlist_push(&l->co_handlers, (const char *)sqlite3_column_text(s, 0));
	rc = rc == SQLITE_DONE ? 0 : sq_err(e, err, "reading co-handlers");
	stmt_done(s);
	return rc;
}

static int load_text(struct store_engine *e, struct letter *l, struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = sq_stmt(e, "SELECT text FROM letter WHERE id = ?1", &s, err);

	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, l->id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		l->text = column_strdup(s, 0);
	rc = rc == SQLITE_ROW ? 0 : sq_err(e, err, "reading a letter's text");
	stmt_done(s);
	return rc;
}

static int complete(struct store_engine *e, struct letter *l, bool with_text,
		    struct trk_error *err)
{
	int rc = load_cohandlers(e, l, err);

	if (!rc && with_text)
		rc = load_text(e, l, err);
	return rc;
}

/* One letter by a query of one bound text: its row, or SQLITE_DONE. */
static int letter_by(struct store_engine *e, const char *sql, const char *value,
		     struct letter *out, struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = sq_stmt(e, sql, &s, err);

	if (rc)
		return rc;
	bind_text(s, 1, value);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		letter_from_row(s, out);
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? rc : sq_err(e, err, "reading a letter");
	stmt_done(s);
	return rc;
}

/* By number, else (sha256 given) by text: two lookups, each by its index.
 * One query with an OR of both read every letter, per commitment of an
 * import. */
int sq_letter_lookup(struct store_engine *e, const char *doc_no, const char *sha256,
		     bool with_text, struct letter *out, struct trk_error *err)
{
	int rc = letter_by(e, "SELECT " LETTER_COLUMNS " FROM letter WHERE doc_no = ?1",
			   doc_no, out, err);

	if (rc == SQLITE_DONE && sha256 && *sha256)
		rc = letter_by(e, "SELECT " LETTER_COLUMNS " FROM letter WHERE text_sha256 = ?1 "
			       "ORDER BY id LIMIT 1", sha256, out, err);
	if (rc == SQLITE_DONE)
		return trk_err_field(err, TRK_ENOTFOUND, "letter", "unknown letter '%s'", doc_no);
	if (rc != SQLITE_ROW)
		return rc;
	return complete(e, out, with_text, err);
}

static int insert_cohandlers(struct store_engine *e, const struct letter *l,
			     struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = 0;

	for (size_t i = 0; i < l->co_handlers.n && !rc; i++) {
		if ((rc = sq_stmt(e, "INSERT INTO letter_cohandler (letter_id, position, name) "
				  "VALUES (?1, ?2, ?3)", &s, err)))
			return rc;
		sqlite3_bind_int64(s, 1, l->id);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
		bind_text(s, 3, l->co_handlers.items[i]);
		rc = sq_exec(e, s, "adding a co-handler", err);
	}
	return rc;
}

int sq_letter_insert(struct store_engine *e, struct letter *l, struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = sq_stmt(e, "INSERT INTO letter (doc_no, title, issuer, signer, date, addressee, "
			 "suggestion_no, session, reply_class, text, text_sha256, created_at) "
			 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", &s, err);

	if (rc)
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
	bind_text(s, 12, l->created_at);
	if ((rc = sq_exec(e, s, "adding a letter", err)))
		return rc;
	l->id = sqlite3_last_insert_rowid(e->db);
	sq_known_letter_put(e, l->doc_no, l->id);
	return insert_cohandlers(e, l, err);
}

/* Not cached: callbacks may look letters up meanwhile. */
int sq_letters_scan(struct store_engine *e, bool with_text, letter_fn fn, void *ctx,
		    struct trk_error *err)
{
	sqlite3_stmt *s = NULL;
	struct letter l;
	int rc;

	if (sq_scan_prepare(e, "SELECT " LETTER_COLUMNS " FROM letter ORDER BY id", &s) !=
	    SQLITE_OK)
		return sq_err(e, err, "listing letters");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		letter_from_row(s, &l);
		if (!(rc = complete(e, &l, with_text, err)))
			rc = fn(&l, ctx, err);
		letter_release(&l);
		if (rc)
			goto out;
	}
	rc = rc == SQLITE_DONE ? 0 : sq_err(e, err, "listing letters");
out:
	sq_scan_finish(e, s);
	return rc;
}

int sq_quotes_scan(struct store_engine *e, const char *doc_no,
		   int (*fn)(const char *key, const char *quote, void *ctx, struct trk_error *err),
		   void *ctx, struct trk_error *err)
{
	sqlite3_stmt *s;
	int rc = sq_stmt(e, "SELECT c.key, c.quote FROM commitment c JOIN letter l ON "
			 "l.id = c.letter_id WHERE l.doc_no = ?1 ORDER BY c.id", &s, err);

	if (rc)
		return rc;
	e->scanning++;
	bind_text(s, 1, doc_no);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if ((rc = fn((const char *)sqlite3_column_text(s, 0),
			     (const char *)sqlite3_column_text(s, 1), ctx, err)))
			goto out;
	rc = rc == SQLITE_DONE ? 0 : sq_err(e, err, "reading quotes");
out:
	stmt_done(s);
	e->scanning--;
	return rc;
}
