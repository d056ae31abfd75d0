#!/bin/sh
# --as-known-at reproduces byte for byte the report sent on 2023-10-10,
# after later check-ins, a correction, edits and status changes (Q4 of the
# sample script), in every format and language.
. "$(dirname "$0")/lib.sh"
sample_db
export TRACKER_NOW=2024-02-01T00:00:00Z
at=2023-10-10T09:00:00Z
for f in json html md csv docx; do
	"$tracker" report --quarter 2023Q3 --lang zh --format "$f" --as-known-at "$at" \
		--out "$work/again.$f"
	cmp "$work/samples/report-2023Q3.$f" "$work/again.$f" || fail "$f differs from the report of $at"
done
# A date means the end of that (local) day, the same as the full timestamp.
export TZ=Asia/Shanghai
"$tracker" report --quarter 2023Q3 --format md --as-known-at 2023-10-10 --out "$work/a.md"
"$tracker" report --quarter 2023Q3 --format md --as-known-at 2023-10-10T15:59:59Z --out "$work/b.md"
unset TZ
cmp "$work/a.md" "$work/b.md" || fail "date and timestamp forms differ"
# Without it the later records count: the Q4 correction of 211-14 shows.
"$tracker" report --quarter 2023Q3 --lang zh --format json --out "$work/now.json"
cmp -s "$work/samples/report-2023Q3.json" "$work/now.json" && fail "later records ignored"
[ "$(jget "$work/now.json" 'd["generated_at"]')" = 2024-02-01T00:00:00Z ] || fail "generated_at follows TRACKER_NOW"
# Two runs at the same moment give the same bytes.
"$tracker" report --quarter 2023Q3 --format html --out "$work/h1.html"
"$tracker" report --quarter 2023Q3 --format html --out "$work/h2.html"
cmp "$work/h1.html" "$work/h2.html" || fail "same moment, different bytes"
echo ok
