/* test_core.c - the core's units: dates, hashing, UTF-8 width, the
 * progress and health maths, migrations, import errors and the round trip. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "util/date.h"
#include "record/export_json.h"
#include "record/import.h"
#include "model/model.h"
#include "util/sha256.h"
#include "store/store.h"
#include "util/strbuf.h"
#include "util/utf8.h"

static int32_t D(const char *s)
{
	int32_t d = DATE_NONE;

	date_parse(s, &d, "test", NULL);
	return d;
}

static void test_dates(void)
{
	struct trk_error err;
	char buf[DATE_BUFSZ], ts[TIMESTAMP_BUFSZ];
	int32_t d;
	int64_t t;
	int y, q;

	CHECK_INT(date_from_ymd(1970, 1, 1), 0);
	CHECK_INT(D("2023-12-31") - D("2023-01-01"), 364);
	CHECK_INT(D("2024-03-01") - D("2024-02-28"), 2);
	date_format(D("2000-02-29"), buf);
	CHECK_STR(buf, "2000-02-29");
	CHECK_INT(date_parse("2023-13-40", &d, "due", &err), TRK_EINPUT);
	CHECK(strstr(err.msg, "due") && strstr(err.msg, "2023-13-40"));
	CHECK_INT(date_parse("2023/06/13", &d, "due", &err), TRK_EINPUT);
	CHECK_INT(date_parse("", &d, "due", &err), TRK_EINPUT);
	CHECK_INT(date_parse("2023-02-29", &d, "due", &err), TRK_EINPUT);
	CHECK_INT(date_parse("2023-06-13x", &d, "due", &err), TRK_EINPUT);
	CHECK_INT(quarter_parse("2023Q3", &y, &q, &err), 0);
	CHECK_INT(q, 3);
	CHECK_INT(quarter_parse("2023Q5", &y, &q, &err), TRK_EINPUT);
	CHECK_INT(date_quarter_end(2023, 3), D("2023-09-30"));
	CHECK_INT(date_quarter_start(2023, 4), D("2023-10-01"));
	CHECK_INT(timestamp_parse("2023-09-30T12:34:56Z", &t, "ts", &err), 0);
	timestamp_format(t, ts);
	CHECK_STR(ts, "2023-09-30T12:34:56Z");
	CHECK_INT(timestamp_parse("2023-09-30T25:00:00Z", &t, "ts", &err), TRK_EINPUT);
}

static void test_sha256(void)
{
	char hex[65];

	sha256_hex("", 0, hex);
	CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	sha256_hex("abc", 3, hex);
	CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	sha256_hex(two, strlen(two), hex);
	CHECK_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_utf8(void)
{
	struct strbuf sb = STRBUF_INIT;

	CHECK_INT(utf8_width("abc"), 3);
	CHECK_INT(utf8_width("工业机器人"), 10);
	CHECK_INT(utf8_width("“550”"), 5);       /* curly quotes are narrow */
	CHECK_INT(utf8_width("（一）"), 6);       /* full-width brackets are wide */
	CHECK(!utf8_valid("\xe5\xb7", 2, NULL)); /* cut in the middle */
	CHECK(!utf8_valid("\xc0\xaf", 2, NULL)); /* overlong */
	CHECK(!utf8_valid("a\0b", 3, NULL));
	CHECK(utf8_valid("新增", 6, NULL));
	utf8_add_terminal(&sb, "a\033[31mb\nc", 0);
	CHECK(!strchr(sb.buf, '\033'));
	CHECK(!strchr(sb.buf, '\n'));
	strbuf_reset(&sb);
	utf8_add_padded(&sb, "新增工业机器人", 8);
	CHECK_INT(utf8_width(sb.buf), 8);
	CHECK(strstr(sb.buf, "…") != NULL);
	strbuf_reset(&sb);
	utf8_add_padded(&sb, "人社局", 10);
	CHECK_INT(utf8_width(sb.buf), 10);
	strbuf_release(&sb);
}

/* The robot target of the seed letter: 800 台 over 2023. */
static void robots(struct commitment *c)
{
	commitment_init(c);
	c->kind = KIND_QUANTITATIVE;
	c->target.present = true;
	c->target.value = 800;
	c->target.cmp = CMP_GE;
	c->window_start = D("2023-01-01");
	c->due = D("2023-12-31");
}

static enum health health_at(const struct commitment *c, bool has, double v, const char *as_of,
			     struct progress *p)
{
	struct checkin_summary s = { .n = has, .has_value = has, .value = v,
				     .last_as_of = has ? D(as_of) : DATE_NONE };
	struct health_config cfg;

	health_config_default(&cfg);
	progress_compute(c, &s, D(as_of), &cfg, p);
	return p->health;
}

static void test_progress(void)
{
	struct commitment c;
	struct progress p;
	double e;

	robots(&c);
	CHECK(progress_expected(D("2023-01-01"), D("2023-12-31"), D("2023-12-31"), &e));
	CHECK_NEAR(e, 100, 1e-9);
	CHECK(progress_expected(D("2023-07-01"), D("2023-12-31"), D("2023-09-30"), &e));
	CHECK_NEAR(e, 100.0 * 92 / 184, 1e-9);
	CHECK(!progress_expected(DATE_NONE, D("2023-12-31"), D("2023-09-30"), &e));

	/* 30 Sep: expected 273/365 = 74.8%. */
	CHECK_INT(health_at(&c, true, 560, "2023-09-30", &p), H_ON_TRACK);
	CHECK_NEAR(p.percent, 70, 1e-9);
	CHECK_NEAR(p.expected, 100.0 * 273 / 365, 1e-9);
	CHECK_INT(health_at(&c, true, 400, "2023-09-30", &p), H_AT_RISK);     /* 24.8 behind */
	CHECK_INT(health_at(&c, true, 300, "2023-09-30", &p), H_OFF_TRACK);   /* 37.3 behind */
	CHECK_INT(health_at(&c, true, 468, "2023-09-30", &p), H_ON_TRACK);    /* 16.3 behind */
	CHECK_INT(health_at(&c, true, 466, "2023-09-30", &p), H_AT_RISK);     /* 16.55 behind */
	CHECK_INT(health_at(&c, false, 0, "2023-09-30", &p), H_NO_DATA);
	CHECK_INT(health_at(&c, true, 900, "2023-09-30", &p), H_ON_TRACK);
	CHECK_NEAR(p.percent, 100, 1e-9);                                      /* clamped */
	CHECK_INT(health_at(&c, true, 700, "2024-01-01", &p), H_OVERDUE);
	CHECK_INT(health_at(&c, false, 0, "2022-12-31", &p), H_NOT_STARTED);
	c.status = ST_DONE;
	CHECK_INT(health_at(&c, true, 700, "2024-01-01", &p), H_DONE);
	c.status = ST_BLOCKED;
	CHECK_INT(health_at(&c, true, 560, "2023-09-30", &p), H_AT_RISK);
	c.status = ST_OPEN;
	c.health_override = H_OFF_TRACK;
	CHECK_INT(health_at(&c, true, 560, "2023-09-30", &p), H_OFF_TRACK);
	CHECK(p.overridden);

	/* A <= target: from a baseline of 100 down to 40. */
	robots(&c);
	c.target.cmp = CMP_LE;
	c.target.baseline = 100;
	c.target.value = 40;
	health_at(&c, true, 70, "2023-06-30", &p);
	CHECK_NEAR(p.percent, 50, 1e-9);
	health_at(&c, true, 120, "2023-06-30", &p);
	CHECK_NEAR(p.percent, 0, 1e-9);

	/* Ongoing work: no check-in in the current quarter is no_data. */
	commitment_init(&c);
	c.kind = KIND_ONGOING;
	c.window_start = D("2023-06-13");
	struct checkin_summary s = { .n = 1, .last_as_of = D("2023-06-30") };
	struct health_config cfg;
	health_config_default(&cfg);
	progress_compute(&c, &s, D("2023-09-30"), &cfg, &p);
	CHECK_INT(p.health, H_NO_DATA);
	s.last_as_of = D("2023-08-01");
	progress_compute(&c, &s, D("2023-09-30"), &cfg, &p);
	CHECK_INT(p.health, H_ON_TRACK);
}

static void test_target_text(void)
{
	struct target t = { .present = true, .value = 5.64, .unit = "万个", .cmp = CMP_GE,
			    .baseline = 1.5 }, back;
	struct trk_error err;
	char *text = target_to_text(&t);

	CHECK_INT(target_from_text(text, &back, &err), 0);
	CHECK(back.present && back.value == 5.64 && back.baseline == 1.5 && back.cmp == CMP_GE);
	CHECK_STR(back.unit, "万个");
	free(back.unit);
	free(text);
	CHECK_INT(target_from_text("~ 3", &back, &err), TRK_EINPUT);
}

static const char *LETTER_JSON =
	"{\"format\":\"tracker/1\",\"owners\":[{\"name\":\"慈溪市经济和信息化局\",\"aliases\":[\"经信局\"]}],"
	"\"letters\":[{\"doc_no\":\"慈经信建〔2023〕3号\",\"date\":\"2023-06-13\","
	"\"text\":\"新增工业机器人800台以上。\",\"commitments\":[%s]}]}";

static const char *ROBOTS =
	"{\"key\":\"211-14\",\"quote\":\"新增工业机器人800台以上\",\"title\":\"机器人\","
	"\"owner\":\"经信局\",\"kind\":\"quantitative\",\"target\":{\"value\":800,\"unit\":\"台\"},"
	"\"window_start\":\"2023-01-01\",\"due\":\"2023-12-31\"}";

static int import_text(struct store *st, const char *commitments, struct trk_error *err)
{
	struct strbuf sb = STRBUF_INIT;
	struct import_source src = { .name = "t.json" };
	int rc;

	strbuf_addf(&sb, LETTER_JSON, commitments);
	src.data = sb.buf;
	src.len = sb.len;
	rc = import_json(st, &src, NULL, err);
	strbuf_release(&sb);
	return rc;
}

static int count_commitments(struct store *st)
{
	sqlite3_stmt *s;
	int n = -1;

	sqlite3_prepare_v2(store_db(st), "SELECT count(*) FROM commitment", -1, &s, NULL);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
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

	CHECK_INT(store_open(":memory:", 0, &st, &err), 0);
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
	/* The same key twice in one file: the second conflicts with the first. */
	struct strbuf two = STRBUF_INIT;
	strbuf_addf(&two, "%s,%s", ROBOTS, "{\"key\":\"211-14\",\"quote\":\"新增\",\"title\":\"x\","
		    "\"owner\":\"经信局\",\"kind\":\"milestone\"}");
	expect_import_error(st, two.buf, "commitments[1] (211-14)");
	strbuf_release(&two);
	/* Truncated in the middle: nothing is imported. */
	struct import_source src = { .name = "t.json", .data = "{\"format\":\"tracker/1\",\"letters\":[{\"doc_no\":\"x\"," };
	src.len = strlen(src.data);
	CHECK(import_json(st, &src, NULL, &err) != 0);
	CHECK(strstr(err.msg, "truncated") != NULL);
	CHECK_INT(import_text(st, ROBOTS, &err), 0);
	CHECK_INT(import_text(st, ROBOTS, &err), 0);   /* twice changes nothing */
	CHECK_INT(count_commitments(st), 1);
	store_close(st);
}

/* Export, import into an empty database, export again: the same bytes. */
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

static int log_value(struct store *st, void *arg, struct trk_error *err)
{
	struct checkin k;
	int rc;

	checkin_init(&k);
	k.commitment_key = strdup("211-14");
	k.as_of = D("2023-06-30");
	k.has_value = true;
	k.value = 320;
	k.note = strdup("上半年 \"320\" 台\n第二行");
	rc = store_checkin_append(st, &k, err);
	checkin_release(&k);
	if (!rc)
		rc = store_commitment_change(st, "211-14", "due", "2024-03-31", "me", "延期", err);
	return rc;
}

static void test_round_trip(void)
{
	struct store *a, *b;
	struct trk_error err;
	struct import_source src = { .name = "export.json" };

	CHECK_INT(store_open(":memory:", 0, &a, &err), 0);
	CHECK_INT(store_open(":memory:", 0, &b, &err), 0);
	CHECK_INT(import_text(a, ROBOTS, &err), 0);
	CHECK_INT(store_write(a, log_value, NULL, &err), 0);
	char *first = export_text(a);
	src.data = first;
	src.len = strlen(first);
	CHECK_INT(import_json(b, &src, NULL, &err), 0);
	char *second = export_text(b);
	CHECK_STR(second, first);
	/* Importing the export into the store it came from changes nothing. */
	CHECK_INT(import_json(a, &src, NULL, &err), 0);
	char *third = export_text(a);
	CHECK_STR(third, first);
	free(first), free(second), free(third);
	store_close(a);
	store_close(b);
}

static void test_migrations(void)
{
	char path[] = "/tmp/tracker-test-XXXXXX";
	struct store *st;
	struct trk_error err;
	int fd = mkstemp(path), version;

	close(fd);
	unlink(path);
	/* An older database: schema 1 only, with data in it. */
	CHECK_INT(store_open(path, STORE_NO_MIGRATE, &st, &err), 0);
	CHECK_INT(store_migrate(st, 1, &err), 0);
	CHECK_INT(store_schema_version(st, &version, &err), 0);
	CHECK_INT(version, 1);
	sqlite3_exec(store_db(st), "INSERT INTO owner (name) VALUES ('x')", NULL, NULL, NULL);
	store_close(st);
	CHECK_INT(store_open(path, 0, &st, &err), 0);
	CHECK_INT(store_schema_version(st, &version, &err), 0);
	CHECK_INT(version, store_schema_latest());
	char *v = NULL;
	CHECK_INT(store_setting_get(st, "health.at_risk_gap", &v, &err), 0);
	CHECK_STR(v, "16.5");
	free(v);
	/* From a newer program: refused. */
	sqlite3_exec(store_db(st), "PRAGMA user_version = 999", NULL, NULL, NULL);
	store_close(st);
	CHECK_INT(store_open(path, 0, &st, &err), TRK_EVERSION);
	CHECK(strstr(err.msg, "newer") != NULL);
	unlink(path);
}

int main(void)
{
	setenv("TRACKER_NOW", "2023-09-30T08:00:00Z", 1);
	test_dates();
	test_sha256();
	test_utf8();
	test_progress();
	test_target_text();
	test_import_errors();
	test_round_trip();
	test_migrations();
	return check_report();
}
