#include "report/report_out.h"

#include <errno.h>
#include <math.h>
#include <string.h>

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
	[RL_ATTN_OVERDUE] = { "已逾期", "Overdue" },
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
};

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
		RL_ATTN_OVERDUE, RL_ATTN_AT_RISK, RL_ATTN_NO_CHECKIN, RL_ATTN_CHANGED, RL_ATTN_DONE
	};
	return report_label(map[a], lang);
}

const char *report_health_color(enum health h)
{
	static const char *const colors[H__COUNT] = {
		[H_DONE] = "#1565c0", [H_CANCELLED] = "#757575", [H_OVERDUE] = "#8e0000",
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

int report_spool_open(FILE **out, struct trk_error *err)
{
	if (!(*out = tmpfile()))
		return trk_err(err, TRK_EIO, "cannot create a temporary file: %s", strerror(errno));
	return 0;
}

int report_spool_copy(FILE *spool, FILE *out, struct trk_error *err)
{
	char buf[65536];
	size_t n;

	if (fflush(spool) == EOF || fseek(spool, 0, SEEK_SET) != 0)
		return trk_err(err, TRK_EIO, "cannot read a temporary file: %s", strerror(errno));
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
