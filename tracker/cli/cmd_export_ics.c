/* cmd_export_ics.c - `tracker export ics`: deadlines (and to-dos, check-in
 * days) as iCalendar for the calendars people already use. The same filters
 * as `list`; one file, stdout, or one file per department. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cmd.h"
#include "opts.h"
#include "outfile.h"
#include "select.h"
#include "util/date.h"
#include "calendar/ics.h"
#include "model/settings.h"
#include "util/banned.h"

#define CHECKIN_DAY_DEFAULT 25

struct ics_opts {
	struct select_opts sel;
	const char *alarm, *out, *split_by, *out_dir;
	bool todo, both, checkins, no_alarms;
};

/* One export: the store, the view and the writer of the current file. */
struct ics_run {
	struct cmd_ctx *ctx;
	struct store *st;
	struct filter f;
	struct view v;
	struct ics_config cfg;
	struct ics_lookup *lookup;
	struct ics_writer *w;
};

static int check_opts(const struct ics_opts *o, struct ics_config *cfg, struct trk_error *err)
{
	int rc;

	cfg->parts = o->both ? ICS_EVENTS | ICS_TODOS : o->todo ? ICS_TODOS : ICS_EVENTS;
	if (o->checkins)
		cfg->parts |= ICS_CHECKINS;
	if (o->alarm && o->no_alarms)
		return trk_err(err, TRK_EUSAGE, "--alarm and --no-alarms exclude each other");
	if (o->no_alarms)
		cfg->alarms.n = 0;
	else if (!o->alarm)
		ics_alarms_default(&cfg->alarms);
	else if ((rc = ics_parse_alarms(o->alarm, &cfg->alarms, err)))
		return rc;
	if (o->split_by && strcmp(o->split_by, "owner"))
		return trk_err(err, TRK_EUSAGE, "--split-by: unknown value '%s' (only 'owner')",
			       o->split_by);
	if (o->split_by && !o->out_dir)
		return trk_err(err, TRK_EUSAGE, "--split-by owner needs --out-dir DIR");
	if (o->out_dir && !o->split_by)
		return trk_err(err, TRK_EUSAGE, "--out-dir goes with --split-by owner");
	if (o->split_by && o->out)
		return trk_err(err, TRK_EUSAGE, "--out and --split-by exclude each other");
	if (o->split_by && o->sel.owner)
		return trk_err(err, TRK_EUSAGE, "--owner and --split-by owner exclude each other");
	return 0;
}

static int read_checkin_day(struct store *st, int *out, struct trk_error *err)
{
	static const char key[] = "calendar.checkin_day";
	char *v = NULL;
	int rc;

	*out = CHECKIN_DAY_DEFAULT;
	if ((rc = store_setting_get(st, key, &v, err)) || !v)
		return rc;
	if (!(rc = setting_find(key)->check(key, v, err)))
		*out = atoi(v);
	free(v);
	return rc;
}

/* X-WR-CALNAME: what was selected, e.g. "承诺事项截止日期 · 市经信局 · open". */
static void build_calname(struct strbuf *sb, const struct ics_opts *o, const char *owner)
{
	const struct select_opts *s = &o->sel;

	strbuf_addstr(sb, o->todo && !o->both ? "承诺事项待办" : "承诺事项截止日期");
	if (s->key)
		strbuf_addf(sb, " · %s", s->key);
	if (owner)
		strbuf_addf(sb, " · %s", owner);
	if (s->letter)
		strbuf_addf(sb, " · %s", s->letter);
	if (s->kind)
		strbuf_addf(sb, " · %s", s->kind);
	if (s->tag)
		strbuf_addf(sb, " · #%s", s->tag);
	for (size_t i = 0; i < s->status.n; i++)
		strbuf_addf(sb, "%s%s", i ? "/" : " · ", s->status.items[i]);
	for (size_t i = 0; i < s->health.n; i++)
		strbuf_addf(sb, "%s%s", i ? "/" : " · ", s->health.items[i]);
	if (s->due_after || s->due_before)
		strbuf_addf(sb, " · %s–%s", s->due_after ? s->due_after : "",
			    s->due_before ? s->due_before : "");
	if (s->open_only)
		strbuf_addstr(sb, " · 未完成");
}

static int add_one(const struct commitment *c, const struct checkin_summary *s,
		   const struct progress *p, void *arg, struct trk_error *err)
{
	struct ics_run *r = arg;
	struct ics_extra x;
	int rc;

	(void)s;   /* the progress p already says what the description needs */

	if ((rc = ics_lookup_get(r->lookup, c, &x, err)))
		return rc;
	rc = ics_writer_add(r->w, c, p, &x, err);
	ics_extra_release(&x);
	return rc;
}

static void print_notes(struct ics_run *r, const char *path)
{
	const struct ics_counts *n = ics_writer_counts(r->w);
	FILE *msg = r->ctx->msg;

	if (!n->commitments) {
		fprintf(msg, "note: %s%sno commitments match; wrote an empty calendar\n",
			path ? path : "", path ? ": " : "");
		return;
	}
	fprintf(msg, "%s%sexported %ld commitments: %ld events, %ld to-dos, %ld check-in days, "
		"%ld reminders\n", path ? path : "", path ? ": " : "", n->commitments, n->events,
		n->todos, n->checkins, n->alarms);
	if (n->undated && (r->cfg.parts & ICS_EVENTS))
		fprintf(msg, "note: %ld commitments have no due date and so no deadline event%s\n",
			n->undated, r->cfg.parts & (ICS_TODOS | ICS_CHECKINS) ? "" :
			" (see --todo, --checkins)");
}

/* Writes one calendar of the commitments matching r->f to path (stdout
 * when NULL), atomically. */
static int export_file(struct ics_run *r, const char *path, const char *calname,
		       struct trk_error *err)
{
	struct outfile of;
	int rc;

	if ((rc = outfile_open(&of, path, r->ctx->out, err)))
		return rc;
	r->cfg.calname = calname;
	if (!(rc = ics_writer_new(of.f, &r->cfg, &r->w, err))) {
		/* By key: calendars do not care about order, the key order needs
		 * no sort (less memory at 100,000 rows) and keeps files diffable. */
		if (!(rc = store_query(r->st, &r->f, SORT_KEY, &r->v, add_one, r, err)))
			rc = ics_writer_finish(r->w, err);
		if (rc == TRK_EIO && path)
			trk_err_prefix(err, "'%s'", path);
	}
	rc = outfile_close(&of, rc, err);
	if (!rc)
		print_notes(r, path);
	ics_writer_free(r->w);
	r->w = NULL;
	return rc;
}

/* ---- --split-by owner ----------------------------------------------------- */

static int collect_owner(const struct commitment *c, const struct checkin_summary *s,
			 const struct progress *p, void *arg, struct trk_error *err)
{
	struct strlist *owners = arg;

	(void)s, (void)p, (void)err;

	if (!strlist_has(owners, c->owner))
		strlist_push(owners, c->owner);
	for (size_t i = 0; i < c->co_owners.n; i++)
		if (!strlist_has(owners, c->co_owners.items[i]))
			strlist_push(owners, c->co_owners.items[i]);
	return 0;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int make_dir(const char *dir, struct trk_error *err)
{
	struct stat sb;

	if (mkdir(dir, 0777) == 0)
		return 0;
	if (errno == EEXIST && stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode))
		return 0;
	return trk_err(err, TRK_EIO, "cannot create directory '%s': %s", dir,
		       errno == EEXIST ? "a file is in the way" : strerror(errno));
}

/* DIR/NAME.ics, with -2, -3... when two names come out the same (compared
 * without case, as macOS and Windows file systems do). */
static void owner_path(struct strbuf *path, const char *dir, const char *owner,
		       struct strlist *used)
{
	char *base = ics_safe_filename(owner);
	struct strbuf name = STRBUF_INIT;

	strbuf_addstr(&name, base);
	for (int n = 2; ; n++) {
		bool taken = false;
		for (size_t i = 0; i < used->n && !taken; i++)
			taken = !strcasecmp(used->items[i], name.buf);
		if (!taken)
			break;
		strbuf_reset(&name);
		strbuf_addf(&name, "%s-%d", base, n);
	}
	strlist_push(used, name.buf);
	strbuf_reset(path);
	strbuf_addf(path, "%s/%s.ics", dir, name.buf);
	strbuf_release(&name);
	free(base);
}

static int export_split(struct ics_run *r, const struct ics_opts *o, struct trk_error *err)
{
	struct strlist owners = { 0 }, used = { 0 };
	struct strbuf path = STRBUF_INIT, calname = STRBUF_INIT;
	int rc;

	if ((rc = make_dir(o->out_dir, err)) ||
	    (rc = store_query(r->st, &r->f, SORT_KEY, &r->v, collect_owner, &owners, err)))
		goto out;
	if (!owners.n)
		fprintf(r->ctx->msg, "note: no commitments match; no files written\n");
	if (owners.n > 1)
		qsort(owners.items, owners.n, sizeof(*owners.items), compare_names);
	for (size_t i = 0; i < owners.n && !rc; i++) {
		r->f.owner = owners.items[i];
		owner_path(&path, o->out_dir, owners.items[i], &used);
		strbuf_reset(&calname);
		build_calname(&calname, o, owners.items[i]);
		rc = export_file(r, path.buf, calname.buf, err);
	}
	r->f.owner = NULL;
out:
	strlist_release(&owners);
	strlist_release(&used);
	strbuf_release(&path);
	strbuf_release(&calname);
	return rc;
}

/* ---- the command ------------------------------------------------------------ */

static int run_export(struct ics_run *r, const struct ics_opts *o, struct trk_error *err)
{
	struct strbuf calname = STRBUF_INIT;
	int rc;

	if ((rc = ics_lookup_new(r->st, &r->v, &r->lookup, err)))
		return rc;
	if (o->split_by) {
		rc = export_split(r, o, err);
	} else {
		build_calname(&calname, o, r->f.owner);
		rc = export_file(r, o->out, calname.buf, err);
	}
	strbuf_release(&calname);
	ics_lookup_free(r->lookup);
	r->lookup = NULL;
	return rc;
}

int cmd_export_ics(int argc, char **argv, struct cmd_ctx *ctx, struct trk_error *err)
{
	struct ics_opts o = { 0 };
	struct opt opts[] = {
		SELECT_OPTS(o.sel), { "todo", OPT_FLAG, &o.todo }, { "both", OPT_FLAG, &o.both },
		{ "checkins", OPT_FLAG, &o.checkins }, { "alarm", OPT_STRING, &o.alarm },
		{ "no-alarms", OPT_FLAG, &o.no_alarms }, { "out", OPT_STRING, &o.out },
		{ "split-by", OPT_STRING, &o.split_by }, { "out-dir", OPT_STRING, &o.out_dir },
		{ NULL, 0, NULL } };
	struct ics_run r = { .ctx = ctx };
	char *owner = NULL;
	bool help;
	int rc;

	/* Everything that can fail is checked before a file is opened, so a
	 * bad option never leaves a file behind. */
	if ((rc = opts_parse(argc, argv, opts, NULL, 0, 0, NULL, &help, err)) || help ||
	    (rc = check_opts(&o, &r.cfg, err)) || (rc = cmd_store(ctx, &r.st, err)) ||
	    (rc = select_build(r.st, &o.sel, &r.f, &r.v, &owner, err)) ||
	    (rc = read_checkin_day(r.st, &r.cfg.checkin_day, err)) ||
	    (rc = clock_now_epoch(&r.cfg.now, err)))
		goto out;
	r.cfg.as_of = r.v.as_of;
	rc = run_export(&r, &o, err);
out:
	select_release(&o.sel);
	free(owner);
	return rc;
}
