/* pg_letter.c - letters, their co-handlers and their text. */
#include "store/pg/pg_internal.h"

#include <stdlib.h>
#include <string.h>

#include "util/banned.h"

#define LETTER_COLUMNS "id, doc_no, title, issuer, signer, date, addressee, suggestion_no, " \
		       "session, reply_class, text_sha256, created_at"
#define LETTER_PAGE 200

static void letter_from_row(const PGresult *r, int row, struct letter *l)
{
	letter_init(l);
	l->id = pg_int(r, row, 0);
	l->doc_no = pg_strdup(r, row, 1);
	l->title = pg_strdup(r, row, 2);
	l->issuer = pg_strdup(r, row, 3);
	l->signer = pg_strdup(r, row, 4);
	l->date = pg_date(r, row, 5);
	l->addressee = pg_strdup(r, row, 6);
	l->suggestion_no = pg_strdup(r, row, 7);
	l->session = pg_strdup(r, row, 8);
	l->reply_class = pg_strdup(r, row, 9);
	l->text_sha256 = pg_strdup(r, row, 10);
	l->created_at = pg_strdup(r, row, 11);
}

static int complete(struct store_engine *e, struct letter *l, bool with_text,
		    struct trk_error *err)
{
	struct pg_params p;
	PGresult *res;

	pgp_init(&p);
	pgp_int(&p, l->id);
	if (!(res = pg_run(e, "SELECT name FROM letter_cohandler WHERE letter_id = $1 "
			   "ORDER BY position", &p, "reading co-handlers", err)))
		return pg_code(err);
	for (int i = 0; i < sym_PQntuples(res); i++)
		strlist_push(&l->co_handlers, sym_PQgetvalue(res, i, 0));
	sym_PQclear(res);
	if (!with_text)
		return 0;
	if (!(res = pg_run(e, "SELECT text FROM letter WHERE id = $1", &p,
			   "reading a letter's text", err)))
		return pg_code(err);
	if (sym_PQntuples(res) == 1)
		l->text = pg_strdup(res, 0, 0);
	sym_PQclear(res);
	return 0;
}

static int lookup_once(struct store_engine *e, const char *doc_no, const char *sha256,
		       struct letter *out, bool *found, struct trk_error *err)
{
	struct pg_params p;
	PGresult *res;

	pgp_init(&p);
	pgp_text(&p, doc_no);
	pgp_text(&p, sha256);
	if (!(res = pg_run(e, "SELECT " LETTER_COLUMNS " FROM letter WHERE doc_no = $1 OR "
			   "($2::text IS NOT NULL AND text_sha256 = $2) "
			   "ORDER BY CASE WHEN doc_no = $1 THEN 0 ELSE 1 END LIMIT 1", &p,
			   "reading a letter", err)))
		return pg_code(err);
	*found = sym_PQntuples(res) == 1;
	if (*found)
		letter_from_row(res, 0, out);
	sym_PQclear(res);
	return 0;
}

/* Letters are never changed once stored: a hit needs no lock; a miss is
 * looked up again under the record's lock (see pg_internal.h). */
int pg_letter_lookup(struct store_engine *e, const char *doc_no, const char *sha256,
		     bool with_text, struct letter *out, struct trk_error *err)
{
	bool found = false;
	int rc = lookup_once(e, doc_no, sha256, out, &found, err);

	if (!rc && !found && e->in_write && !e->record_locked &&
	    !(rc = pg_lock_record(e, err)))
		rc = lookup_once(e, doc_no, sha256, out, &found, err);
	if (!rc && !found)
		return trk_err_field(err, TRK_ENOTFOUND, "letter", "unknown letter '%s'", doc_no);
	return rc ? rc : complete(e, out, with_text, err);
}

int pg_letter_insert(struct store_engine *e, struct letter *l, struct trk_error *err)
{
	struct pg_params p;
	PGresult *res;
	int rc;

	if ((rc = pg_lock_record(e, err)))
		return rc;
	pgp_init(&p);
	pgp_text(&p, l->doc_no);
	pgp_text(&p, l->title);
	pgp_text(&p, l->issuer);
	pgp_text(&p, l->signer);
	pgp_date(&p, l->date);
	pgp_text(&p, l->addressee);
	pgp_text(&p, l->suggestion_no);
	pgp_text(&p, l->session);
	pgp_text(&p, l->reply_class);
	pgp_text(&p, l->text);
	pgp_text(&p, l->text_sha256);
	pgp_text(&p, l->created_at);
	if (!(res = pg_run(e, "INSERT INTO letter (doc_no, title, issuer, signer, date, addressee, "
			   "suggestion_no, session, reply_class, text, text_sha256, created_at) "
			   "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
			   &p, "adding a letter", err)))
		return pg_code(err);
	l->id = pg_int(res, 0, 0);
	sym_PQclear(res);
	for (size_t i = 0; i < l->co_handlers.n && !rc; i++) {
		pgp_init(&p);
		pgp_int(&p, l->id);
		pgp_int(&p, (int64_t)i);
		pgp_text(&p, l->co_handlers.items[i]);
		rc = pg_exec(e, "INSERT INTO letter_cohandler (letter_id, position, name) "
			     "VALUES ($1, $2, $3)", &p, "adding a co-handler", err);
	}
	return rc;
}

/* In the order they were stored, a page at a time: callbacks may look
 * letters up meanwhile, and texts are not all held at once. */
int pg_letters_scan(struct store_engine *e, bool with_text, letter_fn fn, void *ctx,
		    struct trk_error *err)
{
	struct pg_params p;
	struct letter l;
	int64_t after = 0;
	int n, rc;

	if ((rc = pg_lock_record(e, err)))
		return rc;
	do {
		PGresult *res;
		pgp_init(&p);
		pgp_int(&p, after);
		if (!(res = pg_run(e, "SELECT " LETTER_COLUMNS " FROM letter WHERE id > $1 "
				   "ORDER BY id LIMIT 200", &p, "listing letters", err)))
			return pg_code(err);
		n = sym_PQntuples(res);
		for (int i = 0; i < n && !rc; i++) {
			letter_from_row(res, i, &l);
			after = l.id;
			if (!(rc = complete(e, &l, with_text, err)))
				rc = fn(&l, ctx, err);
			letter_release(&l);
		}
		sym_PQclear(res);
	} while (!rc && n == LETTER_PAGE);
	return rc;
}

int pg_quotes_scan(struct store_engine *e, const char *doc_no,
		   int (*fn)(const char *key, const char *quote, void *ctx, struct trk_error *err),
		   void *ctx, struct trk_error *err)
{
	struct pg_params p;
	PGresult *res;
	int rc = 0;

	pgp_init(&p);
	pgp_text(&p, doc_no);
	if (!(res = pg_run(e, "SELECT c.key, c.quote FROM commitment c JOIN letter l ON "
			   "l.id = c.letter_id WHERE l.doc_no = $1 ORDER BY c.id", &p,
			   "reading quotes", err)))
		return pg_code(err);
	for (int i = 0; i < sym_PQntuples(res) && !rc; i++)
		rc = fn(sym_PQgetvalue(res, i, 0), sym_PQgetvalue(res, i, 1), ctx, err);
	sym_PQclear(res);
	return rc;
}
