/* test_model.c - the model: the correction rule, progress, pace, forecast
 * and health; the rules a record must meet; the hashed forms of records
 * (the same bytes the first stores hashed, so their chains still verify). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "model/canonical.h"
#include "model/commitment_field.h"
#include "model/progress.h"
#include "model/rules.h"
#include "model/settings.h"
#include "util/date.h"
#include "util/strbuf.h"

static int32_t D(const char *s)
{
	int32_t d = DATE_NONE;

	date_parse(s, &d, "test", NULL);
	return d;
}

/* The robot target of the seed letter: 800 台 over 2023. */
static void robots(struct commitment *c)
{
	commitment_init(c);
	c->key = "211-14";
	c->kind = KIND_QUANTITATIVE;
	c->target.present = true;
	c->target.value = 800;
	c->target.cmp = CMP_GE;
	c->window_start = D("2023-01-01");
	c->due = D("2023-12-31");
}

static struct checkin ck(int seq, const char *as_of, bool has, double v, int supersedes)
{
	struct checkin k;

	checkin_init(&k);
	k.seq = seq;
	k.as_of = D(as_of);
	k.has_value = has;
	k.value = v;
	k.supersedes = supersedes;
	return k;
}

static enum health health_at(const struct commitment *c, bool has, double v, const char *as_of,
			     struct progress *p)
{
	struct checkin k = ck(1, as_of, has, v, 0);
	struct health_config cfg;

	health_config_default(&cfg);
	progress_compute(c, &k, has ? 1 : 0, D(as_of), &cfg, p);
	return p->health;
}

static void test_correction_rule(void)
{
	struct checkin k[4] = {
		ck(1, "2023-06-30", true, 320, 0),
		ck(2, "2023-09-30", true, 520, 0),
		ck(3, "2023-09-30", true, 505, 2),     /* corrects #2 */
		ck(4, "2023-08-31", false, 0, 0),      /* a note */
	};
	struct series_point pts[4];
	struct effective_value v;

	effective_at(k, 4, D("2023-09-30"), &v);
	CHECK(v.present && v.value == 505 && v.seq == 3);
	effective_at(k, 2, D("2023-09-30"), &v);   /* before the correction was known */
	CHECK(v.present && v.value == 520);
	effective_at(k, 4, D("2023-07-31"), &v);
	CHECK(v.present && v.value == 320);
	effective_at(k, 4, D("2023-06-29"), &v);
	CHECK(!v.present);
	CHECK_INT(effective_series(k, 4, D("2023-12-31"), pts), 2);
	CHECK(pts[0].value == 320 && pts[1].value == 505);
}

static void test_pace(void)
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
	CHECK_INT(health_at(&c, true, 700, "2023-12-31", &p), H_DUE);         /* 到期未完成 */
	CHECK_INT(health_at(&c, true, 700, "2024-01-01", &p), H_OVERDUE);
	CHECK_INT(health_at(&c, false, 0, "2022-12-31", &p), H_NOT_STARTED);
	c.status = ST_DONE;
	CHECK_INT(health_at(&c, true, 300, "2024-01-01", &p), H_DONE);
	CHECK_NEAR(p.percent, 37.5, 1e-9);                     /* done below target: real share */
	CHECK(!p.target_met);
	c.status = ST_BLOCKED;
	CHECK_INT(health_at(&c, true, 560, "2023-09-30", &p), H_AT_RISK);
	c.status = ST_OPEN;
	c.health_override = H_OFF_TRACK;
	CHECK_INT(health_at(&c, true, 560, "2023-09-30", &p), H_OFF_TRACK);
	CHECK(p.overridden);
}

static void test_forecast_and_milestones(void)
{
	struct commitment c;
	struct health_config cfg;
	struct progress p;
	/* 18 of 25 by the end of September (72%, expected 74.8%: on pace by
	 * share), but the least-squares pace reaches 25 in March. */
	struct checkin slow[3] = {
		ck(1, "2023-03-31", true, 10, 0), ck(2, "2023-06-30", true, 15, 0),
		ck(3, "2023-09-30", true, 18, 0),
	};

	health_config_default(&cfg);
	robots(&c);
	c.target.value = 25;
	progress_compute(&c, slow, 3, D("2023-09-30"), &cfg, &p);
	CHECK(p.has_forecast && p.forecast > c.due);
	CHECK_INT(p.health, H_AT_RISK);

	/* A single unit (零的突破): done or not, never paced. */
	robots(&c);
	c.target.value = 1;
	CHECK(target_is_single_unit(&c));
	CHECK_INT(health_at(&c, false, 0, "2023-09-30", &p), H_NO_DATA);
	CHECK(!p.has_expected);
	CHECK_INT(health_at(&c, true, 0, "2023-09-30", &p), H_ON_TRACK);
	CHECK_INT(health_at(&c, true, 1, "2023-09-30", &p), H_ON_TRACK);
	CHECK(p.target_met);

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
	struct checkin june = ck(1, "2023-06-30", false, 0, 0), aug = ck(1, "2023-08-01", false, 0, 0);
	progress_compute(&c, &june, 1, D("2023-09-30"), &cfg, &p);
	CHECK_INT(p.health, H_NO_DATA);
	progress_compute(&c, &aug, 1, D("2023-09-30"), &cfg, &p);
	CHECK_INT(p.health, H_ON_TRACK);
}

static void test_rules(void)
{
	struct commitment c;
	struct checkin known[2] = { ck(1, "2023-06-30", true, 320, 0), ck(2, "2023-09-30", true, 455, 0) };
	struct checkin k;
	struct checkin_context x = { .known = known, .n = 2, .today = D("2023-09-30"),
				     .letter_date = D("2023-06-13") };
	struct trk_error err;

	robots(&c);
	c.title = "t", c.quote = "q", c.owner = "o", c.letter_doc_no = "l";
	CHECK_INT(rules_commitment(&c, &err), 0);
	c.target.present = false;
	CHECK_INT(rules_commitment(&c, &err), TRK_EINPUT);
	CHECK_STR(err.field, "target");
	c.target.present = true;
	c.window_start = D("2024-06-01");
	CHECK_INT(rules_commitment(&c, &err), TRK_EINPUT);
	CHECK_STR(err.field, "window_start");
	c.window_start = D("2023-01-01");
	c.title = "two\nlines";
	CHECK_INT(rules_commitment(&c, &err), TRK_EINPUT);
	c.title = "t";

	x.c = &c;
	k = ck(0, "2023-09-30", true, 300, 0);
	k.author = "me";
	CHECK_INT(rules_checkin(&k, &x, &err), TRK_EINPUT);      /* falls from 455 */
	CHECK(strstr(err.msg, "455") != NULL);
	k.reason = "口径调整";
	CHECK_INT(rules_checkin(&k, &x, &err), 0);
	k.reason = NULL;
	k.supersedes = 2;
	CHECK_INT(rules_checkin(&k, &x, &err), 0);                /* a correction may fall */
	k.supersedes = 3;
	CHECK_INT(rules_checkin(&k, &x, &err), TRK_EINPUT);       /* no check-in #3 */
	k = ck(0, "2023-10-01", true, 500, 0);
	k.author = "me";
	CHECK_INT(rules_checkin(&k, &x, &err), TRK_EINPUT);       /* after today */
	CHECK_STR(err.field, "as_of");
	k.as_of = D("1900-01-01");
	CHECK_INT(rules_checkin(&k, &x, &err), TRK_EINPUT);       /* long before the letter */
	k = ck(0, "2023-09-30", true, -5, 0);
	k.author = "me";
	k.reason = "r";
	CHECK_INT(rules_checkin(&k, &x, &err), TRK_EINPUT);       /* a count below zero */
	k = ck(0, "2023-09-30", true, -0.0, 0);
	k.author = "me";
	k.reason = "r";
	CHECK_INT(rules_checkin(&k, &x, &err), 0);
	CHECK(!signbit(k.value));                                /* -0 is stored as 0 */
	c.target.present = false;
	c.kind = KIND_ONGOING;
	k = ck(0, "2023-09-30", true, 5, 0);
	k.author = "me";
	CHECK_INT(rules_checkin(&k, &x, &err), TRK_EINPUT);       /* no target: a note */
	CHECK(strstr(err.msg, "note") != NULL);
	k.author = NULL;
	k.has_value = false;
	k.note = "在推进";
	CHECK_INT(rules_checkin(&k, &x, &err), TRK_EINPUT);       /* no author */
	k.author = "bad\x1b[31m";
	CHECK_INT(rules_checkin(&k, &x, &err), TRK_EINPUT);

	CHECK_INT(rules_status_change(ST_OPEN, ST_CANCELLED, NULL, &err), TRK_EINPUT);
	CHECK_INT(rules_status_change(ST_DONE, ST_OPEN, "", &err), TRK_EINPUT);
	CHECK_INT(rules_status_change(ST_OPEN, ST_DONE, NULL, &err), 0);
	CHECK_INT(rules_text("ok\tfine\n", TEXT_MULTILINE, "note", &err), 0);
	CHECK_INT(rules_text("a\x1f" "b", TEXT_MULTILINE, "note", &err), TRK_EINPUT);
	CHECK_INT(rules_text("\xff", TEXT_LINE, "author", &err), TRK_EINPUT);
	CHECK_INT(rules_text("a\r\nb", TEXT_LETTER, "text", &err), 0);
	CHECK_INT(rules_text("a\rb", TEXT_LETTER, "text", &err), TRK_EINPUT);
}

static void test_settings(void)
{
	struct settings s;
	struct trk_error err;

	settings_default(&s);
	CHECK_NEAR(s.health.at_risk_gap, 16.5, 1e-9);
	CHECK_INT(settings_apply(&s, "health.at_risk_gap", "50", &err), 0);
	CHECK_INT(settings_check_all(&s, &err), TRK_EINPUT);      /* not below off_track 33 */
	CHECK_INT(settings_apply(&s, "calendar.checkin_day", "32", &err), TRK_EINPUT);
	CHECK_INT(settings_apply(&s, "letter.reply_classes", "甲,乙,\x1f", &err), TRK_EINPUT);
	CHECK_INT(settings_apply(&s, "nope", "1", &err), TRK_EINPUT);
	CHECK(settings_reply_class_ok(&s, "A") && !settings_reply_class_ok(&s, "E"));
}

/* The hashed forms are those of the first stores (computed independently
 * in Python from the documented layout), so their chains still verify. */
static void test_hashes(void)
{
	struct checkin k;
	struct history h;
	char hex[DIGEST_HEXSZ];

	checkin_init(&k);
	k.commitment_key = "211-14", k.seq = 1, k.as_of = D("2023-06-30");
	k.recorded_at = "2023-07-02T01:02:03Z", k.has_value = true, k.value = 320;
	k.note = "上半年", k.evidence = "文号", k.author = "张三", k.prev_hash = "";
	checkin_hash(&k, hex);
	CHECK_STR(hex, "742fe7df62fd1b2cc7b5ab0e0fe7dec80d84cf99efdfbd8b140573aba783cd6e");
	/* -0 hashes as 0: the stored row and the hashed bytes agree. */
	checkin_init(&k);
	k.commitment_key = "211-14", k.seq = 2, k.as_of = D("2023-09-30");
	k.recorded_at = "2023-10-02T01:02:03Z", k.has_value = true, k.value = -0.0;
	k.author = "张三", k.supersedes = 1, k.prev_hash = "abc";
	checkin_hash(&k, hex);
	CHECK_STR(hex, "42a51a6c9ef07855d0099549ce9ef93d1c5f259bad49f8ae9de1bf7829eb481d");
	checkin_hash_negative_zero(&k, hex);
	CHECK_STR(hex, "91e79f0f8872a53eba279d0910cfe63a1a751aa435c2c8e322ab4c1592811290");
	history_init(&h);
	h.commitment_key = "211-14", h.seq = 1, h.field = "due", h.old_value = "2023-12-31";
	h.new_value = "2024-03-31", h.author = "me", h.changed_at = "2023-10-01T00:00:00Z";
	h.reason = "延期", h.prev_hash = "";
	history_hash(&h, hex);
	CHECK_STR(hex, "5564c74bb130caf644f984afba9e71216de9ea780e0fec4280f79cd84663eeae");
	h.field = "health_override", h.old_value = NULL, h.new_value = "at_risk", h.reason = "r";
	history_hash(&h, hex);
	CHECK_STR(hex, "64ae6e49806c23df27ee8039034ce3834c2a3e6b2289d556cd682dbf13768c3e");
}

static void test_genesis_and_replay(void)
{
	struct commitment c, back, now;
	struct history h[3];
	struct trk_error err;
	char *text;
	const char *field;

	robots(&c);
	c.key = "211-14", c.uid = "u@tracker", c.letter_doc_no = "慈经信建〔2023〕3号";
	c.quote = "新增工业机器人800台以上", c.title = "机器人", c.owner = "经信局";
	c.created_at = "2023-06-14T00:00:00Z";
	text = commitment_genesis_text(&c);
	CHECK_INT(commitment_from_genesis(text, &back, &err), 0);
	CHECK(back.target.present && back.target.value == 800 && back.due == c.due);
	commitment_release(&back);
	history_init(&h[0]);
	h[0].seq = 0, h[0].field = "created", h[0].new_value = text;
	h[0].changed_at = "2023-06-14T00:00:00Z";
	history_init(&h[1]);
	h[1].seq = 1, h[1].field = "due", h[1].old_value = "2023-12-31";
	h[1].new_value = "2024-03-31", h[1].changed_at = "2023-10-01T00:00:00Z";
	history_init(&h[2]);
	h[2].seq = 2, h[2].field = "health_override", h[2].new_value = "at_risk";
	h[2].reason = "供应商停产", h[2].changed_at = "2023-11-01T00:00:00Z";
	CHECK_INT(commitment_replay(h, 3, NULL, &now, &err), 0);
	CHECK_INT(now.due, D("2024-03-31"));
	CHECK_INT(now.sequence, 1);                      /* the due date moved the calendar */
	CHECK_STR(now.health_override_reason, "供应商停产");
	CHECK_STR(now.updated_at, "2023-11-01T00:00:00Z");
	CHECK_INT(commitment_replay(h, 3, "2023-10-15T00:00:00Z", &back, &err), 0);
	CHECK_INT(back.health_override, -1);             /* as it stood then */
	CHECK(!commitment_same(&back, &now, &field));
	CHECK_STR(field, "health_override");
	commitment_release(&back);
	commitment_release(&now);
	free(text);
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

/* ---- an unchanged commitment, found without replaying it ---------------- */

static const char *const texts[] = { NULL, "", "机器人", "a\"b\\c", "\x01\x1f\t\n", "\x7f",
				     "😀", "\xc2\x85", "x", "2023-06-14T00:00:00Z" };
static const double numbers[] = { 0, -0.0, 800, 0.1, 1e-7, -3.5, 1e300, 123456789.123456789,
				  5e-324, 0.30000000000000004 };

static const char *pick_text(void)
{
	return texts[rand() % (int)(sizeof(texts) / sizeof(*texts))];
}

static double pick_number(void)
{
	return numbers[rand() % (int)(sizeof(numbers) / sizeof(*numbers))];
}

static void random_commitment(struct commitment *c)
{
	commitment_init(c);
	c->key = xstrdup(rand() % 2 ? "211-14" : "键\"1");
	c->owner = xstrdup(rand() % 2 ? "经信局" : "a\\b");
	c->uid = xstrdup(pick_text()), c->letter_doc_no = xstrdup(pick_text());
	c->section = xstrdup(pick_text()), c->quote = xstrdup(pick_text());
	c->title = xstrdup(pick_text()), c->created_at = xstrdup("2023-06-14T00:00:00Z");
	c->updated_at = xstrdup(c->created_at);
	c->kind = (enum kind)(rand() % KIND__COUNT);
	c->status = (enum status)(rand() % ST__COUNT);
	c->health_override = rand() % 3 ? -1 : rand() % H__COUNT;
	c->health_override_reason = xstrdup(pick_text());
	c->target.present = rand() % 2;
	c->target.value = pick_number(), c->target.baseline = pick_number();
	c->target.cmp = (enum comparator)(rand() % CMP__COUNT);
	c->target.unit = xstrdup(pick_text());
	c->window_start = rand() % 2 ? DATE_NONE : D("2023-01-01");
	c->due = rand() % 2 ? DATE_NONE : D("2023-12-31");
	for (int i = rand() % 3; i > 0; i--) {
		const char *name = pick_text();
		strlist_push(&c->co_owners, name ? name : "局");
	}
	for (int i = rand() % 3; i > 0; i--)
		strlist_push(&c->tags, rand() % 2 ? "标签" : "t,\"");
}

static void replace_text(char **field, const char *v)
{
	free(*field);
	*field = xstrdup(v);
}

/* One change of the kind a hand on the database could make. */
static void mutate(struct commitment *m)
{
	switch (rand() % 12) {
	case 0: replace_text(&m->title, pick_text()); break;
	case 1: replace_text(&m->uid, pick_text()); break;
	case 2: m->target.value = rand() % 2 ? pick_number() : INFINITY; break;
	case 3: m->target.baseline = rand() % 2 ? pick_number() : NAN; break;
	case 4: m->due = m->due == DATE_NONE ? D("2024-01-01") : m->due + rand() % 2; break;
	case 5: m->status = (enum status)(rand() % ST__COUNT); break;
	case 6: m->sequence = rand() % 2; break;
	case 7: replace_text(&m->updated_at, rand() % 2 ? "2024-01-01T00:00:00Z" : NULL); break;
	case 8: strlist_push(&m->tags, "新"); break;
	case 9: m->health_override = rand() % 2 ? -1 : H_AT_RISK; break;
	case 10: replace_text(&m->health_override_reason, pick_text()); break;
	default: m->target.present = !m->target.present; break;
	}
}

static bool replays_to(const struct commitment *c, const struct history *h)
{
	struct commitment back;
	struct trk_error err;
	bool same;

	if (commitment_replay(h, 1, NULL, &back, &err))
		return false;
	same = commitment_same(c, &back, NULL);
	commitment_release(&back);
	return same;
}

/* commitment_is_its_creation() says yes only where replaying and
 * comparing says yes, on random commitments (texts needing escapes, empty
 * and missing, numbers that print long) and random changes to them; and it
 * says yes for every commitment just as it was created. */
static void test_is_its_creation(void)
{
	int unsound = 0, missed = 0, said_yes = 0;

	srand(214);
	for (int i = 0; i < 4000; i++) {
		struct commitment c, m;
		struct history h;
		char *text;
		random_commitment(&c);
		text = commitment_genesis_text(&c);
		history_init(&h);
		h.seq = 0, h.field = "created", h.new_value = text;
		missed += !commitment_is_its_creation(&c, &h, 1) || !replays_to(&c, &h);
		commitment_copy(&m, &c);
		mutate(&m);
		if (commitment_is_its_creation(&m, &h, 1)) {
			said_yes++;
			unsound += !replays_to(&m, &h);
		}
		commitment_release(&m);
		commitment_release(&c);
		free(text);
	}
	CHECK_INT(unsound, 0);
	CHECK_INT(missed, 0);
	CHECK(said_yes > 100);   /* changes that change nothing: "" for NULL, -0 for 0 */
}

int main(void)
{
	setenv("TRACKER_NOW", "2023-09-30T08:00:00Z", 1);
	test_correction_rule();
	test_pace();
	test_forecast_and_milestones();
	test_rules();
	test_settings();
	test_hashes();
	test_genesis_and_replay();
	test_is_its_creation();
	test_target_text();
	return check_summary();
}
