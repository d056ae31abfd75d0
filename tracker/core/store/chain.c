/* chain.c - the chain head over every commitment's record. */
#include "store/chain.h"

#include <string.h>

#include "util/sha256.h"
#include "util/banned.h"

/* Keys sort by bytes (COLLATE BINARY is the column's default), so the order
 * and hence the head do not depend on the locale. */
static const char head_sql[] =
	"SELECT c.key, "
	"(SELECT k.hash FROM checkin k WHERE k.commitment_id = c.id "
	" AND (?1 IS NULL OR k.recorded_at <= ?1) ORDER BY k.seq DESC LIMIT 1), "
	"(SELECT h.hash FROM history h WHERE h.commitment_id = c.id "
	" AND (?1 IS NULL OR h.changed_at <= ?1) ORDER BY h.seq DESC LIMIT 1) "
	"FROM commitment c WHERE ?1 IS NULL OR c.created_at <= ?1 ORDER BY c.key";

/* Fields end with the unit separator and records with the record
 * separator, which text_check() keeps out of stored text, so no two
 * different sequences of records hash the same bytes. */
static void add_field(struct sha256 *ctx, sqlite3_stmt *s, int col, char end)
{
	const void *t = sqlite3_column_blob(s, col);

	if (t)
		sha256_update(ctx, t, (size_t)sqlite3_column_bytes(s, col));
	sha256_update(ctx, &end, 1);
}

static int hash_rows(sqlite3 *db, const char *known_at, char out[65], struct trk_error *err)
{
	struct sha256 ctx;
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(db, head_sql, -1, &s, NULL) != SQLITE_OK)
		return trk_err(err, TRK_EDB, "chain head: %s", sqlite3_errmsg(db));
	if (known_at)
		sqlite3_bind_text(s, 1, known_at, -1, SQLITE_TRANSIENT);
	sha256_init(&ctx);
	sha256_update(&ctx, "head/1\x1e", 7);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		add_field(&ctx, s, 0, '\x1f');
		add_field(&ctx, s, 1, '\x1f');
		add_field(&ctx, s, 2, '\x1e');
	}
	if (rc != SQLITE_DONE)
		rc = trk_err(err, TRK_EDB, "chain head: %s", sqlite3_errmsg(db));
	else
		rc = 0;
	sqlite3_finalize(s);
	if (!rc)
		sha256_final_hex(&ctx, out);
	return rc;
}

int store_chain_head(struct store *st, const char *known_at, char out[65],
		     struct trk_error *err)
{
	sqlite3 *db = store_db(st);
	bool own_txn = sqlite3_get_autocommit(db);
	int rc;

	/* One snapshot: a writer committing between two rows would give a head
	 * that no state of the database ever had. */
	if (own_txn && sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return trk_err(err, TRK_EDB, "chain head: %s", sqlite3_errmsg(db));
	rc = hash_rows(db, known_at, out, err);
	/* The transaction only read: ending it cannot fail in a way that
	 * matters to the head already computed. */
	if (own_txn)
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	return rc;
}
