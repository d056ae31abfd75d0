#!/bin/sh
# checkins.sh - the sample reports: the seed letter (No. 211) through a
# scripted year, 2023Q2 to the first days of 2024: check-ins, corrections
# (the Q3 figure of 211-14, 520 robots, corrected to 505 in November), edits
# of targets and deadlines, status changes and a judgement with their
# reasons (211-19 blocked: 宣传经费未到位), each written at a fixed moment
# (TRACKER_NOW). It writes the 2023Q3 report as produced on 2023-10-10 and
# the 2023Q4 report as produced on 2024-01-10, in every format (Chinese;
# docx is the Word bulletin, rendered by reports/samples/render-bulletin.sh),
# and the Q4 report of letter 211 in full (HTML).
#
#   reports/samples/checkins.sh [TRACKER [OUTDIR [DB]]]
#
# TRACKER defaults to build/tracker, OUTDIR to the directory of this script.
# With DB, the database is kept there (tests go on to regenerate the reports
# with --as-known-at); otherwise a temporary one is removed. Times are shown
# in Beijing time.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
tracker=${1:-$here/../../build/tracker}
out=${2:-$here}
db=${3:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
[ -n "$db" ] || db=$tmp/samples.db
rm -f "$db"
export TRACKER_DB="$db"
unset LC_ALL LC_MESSAGES LANG
export TZ=Asia/Shanghai

# Runs one command at a fixed moment; its notes are shown only on failure.
at() {
	TRACKER_NOW=$1
	export TRACKER_NOW
	shift
	"$tracker" "$@" >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
}

at 2023-06-20T02:00:00Z seed

# 2023Q2: the first figures, reported in early July.
at 2023-07-05T01:30:00Z log 211-14 --value 320 --as-of 2023-06-30 --note "上半年新增工业机器人320台" --evidence "市经信局统计月报2023年6月" --by 市经信局
at 2023-07-05T01:35:00Z log 211-12 --value 3 --as-of 2023-06-30 --note "3家企业数字化车间通过验收" --by 市经信局
at 2023-07-05T01:40:00Z log 211-15 --value 9 --as-of 2023-06-30 --note "已开展信息技术深度应用项目9个" --by 市经信局
at 2023-07-05T01:45:00Z log 211-11 --value 0 --as-of 2023-06-30 --note "推荐2家企业申报省级未来工厂" --by 市经信局
at 2023-07-06T03:00:00Z log 211-02 --as-of 2023-06-30 --note "与贵州、四川等地5省劳务协作持续对接" --by 市人力社保局

# 2023Q3.
at 2023-07-20T06:00:00Z log 211-06 --as-of 2023-07-20 --note "宗汉街道零工市场挂牌运营" --evidence "https://www.cixi.gov.cn/" --by 市人力社保局
at 2023-08-02T02:00:00Z log 211-14 --value 400 --as-of 2023-07-31 --note "7月新增80台" --by 市经信局
at 2023-08-10T08:00:00Z status 211-16 done --reason "已通过公开招标确定家电数字化改造总包商" --by 市经信局
at 2023-08-10T08:05:00Z log 211-16 --as-of 2023-08-10 --note "确定总包商2家" --evidence "慈经信〔2023〕58号" --by 市经信局
at 2023-08-15T03:00:00Z log 211-02 --as-of 2023-08-15 --note "与贵州省黔东南州签订劳务协作协议" --by 市人力社保局
at 2023-08-21T02:00:00Z status 211-17 in_progress --reason "方案征求意见中" --by 市经信局
at 2023-09-01T02:00:00Z log 211-14 --value 455 --as-of 2023-08-31 --by 市经信局
at 2023-09-01T02:10:00Z log 211-15 --value 12 --as-of 2023-08-31 --note "新增3个项目" --by 市经信局
at 2023-09-05T07:00:00Z edit 211-15 --target 25 --reason "部分项目合并实施，目标调整为25个" --by 市经信局
at 2023-09-06T07:00:00Z edit 211-22 --due 2023-09-15 --reason "明确在9月中旬前补充重点展会目录" --by 市商务局
at 2023-09-12T05:00:00Z log 211-20 --as-of 2023-09-10 --note "组织42家企业参加中国家电博览会" --by 市商务局
at 2023-09-20T05:00:00Z log 211-05 --as-of 2023-09-20 --note "举办秋季专场招聘会3场，达成意向1200人" --by 市人力社保局
at 2023-10-08T01:00:00Z log 211-14 --value 520 --as-of 2023-09-30 --note "三季度累计新增520台" --evidence "市经信局统计月报2023年9月" --by 市经信局
at 2023-10-08T01:05:00Z log 211-12 --value 5 --as-of 2023-09-30 --note "2家企业车间待验收" --by 市经信局
at 2023-10-08T01:10:00Z log 211-15 --value 14 --as-of 2023-09-30 --by 市经信局
at 2023-10-09T02:00:00Z log 211-15 --value 15 --as-of 2023-09-30 --corrects 3 --note "更正：漏报1个项目" --by 市经信局
at 2023-10-08T01:20:00Z log 211-11 --value 0 --as-of 2023-09-30 --note "申报材料已报省经信厅，待评审" --by 市经信局
at 2023-09-15T03:00:00Z status 211-19 blocked --reason "宣传经费未到位" --by 市经信局
at 2023-09-25T02:00:00Z log 211-19 --as-of 2023-09-25 --note "已向市财政局申请政策宣传经费" --by 市经信局

# The third-quarter report, as produced on 2023-10-10 at 17:00.
report() {
	TRACKER_NOW=$1
	export TRACKER_NOW
	shift
	"$tracker" report --lang zh "$@"
}
for f in json html md csv docx; do
	report 2023-10-10T09:00:00Z --quarter 2023Q3 --format "$f" --out "$out/report-2023Q3.$f"
done

# 2023Q4: later check-ins, corrections, edits, a judgement and status
# changes (none may change the Q3 report regenerated with --as-known-at
# 2023-10-10T09:00:00Z).
at 2023-10-20T02:00:00Z log 211-06 --as-of 2023-10-20 --note "零工市场累计服务1.2万人次" --by 市人力社保局
at 2023-11-03T02:00:00Z log 211-14 --value 610 --as-of 2023-10-31 --by 市经信局
at 2023-11-03T02:05:00Z log 211-14 --value 505 --as-of 2023-09-30 --corrects 4 --note "三季度数据复核更正" --by 市经信局
at 2023-11-03T02:20:00Z log 211-15 --value 18 --as-of 2023-10-31 --by 市经信局
at 2023-11-10T03:00:00Z status 211-19 in_progress --reason "宣传经费已拨付，启动政策宣传" --by 市经信局
at 2023-11-15T02:00:00Z log 211-02 --as-of 2023-11-15 --note "新增劳务协作基地2个" --by 市人力社保局
at 2023-11-20T02:00:00Z edit 211-12 --due 2024-03-31 --reason "受设备到货影响延期" --by 市经信局
at 2023-11-28T02:00:00Z log 211-10 --as-of 2023-11-28 --note "完成规上企业平台化应用诊断860家" --by 市经信局
at 2023-12-05T02:00:00Z override 211-12 at_risk --reason "两家企业设备到货延迟，一季度验收存在不确定性" --by 市经信局
at 2023-12-10T02:00:00Z log 211-05 --as-of 2023-12-10 --note "举办冬季专场招聘会2场" --by 市人力社保局
at 2023-12-15T02:00:00Z status 211-22 done --reason "已补充新兴市场重点展会12个" --by 市商务局
at 2023-12-20T02:00:00Z log 211-11 --value 1 --as-of 2023-12-15 --note "凯波集团入选省级未来工厂" --evidence "省经信厅2023年度省级未来工厂名单" --by 市经信局
at 2023-12-20T02:05:00Z status 211-11 done --reason "凯波集团入选2023年度省级未来工厂，实现零的突破" --by 市经信局
at 2023-12-28T02:00:00Z log 211-20 --as-of 2023-12-28 --note "全年组织企业参加重点展会15个" --by 市商务局
at 2023-12-28T02:05:00Z status 211-20 done --reason "下半年大型展会组织服务完成" --by 市商务局
at 2024-01-05T02:00:00Z log 211-14 --value 826 --as-of 2023-12-31 --note "全年新增826台，完成目标" --by 市经信局
at 2024-01-05T02:10:00Z status 211-14 done --reason "全年目标完成" --by 市经信局
at 2024-01-05T02:20:00Z log 211-12 --value 7 --as-of 2023-12-31 --note "累计7个数字化车间通过验收" --by 市经信局
at 2024-01-05T02:30:00Z log 211-15 --value 22 --as-of 2023-12-31 --note "全年开展信息技术深度应用项目22个" --by 市经信局
at 2024-01-08T02:00:00Z status 211-15 done --reason "部分项目合并实施，完成22个，余下3个转入2024年" --by 市经信局

# The fourth-quarter report, as produced on 2024-01-10 at 10:00; and the
# same for letter 211 in full (a selection shows every commitment).
for f in json html md csv docx; do
	report 2024-01-10T02:00:00Z --quarter 2023Q4 --format "$f" --out "$out/report-2023Q4.$f"
done
report 2024-01-10T02:00:00Z --quarter 2023Q4 --format html --letter 211 --out "$out/report-2023Q4-letter211.html"
