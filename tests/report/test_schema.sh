#!/bin/sh
# Reports of several shapes all validate against the schema, and their
# figures are the ones the sample check-ins imply.
. "$(dirname "$0")/lib.sh"
sample_db
export TRACKER_NOW=2024-01-10T00:00:00Z
r() { out=$1; shift; "$tracker" report --format json "$@" --out "$work/$out.json"; }
r q2 --quarter 2023Q2
r q3 --quarter 2023Q3 --lang zh
r q3en --quarter 2023Q3 --lang en --as-known-at 2023-10-10T09:00:00Z
r q4 --quarter 2023Q4
r key --quarter 2023Q3 --key 211-14
r letter --quarter 2023Q3 --letter '慈经信建〔2023〕3号'
r owner --quarter 2023Q3 --owner 市经信局 --kind quantitative
r health --quarter 2023Q3 --health at_risk --health off_track --as-known-at 2023-10-10T09:00:00Z
r range --from 2023-07-01 --to 2023-08-31
r known --quarter 2023Q3 --as-known-at 2023-09-01T00:00:00Z
r default
validate "$work"/*.json "$src"/reports/samples/report-2023Q3.json \
	"$src"/reports/samples/report-2023Q4.json

[ "$(jget "$work/key.json" 'len(d["commitments"])')" = 1 ] || fail "--key reports one commitment"
# Without --as-known-at, the Q4 correction of the 2023-09-30 figure counts.
[ "$(jget "$work/key.json" 'd["commitments"][0]["current"]')" = 505 ] || fail "211-14 corrected to 505"
[ "$(jget "$work/q4.json" 'd["commitments"][13]["key"]')" = 211-14 ] || fail "order"
q3=$work/samples/report-2023Q3.json   # as known on 2023-10-10
[ "$(jget "$work/owner.json" 'sorted(c["key"] for c in d["commitments"])')" = "['211-11', '211-12', '211-14', '211-15']" ] || fail "--owner --kind"
# 211-11 (零的突破, a single unit) has no pace; 211-14 and 211-15 are on pace
# by share but their pace reaches the target after the deadline.
# 211-19 is blocked (宣传经费未到位): at risk at best.
[ "$(jget "$work/health.json" '[c["key"] for c in d["commitments"]]')" = "['211-12', '211-14', '211-15', '211-19']" ] || fail "--health"
[ "$(jget "$q3" 'd["summary"]["completion"]')" = "{'due_by_end': 1, 'done': 0, 'done_target_met': 0, 'done_target_not_met': 0, 'rate': 0, 'rate_target_met': 0, 'replied_only': 1}" ] || fail "completion"
[ "$(jget "$q3" '[e["key"] for e in d["attention"]["done"]]')" = "['211-16']" ] || fail "done this quarter"
[ "$(jget "$q3" '[e["key"] for e in d["attention"]["changed"]]')" = "['211-15', '211-22']" ] || fail "changed"
[ "$(jget "$q3" '[e["key"] for e in d["attention"]["overdue"]]')" = "['211-22']" ] || fail "overdue"
[ "$(jget "$q3" '[c["previous_percent"], c["change"], c["forecast"]] if (c:=d["commitments"][13]) else 0')" = "[40, 25, '2024-02-09']" ] || fail "211-14 change and forecast"
[ "$(jget "$work/q3en.json" 'd["commitments"][13]["health_label"]')" = "At risk" ] || fail "--lang en"
[ "$(jget "$q3" 'd["commitments"][13]["health_label"]')" = "存在风险" ] || fail "--lang zh"
[ "$(jget "$work/range.json" 'd["period"]')" = "{'label': '2023-07-01..2023-08-31', 'title': '2023-07-01 to 2023-08-31', 'from': '2023-07-01', 'to': '2023-08-31', 'previous_end': '2023-06-30'}" ] || fail "--from/--to"
[ "$(jget "$q3" 'd["period"]["title"]')" = "2023年第三季度" ] || fail "period title zh"
[ "$(jget "$work/q3en.json" 'd["period"]["title"]')" = "2023 Q3" ] || fail "period title en"
[ "$(jget "$work/known.json" 'd["commitments"][14]["target"]["value"]')" = 30 ] || fail "known_at rewinds the Sept 5 target edit"
[ "$(jget "$work/default.json" 'd["period"]["label"]')" = 2024Q1 ] || fail "default quarter from the clock"
# The locale chooses the language when --lang is not given.
LANG=zh_CN.UTF-8 "$tracker" report --quarter 2023Q3 --format json --out "$work/loc.json"
[ "$(jget "$work/loc.json" 'd["lang"]')" = zh ] || fail "LANG=zh_CN gives Chinese"
LC_ALL=en_US.UTF-8 LANG=zh_CN.UTF-8 "$tracker" report --quarter 2023Q3 --format json --out "$work/loc.json"
[ "$(jget "$work/loc.json" 'd["lang"]')" = en ] || fail "LC_ALL wins over LANG"
echo ok
