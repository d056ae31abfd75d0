/* check.c - the checks behind `tracker check`. */
#include "store/check.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/date.h"
#include "model/model.h"
#include "util/sha256.h"
#include "util/strbuf.h"
#include "util/banned.h"

struct checker {
	sqlite3 *db;
	check_fn fn;
	void *ctx;
	int n;
};

static const char *const kind_names[CHECK__COUNT] = {
	"integrity", "foreign_key", "text_hash", "quote", "checkin_chain", "history_chain",
};

const char *check_kind_name(enum check_kind k)
{
	return k >= 0 && k < CHECK__COUNT ? kind_names[k] : "?";
}

static int db_fail(struct checker *c, struct trk_error *err, const char *what)
{
	return trk_err(err, TRK_EDB, "check: %s: %s", what, sqlite3_errmsg(c->db));
}

__attribute__((format(printf, 6, 7)))
static int finding(struct checker *c, struct trk_error *err, enum check_kind kind,
		   const char *key, int seq, const char *fmt, ...)
{
	struct check_finding f = { .kind = kind, .key = key, .seq = seq };
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	f.message = msg;
	c->n++;
	return c->fn(&f, c->ctx, err);
}

/* Prepares fixed SQL (every statement here is a literal without user
 * input) and steps through its rows, calling row() for each. */
static int each_row(struct checker *c, const char *sql, const char *what,
		    int (*row)(struct checker *c, sqlite3_stmt *s, void *state,
			       struct trk_error *err),
		    void *state, struct trk_error *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(c->db, sql, -1, &s, NULL) != SQLITE_OK)
		return db_fail(c, err, what);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if ((rc = row(c, s, state, err)))
			goto out;
	rc = rc == SQLITE_DONE ? 0 : db_fail(c, err, what);
out:
	sqlite3_finalize(s);
	return rc;
}

static const char *col_text(sqlite3_stmt *s, int col)
{
	const char *t = (const char *)sqlite3_column_text(s, col);

	return t ? t : "";
}

static int integrity_row(struct checker *c, sqlite3_stmt *s, void *state,
			 struct trk_error *err)
{
	const char *msg = col_text(s, 0);

	return strcmp(msg, "ok") ? finding(c, err, CHECK_INTEGRITY, NULL, 0, "%s", msg) : 0;
}

static int fk_row(struct checker *c, sqlite3_stmt *s, void *state, struct trk_error *err)
{
	return finding(c, err, CHECK_FOREIGN_KEY, col_text(s, 0), 0,
		       "row %lld refers to a missing %s", sqlite3_column_int64(s, 1),
		       col_text(s, 2));
}

static int text_hash_row(struct checker *c, sqlite3_stmt *s, void *state,
			 struct trk_error *err)
{
	const void *text = sqlite3_column_blob(s, 1);
	const char *stored = (const char *)sqlite3_column_text(s, 2);
	char hex[65];

	sha256_hex(text ? text : "", (size_t)sqlite3_column_bytes(s, 1), hex);
	if (!stored)
		return finding(c, err, CHECK_TEXT_HASH, col_text(s, 0), 0,
			       "the letter's text has no text_sha256");
	if (strcmp(stored, hex))
		return finding(c, err, CHECK_TEXT_HASH, col_text(s, 0), 0,
			       "the letter's text does not match its text_sha256 (text altered?)");
	return 0;
}

static int quote_row(struct checker *c, sqlite3_stmt *s, void *state, struct trk_error *err)
{
	return finding(c, err, CHECK_QUOTE, col_text(s, 0), 0,
		       "the quote is not in the text of letter '%s'", col_text(s, 1));
}

/* Walking one kind of chain. Rows come ordered by (commitment_id, seq), the
 * order of the UNIQUE index, so no sort and no memory per commitment. */
struct chain_walk {
	enum check_kind kind;
	void (*hash_row)(sqlite3_stmt *s, char out[65]);
	int64_t cid;              /* commitment being walked */
	int expect;               /* next seq */
	bool broken;              /* first break reported: skip the rest */
	char *prev;               /* hash of the previous record */
};

/* Columns common to both chain queries. */
enum { COL_CID, COL_KEY, COL_SEQ, COL_PREV, COL_HASH, COL_FIELDS };

/* The records are hashed from borrowed column text: the structs below
 * only live for the call, and nothing is freed through them. */
static void checkin_row_hash(sqlite3_stmt *s, char out[65])
{
	struct checkin k;

	checkin_init(&k);
	k.commitment_key = (char *)col_text(s, COL_KEY);
	k.seq = sqlite3_column_int(s, COL_SEQ);
	k.prev_hash = (char *)sqlite3_column_text(s, COL_PREV);
	if (date_parse(col_text(s, COL_FIELDS), &k.as_of, "as_of", NULL))
		k.as_of = DATE_NONE;
	k.recorded_at = (char *)sqlite3_column_text(s, COL_FIELDS + 1);
	k.has_value = sqlite3_column_type(s, COL_FIELDS + 2) != SQLITE_NULL;
	k.value = sqlite3_column_double(s, COL_FIELDS + 2);
	k.note = (char *)sqlite3_column_text(s, COL_FIELDS + 3);
	k.evidence = (char *)sqlite3_column_text(s, COL_FIELDS + 4);
	k.author = (char *)sqlite3_column_text(s, COL_FIELDS + 5);
	k.supersedes = sqlite3_column_int(s, COL_FIELDS + 6);
	checkin_hash(&k, out);
}

static void history_row_hash(sqlite3_stmt *s, char out[65])
{
	struct history h;

	history_init(&h);
	h.commitment_key = (char *)col_text(s, COL_KEY);
	h.seq = sqlite3_column_int(s, COL_SEQ);
	h.prev_hash = (char *)sqlite3_column_text(s, COL_PREV);
	h.field = (char *)sqlite3_column_text(s, COL_FIELDS);
	h.old_value = (char *)sqlite3_column_text(s, COL_FIELDS + 1);
	h.new_value = (char *)sqlite3_column_text(s, COL_FIELDS + 2);
	h.author = (char *)sqlite3_column_text(s, COL_FIELDS + 3);
	h.changed_at = (char *)sqlite3_column_text(s, COL_FIELDS + 4);
	h.reason = (char *)sqlite3_column_text(s, COL_FIELDS + 5);
	history_hash(&h, out);
}

/* Which link of a record is broken, or NULL when it holds. */
static const char *link_fault(struct chain_walk *w, sqlite3_stmt *s, int seq)
{
	char computed[65];

	if (seq != w->expect)
		return seq > w->expect ? "a record before it is missing (seq gap)"
				       : "its seq repeats or goes back";
	if (strcmp(col_text(s, COL_PREV), w->prev))
		return "prev_hash is not the hash of the record before it (chain broken)";
	w->hash_row(s, computed);
	if (strcmp(col_text(s, COL_HASH), computed))
		return "hash does not match the record's content (record altered)";
	return NULL;
}

static int chain_row(struct checker *c, sqlite3_stmt *s, void *state, struct trk_error *err)
{
	struct chain_walk *w = state;
	int64_t cid = sqlite3_column_int64(s, COL_CID);
	int seq = sqlite3_column_int(s, COL_SEQ);
	const char *fault;

	if (sqlite3_column_type(s, COL_KEY) == SQLITE_NULL)
		return 0;     /* no such commitment: foreign_key_check reports it */
	if (cid != w->cid || !w->prev) {
		w->cid = cid;
		w->expect = 1;
		w->broken = false;
		free(w->prev);
		w->prev = xstrdup("");
	}
	if (w->broken)
		return 0;
	if ((fault = link_fault(w, s, seq))) {
		w->broken = true;
		return finding(c, err, w->kind, col_text(s, COL_KEY), seq, "%s", fault);
	}
	free(w->prev);
	w->prev = xstrdup(col_text(s, COL_HASH));
	w->expect++;
	return 0;
}

static int check_chain(struct checker *c, enum check_kind kind, const char *sql,
		       void (*hash_row)(sqlite3_stmt *s, char out[65]), struct trk_error *err)
{
	struct chain_walk w = { .kind = kind, .hash_row = hash_row };
	int rc = each_row(c, sql, check_kind_name(kind), chain_row, &w, err);

	free(w.prev);
	return rc;
}

static const char checkin_chain_sql[] =
	"SELECT r.commitment_id, c.key, r.seq, r.prev_hash, r.hash, r.as_of, r.recorded_at, "
	"r.value, r.note, r.evidence, r.author, r.supersedes FROM checkin r "
	"LEFT JOIN commitment c ON c.id = r.commitment_id ORDER BY r.commitment_id, r.seq";
static const char history_chain_sql[] =
	"SELECT r.commitment_id, c.key, r.seq, r.prev_hash, r.hash, r.field, r.old_value, "
	"r.new_value, r.author, r.changed_at, r.reason FROM history r "
	"LEFT JOIN commitment c ON c.id = r.commitment_id ORDER BY r.commitment_id, r.seq";

static int run_all(struct checker *c, struct trk_error *err)
{
	int rc;

	if ((rc = each_row(c, "PRAGMA integrity_check", "integrity_check", integrity_row,
			   NULL, err))) {
		/* A file too damaged to finish the check is itself the finding;
		 * nothing read from it afterwards could be trusted. */
		int primary = sqlite3_errcode(c->db) & 0xff;
		if (primary != SQLITE_CORRUPT && primary != SQLITE_NOTADB)
			return rc;
		return finding(c, err, CHECK_INTEGRITY, NULL, 0, "%s", sqlite3_errmsg(c->db));
	}
	if ((rc = each_row(c, "PRAGMA foreign_key_check", "foreign_key_check", fk_row,
			   NULL, err)) ||
	    (rc = each_row(c, "SELECT doc_no, text, text_sha256 FROM letter "
			   "WHERE text IS NOT NULL ORDER BY doc_no", "letter texts",
			   text_hash_row, NULL, err)) ||
	    (rc = each_row(c, "SELECT c.key, l.doc_no FROM commitment c JOIN letter l "
			   "ON l.id = c.letter_id WHERE l.text IS NOT NULL "
			   "AND instr(l.text, c.quote) = 0 ORDER BY c.key", "quotes",
			   quote_row, NULL, err)))
		return rc;
	if ((rc = check_chain(c, CHECK_CHECKIN_CHAIN, checkin_chain_sql, checkin_row_hash, err)))
		return rc;
	return check_chain(c, CHECK_HISTORY_CHAIN, history_chain_sql, history_row_hash, err);
}

int check_run(struct store *st, check_fn fn, void *ctx, int *nfindings,
	      struct trk_error *err)
{
	struct checker c = { .db = store_db(st), .fn = fn, .ctx = ctx };
	bool own_txn = sqlite3_get_autocommit(c.db);
	int rc;

	*nfindings = 0;
	if (own_txn && sqlite3_exec(c.db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(&c, err, "starting a read");
	rc = run_all(&c, err);
	if (own_txn)
		sqlite3_exec(c.db, "COMMIT", NULL, NULL, NULL);
	*nfindings = c.n;
	return rc;
}
