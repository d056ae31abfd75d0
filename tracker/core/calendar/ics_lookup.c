/* ics_lookup.c - what a calendar entry says beyond the commitment row: the
 * letter's date, the latest check-in, when the last check-in was recorded
 * (LAST-MODIFIED) and when the commitment was marked done (COMPLETED).
 * One prepared statement, run once per commitment while store_query()
 * streams, so memory stays flat. */
#include <stdlib.h>
#include <string.h>

#include "util/date.h"
#include "calendar/ics.h"
#include "util/banned.h"

struct ics_lookup {
	struct store *st;
	sqlite3_stmt *stmt;
	const struct view *v;
};

/* ?1 commitment id, ?2 as-of date, ?3 known_at (NULL = everything). The
 * latest check-in is chosen as store_query() chooses the effective value:
 * by as_of, then seq. */
static const char lookup_sql[] =
	"SELECT l.date, k.as_of, k.value, k.note, k.author, "
	" (SELECT max(recorded_at) FROM checkin WHERE commitment_id = ?1 AND as_of <= ?2 "
	"   AND (?3 IS NULL OR recorded_at <= ?3)), "
	" CASE WHEN c.status = 'done' THEN (SELECT max(changed_at) FROM history h "
	"   WHERE h.commitment_id = ?1 AND h.field = 'status' AND h.new_value = 'done' "
	"   AND (?3 IS NULL OR h.changed_at <= ?3)) END "
	"FROM commitment c JOIN letter l ON l.id = c.letter_id "
	"LEFT JOIN checkin k ON k.commitment_id = ?1 AND k.seq = (SELECT seq FROM checkin "
	"  WHERE commitment_id = ?1 "
	"  AND as_of <= ?2 AND (?3 IS NULL OR recorded_at <= ?3) "
	"  ORDER BY as_of DESC, seq DESC LIMIT 1) "
	"WHERE c.id = ?1";

int ics_lookup_new(struct store *st, const struct view *v, struct ics_lookup **out,
		   struct trk_error *err)
{
	struct ics_lookup *q = xcalloc(1, sizeof(*q));

	q->st = st;
	q->v = v;
	if (sqlite3_prepare_v2(store_db(st), lookup_sql, -1, &q->stmt, NULL) != SQLITE_OK) {
		int rc = store_sqlite_err(st, err, "preparing the calendar look-up");
		free(q);
		return rc;
	}
	*out = q;
	return 0;
}

void ics_lookup_free(struct ics_lookup *q)
{
	if (!q)
		return;
	sqlite3_finalize(q->stmt);
	free(q);
}

static void read_row(sqlite3_stmt *s, struct ics_extra *x)
{
	x->letter_date = column_date(s, 0);
	x->latest_as_of = column_date(s, 1);
	x->has_latest = x->latest_as_of != DATE_NONE;
	x->latest_has_value = sqlite3_column_type(s, 2) != SQLITE_NULL;
	x->latest_value = sqlite3_column_double(s, 2);
	x->latest_note = column_strdup(s, 3);
	x->latest_author = column_strdup(s, 4);
	x->last_recorded_at = column_strdup(s, 5);
	x->completed_at = column_strdup(s, 6);
}

int ics_lookup_get(struct ics_lookup *q, const struct commitment *c, struct ics_extra *x,
		   struct trk_error *err)
{
	char as_of[DATE_BUFSZ];
	int rc;

	memset(x, 0, sizeof(*x));
	x->letter_date = x->latest_as_of = DATE_NONE;
	date_format(q->v->as_of, as_of);
	sqlite3_reset(q->stmt);
	sqlite3_bind_int64(q->stmt, 1, c->id);
	sqlite3_bind_text(q->stmt, 2, as_of, -1, SQLITE_TRANSIENT);
	if (q->v->known_at)
		sqlite3_bind_text(q->stmt, 3, q->v->known_at, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(q->stmt, 3);
	rc = sqlite3_step(q->stmt);
	if (rc == SQLITE_ROW)
		read_row(q->stmt, x);
	sqlite3_reset(q->stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_sqlite_err(q->st, err, "reading a commitment for the calendar");
	return 0;
}

void ics_extra_release(struct ics_extra *x)
{
	free(x->latest_note);
	free(x->latest_author);
	free(x->last_recorded_at);
	free(x->completed_at);
	memset(x, 0, sizeof(*x));
	x->letter_date = x->latest_as_of = DATE_NONE;
}
