/* export.c - `tracker export json` (see export.h).
 *
 * The store's scan lends each commitment's records; turning them into JSON
 * was about half of an export, so it is done on a thread beside the scan
 * (util/beside.h) from copies of the records, and the scan goes on. Every
 * byte, the owners and the letters' members included, goes out through
 * that thread, in order. */
#include "record/export.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "model/arena_copy.h"
#include "record/record_json.h"
#include "util/beside.h"
#include "util/strbuf.h"
#include "util/banned.h"

/* One piece of the export, for the thread that writes it: text as it is
 * (the owners, a letter's members, the closing brackets), or a
 * commitment's records, copied out of the scan. */
struct piece {
	struct strbuf text;
	bool record, first;       /* first: the first commitment of its letter */
	struct arena a;           /* the record's texts */
	struct commitment c;
	struct checkin *k;
	struct history *h;
	size_t nk, nh;
};

struct export {
	struct store *st;
	const char *doc_no;
	FILE *out;
	struct strbuf sb;         /* text not yet handed over */
	int nowners, nletters, ncommitments;
	struct beside beside;
	struct strbuf line;       /* the thread's: one commitment's JSON */
};

static int write_text(struct export *x, const struct strbuf *sb, struct trk_error *err)
{
	if (sb->len && fwrite(sb->buf, 1, sb->len, x->out) != sb->len)
		return trk_err(err, TRK_EIO, "cannot write the export: %s", strerror(errno));
	return 0;
}

static void format_record(struct strbuf *sb, const struct piece *pc)
{
	struct jsonw w;

	strbuf_reset(sb);
	strbuf_addstr(sb, pc->first ? "\n" : ",\n");
	jsonw_init(&w, sb, false);
	json_commitment_open(&w, NULL, &pc->c, NULL);
	jsonw_array(&w, "history");
	for (size_t i = 0; i < pc->nh; i++)
		json_history(&w, NULL, &pc->h[i]);
	jsonw_end(&w);
	jsonw_array(&w, "checkins");
	for (size_t i = 0; i < pc->nk; i++)
		json_checkin(&w, NULL, &pc->k[i]);
	jsonw_end(&w);
	jsonw_end(&w);
}

/* The thread's work on one piece. */
static int write_piece(void *arg, void *item, struct trk_error *err)
{
	struct export *x = arg;
	struct piece *pc = item;

	if (pc->record)
		format_record(&x->line, pc);
	return write_text(x, pc->record ? &x->line : &pc->text, err);
}

static void free_piece(void *arg, void *item)
{
	struct piece *pc = item;

	(void)arg;
	strbuf_release(&pc->text);
	arena_release(&pc->a);
	free(pc);
}

static struct piece *piece_new(void)
{
	struct piece *pc = xcalloc(1, sizeof(*pc));

	strbuf_init(&pc->text);
	pc->a = (struct arena)ARENA_SMALL_INIT;
	return pc;
}

/* Hands the text gathered so far to the thread, after what went before. */
static int flush(struct export *x, struct trk_error *err)
{
	struct piece *pc;
	int rc = beside_error(&x->beside, err);

	if (rc || !x->sb.len)
		return rc;
	pc = piece_new();
	pc->text = x->sb;         /* the text moves to the piece */
	strbuf_init(&x->sb);
	beside_put(&x->beside, pc);
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
	struct piece *pc;
	int rc = flush(x, err);

	if (rc)
		return rc;
	pc = piece_new();
	pc->record = true;
	pc->first = !x->ncommitments++;
	commitment_copy_in(&pc->a, &pc->c, r->c);
	pc->k = checkins_copy_in(&pc->a, r->checkins, r->ncheckins);
	pc->nk = r->ncheckins;
	pc->h = history_copy_in(&pc->a, r->history, r->nhistory);
	pc->nh = r->nhistory;
	beside_put(&x->beside, pc);
	return 0;
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
	beside_drain(&x->beside);
	if ((rc = beside_error(&x->beside, err)))
		return rc;
	return fflush(x->out) == EOF ? trk_err(err, TRK_EIO, "cannot write the export: %s",
					       strerror(errno)) : 0;
}

int export_json(struct store *st, const char *doc_no, FILE *out, struct trk_error *err)
{
	struct export x = { .st = st, .doc_no = doc_no, .out = out, .sb = STRBUF_INIT,
			    .line = STRBUF_INIT };
	int rc;

	beside_init(&x.beside, write_piece, free_piece, &x);
	rc = store_read(st, run, &x, err);
	beside_release(&x.beside);
	strbuf_release(&x.sb);
	strbuf_release(&x.line);
	return rc;
}
