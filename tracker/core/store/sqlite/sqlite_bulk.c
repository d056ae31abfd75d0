/* sqlite_bulk.c - the writes of a bulk write, stepped on a second thread.
 *
 * An import spends half its time in SQLite inserting rows and the other
 * half in C deciding what they are (parsing, the rules, hashing): one after
 * the other on one core. During a bulk write (store_write_bulk) the inserts
 * whose outcome is already known (sqlite_bulk_known.c: the row ids are
 * counted here, keys and uids checked free) are copied into a queue as
 * rows of values, and a writer thread steps them, in order, while the
 * caller goes on to the next commitment.
 *
 * The connection is opened without SQLite's own mutex (with it, the two
 * threads fought over it on every call: slower than one thread), so it is
 * never used by both at once. The rule that keeps it so: the writer uses
 * the connection only while rows are queued, and every use on the caller's
 * thread first waits for the queue to empty (sq_quiesce: in sq_stmt,
 * sq_script, and at the start of every scan). A queued row is a private
 * copy: the caller's records may be freed at once.
 *
 * Only a failure of the disk or of SQLite itself can fail a queued row (the
 * door and sqlite_bulk_known.c have ruled out the rest); it is reported by
 * the next queued write or by the commit, which then fails, so the whole
 * write rolls back as before. */
#include "store/sqlite/sqlite_internal.h"

#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "util/date.h"
#include "util/strbuf.h"
#include "util/banned.h"

/* The two threads hand over through atomics, which helgrind does not
 * follow: told where each hand-over is, it checks the rest. */
#if defined(__has_include)
#if __has_include(<valgrind/helgrind.h>)
#include <valgrind/helgrind.h>
#define HANDED_OVER(addr) ANNOTATE_HAPPENS_BEFORE(addr)
#define TAKEN_OVER(addr) ANNOTATE_HAPPENS_AFTER(addr)
#endif
#endif
#ifndef HANDED_OVER
#define HANDED_OVER(addr) ((void)(addr))
#define TAKEN_OVER(addr) ((void)(addr))
#endif

#define BULK_SLOTS 512
/* How long a thread spins for the other before it sleeps: about the C
 * work of one commitment (tens of microseconds). */
#define BULK_SPIN 4000
#define BULK_PARAMS 24
#define BULK_STMTS 16

enum value_type { V_NULL, V_INT, V_REAL, V_TEXT };

struct bulk_value {
	enum value_type type;
	int64_t i;
	double d;
	size_t off, len;            /* V_TEXT: in the row's text */
};

/* One queued write: its SQL (a string literal, the writer's statements are
 * keyed by its address), its values and their texts. A slot's text buffer
 * is kept from row to row, so a long import allocates only at the start. */
struct bulk_row {
	const char *sql;
	const char *what;
	int n;                      /* parameters ?1..?n */
	struct bulk_value v[BULK_PARAMS];
	struct strbuf text;
};

struct bulk_writer {
	pthread_t thread;
	/* head is the writer's, tail the caller's; each reads the other's
	 * without the lock. The lock and the two conditions are for sleeping
	 * only, after a short spin: the two threads hand over about twice
	 * per commitment, and a sleep and a wake each time cost more than
	 * the overlap gains. */
	atomic_size_t head, tail;   /* rows [head, tail) queued, by count */
	atomic_bool writer_waits, caller_waits;
	atomic_bool failed;         /* err is set (by the writer, before) */
	atomic_bool abandoned;      /* the rows left are not wanted */
	pthread_mutex_t lock;
	pthread_cond_t work;        /* the writer sleeps here for rows */
	pthread_cond_t drained;     /* the caller sleeps here for room or for none */
	bool stop;                  /* under the lock */
	struct trk_error err;       /* the first row that failed */
	struct stmt_slot stmts[BULK_STMTS];   /* the writer's own: prepared on its thread */
	int nstmts;
	struct bulk_row rows[BULK_SLOTS];
};

/* ---- a row's values ------------------------------------------------------------------- */

static struct bulk_value *value_at(struct bulk_row *r, int idx)
{
	assert(idx >= 1 && idx <= BULK_PARAMS);   /* the widest write, a commitment, has 21 */
	if (idx > r->n) {
		for (int i = r->n; i < idx; i++)
			r->v[i].type = V_NULL;
		r->n = idx;
	}
	return &r->v[idx - 1];
}

static void row_int(struct bulk_row *r, int idx, int64_t v)
{
	struct bulk_value *x = value_at(r, idx);

	x->type = V_INT;
	x->i = v;
}

static void row_double(struct bulk_row *r, int idx, double v)
{
	struct bulk_value *x = value_at(r, idx);

	x->type = V_REAL;
	x->d = v;
}

static void row_text(struct bulk_row *r, int idx, const char *text, size_t len)
{
	struct bulk_value *x = value_at(r, idx);

	x->type = V_TEXT;
	x->off = r->text.len;
	x->len = len;
	strbuf_add(&r->text, text, len);
}

static void row_null(struct bulk_row *r, int idx)
{
	value_at(r, idx)->type = V_NULL;
}

/* ---- the writer's thread ------------------------------------------------------------ */

static int step_row(struct store_engine *e, struct bulk_writer *w, const struct bulk_row *r,
		    struct trk_error *err)
{
	sqlite3_stmt *s;
	/* The writer's own statements, prepared on its thread: rows are
	 * queued, so the caller is not using the connection. */
	int rc = sq_cached(e, w->stmts, &w->nstmts, BULK_STMTS, r->sql, &s, err);

	if (rc)
		return rc;
	sqlite3_clear_bindings(s);
	for (int i = 0; i < r->n; i++) {
		const struct bulk_value *x = &r->v[i];
		if (x->type == V_INT)
			sqlite3_bind_int64(s, i + 1, x->i);
		else if (x->type == V_REAL)
			sqlite3_bind_double(s, i + 1, x->d);
		else if (x->type == V_TEXT)
			sqlite3_bind_text(s, i + 1, r->text.buf + x->off, (int)x->len, SQLITE_STATIC);
	}
	return sq_exec(e, s, r->what, err);
}

static void relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#endif
}

/* Until rows are queued (true), or the writer is stopped with none left. */
static bool writer_wait(struct bulk_writer *w, size_t head)
{
	bool more;

	for (int i = 0; i < BULK_SPIN; i++) {
		if (atomic_load(&w->tail) != head)
			return true;   /* writer_main takes the rows over */
		relax();
	}
	pthread_mutex_lock(&w->lock);
	atomic_store(&w->writer_waits, true);
	while (atomic_load(&w->tail) == head && !w->stop)
		pthread_cond_wait(&w->work, &w->lock);
	atomic_store(&w->writer_waits, false);
	more = atomic_load(&w->tail) != head;
	pthread_mutex_unlock(&w->lock);
	return more;
}

/* Takes every row queued so far and steps them; only then gives their
 * slots back: until head moves, the caller neither reuses a slot being
 * stepped nor touches the connection. After a failure (or when the write
 * is abandoned) the rows are stepped over, so the caller never waits on a
 * writer that has stopped working. */
static void *writer_main(void *arg)
{
	struct store_engine *e = arg;
	struct bulk_writer *w = e->bulk;
	size_t head = 0, tail;
	struct trk_error err;

	while ((tail = atomic_load(&w->tail)) != head || writer_wait(w, head)) {
		tail = atomic_load(&w->tail);
		TAKEN_OVER(&w->tail);
		for (; head != tail; head++) {
			if (atomic_load(&w->failed) || atomic_load(&w->abandoned))
				continue;
			if (step_row(e, w, &w->rows[head % BULK_SLOTS], &err)) {
				w->err = err;
				atomic_store(&w->failed, true);
			}
		}
		HANDED_OVER(&w->head);
		atomic_store(&w->head, head);
		if (atomic_load(&w->caller_waits)) {
			pthread_mutex_lock(&w->lock);
			pthread_cond_signal(&w->drained);
			pthread_mutex_unlock(&w->lock);
		}
	}
	return NULL;
}

/* ---- the caller's side --------------------------------------------------------------- */

static void writer_free(struct bulk_writer *w)
{
	for (int i = 0; i < w->nstmts; i++)
		sqlite3_finalize(w->stmts[i].stmt);
	for (int i = 0; i < BULK_SLOTS; i++)
		strbuf_release(&w->rows[i].text);
	pthread_mutex_destroy(&w->lock);
	pthread_cond_destroy(&w->work);
	pthread_cond_destroy(&w->drained);
	free(w);
}

/* false: no thread; the rows are stepped at once. */
static bool writer_start(struct store_engine *e)
{
	struct bulk_writer *w = xcalloc(1, sizeof(*w));

	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->work, NULL);
	pthread_cond_init(&w->drained, NULL);
	for (int i = 0; i < BULK_SLOTS; i++)
		strbuf_init(&w->rows[i].text);
	e->bulk = w;
	if (pthread_create(&w->thread, NULL, writer_main, e)) {
		e->bulk = NULL;
		writer_free(w);
		return false;
	}
	return true;
}

/* Waits until at most `left` rows are queued. */
static void wait_until(struct bulk_writer *w, size_t left)
{
	size_t tail = atomic_load(&w->tail);

	for (int i = 0; i < BULK_SPIN; i++) {
		if (tail - atomic_load(&w->head) <= left)
			goto taken;
		relax();
	}
	pthread_mutex_lock(&w->lock);
	atomic_store(&w->caller_waits, true);
	while (tail - atomic_load(&w->head) > left)
		pthread_cond_wait(&w->drained, &w->lock);
	atomic_store(&w->caller_waits, false);
	pthread_mutex_unlock(&w->lock);
taken:
	TAKEN_OVER(&w->head);
}

void sq_bulk_wait(struct store_engine *e)
{
	wait_until(e->bulk, 0);
}

bool sq_bulk_defers(struct store_engine *e)
{
	if (!e->bulk_mode || e->scanning)
		return false;
	if (!e->bulk && !writer_start(e))
		e->bulk_mode = false;   /* no thread: this write steps them itself */
	return e->bulk_mode;
}

/* The slot for the next row, once there is room; NULL with err set when a
 * row before it failed. */
static struct bulk_row *queue_row(struct store_engine *e, const char *sql, const char *what,
				  struct trk_error *err)
{
	struct bulk_writer *w = e->bulk;
	struct bulk_row *r;

	wait_until(w, BULK_SLOTS - 1);
	if (atomic_load(&w->failed)) {
		*err = w->err;
		return NULL;
	}
	r = &w->rows[atomic_load(&w->tail) % BULK_SLOTS];
	r->sql = sql;
	r->what = what;
	r->n = 0;
	strbuf_reset(&r->text);
	return r;
}

static void queue_publish(struct store_engine *e)
{
	struct bulk_writer *w = e->bulk;

	HANDED_OVER(&w->tail);
	atomic_fetch_add(&w->tail, 1);
	if (atomic_load(&w->writer_waits)) {
		pthread_mutex_lock(&w->lock);
		pthread_cond_signal(&w->work);
		pthread_mutex_unlock(&w->lock);
	}
}

/* ---- one write, stepped now or queued ------------------------------------------------ */

int sq_write_begin(struct store_engine *e, const char *sql, const char *what, bool may_queue,
		   struct sq_write *w, struct trk_error *err)
{
	w->what = what;
	w->stmt = NULL;
	w->row = NULL;
	if (may_queue && sq_bulk_defers(e))
		return (w->row = queue_row(e, sql, what, err)) ? 0 : err->code;
	return sq_stmt(e, sql, &w->stmt, err);
}

int sq_write_end(struct store_engine *e, struct sq_write *w, struct trk_error *err)
{
	if (w->row) {
		queue_publish(e);
		return 0;
	}
	return sq_exec(e, w->stmt, w->what, err);
}

void sqw_null(struct sq_write *w, int idx)
{
	if (w->row)
		row_null(w->row, idx);
	else
		sqlite3_bind_null(w->stmt, idx);
}

void sqw_value(struct sq_write *w, int idx, const char *text)
{
	if (!text)
		sqw_null(w, idx);
	else if (w->row)
		row_text(w->row, idx, text, strlen(text));
	else
		sqlite3_bind_text(w->stmt, idx, text, -1, SQLITE_STATIC);
}

void sqw_text(struct sq_write *w, int idx, const char *text)
{
	sqw_value(w, idx, text && *text ? text : NULL);
}

void sqw_int(struct sq_write *w, int idx, int64_t v)
{
	if (w->row)
		row_int(w->row, idx, v);
	else
		sqlite3_bind_int64(w->stmt, idx, v);
}

void sqw_double(struct sq_write *w, int idx, double v)
{
	if (w->row)
		row_double(w->row, idx, v);
	else
		sqlite3_bind_double(w->stmt, idx, v);
}

void sqw_date(struct sq_write *w, int idx, int32_t date)
{
	char buf[DATE_BUFSZ];

	if (date == DATE_NONE)
		sqw_null(w, idx);
	else if (date_format(date, buf), w->row)
		row_text(w->row, idx, buf, 10);
	else
		sqlite3_bind_text(w->stmt, idx, buf, 10, SQLITE_TRANSIENT);
}

/* Stops the writer once its rows are stepped (or, abandoning, stepped
 * over: they would be rolled back anyway). */
static int writer_stop(struct store_engine *e, bool abandon, struct trk_error *err)
{
	struct bulk_writer *w = e->bulk;
	int rc = 0;

	if (!w)
		return 0;
	if (abandon)
		atomic_store(&w->abandoned, true);
	pthread_mutex_lock(&w->lock);
	w->stop = true;
	pthread_cond_signal(&w->work);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	if (!abandon && atomic_load(&w->failed)) {
		*err = w->err;
		rc = err->code;
	}
	e->bulk = NULL;
	writer_free(w);
	return rc;
}

int sq_bulk_end(struct store_engine *e, struct trk_error *err)
{
	e->bulk_mode = false;
	sq_known_end(e);
	return writer_stop(e, false, err);
}

void sq_bulk_abandon(struct store_engine *e)
{
	struct trk_error ignored;

	e->bulk_mode = false;
	sq_known_end(e);
	writer_stop(e, true, &ignored);
}
