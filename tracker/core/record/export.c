/* export.c - `tracker export json` (see export.h). */
#include "record/export.h"

#include <errno.h>
#include <string.h>

#include "record/record_json.h"
#include "util/strbuf.h"
#include "util/banned.h"

struct export {
	struct store *st;
	const char *doc_no;
	FILE *out;
	struct strbuf sb;
	int nowners, nletters, ncommitments;
};

/* Writes and empties the buffer. */
static int flush(struct export *x, struct trk_error *err)
{
	if (x->sb.len && fwrite(x->sb.buf, 1, x->sb.len, x->out) != x->sb.len)
		return trk_err(err, TRK_EIO, "cannot write the export: %s", strerror(errno));
	strbuf_reset(&x->sb);
	return 0;
}

static int write_owner(const struct owner *o, void *arg, struct trk_error *err)
{
	struct export *x = arg;
	struct jsonw w;

	(void)err;
	strbuf_addstr(&x->sb, x->nowners++ ? "," : "");
	jsonw_init(&w, &x->sb, false);
	json_owner(&w, NULL, o, false);
	return 0;
}

static int write_commitment(const struct commitment_record *r, void *arg, struct trk_error *err)
{
	struct export *x = arg;
	struct jsonw w;

	strbuf_addstr(&x->sb, x->ncommitments++ ? ",\n" : "\n");
	jsonw_init(&w, &x->sb, false);
	json_commitment_open(&w, NULL, r->c, NULL);
	jsonw_array(&w, "history");
	for (size_t i = 0; i < r->nhistory; i++)
		json_history(&w, NULL, &r->history[i]);
	jsonw_end(&w);
	jsonw_array(&w, "checkins");
	for (size_t i = 0; i < r->ncheckins; i++)
		json_checkin(&w, NULL, &r->checkins[i]);
	jsonw_end(&w);
	jsonw_end(&w);
	return flush(x, err);
}

/* A letter's members, then its commitments streamed into "commitments". */
static int write_letter(const struct letter *l, void *arg, struct trk_error *err)
{
	struct export *x = arg;
	struct query q;
	struct jsonw w;
	int rc;

	if (x->doc_no && strcmp(x->doc_no, l->doc_no))
		return 0;
	strbuf_addstr(&x->sb, x->nletters++ ? ",\n" : "\n");
	jsonw_init(&w, &x->sb, false);
	json_letter(&w, NULL, l, true);
	strbuf_setlen(&x->sb, x->sb.len - 1);   /* reopen the object */
	strbuf_addstr(&x->sb, ",\"commitments\":[");
	if ((rc = query_init(&q, err)))
		return rc;
	q.f.letter = l->doc_no;
	q.order = SORT_ADDED;
	q.want = WANT_CHECKINS | WANT_HISTORY | WANT_BULK;
	x->ncommitments = 0;
	if ((rc = store_query(x->st, &q, write_commitment, x, err)))
		return rc;
	strbuf_addstr(&x->sb, "\n]}");
	return flush(x, err);
}

static int run(struct store *st, void *arg, struct trk_error *err)
{
	struct export *x = arg;
	int rc;

	strbuf_addstr(&x->sb, "{\"format\":\"tracker/1\",\n\"owners\":[");
	if ((rc = store_owners(st, write_owner, x, err)))
		return rc;
	strbuf_addstr(&x->sb, "],\n\"letters\":[");
	if ((rc = flush(x, err)) || (rc = store_letters(st, true, write_letter, x, err)))
		return rc;
	strbuf_addstr(&x->sb, "\n]}\n");
	if ((rc = flush(x, err)))
		return rc;
	return fflush(x->out) == EOF ? trk_err(err, TRK_EIO, "cannot write the export: %s",
					       strerror(errno)) : 0;
}

int export_json(struct store *st, const char *doc_no, FILE *out, struct trk_error *err)
{
	struct export x = { .st = st, .doc_no = doc_no, .out = out, .sb = STRBUF_INIT };
	int rc = store_read(st, run, &x, err);

	strbuf_release(&x.sb);
	return rc;
}
