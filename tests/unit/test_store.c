/* test_store.c - the store's door: opening and migrating, the rules it
 * keeps whatever the caller, import errors, the journal and creation
 * records, the checks, the export -> import -> export round trip, and a
 * property test of it over random histories. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "calendar/ics_export.h"
#include "check.h"
#include "fresh_store.h"
#include "model/canonical.h"
#include "record/chain_head.h"
#include "record/check.h"
#include "record/export.h"
#include "record/import.h"
#include "store/store.h"
#include "util/date.h"
#include "util/strbuf.h"

static struct actor admin = { .name = "tester", .role = ROLE_ADMIN };

/* A new empty store (fresh_store.h): SQLite in memory, or a new schema of
 * the PostgreSQL database in TRACKER_TEST_PG. Borrowed until the next call. */
static const char *fresh_store(void)
{
	return fresh_store_named("unit");
}

static int32_t D(const char *s)
{
	int32_t d = DATE_NONE;

	date_parse(s, &d, "test", NULL);
	return d;
}

static const char *LETTER_JSON =
	"{\"format\":\"tracker/1\",\"owners\":[{\"name\":\"慈溪市经济和信息化局\",\"aliases\":[\"经信局\"]},"
	"{\"name\":\"慈溪市商务局\",\"aliases\":[\"商务局\"]}],"
	"\"letters\":[{\"doc_no\":\"慈经信建〔2023〕3号\",\"date\":\"2023-06-13\","
	"\"text\":\"新增工业机器人800台以上。继续落实展会服务。\",\"commitments\":[%s]}]}";

static const char *ROBOTS =
	"{\"key\":\"211-14\",\"quote\":\"新增工业机器人800台以上\",\"title\":\"机器人\","
	"\"owner\":\"经信局\",\"kind\":\"quantitative\",\"target\":{\"value\":800,\"unit\":\"台\"},"
	"\"window_start\":\"2023-01-01\",\"due\":\"2023-12-31\"}";
static const char *FAIRS =
	"{\"key\":\"211-20\",\"quote\":\"继续落实展会服务\",\"title\":\"展会\","
	"\"owner\":\"商务局\",\"kind\":\"ongoing\",\"window_start\":\"2023-06-13\"}";

static int import_text(struct store *st, const char *commitments, struct trk_error *err)
{
	struct strbuf sb = STRBUF_INIT;
	struct import_source src = { .name = "t.json" };
	int rc;

	strbuf_addf(&sb, LETTER_JSON, commitments);
	src.data = sb.buf;
	src.len = sb.len;
	rc = import_json(st, &admin, &src, NULL, err);
	strbuf_release(&sb);
	return rc;
}

static int count_one(const struct commitment_record *r, void *arg, struct trk_error *err)
{
	(void)r, (void)err;
	(*(int *)arg)++;
	return 0;
}

static int count_commitments(struct store *st)
{
	struct query q;
	int n = 0;

	query_init(&q, NULL);
	store_query(st, &q, count_one, &n, NULL);
	return n;
}

static void expect_import_error(struct store *st, const char *commitments, const char *needle)
{
	struct trk_error err = { 0 };

	CHECK(import_text(st, commitments, &err) != 0);
	if (!strstr(err.msg, needle))
		fprintf(stderr, "  message was: %s\n", err.msg);
	CHECK(strstr(err.msg, needle) != NULL);
	CHECK(strstr(err.msg, "t.json:") != NULL);
	CHECK_INT(count_commitments(st), 0);
}

static void test_import_errors(void)
{
	struct store *st;
	struct trk_error err;

	CHECK_INT(store_open(fresh_store(), STORE_CREATE, &st, &err), 0);
	expect_import_error(st, "{\"key\":\"211-14\",\"quote\":\"新增工业机器人800台以上\",\"title\":\"t\","
			    "\"owner\":\"经信局\"}", "kind: missing");
	expect_import_error(st, "{\"key\":\"211-14\",\"quote\":\"新增\",\"title\":\"t\",\"owner\":\"经信局\","
			    "\"kind\":\"milestone\",\"due\":20231231}", "due: expected a string");
	expect_import_error(st, "{\"key\":\"211-14\",\"quote\":\"新增\",\"title\":\"t\",\"owner\":\"经信局\","
			    "\"kind\":\"milestone\",\"due\":\"2023/12/31\"}", "due: '2023/12/31'");
	expect_import_error(st, "{\"key\":\"211-14\",\"quote\":\"新增\",\"title\":\"t\",\"owner\":\"人社局\","
			    "\"kind\":\"milestone\"}", "unknown owner '人社局'");
	expect_import_error(st, "{\"key\":\"211-14\",\"quote\":\"未曾说过\",\"title\":\"t\",\"owner\":\"经信局\","
			    "\"kind\":\"milestone\"}", "quote: not found");
	expect_import_error(st, "{\"key\":\"211-14\",\"quote\":\"新增\",\"title\":\"t\",\"owner\":\"经信局\","
			    "\"kind\":\"quantitative\"}", "target: a quantitative commitment needs");
	expect_import_error(st, "{\"key\":\"211-14\",\"quote\":\"新增\",\"title\":\"t\",\"owner\":\"经信局\","
			    "\"kind\":\"milestone\",\"window_start\":\"2024-06-01\",\"due\":\"2023-12-31\"}",
			    "window_start: 2024-06-01 is after the due date");
	expect_import_error(st, "{\"key\":\"211-14\",\"quote\":\"新增\",\"title\":\"t\",\"owner\":\"经信局\","
			    "\"kind\":\"milestone\",\"x\":1,\"x\":2}", "duplicate member \"x\"");
	/* The same key twice in one file: the second conflicts with the first. */
	struct strbuf two = STRBUF_INIT;
	strbuf_addf(&two, "%s,%s", ROBOTS, "{\"key\":\"211-14\",\"quote\":\"新增\",\"title\":\"x\","
		    "\"owner\":\"经信局\",\"kind\":\"milestone\"}");
	expect_import_error(st, two.buf, "commitments[1] (211-14)");
	strbuf_release(&two);
	/* Truncated in the middle: nothing is imported. */
	struct import_source src = { .name = "t.json", .data = "{\"format\":\"tracker/1\",\"letters\":[{\"doc_no\":\"x\"," };
	src.len = strlen(src.data);
	CHECK(import_json(st, &admin, &src, NULL, &err) != 0);
	CHECK(strstr(err.msg, "truncated") != NULL);
	CHECK_INT(import_text(st, ROBOTS, &err), 0);
	CHECK_INT(import_text(st, ROBOTS, &err), 0);   /* twice changes nothing */
	CHECK_INT(count_commitments(st), 1);
	store_close(st);
}

/* ---- the door's rules ------------------------------------------------------------ */

struct write_args {
	const char *key;
	struct field_change ch[2];
	size_t n;
	const char *reason;
	struct checkin *k;
};

static int do_change(struct store *st, void *arg, struct trk_error *err)
{
	struct write_args *w = arg;

	return store_commitment_change(st, &admin, w->key, w->ch, w->n, w->reason, err);
}

static int do_log(struct store *st, void *arg, struct trk_error *err)
{
	struct write_args *w = arg;

	return store_checkin_add(st, &admin, w->k, err);
}

static int change(struct store *st, const char *key, const char *field, const char *value,
		  const char *reason, struct trk_error *err)
{
	struct write_args w = { .key = key, .ch = { { field, value } }, .n = 1, .reason = reason };

	return store_write(st, do_change, &w, err);
}

static int log_value(struct store *st, const char *key, const char *as_of, double v,
		     const char *reason, int corrects, struct trk_error *err)
{
	struct checkin k;
	struct write_args w = { .k = &k };
	int rc;

	checkin_init(&k);
	k.commitment_key = strdup(key);
	k.as_of = D(as_of);
	k.has_value = v >= 0;   /* below zero: a note without a figure */
	k.value = v;
	k.note = v >= 0 ? NULL : strdup("进展说明");
	k.reason = reason ? strdup(reason) : NULL;
	k.supersedes = corrects;
	rc = store_write(st, do_log, &w, err);
	checkin_release(&k);
	return rc;
}

static int count_checkins(const struct commitment_record *r, void *arg, struct trk_error *err)
{
	(void)err;
	*(int *)arg += (int)r->ncheckins;
	return 0;
}

static int checkins_of(struct store *st, const char *key)
{
	struct query q;
	int n = 0;

	query_init(&q, NULL);
	q.f.key = key;
	q.want = WANT_CHECKINS;
	store_query(st, &q, count_checkins, &n, NULL);
	return n;
}

static int count_findings(const struct check_finding *f, void *arg, struct trk_error *err)
{
	(void)err;
	fprintf(stderr, "  finding: %s %s #%d: %s\n", check_kind_name(f->kind), f->key ? f->key : "-",
		f->seq, f->message);
	(*(int *)arg)++;
	return 0;
}

static int findings(struct store *st)
{
	struct trk_error err;
	int n = 0, total = 0;

	CHECK_INT(check_run(st, count_findings, &n, &total, &err), 0);
	return total;
}

static void test_rules_in_the_door(void)
{
	struct store *st;
	struct trk_error err;

	CHECK_INT(store_open(fresh_store(), STORE_CREATE, &st, &err), 0);
	struct strbuf both = STRBUF_INIT;

	strbuf_addf(&both, "%s,%s", ROBOTS, FAIRS);
	CHECK_INT(import_text(st, both.buf, &err), 0);
	strbuf_release(&both);
	/* A quantitative commitment keeps its target. */
	CHECK_INT(change(st, "211-14", "target", NULL, "r", &err), TRK_EINPUT);
	CHECK_STR(err.field, "target");
	/* A window that starts after it is due. */
	CHECK_INT(change(st, "211-14", "window_start", "2024-06-01", "r", &err), TRK_EINPUT);
	CHECK_STR(err.field, "window_start");
	/* A figure without a target. */
	CHECK_INT(log_value(st, "211-20", "2023-09-30", 5, NULL, 0, &err), TRK_EINPUT);
	CHECK(strstr(err.msg, "note") != NULL);
	CHECK_INT(checkins_of(st, "211-20"), 0);
	/* Cancelling without a reason; a due change without one. */
	CHECK_INT(change(st, "211-20", "status", "cancelled", NULL, &err), TRK_EINPUT);
	CHECK_INT(change(st, "211-14", "due", "2024-03-31", NULL, &err), TRK_EINPUT);
	/* A falling figure; after today; -0. */
	CHECK_INT(log_value(st, "211-14", "2023-09-30", 455, NULL, 0, &err), 0);
	CHECK_INT(log_value(st, "211-14", "2023-09-30", 300, NULL, 0, &err), TRK_EINPUT);
	CHECK_INT(log_value(st, "211-14", "2023-10-01", 500, NULL, 0, &err), TRK_EINPUT);
	CHECK_INT(log_value(st, "211-14", "2023-09-30", -0.0, "统计口径调整", 0, &err), 0);
	CHECK_INT(log_value(st, "211-14", "2023-09-30", 460, NULL, 2, &err), 0);
	/* The settings contradict each other. */
	CHECK_INT(checkins_of(st, "211-14"), 3);
	CHECK_INT(findings(st), 0);
	store_close(st);
}

/* The letter with commitments, as extract proposes them ("proposed": true). */
static int import_proposed(struct store *st, const char *commitments, struct trk_error *err)
{
	struct strbuf sb = STRBUF_INIT;
	struct import_source src = { .name = "p.json" };
	int rc;

	strbuf_addstr(&sb, "{\"proposed\":true,");
	strbuf_addf(&sb, LETTER_JSON + 1, commitments);
	src.data = sb.buf;
	src.len = sb.len;
	rc = import_json(st, &admin, &src, NULL, err);
	strbuf_release(&sb);
	return rc;
}

/* One quote, one commitment (issue 15): a proposal on the very words of a
 * tracked commitment of the letter, or marked by extract as repeating one
 * (x.tracked), is that commitment and nothing is written; a file of records
 * (not proposed) is imported as it says. */
static void test_one_quote_one_commitment(void)
{
	static const char *again =
		"{\"key\":\"211-99\",\"quote\":\"新增工业机器人800台以上\",\"title\":\"又一个\","
		"\"owner\":\"经信局\",\"kind\":\"ongoing\"}";
	struct store *st;
	struct trk_error err;

	CHECK_INT(store_open(fresh_store(), STORE_CREATE, &st, &err), 0);
	CHECK_INT(import_text(st, ROBOTS, &err), 0);
	CHECK_INT(import_proposed(st, again, &err), 0);
	CHECK_INT(count_commitments(st), 1);
	CHECK_INT(import_proposed(st, "{\"key\":\"211-97\",\"quote\":\"工业机器人800台\","
				  "\"title\":\"机器人\",\"owner\":\"经信局\",\"kind\":\"ongoing\","
				  "\"x\":{\"tracked\":\"211-14\"}}", &err), 0);
	CHECK_INT(count_commitments(st), 1);
	/* A mark naming a key that is not there proposes a new commitment. */
	CHECK_INT(import_proposed(st, "{\"key\":\"211-96\",\"quote\":\"继续落实展会服务\","
				  "\"title\":\"展会\",\"owner\":\"商务局\",\"kind\":\"ongoing\","
				  "\"x\":{\"tracked\":\"211-77\"}}", &err), 0);
	CHECK_INT(count_commitments(st), 2);
	CHECK_INT(import_text(st, again, &err), 0);
	CHECK_INT(count_commitments(st), 3);
	{
		struct import_source src = { .name = "p.json" };
		const char *bad = "{\"format\":\"tracker/1\",\"proposed\":\"yes\",\"letters\":[]}";

		src.data = bad;
		src.len = strlen(bad);
		CHECK_INT(import_json(st, &admin, &src, NULL, &err), TRK_EINPUT);
		CHECK(strstr(err.msg, "p.json:1") && strstr(err.msg, "proposed: expected true"));
	}
	store_close(st);
}

struct setting_args {
	const char *key, *value;
};

static int do_setting(struct store *st, void *arg, struct trk_error *err)
{
	struct setting_args *s = arg;

	return store_setting_set(st, &admin, s->key, s->value, NULL, err);
}

static void test_settings_journal(void)
{
	struct store *st;
	struct trk_error err;
	struct settings s;
	struct setting_args bad = { "health.at_risk_gap", "50" }, ok = { "health.at_risk_gap", "20" };

	setenv("TRACKER_NOW", "2023-09-30T08:00:00Z", 1);
	CHECK_INT(store_open(fresh_store(), STORE_CREATE, &st, &err), 0);
	CHECK_INT(store_write(st, do_setting, &bad, &err), TRK_EINPUT);
	CHECK(strstr(err.msg, "off_track") != NULL);
	setenv("TRACKER_NOW", "2023-10-10T08:00:00Z", 1);
	CHECK_INT(store_write(st, do_setting, &ok, &err), 0);
	CHECK_INT(store_settings(st, NULL, &s, &err), 0);
	CHECK_NEAR(s.health.at_risk_gap, 20, 1e-9);
	CHECK_INT(store_settings(st, "2023-10-01T00:00:00Z", &s, &err), 0);
	CHECK_NEAR(s.health.at_risk_gap, 16.5, 1e-9);   /* as it was then */
	/* The clock set back behind the record: refused. */
	setenv("TRACKER_NOW", "2023-10-01T08:00:00Z", 1);
	CHECK_INT(store_write(st, do_setting, &ok, &err), TRK_EINPUT);
	CHECK(strstr(err.msg, "behind") != NULL);
	setenv("TRACKER_NOW", "2023-09-30T08:00:00Z", 1);
	CHECK_INT(findings(st), 0);
	store_close(st);
}

/* ---- round trips --------------------------------------------------------------- */

static char *export_text(struct store *st)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct trk_error err;

	CHECK_INT(export_json(st, NULL, f, &err), 0);
	fclose(f);
	return buf;
}

/* Export a, import into b (empty), export b: the same bytes; and importing
 * the export into a again changes nothing. */
static void check_round_trip(struct store *a, const char *what)
{
	struct store *b;
	struct trk_error err;
	struct import_source src = { .name = "export.json" };
	char *first = export_text(a), *second, *third;

	CHECK_INT(store_open(fresh_store(), STORE_CREATE, &b, &err), 0);
	src.data = first;
	src.len = strlen(first);
	if (import_json(b, &admin, &src, NULL, &err)) {
		fprintf(stderr, "  %s: import of the export failed: %s\n", what, err.msg);
		CHECK(0);
	}
	second = export_text(b);
	CHECK_STR(second, first);
	CHECK_INT(import_json(a, &admin, &src, NULL, &err), 0);
	third = export_text(a);
	CHECK_STR(third, first);
	CHECK_INT(findings(b), 0);
	free(first), free(second), free(third);
	store_close(b);
}

static void test_round_trip(void)
{
	struct store *a;
	struct trk_error err;

	CHECK_INT(store_open(fresh_store(), STORE_CREATE, &a, &err), 0);
	CHECK_INT(import_text(a, ROBOTS, &err), 0);
	CHECK_INT(log_value(a, "211-14", "2023-06-30", 320, NULL, 0, &err), 0);
	CHECK_INT(change(a, "211-14", "due", "2024-03-31", "延期", &err), 0);
	check_round_trip(a, "fixed");
	store_close(a);
}

/* ---- the property test ------------------------------------------------------------ */

static unsigned long long rng_state;

static unsigned rnd(unsigned n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)(rng_state >> 33) % n;
}

static const char *const dates[] = { "2023-06-30", "2023-07-31", "2023-08-31", "2023-09-30" };
static const char *const keys[] = { "211-14", "211-20" };

/* One random operation: valid or not, the store must stay exportable. */
static void random_op(struct store *st, int step)
{
	struct trk_error err;
	char reason[32], value[32];
	const char *key = keys[rnd(2)];

	snprintf(reason, sizeof(reason), "原因 %d", step);
	switch (rnd(7)) {
	case 0:
		log_value(st, key, dates[rnd(4)], rnd(5) ? (double)rnd(900) : -1,
			  rnd(2) ? reason : NULL, 0, &err);
		break;
	case 1:
		log_value(st, key, dates[rnd(4)], rnd(900), NULL, (int)rnd(4), &err);
		break;
	case 2:
		change(st, key, "status", status_name((enum status)rnd(ST__COUNT)),
		       rnd(3) ? reason : NULL, &err);
		break;
	case 3:
		change(st, key, "health_override", rnd(2) ? health_name((enum health)rnd(H__COUNT))
		       : NULL, reason, &err);
		break;
	case 4:
		change(st, key, "due", dates[rnd(4)], rnd(2) ? reason : NULL, &err);
		break;
	case 5:
		snprintf(value, sizeof(value), ">= %u 台", 100 + rnd(900));
		change(st, key, "target", rnd(5) ? value : NULL, reason, &err);
		break;
	default:
		change(st, key, "title", rnd(2) ? "新标题" : "另一个标题", NULL, &err);
	}
}

static void test_property_round_trip(void)
{
	const char *seed_env = getenv("TRACKER_PROPERTY_SEED");
	unsigned long long seed = seed_env ? strtoull(seed_env, NULL, 10) : 20231001;

	for (int run = 0; run < 20; run++) {
		struct store *st;
		struct trk_error err;
		char what[64];

		rng_state = seed + (unsigned long long)run;
		snprintf(what, sizeof(what), "seed %llu", rng_state);
		CHECK_INT(store_open(fresh_store(), STORE_CREATE, &st, &err), 0);
		CHECK_INT(import_text(st, "{\"key\":\"211-14\",\"quote\":\"新增工业机器人800台以上\","
				      "\"title\":\"机器人\",\"owner\":\"经信局\",\"kind\":\"quantitative\","
				      "\"target\":{\"value\":800,\"unit\":\"台\"},\"window_start\":"
				      "\"2023-01-01\",\"due\":\"2023-12-31\"}," "{\"key\":\"211-20\","
				      "\"quote\":\"继续落实展会服务\",\"title\":\"展会\",\"owner\":\"商务局\","
				      "\"kind\":\"quantitative\",\"target\":{\"value\":5}}", &err), 0);
		for (int step = 0; step < 40; step++)
			random_op(st, step);
		check_round_trip(st, what);
		CHECK_INT(findings(st), 0);
		store_close(st);
	}
}

/* ---- the fast paths against the straightforward ones ------------------------------- */

/* The chain head as it was computed before store_chain_links(): from every
 * record of every commitment, as store_query() rewinds them to known_at. */
struct slow_head {
	struct digest d;
};

static void head_field(struct digest *d, const char *s, char end)
{
	if (s)
		digest_add(d, s, strlen(s));
	digest_add(d, &end, 1);
}

static int slow_head_one(const struct commitment_record *r, void *arg, struct trk_error *err)
{
	struct digest *d = arg;
	const char *genesis = r->nhistory && r->history[0].seq == 0 ? r->history[0].hash : "";
	const char *change = r->nhistory && r->history[r->nhistory - 1].seq >= 1
			     ? r->history[r->nhistory - 1].hash : "";

	(void)err;
	head_field(d, r->c->key, '\x1f');
	head_field(d, genesis, '\x1f');
	head_field(d, r->ncheckins ? r->checkins[r->ncheckins - 1].hash : "", '\x1f');
	head_field(d, change, '\x1e');
	return 0;
}

static int slow_journal_last(const struct journal_entry *e, void *arg, struct trk_error *err)
{
	(void)err;
	snprintf(arg, DIGEST_HEXSZ, "%s", e->hash ? e->hash : "");
	return 0;
}

static void slow_chain_head(struct store *st, const char *known_at, char out[DIGEST_HEXSZ])
{
	char tail[DIGEST_HEXSZ] = "";
	struct trk_error err;
	struct digest d;
	struct query q;

	digest_init(&d);
	CHECK_INT(store_journal(st, known_at, slow_journal_last, tail, &err), 0);
	digest_add(&d, "head/2\x1e", 7);
	head_field(&d, tail, '\x1e');
	CHECK_INT(query_init(&q, &err), 0);
	q.known_at = known_at;
	q.want = WANT_CHECKINS | WANT_HISTORY;
	CHECK_INT(store_query(st, &q, slow_head_one, &d, &err), 0);
	digest_hex(&d, out);
}

/* Everything a query hands over, as text, to compare two ways of reading. */
/* Whether dump_one writes the check-ins' hashes (not for WANT_NO_HASHES). */
static bool dump_hashes = true;

static int dump_one(const struct commitment_record *r, void *arg, struct trk_error *err)
{
	struct strbuf *sb = arg;
	char *genesis = commitment_genesis_text(r->c);

	(void)err;
	strbuf_addf(sb, "%s|%s|%s|%d|%d|%d|%s|%s|%zu|%zu\n", r->c->key, genesis,
		    r->c->updated_at, r->c->sequence, (int)r->p->health, (int)r->c->status,
		    r->c->owner_short ? r->c->owner_short : "", r->c->letter_doc_no,
		    r->c->co_owners.n, r->c->tags.n);
	free(genesis);
	for (size_t i = 0; i < r->ncheckins; i++) {
		const struct checkin *k = &r->checkins[i];
		strbuf_addf(sb, " k%d %s %s %s %s %s %.17g %d %s %s\n", k->seq, k->recorded_at,
			    k->note ? k->note : "", k->evidence ? k->evidence : "",
			    k->author ? k->author : "", k->reason ? k->reason : "", k->value,
			    k->supersedes, dump_hashes ? k->prev_hash : "", dump_hashes ? k->hash : "");
	}
	for (size_t i = 0; i < r->nhistory; i++)
		strbuf_addf(sb, " h%d %s %s %s\n", r->history[i].seq, r->history[i].field,
			    r->history[i].changed_at, r->history[i].hash);
	return 0;
}

static void dump_query(struct store *st, const char *known_at, unsigned bulk,
		       enum sort_order order, const char *owner, struct strbuf *out)
{
	struct trk_error err;
	struct query q;

	CHECK_INT(query_init(&q, &err), 0);
	q.known_at = known_at;
	q.order = order;
	q.f.owner = owner;
	q.as_of = D("2023-09-30");
	q.want = WANT_CHECKINS | WANT_HISTORY | bulk;
	CHECK_INT(store_query(st, &q, dump_one, out, &err), 0);
}

/* Random histories written over a simulated month (the clock moves an hour
 * a step, a second commitment arrives half-way); at moments before, during
 * and after them the chain head from the last links equals the one from
 * every record, and the merged pass (WANT_BULK) hands over exactly what the
 * per-commitment reads do, in the three orders it serves (as added, by
 * key, by due date), with and without a filter (as added and unfiltered,
 * as now: each table read in place), co-owners and tags included, and
 * without the hashes (WANT_NO_HASHES) everything else alike. */
static void test_property_fast_paths(void)
{
	static const char *const moments[] = { "2023-08-31T23:00:00Z", "2023-09-01T05:00:00Z",
					       "2023-09-01T20:30:00Z", "2023-09-02T07:00:00Z",
					       "2023-09-03T12:00:00Z", NULL };

	for (int run = 0; run < 12; run++) {
		struct store *st;
		struct trk_error err;
		char now[32], fast[DIGEST_HEXSZ], slow[DIGEST_HEXSZ];

		rng_state = 20231130ULL + (unsigned long long)run;
		setenv("TRACKER_NOW", "2023-09-01T00:00:00Z", 1);
		CHECK_INT(store_open(":memory:", STORE_CREATE, &st, &err), 0);
		CHECK_INT(import_text(st, ROBOTS, &err), 0);
		for (int step = 0; step < 48; step++) {
			snprintf(now, sizeof(now), "2023-09-%02dT%02d:00:00Z", 1 + step / 24, step % 24);
			setenv("TRACKER_NOW", now, 1);
			if (step == 20)
				CHECK_INT(import_text(st, "{\"key\":\"211-20\",\"quote\":"
						      "\"继续落实展会服务\",\"title\":\"展会\","
						      "\"owner\":\"商务局\",\"kind\":\"quantitative\","
						      "\"co_owners\":[\"经信局\"],\"tags\":[\"展会\","
						      "\"服务\"],\"target\":{\"value\":5}}", &err), 0);
			random_op(st, step);
		}
		for (size_t m = 0; m < sizeof(moments) / sizeof(moments[0]); m++) {
			struct strbuf merged = STRBUF_INIT, each = STRBUF_INIT;

			CHECK_INT(chain_head(st, moments[m], fast, &err), 0);
			slow_chain_head(st, moments[m], slow);
			CHECK_STR(fast, slow);
			for (int v = 0; v < 6; v++) {
				static const enum sort_order orders[] = { SORT_ADDED, SORT_KEY,
									  SORT_DUE };
				enum sort_order order = orders[v % 3];
				const char *owner = v >= 3 ? "商务局" : NULL;

				strbuf_reset(&merged);
				strbuf_reset(&each);
				dump_query(st, moments[m], WANT_BULK, order, owner, &merged);
				dump_query(st, moments[m], 0, order, owner, &each);
				CHECK_STR(merged.buf, each.buf);
				CHECK(m == 0 || owner || merged.len > 0);
				/* Without the hashes, everything else the same. */
				strbuf_reset(&merged);
				strbuf_reset(&each);
				dump_hashes = false;
				dump_query(st, moments[m], WANT_BULK | WANT_NO_HASHES, order, owner,
					   &merged);
				dump_query(st, moments[m], 0, order, owner, &each);
				CHECK_STR(merged.buf, each.buf);
				strbuf_reset(&merged);
				dump_query(st, moments[m], WANT_NO_HASHES, order, owner, &merged);
				dump_hashes = true;
				CHECK_STR(merged.buf, each.buf);
			}
			strbuf_release(&merged);
			strbuf_release(&each);
		}
		store_close(st);
	}
	setenv("TRACKER_NOW", "2023-09-30T08:00:00Z", 1);
}

/* Every field of a commitment's progress, as text. */
static int dump_progress(const struct commitment_record *r, void *arg, struct trk_error *err)
{
	const struct progress *p = r->p;

	(void)err;
	strbuf_addf(arg, "%s n%d last%d cur%d:%.17g@%d pct%d:%.17g exp%d:%.17g ms%d met%d "
		    "fc%d:%d h%d ov%d\n", r->c->key, p->n, p->last_as_of, p->has_current,
		    p->current, p->current_as_of, p->has_percent, p->percent, p->has_expected,
		    p->expected, p->milestone, p->target_met, p->has_forecast, p->forecast,
		    (int)p->health, p->overridden);
	return 0;
}

static void dump_progress_query(struct store *st, int32_t as_of, unsigned want,
				struct strbuf *out)
{
	struct trk_error err;
	struct query q;

	CHECK_INT(query_init(&q, &err), 0);
	q.order = SORT_DUE;
	q.as_of = as_of;
	q.want = want;
	CHECK_INT(store_query(st, &q, dump_progress, out, &err), 0);
}

/* What a calendar takes from a commitment's records, as text. */
struct calendar_dump {
	int32_t as_of;
	struct strbuf *out;
};

static int dump_calendar_extra(const struct commitment_record *r, void *arg,
			       struct trk_error *err)
{
	struct calendar_dump *d = arg;
	struct ics_extra x;

	(void)err;
	ics_extra_of(r, d->as_of, DATE_NONE, &x);
	strbuf_addf(d->out, "%s %d %d %d:%.17g %s/%s %s %s\n", r->c->key, x.has_latest,
		    x.latest_as_of, x.latest_has_value, x.latest_value,
		    x.latest_note ? x.latest_note : "-", x.latest_author ? x.latest_author : "-",
		    x.last_recorded_at ? x.last_recorded_at : "-",
		    x.completed_at ? x.completed_at : "-");
	return 0;
}

static void dump_calendar_query(struct store *st, int32_t as_of, unsigned want,
				struct strbuf *out)
{
	struct calendar_dump d = { as_of, out };
	struct trk_error err;
	struct query q;

	CHECK_INT(query_init(&q, &err), 0);
	q.as_of = as_of;
	q.want = WANT_CHECKINS | WANT_HISTORY | want;
	CHECK_INT(store_query(st, &q, dump_calendar_extra, &d, &err), 0);
	q.order = SORT_ADDED;   /* the calendar's order: its tables read in place */
	CHECK_INT(store_query(st, &q, dump_calendar_extra, &d, &err), 0);
}

/* The stored summaries (checkin_summary) against the check-ins: after
 * random histories, a query that reads the summaries (as now, without the
 * check-ins: what `tracker list` is) gives each commitment exactly the
 * progress that the same query computing from the check-ins gives, on
 * today and later dates; also when the clock is set back before some
 * check-ins, so that those commitments are read from their check-ins. A
 * calendar given only the latest check-ins beside the summary
 * (WANT_LATEST_CHECKINS) shows what it shows from all of them. And
 * `tracker check` finds every summary right. */
static void test_property_summaries(void)
{
	static const char *const nows[] = { "2023-10-01T08:00:00Z", "2023-08-15T08:00:00Z",
					    "2023-06-01T08:00:00Z" };

	for (int run = 0; run < 10; run++) {
		struct store *st;
		struct trk_error err;
		int32_t today;

		rng_state = 20261203ULL + (unsigned long long)run;
		setenv("TRACKER_NOW", "2023-10-01T00:00:00Z", 1);
		CHECK_INT(store_open(fresh_store(), STORE_CREATE, &st, &err), 0);
		CHECK_INT(import_text(st, ROBOTS, &err), 0);
		CHECK_INT(import_text(st, "{\"key\":\"211-20\",\"quote\":\"继续落实展会服务\","
				      "\"title\":\"展会\",\"owner\":\"商务局\",\"kind\":"
				      "\"quantitative\",\"target\":{\"value\":5},\"due\":"
				      "\"2023-12-31\",\"window_start\":\"2023-06-01\"}", &err), 0);
		for (int step = 0; step < 40; step++)
			random_op(st, step);
		CHECK_INT(findings(st), 0);
		for (size_t n = 0; n < sizeof(nows) / sizeof(nows[0]); n++) {
			setenv("TRACKER_NOW", nows[n], 1);
			CHECK_INT(clock_today(&today, &err), 0);
			for (int32_t later = 0; later <= 400; later += 100) {
				struct strbuf fast = STRBUF_INIT, slow = STRBUF_INIT;

				dump_progress_query(st, today + later, WANT_BULK, &fast);
				dump_progress_query(st, today + later, 0, &fast);
				dump_progress_query(st, today + later, WANT_CHECKINS | WANT_BULK, &slow);
				dump_progress_query(st, today + later, WANT_CHECKINS, &slow);
				CHECK_STR(fast.buf, slow.buf);
				CHECK(strstr(fast.buf, "211-20") != NULL);
				/* A calendar given only the latest check-ins. */
				strbuf_reset(&fast);
				strbuf_reset(&slow);
				dump_calendar_query(st, today + later, WANT_LATEST_CHECKINS |
						    WANT_NO_HASHES | WANT_BULK, &fast);
				dump_calendar_query(st, today + later, WANT_LATEST_CHECKINS |
						    WANT_NO_HASHES, &fast);
				dump_calendar_query(st, today + later, WANT_LATEST_CHECKINS |
						    WANT_BULK, &fast);
				dump_calendar_query(st, today + later, WANT_NO_HASHES | WANT_BULK,
						    &slow);
				dump_calendar_query(st, today + later, 0, &slow);
				dump_calendar_query(st, today + later, WANT_BULK, &slow);
				CHECK_STR(fast.buf, slow.buf);
				strbuf_release(&fast);
				strbuf_release(&slow);
			}
		}
		store_close(st);
	}
	setenv("TRACKER_NOW", "2023-09-30T08:00:00Z", 1);
}

/* ---- migrations ----------------------------------------------------------------------- */

static void sql(struct store *st, const char *path, const char *text)
{
	sqlite3 *db;

	(void)st;
	CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, text, NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "  sql: %s\n", sqlite3_errmsg(db));
		CHECK(0);
	}
	sqlite3_close(db);
}

/* A store of schema 3 (the first versions) with a commitment, a changed due
 * date and a check-in logged as -0 (hashed over "-0"), as those versions
 * wrote them: migrating it journals the owners, letters and settings,
 * writes the creation record, repairs the -0 chain, and checks clean. */
static void test_migration_from_3(void)
{
	char path[] = "/tmp/tracker-test-XXXXXX", h1[DIGEST_HEXSZ], k1[DIGEST_HEXSZ];
	char k2[DIGEST_HEXSZ], text[4096];
	struct store *st;
	struct trk_error err;
	struct history h;
	struct checkin k;
	int fd = mkstemp(path), version;

	close(fd);
	unlink(path);
	CHECK_INT(store_open(path, STORE_CREATE | STORE_NO_MIGRATE, &st, &err), 0);
	CHECK_INT(store_migrate(st, 3, &err), 0);
	store_close(st);
	history_init(&h);
	h.commitment_key = "211-14", h.seq = 1, h.field = "due", h.old_value = "2023-12-31";
	h.new_value = "2024-03-31", h.author = "me", h.changed_at = "2023-10-01T00:00:00Z";
	h.reason = "延期", h.prev_hash = "";
	history_hash(&h, h1);
	checkin_init(&k);
	k.commitment_key = "211-14", k.seq = 1, k.as_of = D("2023-06-30");
	k.recorded_at = "2023-07-02T01:02:03Z", k.has_value = true, k.value = -0.0;
	k.author = "me", k.prev_hash = "";
	checkin_hash_negative_zero(&k, k1);
	k.seq = 2, k.value = 320, k.prev_hash = k1, k.recorded_at = "2023-07-03T01:02:03Z";
	checkin_hash(&k, k2);
	snprintf(text, sizeof(text),
		 "INSERT INTO owner (id, name) VALUES (1, '慈溪市经济和信息化局');"
		 "INSERT INTO owner_alias VALUES ('慈溪市经济和信息化局', 1), ('经信局', 1);"
		 "INSERT INTO letter (id, doc_no, date, text, text_sha256, created_at) VALUES (1, "
		 "'L1', '2023-06-13', NULL, NULL, '2023-06-14T00:00:00Z');"
		 "INSERT INTO commitment (id, key, uid, letter_id, quote, title, owner_id, kind, "
		 "target_value, target_unit, target_cmp, target_baseline, window_start, due, status, "
		 "sequence, created_at, updated_at) VALUES (1, '211-14', 'u@tracker', 1, '新增', "
		 "'机器人', 1, 'quantitative', 800, '台', '>=', 0, '2023-01-01', '2024-03-31', 'open', "
		 "1, '2023-06-14T00:00:00Z', '2023-10-01T00:00:00Z');"
		 "INSERT INTO history VALUES (1, 1, 'due', '2023-12-31', '2024-03-31', 'me', "
		 "'2023-10-01T00:00:00Z', '延期', '', '%s');"
		 "INSERT INTO checkin VALUES (1, 1, '2023-06-30', '2023-07-02T01:02:03Z', -0.0, NULL, "
		 "NULL, 'me', 0, '', '%s');"
		 "INSERT INTO checkin VALUES (1, 2, '2023-06-30', '2023-07-03T01:02:03Z', 320, NULL, "
		 "NULL, 'me', 0, '%s', '%s');", h1, k1, k1, k2);
	sql(st, path, text);
	if (store_open(path, 0, &st, &err)) {
		fprintf(stderr, "  migrating from 3: %s\n", err.msg);
		CHECK(0);
		return;
	}
	CHECK_INT(store_schema_version(st, &version, &err), 0);
	CHECK_INT(version, store_schema_latest());
	CHECK_INT(findings(st), 0);
	check_round_trip(st, "migrated");
	store_close(st);
	/* From a newer program: refused. */
	sql(NULL, path, "PRAGMA user_version = 999");
	CHECK_INT(store_open(path, 0, &st, &err), TRK_EVERSION);
	CHECK(strstr(err.msg, "newer") != NULL);
	/* Another program's database: refused, untouched. */
	unlink(path);
	sql(NULL, path, "CREATE TABLE t(x)");
	CHECK_INT(store_open(path, STORE_CREATE, &st, &err), TRK_EDB);
	CHECK(strstr(err.msg, "another program") != NULL);
	unlink(path);
	/* A missing database is not created by a reader. */
	CHECK_INT(store_open("/nonexistent/dir/t.db", 0, &st, &err), TRK_ENOTFOUND);
	CHECK(strstr(err.msg, "tracker init") != NULL);
	CHECK(access("/nonexistent", F_OK) != 0);
}

int main(void)
{
	setenv("TRACKER_NOW", "2023-09-30T08:00:00Z", 1);
	setenv("TZ", "UTC", 1);
	test_import_errors();
	test_rules_in_the_door();
	test_one_quote_one_commitment();
	test_settings_journal();
	test_round_trip();
	test_property_round_trip();
	test_property_fast_paths();
	test_property_summaries();
	test_migration_from_3();
	return check_summary();
}
