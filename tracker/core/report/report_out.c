#include "report/report_out.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/date.h"
#include "util/banned.h"

/* { zh, en } per label, in enum order. */
static const char *const labels[RL__COUNT][2] = {
	[RL_TITLE] = { "承诺事项落实情况季度报告", "Quarterly report on commitments" },
	[RL_PERIOD] = { "报告期", "Period" },
	[RL_AS_OF] = { "数据截至", "As of" },
	[RL_GENERATED] = { "生成时间", "Generated" },
	[RL_KNOWN_AT] = { "按此时已录入的记录", "Records as known at" },
	[RL_LETTERS] = { "涉及答复函", "Letters covered" },
	[RL_SUMMARY] = { "总体情况", "Summary" },
	[RL_COMMITMENTS] = { "承诺事项", "Commitments" },
	[RL_ON_TRACK_SHARE] = { "正常推进占比", "Share on track" },
	[RL_COMPLETION] = { "办成率", "Completion rate" },
	[RL_DUE_BY_END] = { "期末前到期事项", "Due by period end" },
	[RL_DONE_OF_DUE] = { "其中已办成", "of which done" },
	[RL_REPLIED_ONLY] = { "仅答复未办成", "Replied to only, not done" },
	[RL_CHECKINS_IN_PERIOD] = { "本期进展报送", "Check-ins this period" },
	[RL_BY_HEALTH] = { "按进展状况", "By health" },
	[RL_BY_STATUS] = { "按办理状态", "By status" },
	[RL_ATTENTION] = { "需关注事项", "Needs attention" },
	[RL_ATTN_OVERDUE] = { "已逾期或到期未完成", "Overdue, or due and not done" },
	[RL_ATTN_AT_RISK] = { "存在风险或严重滞后", "At risk or off track" },
	[RL_ATTN_NO_CHECKIN] = { "本期未报送进展", "No check-in this period" },
	[RL_ATTN_CHANGED] = { "目标或时限调整", "Targets or due dates changed" },
	[RL_ATTN_DONE] = { "本期办结", "Done this period" },
	[RL_DEPTS] = { "各牵头单位情况", "By department" },
	[RL_DEPT] = { "牵头单位", "Department" },
	[RL_NO_CHECKIN] = { "本期未报送", "No check-in" },
	[RL_KEY] = { "编号", "Key" },
	[RL_COMMITMENT] = { "承诺事项", "Commitment" },
	[RL_OWNER] = { "牵头单位", "Owner" },
	[RL_DUE] = { "完成时限", "Due" },
	[RL_TARGET] = { "目标", "Target" },
	[RL_CURRENT] = { "当前值", "Current" },
	[RL_PERCENT] = { "完成进度", "Progress" },
	[RL_EXPECTED] = { "序时进度", "Expected" },
	[RL_HEALTH] = { "进展状况", "Health" },
	[RL_CHANGE] = { "较上季末", "Change since last quarter" },
	[RL_FORECAST] = { "按当前进度预计完成", "Forecast at current pace" },
	[RL_CHECKINS] = { "本期进展", "Check-ins this period" },
	[RL_NOTE] = { "进展说明", "Note" },
	[RL_EVIDENCE] = { "佐证材料", "Evidence" },
	[RL_DATE] = { "日期", "Date" },
	[RL_VALUE] = { "数值", "Value" },
	[RL_REASON] = { "调整原因", "Reason" },
	[RL_FIELD] = { "调整内容", "Change" },
	[RL_NONE] = { "无", "None" },
	[RL_STATUS] = { "办理状态", "Status" },
	[RL_LETTER] = { "答复函", "Letter" },
	[RL_PREVIOUS] = { "上季末进度", "Previous quarter" },
	[RL_LAST_CHECKIN] = { "最近报送", "Last check-in" },
	[RL_ATTN_COL] = { "关注事项", "Attention" },
	[RL_DETAILS] = { "逐项落实情况", "Commitment by commitment" },
	[RL_LATE] = { "晚于时限", "after the due date" },
	[RL_TOTAL] = { "合计", "Total" },
	[RL_BURNUP] = { "累计进度", "Burn-up" },
	[RL_CORRECTS] = { "更正", "corrects" },
	[RL_FIELD_TARGET] = { "目标", "target" },
	[RL_FIELD_DUE] = { "完成时限", "due date" },
	[RL_PERIOD_COL] = { "报告期", "period" },
	[RL_NO_DUE] = { "长期", "no due date" },
	[RL_NO_FORECAST] = { "数据不足", "too little data" },
	[RL_PACE] = { "序时进度线", "expected pace" },
	[RL_BY] = { "报送人", "by" },
	[RL_KIND] = { "类型", "Kind" },
	[RL_OVERRIDDEN] = { "人工判定", "manual judgement" },
	[RL_CHANGED_AT] = { "调整时间", "Changed at" },
	[RL_DONE_AT] = { "办结", "done" },
	[RL_UNIT] = { "单位", "Unit" },
	[RL_FROM_TO] = { "至", "to" },
	[RL_OLD_NEW] = { "调整前 → 调整后", "Before → after" },
	[RL_ATTN_STATUS] = { "状态变更及原因", "Status changes and judgements, with reasons" },
	[RL_ATTN_CORRECTED] = { "本期更正的数据", "Figures corrected this period" },
	[RL_QUOTE] = { "原文", "Original words" },
	[RL_SECTION] = { "所属部分", "Section" },
	[RL_ADDRESSEE] = { "代表（委员）", "Deputy" },
	[RL_SUGGESTION] = { "建议（提案）编号", "Suggestion no." },
	[RL_DOC_NO] = { "文号", "Doc. no." },
	[RL_FIGURE_DATE] = { "数据所属日期", "Figure as of" },
	[RL_WAS_NOW] = { "原数值 → 更正后", "Was → now" },
	[RL_CORRECTED_BY] = { "更正人", "Corrected by" },
	[RL_RECORDED_AT] = { "录入时间", "Recorded at" },
	[RL_DONE_MET] = { "目标达成", "target met" },
	[RL_DONE_UNMET] = { "目标未达成", "target not met" },
	[RL_TARGET_UNMET] = { "未达目标", "target not met" },
	[RL_MET_RATE] = { "办成且达标率", "Done with target met" },
	[RL_OVERDUE_ALL] = { "已逾期（含到期未完成）", "Overdue (incl. due, not done)" },
	[RL_OF_WHICH_DUE] = { "其中到期未完成", "of which due on the last day" },
	[RL_FIELD_STATUS] = { "办理状态", "status" },
	[RL_FIELD_OVERRIDE] = { "人工判定", "judgement" },
	[RL_FIELD_WINDOW] = { "起始日期", "start date" },
	[RL_OVERRIDE_CLEARED] = { "取消", "withdrawn" },
	[RL_TARGET_MET] = { "目标达成", "Target met" },
	[RL_STATUS_CHANGES] = { "本期状态变更", "Status changes this period" },
	[RL_CORRECTIONS] = { "本期更正", "Corrections this period" },
	[RL_NONE_THIS_PERIOD] = { "本期无", "none this period" },
	[RL_SESSION] = { "会议", "Session" },
	[RL_YES] = { "是", "yes" },
	[RL_STATUS_REASON] = { "状态原因", "Why this status" },
	[RL_BY_WHEN] = { "由谁、何时", "By, when" },
	[RL_NO] = { "否", "no" },
};

static bool lang_en(const char *lang);

void report_period_title(struct strbuf *sb, const struct report_params *p, const char *lang)
{
	static const char *const zh_q[] = { "一", "二", "三", "四" };
	const char *l = p->label;
	char from[DATE_BUFSZ], to[DATE_BUFSZ];

	if (l && strlen(l) == 6 && (l[4] == 'Q' || l[4] == 'q') && l[5] >= '1' && l[5] <= '4') {
		if (lang_en(lang))
			strbuf_addf(sb, "%.4s Q%c", l, l[5]);
		else
			strbuf_addf(sb, "%.4s年第%s季度", l, zh_q[l[5] - '1']);
		return;
	}
	date_format(p->from, from);
	date_format(p->to, to);
	strbuf_addf(sb, "%s %s %s", from, report_label(RL_FROM_TO, lang), to);
}

void report_time(struct strbuf *sb, const char *utc)
{
	char local[TIMESTAMP_LOCAL_BUFSZ];

	if (!utc)
		return;
	timestamp_text_local(utc, local);
	/* "2023-10-10T17:00:00+08:00" -> "2023-10-10 17:00:00 +08:00" */
	if (strlen(local) == 25 && local[10] == 'T') {
		local[10] = ' ';
		strbuf_addf(sb, "%.19s %s", local, local + 19);
	} else {
		strbuf_addstr(sb, local);
	}
}

void report_time_short(struct strbuf *sb, const char *utc)
{
	char local[TIMESTAMP_LOCAL_BUFSZ];

	if (!utc)
		return;
	timestamp_text_local(utc, local);
	if (strlen(local) == 25 && local[10] == 'T')
		strbuf_addf(sb, "%.10s %.5s %s", local, local + 11, local + 19);
	else
		strbuf_addstr(sb, local);
}

const char *report_owner_short(const struct commitment *c)
{
	return c->owner_short && *c->owner_short ? c->owner_short : c->owner;
}

void report_time_date(struct strbuf *sb, const char *utc)
{
	char local[TIMESTAMP_LOCAL_BUFSZ];

	if (!utc)
		return;
	timestamp_text_local(utc, local);
	strbuf_addf(sb, "%.10s", local);
}

void report_more(struct strbuf *sb, int n, const char *lang)
{
	if (lang_en(lang))
		strbuf_addf(sb, "… and %d more (every one is in the JSON and CSV formats)", n);
	else
		strbuf_addf(sb, "……等另外 %d 项（完整清单见 JSON、CSV 格式）", n);
}

void report_more_letters(struct strbuf *sb, size_t n, const char *lang)
{
	if (lang_en(lang))
		strbuf_addf(sb, "… and %zu more letters", n);
	else
		strbuf_addf(sb, "……等另外 %zu 份答复函", n);
}

void report_health_text(struct strbuf *sb, const struct report_item *it, const char *lang)
{
	const struct progress *p = it->p;

	strbuf_addstr(sb, health_label(p->health, lang));
	if (p->overridden)
		strbuf_addf(sb, lang_en(lang) ? " (%s)" : "（%s）", report_label(RL_OVERRIDDEN, lang));
	if (p->health == H_DONE && !p->target_met)
		strbuf_addf(sb, lang_en(lang) ? " (%s)" : "（%s）", report_label(RL_TARGET_UNMET, lang));
}

const char *report_field_label(const char *field, const char *lang)
{
	enum report_label l = !strcmp(field, "due") ? RL_FIELD_DUE
		: !strcmp(field, "target") ? RL_FIELD_TARGET
		: !strcmp(field, "window_start") ? RL_FIELD_WINDOW
		: !strcmp(field, "status") ? RL_FIELD_STATUS
		: !strcmp(field, "health_override") ? RL_FIELD_OVERRIDE : RL__COUNT;

	return l == RL__COUNT ? field : report_label(l, lang);
}

/* A stored value as a reader knows it: a status or health by its label. */
static const char *value_label(const char *field, const char *v, const char *lang)
{
	int i;

	if (!v)
		return NULL;
	if (!strcmp(field, "status") && (i = status_parse(v)) >= 0)
		return status_label((enum status)i, lang);
	if (!strcmp(field, "health_override") && (i = health_parse(v)) >= 0)
		return health_label((enum health)i, lang);
	return v;
}

void report_old_new(struct strbuf *sb, const struct history *h, const char *lang)
{
	const char *old = value_label(h->field, h->old_value, lang);
	const char *new = value_label(h->field, h->new_value, lang);
	bool override = !strcmp(h->field, "health_override");

	strbuf_addstr(sb, old ? old : "–");
	strbuf_addstr(sb, " → ");
	strbuf_addstr(sb, new ? new : override ? report_label(RL_OVERRIDE_CLEARED, lang) : "–");
}

void report_correction_text(struct strbuf *sb, const struct report_correction *c)
{
	char d[DATE_BUFSZ];

	date_format(c->k->as_of, d);
	strbuf_addf(sb, "%s: ", d);
	if (c->old && c->old->has_value)
		format_number(sb, c->old->value);
	else
		strbuf_addstr(sb, "–");
	strbuf_addstr(sb, " → ");
	if (c->k->has_value)
		format_number(sb, c->k->value);
	else
		strbuf_addstr(sb, "–");
}

void report_letter_text(struct strbuf *sb, const struct report_letter *l, const char *lang)
{
	bool en = lang_en(lang);
	char d[DATE_BUFSZ];

	strbuf_addstr(sb, l->doc_no);
	if (l->title)
		strbuf_addf(sb, en ? " %s" : "《%s》", l->title);
	if (l->date != DATE_NONE)
		strbuf_addf(sb, en ? " (%s)" : "（%s）", report_date(l->date, d, ""));
	if (l->addressee)
		strbuf_addf(sb, en ? " · deputy %s" : " · %s代表", l->addressee);
	if (l->suggestion_no)
		strbuf_addf(sb, en ? " · suggestion No. %s" : " · 第%s号建议", l->suggestion_no);
	if (l->session)
		strbuf_addf(sb, " · %s", l->session);
}

void report_caps_init(struct report_caps *c, const struct report_params *p)
{
	memset(c, 0, sizeof(*c));
	c->full = report_in_full(p);
}

bool report_caps_take(struct report_caps *c, enum report_attention a)
{
	c->total[a]++;
	if (!c->full && c->shown[a] >= REPORT_LIST_CAP)
		return false;
	c->shown[a]++;
	return true;
}

static bool lang_en(const char *lang)
{
	return !lang || strncmp(lang, "zh", 2) != 0;
}

const char *report_label(enum report_label l, const char *lang)
{
	return labels[l][lang_en(lang)];
}

const char *report_attention_label(enum report_attention a, const char *lang)
{
	static const enum report_label map[ATTN__COUNT] = {
		RL_ATTN_OVERDUE, RL_ATTN_AT_RISK, RL_ATTN_NO_CHECKIN, RL_ATTN_CHANGED,
		RL_ATTN_STATUS, RL_ATTN_CORRECTED, RL_ATTN_DONE
	};
	return report_label(map[a], lang);
}

const char *report_health_color(enum health h)
{
	static const char *const colors[H__COUNT] = {
		[H_DONE] = "#1565c0", [H_CANCELLED] = "#757575", [H_OVERDUE] = "#8e0000",
		[H_DUE] = "#c62828",
		[H_ON_TRACK] = "#2e7d32", [H_AT_RISK] = "#e6a700", [H_OFF_TRACK] = "#d84315",
		[H_NOT_STARTED] = "#90a4ae", [H_NO_DATA] = "#c7ccd1",
	};
	return colors[h];
}

double report_round1(double v)
{
	double r = round(v * 10) / 10;
	return r == 0 ? 0.0 : r;   /* no "-0" */
}

void report_change(struct strbuf *sb, bool has, double v)
{
	if (!has)
		return;
	v = report_round1(v);
	if (v > 0)
		strbuf_addch(sb, '+');
	format_number(sb, v);
}

void report_current(struct strbuf *sb, const struct report_item *it)
{
	if (!it->p->has_current)
		return;
	format_number(sb, it->p->current);
	if (it->c->target.present && it->c->target.unit && *it->c->target.unit)
		strbuf_addf(sb, " %s", it->c->target.unit);
}

const char *report_date(int32_t d, char *buf, const char *none)
{
	if (d == DATE_NONE)
		return none;
	date_format(d, buf);
	return buf;
}

/* A spool is written in large blocks: a whole-store JSON report spools a
 * hundred megabytes, and stdio's default 4 KiB buffer made that 27,000
 * write() calls. The buffer belongs to the stream (freed by fclose). */
#define SPOOL_BUFSZ (256 * 1024)

int report_spool_open(FILE **out, struct trk_error *err)
{
	if (!(*out = tmpfile()))
		return trk_err(err, TRK_EIO, "cannot create a temporary file: %s", strerror(errno));
	setvbuf(*out, NULL, _IOFBF, SPOOL_BUFSZ);
	return 0;
}

/* The kernel copies the spool to out itself (sendfile), so its bytes are
 * not read into this process and written back: false where it cannot
 * (out is a terminal or a socket that refuses, or an old kernel), and the
 * caller copies through a buffer from where sendfile stopped. */
static bool spool_sendfile(FILE *spool, FILE *out)
{
	int in_fd = fileno(spool), out_fd = fileno(out);
	struct stat st;
	off_t end, at = 0;

	/* fstat, not lseek: the spool's position stays where stdio has it */
	if (fstat(in_fd, &st) != 0 || fflush(out) == EOF)
		return false;
	end = st.st_size;
	while (at < end) {
		ssize_t n = sendfile(out_fd, in_fd, &at, (size_t)(end - at));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
	}
	return fseeko(spool, at, SEEK_SET) == 0 && at == end;
}

int report_spool_copy(FILE *spool, FILE *out, struct trk_error *err)
{
	char buf[65536];
	size_t n;

	if (fflush(spool) == EOF || fseek(spool, 0, SEEK_SET) != 0)
		return trk_err(err, TRK_EIO, "cannot read a temporary file: %s", strerror(errno));
	if (spool_sendfile(spool, out))
		return 0;
	while ((n = fread(buf, 1, sizeof(buf), spool)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			return trk_err(err, TRK_EIO, "cannot write the report: %s", strerror(errno));
	if (ferror(spool))
		return trk_err(err, TRK_EIO, "cannot read a temporary file: %s", strerror(errno));
	return 0;
}

void report_spool_close(FILE *spool)
{
	if (spool)
		fclose(spool);
}

int report_flush(FILE *f, struct strbuf *sb, struct trk_error *err)
{
	if (sb->len && fwrite(sb->buf, 1, sb->len, f) != sb->len)
		return trk_err(err, TRK_EIO, "cannot write the report: %s", strerror(errno));
	strbuf_reset(sb);
	return 0;
}

int report_attn_write(const struct report_attn_rows *rows, struct report_caps *caps,
		      struct strbuf *sb, FILE *attn[ATTN__COUNT], const struct report_item *it,
		      const char *lang, struct trk_error *err)
{
	int rc = 0;

	for (int a = 0; a < ATTN__COUNT && !rc; a++) {
		if (!(it->attention & (1u << a)))
			continue;
		if (a == ATTN_CHANGED || a == ATTN_STATUS) {
			const struct history *h = a == ATTN_CHANGED ? it->changes : it->status_changes;
			size_t n = a == ATTN_CHANGED ? it->nchanges : it->nstatus_changes;
			for (size_t i = 0; i < n; i++)
				if (report_caps_take(caps, a))
					rows->change(sb, it, &h[i], lang);
		} else if (a == ATTN_CORRECTED) {
			for (size_t i = 0; i < it->ncorrections; i++)
				if (report_caps_take(caps, a))
					rows->correction(sb, it, &it->corrections[i]);
		} else if (report_caps_take(caps, a)) {
			rows->entry(sb, it, lang);
		}
		rc = report_flush(attn[a], sb, err);
	}
	return rc;
}

int report_attn_open(FILE *attn[ATTN__COUNT], struct trk_error *err)
{
	int rc = 0;

	for (int a = 0; a < ATTN__COUNT; a++)
		attn[a] = NULL;
	for (int a = 0; a < ATTN__COUNT && !rc; a++)
		rc = report_spool_open(&attn[a], err);
	if (rc)
		report_attn_close(attn);
	return rc;
}

void report_attn_close(FILE *attn[ATTN__COUNT])
{
	for (int a = 0; a < ATTN__COUNT; a++) {
		report_spool_close(attn[a]);
		attn[a] = NULL;
	}
}
