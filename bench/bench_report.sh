#!/bin/sh
# bench_report.sh - the quarterly report on a large store: N commitments
# and M check-ins (default 100000 and 1000000), every format, with wall
# time, CPU time and peak memory (GNU time).
#
#   bench/bench_report.sh TRACKER GEN_DATA [N [M [WORKDIR]]]
#
# GEN_DATA is the lead's bench/gen_data (`gen_data N M > big.json`, the
# tracker/1 format). The database is built once per WORKDIR and reused.
set -eu
tracker=$1
gen=$2
n=${3:-100000}
m=${4:-1000000}
dir=${5:-${TMPDIR:-/tmp}/tracker-bench-report-$n-$m}
mkdir -p "$dir"
db=$dir/big.db
if [ ! -s "$db" ]; then
	"$gen" "$n" "$m" >"$dir/big.json"
	TRACKER_NOW=2024-01-15 "$tracker" --db "$db" import "$dir/big.json" >/dev/null
fi
export TRACKER_NOW=2024-01-15T00:00:00Z
echo "report --quarter 2023Q3 on $n commitments, $m check-ins ($db)"
for f in json html md csv; do
	/usr/bin/time -f "  $f: %e s wall, %U s user, %S s sys, %M KB max RSS" \
		"$tracker" --db "$db" report --quarter 2023Q3 --format "$f" --out "$dir/report.$f"
done
# The store's own pass, for comparison: the report's floor.
/usr/bin/time -f "  store_query alone (list, no rows shown): %e s wall, %U s user, %M KB" \
	"$tracker" --db "$db" list --as-of 2023-09-30 --health cancelled >/dev/null 2>"$dir/list.err" ||
	true
tail -1 "$dir/list.err"
