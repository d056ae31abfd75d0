#!/usr/bin/env bash
# commands.sh - times tracker's commands on a generated store of N
# commitments and M check-ins, with peak memory (GNU time), on any store
# location: BENCH_DB names one (a postgresql:// URI), else a SQLite file.
# pg.sh runs it on both engines; run.sh is the fuller SQLite benchmark with
# the SQLite floor beside each figure. Each figure is the median of REPEAT
# runs. Usage: bench/commands.sh TRACKER GEN_DATA [N] [M]
set -euo pipefail
tracker=$(realpath "$1")
gen=$(realpath "$2")
n=${3:-${BENCH_N:-100000}}
m=${4:-${BENCH_M:-1000000}}
repeat=${REPEAT:-5}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# BENCH_DB: another (empty) store, e.g. a PostgreSQL location (bench/pg.sh).
export TRACKER_DB=${BENCH_DB:-$dir/bench.db} TRACKER_NOW=2023-09-30T08:00:00Z
[ -x /usr/bin/time ] || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 2; }

# measure LABEL CMD...: prints the median wall time and the peak RSS.
measure() {
	local label=$1; shift
	local times=() rss=0 i
	for ((i = 0; i < repeat; i++)); do
		/usr/bin/time -f "%e %M" -o "$dir/t" "$@" >/dev/null 2>"$dir/err" || {
			echo "bench: '$*' failed: $(tail -1 "$dir/err")" >&2; exit 1; }
		read -r t r <"$dir/t"
		times+=("$t")
		((r > rss)) && rss=$r
	done
	local median
	median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((repeat + 1) / 2))p")
	printf '%-44s %8.3f s %8d KB\n' "$label" "$median" "$rss"
}

echo "generating $n commitments and $m check-ins..."
"$gen" "$n" "$m" >"$dir/data.json"
printf '%-44s %10s %11s\n' "command ($n commitments, $m check-ins)" "median" "peak RSS"
/usr/bin/time -f "%e %M" -o "$dir/t" "$tracker" import "$dir/data.json" >/dev/null 2>&1
read -r t r <"$dir/t"
printf '%-44s %8.3f s %8d KB\n' "import (once)" "$t" "$r"
seq_no=0
measure "log (one check-in, durable)" "$tracker" log B500 --value 5 --note bench --reason bench
add_one() { seq_no=$((seq_no + 1)); "$tracker" add "NEW$RANDOM$seq_no" --letter "测试〔2023〕1号" \
	--title t --quote 新增 --owner B1 --kind milestone --due 2024-01-01; }
export -f add_one; export tracker seq_no
measure "add (one commitment, durable)" bash -c add_one
measure "list --owner B7 (filtered)" "$tracker" list --owner B7
measure "list --owner B7 --health at_risk" "$tracker" list --owner B7 --health at_risk
measure "list --tag 充电桩 --due-before 2023-12-31" "$tracker" list --tag 充电桩 --due-before 2023-12-31
measure "show B500" "$tracker" show B500
measure "list (all, as a table)" "$tracker" list
measure "export json (streamed)" "$tracker" export json
