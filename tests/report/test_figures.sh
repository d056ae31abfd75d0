#!/bin/sh
# The sample year's reports carry the figures worked out by hand (see
# reports/README.md, "The sample year"), and what a reader needs in every
# format: reasons, original words, the deputy and suggestion number,
# corrections with who made them, local times and named periods.
. "$(dirname "$0")/lib.sh"
sample_db
q3=$work/samples/report-2023Q3
q4=$work/samples/report-2023Q4
eq() { [ "$(jget "$1" "$2")" = "$3" ] || fail "$4: got $(jget "$1" "$2"), want $3"; }

# Q3, as of 2023-09-30, known 2023-10-10 17:00 Beijing time.
eq $q3.json 'd["summary"]["overdue"]' 1 "Q3 overdue (211-22, due 09-15)"
eq $q3.json 'd["summary"]["by_health"]["on_track"], d["summary"]["active"]' "(5, 24)" "Q3 on track"
eq $q3.json 'd["summary"]["on_track_share"]' 20.8 "Q3 on-track share 5/24"
eq $q3.json '[e["key"] for e in d["attention"]["status_changes"]]' "['211-16', '211-17', '211-19']" "Q3 status changes"
eq $q3.json '[e["reason"] for e in d["attention"]["status_changes"] if e["key"] == "211-19"]' "['宣传经费未到位']" "Q3 reason"
eq $q3.json 'd["attention"]["corrections"]' "[]" "Q3 corrections (the 14 -> 15 of 211-15 was recorded in October)"

# Q4, as of 2023-12-31, known 2024-01-10 10:00 Beijing time. Seven due by
# the end: 211-11, 211-14, 211-20, 211-22 done and met, 211-15 done at
# 22/25, 211-10 and 211-13 due_unmet, counted with the overdue.
eq $q4.json 'd["summary"]["completion"]' "{'due_by_end': 7, 'done': 5, 'done_target_met': 4, 'done_target_not_met': 1, 'rate': 71.4, 'rate_target_met': 57.1, 'replied_only': 2}" "Q4 办成率"
eq $q4.json 'd["summary"]["overdue"], d["summary"]["by_health"]["due_unmet"], d["summary"]["by_health"]["overdue"]' "(2, 2, 0)" "Q4 overdue"
eq $q4.json '[e["key"] for e in d["attention"]["overdue"]]' "['211-10', '211-13']" "Q4 overdue list"
eq $q4.json 'd["summary"]["by_health"]["on_track"], d["summary"]["active"], d["summary"]["on_track_share"]' "(3, 19, 15.8)" "Q4 on-track share"
eq $q4.json '[(c["health"], c["percent"], c["target_met"]) for c in d["commitments"] if c["key"] == "211-15"]' "[('done', 88, False)]" "211-15 done below target keeps 88%"
eq $q4.json '[c["status_reason"] for c in d["commitments"] if c["key"] == "211-15"]' "['部分项目合并实施，完成22个，余下3个转入2024年']" "status reason of a change after the period end"
eq $q4.json '[(e["key"], e["old"], e["new"], e["author"]) for e in d["attention"]["corrections"]]' "[('211-14', 520, 505, '市经信局'), ('211-15', 14, 15, '市经信局')]" "Q4 corrections"
eq $q4.json '[(e["key"], e["field"], e["new"]) for e in d["attention"]["status_changes"]]' "[('211-11', 'status', 'done'), ('211-12', 'health_override', 'at_risk'), ('211-19', 'status', 'in_progress'), ('211-20', 'status', 'done'), ('211-22', 'status', 'done')]" "Q4 status changes"
eq $q4.json '[(l["addressee"], l["suggestion_no"]) for l in d["letters"]]' "[('罗冲', '211')]" "deputy and suggestion"
eq $q4.json '[(c["quote"], c["section"][:2]) for c in d["commitments"] if c["key"] == "211-14"]' "[('新增工业机器人800台以上', '三、')]" "quote and section"

# list --as-of and report agree on the same day.
TRACKER_NOW=2024-01-10T02:00:00Z "$tracker" list --as-of 2023-12-31 --json >"$work/list.json"
/usr/bin/python3 - "$work/list.json" $q4.json <<'PY' || fail "list --as-of and report disagree"
import json, sys
l = {c["key"]: c["health"] for c in json.load(open(sys.argv[1], encoding="utf-8"))}
r = {c["key"]: c["health"] for c in json.load(open(sys.argv[2], encoding="utf-8"))["commitments"]}
sys.exit(0 if l == r else 1)
PY

# The human formats: named periods, local times, the same content.
grep -q '2023年第四季度' $q4.md || fail "md period title"
grep -q '2024-01-10 10:00:00 +08:00' $q4.md || fail "md local time"
grep -q '2024-01-10 10:00:00 +08:00' $q4.html || fail "html local time"
grep -q 'T02:00:00Z' $q4.html && fail "html shows a UTC timestamp"
grep -q '罗冲代表 · 第211号建议' $q4.md || fail "md deputy"
grep -q '520 → 505' $q4.md || fail "md correction"
grep -q '宣传经费已拨付' $q4.html || fail "html status reason"
grep -q '<p class="empty"><span class="dot"[^>]*></span>本期更正的数据：本期无</p>' $q3.html || fail "html empty list on one line"
grep -q '逐项情况见 JSON、CSV 格式' $q4.html || fail "html summary leaves details out"
grep -q '<article' $q4.html && fail "html summary has cards"
full=$work/samples/report-2023Q4-letter211.html
[ "$(grep -c '<article' "$full")" = 25 ] || fail "a selection shows every card"
grep -q '新增工业机器人800台以上' "$full" || fail "html quote"
for f in '代表（委员）' '原文' '本期更正' '状态原因' '目标达成'; do
	head -c 2000 $q4.csv | grep -q "$f" || fail "csv column $f"
done
grep -q '520 → 505 (市经信局, 2023-11-03)' $q4.csv || fail "csv correction"
grep -q '211-15.*,88,否,' $q4.csv || fail "csv done below target"
echo ok
