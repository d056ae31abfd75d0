/* feed_calendar.c - GET /calendar/{feed-token}.ics: a subscribed calendar
 * of the deadlines its user may see (a department's commitments, a
 * deputy's letter, everything for the office), byte for byte what
 * `tracker export ics --allow-empty` writes for the same selection at the
 * same moment. Calendar programs poll it: ETag and Last-Modified let them
 * ask "changed?" and get 304. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "calendar/ics_export.h"
#include "model/settings.h"
#include "server/api.h"
#include "server/route.h"
#include "util/date.h"
#include "util/digest.h"
#include "util/strbuf.h"
#include "util/banned.h"

/* The selection of `tracker export ics` that matches the user's scope. */
static void scope_selection(const struct user *u, struct selection *s)
{
	memset(s, 0, sizeof(*s));
	if (u->role == ROLE_DEPARTMENT && u->owners.n == 1)
		s->owner = u->owners.items[0];
	if (u->role == ROLE_VIEWER && u->letters.n == 1)
		s->letter = u->letters.items[0];
}

/* The ETag is the body's hash without its DTSTAMP lines, which say when
 * the file was made: the same deadlines give the same tag all day. */
static void etag_of(const char *body, size_t len, char out[DIGEST_HEXSZ + 2])
{
	struct digest d;
	char hex[DIGEST_HEXSZ];
	const char *p = body, *end = body + len;

	digest_init(&d);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);

		if (strncmp(p, "DTSTAMP:", 8) != 0)
			digest_add(&d, p, n);
		p += n;
	}
	digest_hex(&d, hex);
	snprintf(out, DIGEST_HEXSZ + 2, "\"%.32s\"", hex);
}

/* The newest record in the feed's scope, for Last-Modified. */
static int newest(const struct commitment_record *rec, void *arg, struct trk_error *err)
{
	char *latest = arg;

	(void)err;
	if (rec->c->updated_at && strcmp(rec->c->updated_at, latest) > 0)
		snprintf(latest, TIMESTAMP_BUFSZ, "%s", rec->c->updated_at);
	for (size_t i = 0; i < rec->ncheckins; i++)
		if (rec->checkins[i].recorded_at &&
		    strcmp(rec->checkins[i].recorded_at, latest) > 0)
			snprintf(latest, TIMESTAMP_BUFSZ, "%s", rec->checkins[i].recorded_at);
	return 0;
}

/* Last-Modified: the newest record in scope, or the start of today if
 * later - the feed's reminders and overdue marks follow the date, so a
 * feed unchanged since yesterday may still differ today. */
static int64_t last_modified(const char *latest)
{
	int64_t epoch = 0, now = 0, today_start;

	if (*latest)
		timestamp_parse(latest, &epoch, "at", NULL);
	if (clock_now_epoch(&now, NULL))
		return epoch;
	today_start = local_day_end(local_date(now) - 1) + 1;
	return epoch > today_start ? epoch : today_start;
}

static void http_date(int64_t epoch, char out[64])
{
	time_t t = (time_t)epoch;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 64, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

/* "Changed?" answered: If-None-Match by the ETag; only without it (RFC
 * 9110 13.1.3) If-Modified-Since by the date. */
static bool unchanged(struct request *r, const char *etag, int64_t modified)
{
	const char *match = req_header(r, "If-None-Match"), *since;
	struct tm tm;

	if (match)
		return strstr(match, etag) != NULL;
	if (!(since = req_header(r, "If-Modified-Since")))
		return false;
	memset(&tm, 0, sizeof(tm));
	since = strptime(since, "%a, %d %b %Y %H:%M:%S GMT", &tm);
	return since && *since == '\0' && (int64_t)timegm(&tm) >= modified;
}

static int write_feed(struct request *r, const struct selection *s, struct query *q,
		      struct trk_error *err)
{
	struct ics_config cfg = { .parts = ICS_EVENTS, .allow_empty = true };
	struct strbuf calname = STRBUF_INIT;
	struct ics_counts n;
	struct settings set;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	int rc;

	ics_alarms_default(&cfg.alarms);
	if ((rc = store_settings(r->st, NULL, &set, err)) || (rc = clock_now_epoch(&cfg.now, err)))
		return rc;
	cfg.checkin_day = set.checkin_day;
	cfg.as_of = q->as_of;
	ics_calname(&calname, s, false, q->f.owner);
	cfg.calname = calname.buf;
	if (!(f = open_memstream(&buf, &len))) {
		strbuf_release(&calname);
		return trk_err(err, TRK_ENOMEM, "no memory for the calendar");
	}
	rc = ics_export(r->st, q, &cfg, f, &n, err);
	if (fclose(f) && !rc)
		rc = trk_err(err, TRK_ENOMEM, "no memory for the calendar");
	if (!rc) {
		strbuf_reset(&r->out);
		strbuf_add(&r->out, buf, len);
	}
	free(buf);
	strbuf_release(&calname);
	return rc;
}

static int feed(struct request *r)
{
	struct selection_hold hold;
	struct selection s;
	struct trk_error err;
	struct query q;
	char etag[DIGEST_HEXSZ + 2], latest[TIMESTAMP_BUFSZ] = "", date[64];
	int64_t modified;
	int rc;

	scope_selection(&r->user, &s);
	if ((rc = selection_to_query(r->st, &s, &q, &hold, &err)) == 0) {
		q.reader = &r->actor;
		if (r->user.role == ROLE_DEPARTMENT && r->user.owners.n > 1)
			q.f.owners_any = &r->user.owners;
		if (!(rc = write_feed(r, &s, &q, &err)))
			rc = store_query(r->st, &q, newest, latest, &err);
	}
	selection_hold_release(&hold);
	if (rc)
		return resp_trk_error(r, &err);
	etag_of(r->out.buf, r->out.len, etag);
	resp_header(r, "ETag", etag);
	modified = last_modified(latest);
	http_date(modified, date);
	resp_header(r, "Last-Modified", date);
	resp_header(r, "Cache-Control", "private, no-cache");
	if (unchanged(r, etag, modified)) {
		strbuf_reset(&r->out);
		return resp_body(r, 304, "text/calendar; charset=utf-8");
	}
	return resp_body(r, 200, "text/calendar; charset=utf-8");
}

const struct route route_calendar_feed = {
	"GET", "/calendar/{token}.ics", ACCESS_FEED, ROUTE_API,
	"a subscribed calendar of the deadlines the feed's user may see", feed,
};
