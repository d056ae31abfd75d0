/* ics.c - the calendar writer: one VCALENDAR header, then the components
 * of each commitment built with libical, serialised, refolded and written
 * (on a thread beside: util/beside.h), then END:VCALENDAR. A bounded
 * number of batches of components exist at a time, so memory stays
 * flat however many commitments are exported; a printed deadline event is
 * filled again for the next rather than freed (ics_piece.h). The header
 * waits for the first component: a calendar with none is not written at
 * all unless asked for (ics_config.allow_empty). */
#include "calendar/ics_libical.h"
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "util/date.h"
#include "calendar/ics.h"
#include "calendar/ics_piece.h"
#include "util/beside.h"

#include "model/format.h"
#include "util/digest.h"
#include "util/utf8.h"
#include "util/banned.h"

#define ICS_PRODID "-//tracker//Commitment deadlines 0.1//ZH"
#define ICS_CHECKIN_QUARTERS_MAX 40   /* ten years of check-in days at most */
#define ICS_CHECKIN_OPEN_ENDED 4      /* quarters shown for work without due */
#define ICS_CHECKIN_ALARM_HOURS 9     /* a check-in day reminds at 09:00 */

struct ics_writer {
	FILE *f;
	struct ics_config cfg;
	char *calname;
	struct strbuf head;       /* the calendar's properties, until a component */
	struct strbuf tail;       /* the calendar's END line, as libical wrote it */
	bool started;             /* head written */
	struct strbuf out;        /* one component's text, reused */
	struct strbuf summary, description, categories, scratch;
	struct ics_counts counts;
	struct icaltimetype dtstamp;
	/* A write to f failed, and its errno. Set on the printer's thread and
	 * read on the builder's while the printer runs (so a full disk stops
	 * the building too), hence atomic; write_errno is written before
	 * failed is set (release) and read after it is seen (acquire). */
	atomic_bool failed;
	int write_errno;
	/* Prints each component beside the building of the next: out, head,
	 * started and f are the printer's until it is drained. */
	struct beside printer;
	struct ics_pieces pieces;     /* printed deadline events, to fill again */
};

/* One commitment while its components are built. */
struct item {
	const struct commitment *c;
	const struct progress *p;
	const struct ics_extra *x;
	struct icaltimetype created, modified;
	bool active;              /* neither done nor cancelled */
};

/* ---- values ------------------------------------------------------------- */

/* A DATE value: no time, no zone, so no client can shift it. */
static struct icaltimetype ics_date(int32_t days)
{
	struct icaltimetype t = sym_icaltime_null_date();
	int y, m, d;

	date_to_ymd(days, &y, &m, &d);
	t.year = y, t.month = m, t.day = d;
	return t;
}

static struct icaltimetype ics_utc(int64_t epoch)
{
	return sym_icaltime_from_timet_with_zone((time_t)epoch, 0,
					     sym_icaltimezone_get_utc_timezone());
}

static int ics_timestamp(const char *s, const char *field, const struct commitment *c,
			 struct icaltimetype *out, struct trk_error *err)
{
	int64_t t;
	int rc = timestamp_parse(s, &t, field, err);

	if (rc)
		return trk_err_prefix(err, "commitment '%s'", c->key);
	*out = ics_utc(t);
	return 0;
}

/* Appends the strings up to a NULL. The text of every entry is built from
 * a dozen pieces, and strbuf_addf() formats twice: at 100,000 commitments
 * that was a fifth of the export's time. */
static void add_strs(struct strbuf *sb, ...)
{
	va_list ap;
	const char *s;

	va_start(ap, sb);
	while ((s = va_arg(ap, const char *)))
		strbuf_addstr(sb, s);
	va_end(ap);
}

static void add_percent(struct strbuf *sb, const char *label, double v)
{
	strbuf_addstr(sb, label);
	format_percent(sb, true, v);
}

static void add_date(struct strbuf *sb, int32_t d)
{
	char buf[DATE_BUFSZ];

	date_format(d, buf);
	strbuf_addstr(sb, buf);
}

static void add_unit(struct strbuf *sb, const struct target *t)
{
	if (t->unit && *t->unit)
		add_strs(sb, " ", t->unit, NULL);
}

/* ---- emitting ------------------------------------------------------------ */

/* Records the first failed write, on whichever thread writes. */
static void write_failed(struct ics_writer *w)
{
	if (atomic_load_explicit(&w->failed, memory_order_relaxed))
		return;
	w->write_errno = errno;
	atomic_store_explicit(&w->failed, true, memory_order_release);
}

static bool has_failed(struct ics_writer *w)
{
	return atomic_load_explicit(&w->failed, memory_order_acquire);
}

/* TRK_EIO naming why the calendar could not be written (a failed fwrite
 * sets errno; EIO stands in should a stream report an error without it). */
static int write_error(struct ics_writer *w, struct trk_error *err)
{
	return trk_err(err, TRK_EIO, "cannot write the calendar: %s",
		       strerror(w->write_errno ? w->write_errno : EIO));
}

static void start(struct ics_writer *w)
{
	if (w->started)
		return;
	w->started = true;
	if (fwrite(w->head.buf, 1, w->head.len, w->f) != w->head.len)
		write_failed(w);
}

/* The printer's print function: a component as text, refolded, written.
 * A failed write is kept by write_failed(), which the building thread also
 * reaches (the header, the end), so the printer itself never fails. */
static int print_component(void *ctx, void *piece, struct trk_error *err)
{
	struct ics_writer *w = ctx;
	struct ics_piece *pc = piece;
	char *s = sym_icalcomponent_as_ical_string_r(pc->comp);

	start(w);
	strbuf_reset(&w->out);
	ics_fold(&w->out, s ? s : "");
	sym_icalmemory_free_buffer(s);
	if (fwrite(w->out.buf, 1, w->out.len, w->f) != w->out.len)
		write_failed(w);
	(void)err;
	return 0;
}

/* The printer's free function: a printed piece back, on the building
 * thread. */
static void free_component(void *ctx, void *piece)
{
	struct ics_writer *w = ctx;

	ics_pieces_give(&w->pieces, piece);
}

static void emit_piece(struct ics_writer *w, struct ics_piece *pc)
{
	beside_put(&w->printer, pc);
}

static void emit(struct ics_writer *w, icalcomponent *comp)
{
	emit_piece(w, ics_piece_wrap(comp));
}

static int write_header(struct ics_writer *w, struct trk_error *err)
{
	static const char end[] = "END:VCALENDAR\r\n";
	icalcomponent *cal = sym_icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	icalproperty *name = sym_icalproperty_new_x(w->calname);
	char *s;
	size_t head;

	sym_icalproperty_set_x_name(name, "X-WR-CALNAME");
	sym_icalcomponent_add_property(cal, sym_icalproperty_new_prodid(ICS_PRODID));
	sym_icalcomponent_add_property(cal, sym_icalproperty_new_version("2.0"));
	sym_icalcomponent_add_property(cal, sym_icalproperty_new_calscale("GREGORIAN"));
	sym_icalcomponent_add_property(cal, name);
	s = sym_icalcomponent_as_ical_string_r(cal);
	sym_icalcomponent_free(cal);
	ics_fold(&w->out, s ? s : "");
	sym_icalmemory_free_buffer(s);
	/* Components go between the properties and libical's END line. */
	head = w->out.len - (sizeof(end) - 1);
	if (w->out.len < sizeof(end) - 1 || strcmp(w->out.buf + head, end))
		return trk_err(err, TRK_EINTERNAL, "libical wrote an unexpected calendar");
	strbuf_addstr(&w->tail, w->out.buf + head);
	strbuf_add(&w->head, w->out.buf, head);
	return 0;
}

int ics_writer_new(FILE *f, const struct ics_config *cfg, struct ics_writer **out,
		   struct trk_error *err)
{
	struct ics_writer *w;
	struct strbuf name = STRBUF_INIT;
	int rc;

	if ((rc = ics_libical_load(err)))
		return rc;
	w = xcalloc(1, sizeof(*w));
	atomic_init(&w->failed, false);
	w->f = f;
	w->cfg = *cfg;
	ics_add_unescaped_safe(&name, cfg->calname ? cfg->calname : "tracker");
	w->calname = strbuf_detach(&name);
	w->cfg.calname = w->calname;
	w->dtstamp = ics_utc(cfg->now);
	strbuf_init(&w->head), strbuf_init(&w->tail), strbuf_init(&w->out);
	strbuf_init(&w->summary), strbuf_init(&w->description), strbuf_init(&w->categories), strbuf_init(&w->scratch);
	beside_init(&w->printer, print_component, free_component, w);
	if ((rc = write_header(w, err))) {
		ics_writer_free(w);
		return rc;
	}
	*out = w;
	return 0;
}

void ics_writer_free(struct ics_writer *w)
{
	if (!w)
		return;
	beside_release(&w->printer);
	ics_pieces_release(&w->pieces);
	free(w->calname);
	strbuf_release(&w->head), strbuf_release(&w->tail), strbuf_release(&w->out);
	strbuf_release(&w->summary);
	strbuf_release(&w->description), strbuf_release(&w->categories);
	strbuf_release(&w->scratch);
	free(w);
}

int ics_writer_finish(struct ics_writer *w, struct trk_error *err)
{
	beside_drain(&w->printer);
	if (!w->started && !w->cfg.allow_empty)
		return 0;
	start(w);
	if (fwrite(w->tail.buf, 1, w->tail.len, w->f) != w->tail.len || fflush(w->f) == EOF)
		write_failed(w);
	if (has_failed(w) || ferror(w->f))
		return write_error(w, err);
	return 0;
}

const struct ics_counts *ics_writer_counts(const struct ics_writer *w)
{
	return &w->counts;
}

/* ---- text of an entry ----------------------------------------------------- */

/* SUMMARY is one line: calendars show it as a title, and calcurse refuses
 * an entry whose summary has a line break. The description keeps the text
 * as it is. */
static void add_one_line(struct strbuf *sb, const char *s)
{
	for (; *s; s++)
		strbuf_addch(sb, *s == '\n' || *s == '\r' || *s == '\t' ? ' ' : *s);
}

/* The title changes only when the commitment does (done, cancelled) or
 * its deadline passes: progress is in the description, where a stale copy
 * misleads no one at a glance. Due today (due_unmet) needs no mark: the
 * entry stands on today in the calendar. */
static void build_summary(struct ics_writer *w, const struct item *it)
{
	struct strbuf *sb = &w->summary;

	strbuf_reset(sb);
	if (!it->active)
		add_strs(sb, "[", status_label(it->c->status, "zh"), "] ", NULL);
	else if (it->p->health == H_OVERDUE)
		strbuf_addstr(sb, "[逾期] ");
	add_one_line(sb, it->c->title);
}

static void add_date_line(struct strbuf *sb, const char *label, int32_t d)
{
	add_strs(sb, label, "：", d == DATE_NONE ? "无" : "", NULL);
	add_date(sb, d);
	strbuf_addch(sb, '\n');
}

static void describe_owners(struct strbuf *sb, const struct commitment *c)
{
	add_strs(sb, "主办：", c->owner, "\n", NULL);
	if (!c->co_owners.n)
		return;
	strbuf_addstr(sb, "协办：");
	for (size_t i = 0; i < c->co_owners.n; i++)
		add_strs(sb, i ? "、" : "", c->co_owners.items[i], NULL);
	strbuf_addch(sb, '\n');
}

static void describe_progress(struct strbuf *sb, const struct item *it, int32_t as_of)
{
	const struct commitment *c = it->c;
	const struct progress *p = it->p;

	strbuf_addstr(sb, "进展（截至 ");
	add_date(sb, as_of);
	strbuf_addstr(sb, "）：");
	if (c->target.present)
		format_progress(sb, c, p);
	else if (p->has_current)
		format_number(sb, p->current);
	else
		strbuf_addstr(sb, "暂无数值");
	if (p->has_percent)
		add_percent(sb, "，完成 ", p->percent);
	if (p->has_expected)
		add_percent(sb, "，序时进度 ", p->expected);
	add_strs(sb, "\n状态：", status_label(c->status, "zh"), "；健康：",
		 health_label(p->health, "zh"), p->overridden ? "（人工判定）" : "", "\n", NULL);
	if (p->overridden && c->health_override_reason)
		add_strs(sb, "判定理由：", c->health_override_reason, "\n", NULL);
}

static void describe_latest(struct strbuf *sb, const struct ics_extra *x)
{
	if (!x->has_latest) {
		strbuf_addstr(sb, "最近进展：尚无填报\n");
		return;
	}
	strbuf_addstr(sb, "最近进展：");
	add_date(sb, x->latest_as_of);
	if (x->latest_has_value) {
		strbuf_addstr(sb, " 数值 ");
		format_number(sb, x->latest_value);
	}
	if (x->latest_note && *x->latest_note)
		add_strs(sb, " ", x->latest_note, NULL);
	if (x->latest_author && *x->latest_author)
		add_strs(sb, "（", x->latest_author, "）", NULL);
	strbuf_addch(sb, '\n');
}

static void build_description(struct ics_writer *w, const struct item *it)
{
	struct strbuf *sb = &w->description;
	const struct commitment *c = it->c;
	bool dated = it->x->letter_date != DATE_NONE;

	strbuf_reset(sb);
	add_strs(sb, "原文：", c->quote, "\n\n来文：", c->letter_doc_no, dated ? "（" : "", NULL);
	add_date(sb, it->x->letter_date);
	add_strs(sb, dated ? "）" : "", "\n编号：", c->key, "；类型：", kind_label(c->kind, "zh"),
		 "\n", NULL);
	describe_owners(sb, c);
	if (c->target.present) {
		add_strs(sb, "目标：", comparator_symbol(c->target.cmp), " ", NULL);
		format_number(sb, c->target.value);
		add_unit(sb, &c->target);
		strbuf_addch(sb, '\n');
	}
	add_date_line(sb, "截止", c->due);
	describe_progress(sb, it, w->cfg.as_of);
	describe_latest(sb, it->x);
	add_strs(sb, "记录进展：tracker log ", c->key, NULL);
}

static void build_categories(struct ics_writer *w, const struct item *it)
{
	struct strbuf *sb = &w->categories;

	strbuf_reset(sb);
	ics_add_unescaped_safe(sb, it->c->owner);
	for (size_t i = 0; i < it->c->co_owners.n; i++) {
		strbuf_addch(sb, ',');
		ics_add_unescaped_safe(sb, it->c->co_owners.items[i]);
	}
	strbuf_addch(sb, ',');
	ics_add_unescaped_safe(sb, kind_label(it->c->kind, "zh"));
	strbuf_addch(sb, ',');
	ics_add_unescaped_safe(sb, health_label(it->p->health, "zh"));
}

/* ---- components ---------------------------------------------------------- */

static icalproperty *put(icalcomponent *comp, icalproperty *prop)
{
	sym_icalcomponent_add_property(comp, prop);
	return prop;
}

/* The properties every entry of a commitment carries, kept in pc when it
 * is given (a deadline event to reuse). Each call creates new properties:
 * a property may belong to one component only. */
static void add_common(struct ics_writer *w, icalcomponent *comp, const struct item *it,
		       const char *uid, const char *summary, const char *description,
		       struct ics_piece *pc)
{
	struct ics_piece ignored;

	if (!pc)
		pc = &ignored;
	pc->uid = put(comp, sym_icalproperty_new_uid(uid));
	put(comp, sym_icalproperty_new_dtstamp(w->dtstamp));
	pc->created = put(comp, sym_icalproperty_new_created(it->created));
	pc->modified = put(comp, sym_icalproperty_new_lastmodified(it->modified));
	pc->sequence = put(comp, sym_icalproperty_new_sequence(it->c->sequence));
	pc->summary = put(comp, sym_icalproperty_new_summary(summary));
	pc->description = put(comp, sym_icalproperty_new_description(description));
	pc->categories = put(comp, sym_icalproperty_new_categories(w->categories.buf));
}

static void add_all_day(icalcomponent *comp, int32_t day, struct ics_piece *pc)
{
	struct ics_piece ignored;

	if (!pc)
		pc = &ignored;
	pc->dtstart = put(comp, sym_icalproperty_new_dtstart(ics_date(day)));
	pc->dtend = put(comp, sym_icalproperty_new_dtend(ics_date(day + 1)));
	put(comp, sym_icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
}

static icalproperty *add_related(icalcomponent *comp, const char *uid)
{
	icalproperty *rel = sym_icalproperty_new_relatedto(uid);

	sym_icalproperty_add_parameter(rel, sym_icalparameter_new_reltype(ICAL_RELTYPE_SIBLING));
	return put(comp, rel);
}

/* A VALARM; *text_prop (when given) is its DESCRIPTION. */
static icalcomponent *alarm_new(struct icaldurationtype d, bool related_end, const char *text,
				icalproperty **text_prop)
{
	icalcomponent *a = sym_icalcomponent_new(ICAL_VALARM_COMPONENT);
	struct icaltriggertype tr;
	icalproperty *trigger, *description;

	memset(&tr, 0, sizeof(tr));
	tr.time = sym_icaltime_null_time();
	tr.duration = d;
	trigger = sym_icalproperty_new_trigger(tr);
	if (related_end)
		sym_icalproperty_add_parameter(trigger,
					       sym_icalparameter_new_related(ICAL_RELATED_END));
	sym_icalcomponent_add_property(a, sym_icalproperty_new_action(ICAL_ACTION_DISPLAY));
	sym_icalcomponent_add_property(a, trigger);
	description = put(a, sym_icalproperty_new_description(text));
	if (text_prop)
		*text_prop = description;
	return a;
}

static void set_text(icalproperty *prop, const char *s)
{
	sym_icalvalue_set_text(sym_icalproperty_get_value(prop), s);
}

static void set_time(icalproperty *prop, struct icaltimetype t)
{
	sym_icalvalue_set_datetimedate(sym_icalproperty_get_value(prop), t);
}

/* Reminder i of the calendar's on a reusable event: the one it kept, with
 * this text, or a new one. */
static void attach_alarm(struct ics_piece *pc, int i, struct icaldurationtype d, const char *text)
{
	if (pc->alarm[i])
		set_text(pc->alarm_text[i], text);
	else
		pc->alarm[i] = alarm_new(d, false, text, &pc->alarm_text[i]);
	sym_icalcomponent_add_component(pc->comp, pc->alarm[i]);
	pc->alarm_on[i] = true;
}

/* True when a reminder `offset` seconds from the local start of `day` has
 * already gone off at export time: a calendar would show it at once, or
 * never, and either is noise. */
static bool alarm_passed(const struct ics_writer *w, int32_t day, int64_t offset)
{
	int64_t midnight = local_day_end(day - 1) + 1;

	return midnight + offset < w->cfg.now;
}

/* The reminders before a deadline: relative to DTSTART of the all-day
 * event (the deadline day), or to DUE of a to-do (RELATED=END). Those of
 * a reusable event (pc) are kept in it. */
static void add_deadline_alarms(struct ics_writer *w, icalcomponent *comp, struct ics_piece *pc,
				const struct item *it, bool related_end)
{
	static const char *const unit_zh[] = { "小时", "天", "周" };
	char due[DATE_BUFSZ];

	date_format(it->c->due, due);
	for (int i = 0; i < w->cfg.alarms.n; i++) {
		const struct ics_alarm *a = &w->cfg.alarms.a[i];
		struct icaldurationtype d = sym_icaldurationtype_null_duration();
		if (alarm_passed(w, it->c->due, -ics_alarm_seconds(a)))
			continue;
		d.is_neg = a->amount > 0;
		if (a->unit == ICS_HOURS)
			d.hours = (unsigned)a->amount;
		else if (a->unit == ICS_DAYS)
			d.days = (unsigned)a->amount;
		else
			d.weeks = (unsigned)a->amount;
		strbuf_reset(&w->scratch);
		add_strs(&w->scratch, w->summary.buf, "：", due, " 截止（提前 ", NULL);
		format_number(&w->scratch, a->amount);
		add_strs(&w->scratch, " ", unit_zh[a->unit], "）", NULL);
		if (pc)
			attach_alarm(pc, i, d, w->scratch.buf);
		else
			sym_icalcomponent_add_component(comp, alarm_new(d, related_end,
									w->scratch.buf, NULL));
		w->counts.alarms++;
	}
}

static struct ics_piece *new_event(struct ics_writer *w, const struct item *it)
{
	struct ics_piece *pc = ics_piece_wrap(sym_icalcomponent_new(ICAL_VEVENT_COMPONENT));

	pc->reusable = true;
	add_common(w, pc->comp, it, it->c->uid, w->summary.buf, w->description.buf, pc);
	add_all_day(pc->comp, it->c->due, pc);
	return pc;
}

/* What new_event() gives a new one, set on a printed one (DTSTAMP and
 * TRANSP are the same for all). */
static void refill_event(struct ics_writer *w, struct ics_piece *pc, const struct item *it)
{
	set_text(pc->uid, it->c->uid);
	set_time(pc->created, it->created);
	set_time(pc->modified, it->modified);
	sym_icalvalue_set_integer(sym_icalproperty_get_value(pc->sequence), it->c->sequence);
	set_text(pc->summary, w->summary.buf);
	set_text(pc->description, w->description.buf);
	set_text(pc->categories, w->categories.buf);
	set_time(pc->dtstart, ics_date(it->c->due));
	set_time(pc->dtend, ics_date(it->c->due + 1));
}

static void write_event(struct ics_writer *w, const struct item *it)
{
	struct ics_piece *pc = ics_pieces_take(&w->pieces);

	if (pc)
		refill_event(w, pc, it);
	else
		pc = new_event(w, it);
	if (it->c->status == ST_CANCELLED)
		pc->status = put(pc->comp, sym_icalproperty_new_status(ICAL_STATUS_CANCELLED));
	if (w->cfg.parts & ICS_TODOS) {
		strbuf_reset(&w->scratch);
		add_strs(&w->scratch, "todo-", it->c->uid, NULL);
		pc->related = add_related(pc->comp, w->scratch.buf);
	}
	if (it->active)
		add_deadline_alarms(w, pc->comp, pc, it, false);
	emit_piece(w, pc);
	w->counts.events++;
}

static enum icalproperty_status todo_status(enum status s)
{
	switch (s) {
	case ST_DONE:
		return ICAL_STATUS_COMPLETED;
	case ST_CANCELLED:
		return ICAL_STATUS_CANCELLED;
	case ST_IN_PROGRESS:
	case ST_BLOCKED:
		return ICAL_STATUS_INPROCESS;
	default:
		return ICAL_STATUS_NEEDSACTION;
	}
}

static int add_todo_state(icalcomponent *todo, const struct item *it, struct trk_error *err)
{
	const struct commitment *c = it->c;
	struct icaltimetype done;
	int rc;

	sym_icalcomponent_add_property(todo, sym_icalproperty_new_status(todo_status(c->status)));
	if (c->status == ST_DONE) {
		const char *when = it->x->completed_at ? it->x->completed_at : c->updated_at;
		if ((rc = ics_timestamp(when, "completed", c, &done, err)))
			return rc;
		sym_icalcomponent_add_property(todo, sym_icalproperty_new_completed(done));
		sym_icalcomponent_add_property(todo, sym_icalproperty_new_percentcomplete(100));
	} else if (it->p->has_percent) {
		double pct = it->p->percent < 0 ? 0 : it->p->percent > 100 ? 100 : it->p->percent;
		int whole = (int)floor(pct);

		sym_icalcomponent_add_property(todo, sym_icalproperty_new_percentcomplete(whole));
	}
	return 0;
}

static int write_todo(struct ics_writer *w, const struct item *it, struct trk_error *err)
{
	icalcomponent *todo = sym_icalcomponent_new(ICAL_VTODO_COMPONENT);
	struct strbuf uid = STRBUF_INIT;
	int rc;

	add_strs(&uid, "todo-", it->c->uid, NULL);
	add_common(w, todo, it, uid.buf, w->summary.buf, w->description.buf, NULL);
	strbuf_release(&uid);
	if ((rc = add_todo_state(todo, it, err))) {
		sym_icalcomponent_free(todo);
		return rc;
	}
	if (it->c->due != DATE_NONE) {
		sym_icalcomponent_add_property(todo,
					       sym_icalproperty_new_due(ics_date(it->c->due)));
		if (w->cfg.parts & ICS_EVENTS)
			add_related(todo, it->c->uid);
		/* RELATED=END needs DUE; without it a reminder has no anchor. */
		if (it->active)
			add_deadline_alarms(w, todo, NULL, it, true);
	}
	emit(w, todo);
	w->counts.todos++;
	return 0;
}

/* ---- reporting days ------------------------------------------------------- */

/* The reporting day of quarter q of year y: checkin_day of the quarter's
 * last month, or that month's last day when it is shorter. */
static int32_t checkin_date(int y, int q, int day)
{
	int32_t last = date_quarter_end(y, q);
	int ly, lm, ld;

	date_to_ymd(last, &ly, &lm, &ld);
	return date_from_ymd(y, lm, day < ld ? day : ld);
}

/* Whether item k is to be reported on day, the shown-th reporting day from
 * the as-of date: until its deadline, or the first few for work without. */
static bool reports_on(const struct ics_checkin_item *k, int32_t day, int shown)
{
	return k->due == DATE_NONE ? shown < ICS_CHECKIN_OPEN_ENDED : day <= k->due;
}

static void checkin_text(struct ics_writer *w, const struct ics_checkin_group *g, int y, int q,
			 int32_t day, int shown, int *count)
{
	static const char *const zh_q[] = { "一", "二", "三", "四" };
	struct strbuf *sb = &w->description;
	char d[DATE_BUFSZ];

	strbuf_reset(&w->summary);
	strbuf_addf(&w->summary, "进展填报：%s（%d年第%s季度）", g->owner_short, y, zh_q[q - 1]);
	strbuf_reset(sb);
	date_format(day, d);
	strbuf_addf(sb, "%d年第%s季度进展填报，%s前完成。\n%s：\n", y, zh_q[q - 1], d, g->owner);
	*count = 0;
	for (size_t i = 0; i < g->n; i++) {
		const struct ics_checkin_item *k = &g->items[i];
		if (!reports_on(k, day, shown))
			continue;
		add_strs(sb, "· ", k->key, " ", NULL);
		add_one_line(sb, k->title);
		if (k->due != DATE_NONE) {
			date_format(k->due, d);
			add_strs(sb, "（截止 ", d, "）", NULL);
		}
		strbuf_addch(sb, '\n');
		(*count)++;
	}
	strbuf_addstr(sb, "记录进展：tracker log 编号 --value 数值 --as-of 日期 --note 说明");
	utf8_make_inert(&w->summary, 0, "");
	utf8_make_inert(sb, 0, "\t\n");
}

static void write_checkin(struct ics_writer *w, const struct ics_checkin_group *g,
			  const char *uid, int32_t day, int count)
{
	icalcomponent *ev = sym_icalcomponent_new(ICAL_VEVENT_COMPONENT);
	struct icaldurationtype d = sym_icaldurationtype_null_duration();

	sym_icalcomponent_add_property(ev, sym_icalproperty_new_uid(uid));
	sym_icalcomponent_add_property(ev, sym_icalproperty_new_dtstamp(w->dtstamp));
	sym_icalcomponent_add_property(ev, sym_icalproperty_new_created(ics_utc(g->created)));
	sym_icalcomponent_add_property(ev, sym_icalproperty_new_lastmodified(ics_utc(g->modified)));
	sym_icalcomponent_add_property(ev, sym_icalproperty_new_sequence(0));
	sym_icalcomponent_add_property(ev, sym_icalproperty_new_summary(w->summary.buf));
	sym_icalcomponent_add_property(ev, sym_icalproperty_new_description(w->description.buf));
	strbuf_reset(&w->categories);
	ics_add_unescaped_safe(&w->categories, g->owner);
	strbuf_addstr(&w->categories, ",进展填报");
	sym_icalcomponent_add_property(ev, sym_icalproperty_new_categories(w->categories.buf));
	add_all_day(ev, day, NULL);
	if (w->cfg.alarms.n && !alarm_passed(w, day, ICS_CHECKIN_ALARM_HOURS * 3600)) {
		d.hours = ICS_CHECKIN_ALARM_HOURS;
		strbuf_reset(&w->scratch);
		strbuf_addf(&w->scratch, "%s：%d 项", w->summary.buf, count);
		sym_icalcomponent_add_component(ev, alarm_new(d, false, w->scratch.buf, NULL));
		w->counts.alarms++;
	}
	emit(w, ev);
	w->counts.checkins++;
}

int ics_writer_add_checkins(struct ics_writer *w, const struct ics_checkin_group *g,
			    struct trk_error *err)
{
	int32_t from = w->cfg.as_of;
	struct strbuf uid = STRBUF_INIT;
	char owner_id[DIGEST_HEXSZ];
	int y, m, d, q, shown = 0;

	if (!g->n)
		return 0;
	/* The department's name is its identity: a UID of its hash stays ASCII
	 * and the same from one export to the next. */
	sha256_hex(g->owner, strlen(g->owner), owner_id);
	date_to_ymd(from, &y, &m, &d);
	q = date_quarter(from);
	for (int i = 0; i < ICS_CHECKIN_QUARTERS_MAX; i++) {
		int32_t day = checkin_date(y, q, w->cfg.checkin_day);
		int count;
		if (day >= from) {
			checkin_text(w, g, y, q, day, shown, &count);
			if (!count)
				break;
			strbuf_reset(&uid);
			strbuf_addf(&uid, "checkin-%dQ%d-%.32s@tracker", y, q, owner_id);
			write_checkin(w, g, uid.buf, day, count);
			shown++;
		}
		if (++q > 4)
			q = 1, y++;
	}
	strbuf_release(&uid);
	if (has_failed(w))
		return write_error(w, err);
	return 0;
}

/* ---- one commitment -------------------------------------------------------- */

static int item_init(struct item *it, const struct commitment *c, const struct progress *p,
		     const struct ics_extra *x, struct trk_error *err)
{
	const char *modified = c->updated_at;
	int rc;

	it->c = c, it->p = p, it->x = x;
	it->active = c->status != ST_DONE && c->status != ST_CANCELLED;
	/* A check-in changes the text, not SEQUENCE: it moves LAST-MODIFIED. */
	if (x->last_recorded_at && modified && strcmp(x->last_recorded_at, modified) > 0)
		modified = x->last_recorded_at;
	if ((rc = ics_timestamp(c->created_at, "created_at", c, &it->created, err)) ||
	    (rc = ics_timestamp(modified, "updated_at", c, &it->modified, err)))
		return rc;
	return 0;
}

int ics_writer_add(struct ics_writer *w, const struct commitment *c, const struct progress *p,
		   const struct ics_extra *x, struct trk_error *err)
{
	struct item it;
	int rc;

	if ((rc = item_init(&it, c, p, x, err)))
		return rc;
	build_summary(w, &it);
	build_description(w, &it);
	/* Whatever the database holds, no control character RFC 5545 forbids
	 * (nor one that reorders text) reaches the calendar. */
	utf8_make_inert(&w->summary, 0, "");
	utf8_make_inert(&w->description, 0, "\t\n");
	build_categories(w, &it);
	w->counts.commitments++;
	if (c->due == DATE_NONE)
		w->counts.undated++;
	if ((w->cfg.parts & ICS_EVENTS) && c->due != DATE_NONE)
		write_event(w, &it);
	if ((w->cfg.parts & ICS_TODOS) && (rc = write_todo(w, &it, err)))
		return rc;
	if (has_failed(w))
		return write_error(w, err);
	return 0;
}
