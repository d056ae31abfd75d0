#!/usr/bin/env bash
# compare.sh - two builds of tracker side by side on the same store, each
# command run by one and then the other, which goes first by turns, REPEAT
# times (default 4): on a machine that is shared, alternating keeps the two
# under the same load, where whole_store.sh run twice would not. Medians
# of CPU (user + system) and of wall time, and their ratios (a command
# that works on two threads spends more CPU than wall), and the wall
# ratio of each pair averaged; a Markdown table on stdout.
#
#   bench/compare.sh BEFORE_TRACKER AFTER_TRACKER DATA.json
#
# DATA.json is a tracker/1 file (bench/gen_data N M): it is imported by each
# build into its own database (the import rows), and the whole-store
# commands then read that database. Every run is bounded by LIMIT seconds
# (default 600).
set -euo pipefail
before=$(realpath "$1")
after=$(realpath "$2")
data=$(realpath "$3")
repeat=${REPEAT:-4}
limit=${LIMIT:-600}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export TRACKER_NOW=2023-09-30T08:00:00Z NO_COLOR=1
[ -x /usr/bin/time ] || { echo "compare: needs GNU time (apt-get install time)" >&2; exit 2; }

# cpu BIN DB ARGS...: the CPU and wall seconds of one run (output thrown
# away).
cpu() {
	local bin=$1 db=$2
	shift 2
	/usr/bin/time -f "%U %S %e" -o "$dir/t" timeout "$limit" "$bin" --db "$db" "$@" \
		>/dev/null 2>"$dir/err" || { echo "compare: $bin $*: $(tail -1 "$dir/err")" >&2; exit 1; }
	awk '{ printf "%.2f %.2f\n", $1 + $2, $3 }' "$dir/t"
}

# median COLUMN <FILE
median() { awk -v c="$1" '{ print $c }' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b / a }'; }
# paired A B: the geometric mean of after / before wall time over the pairs,
# each pair run back to back: the machine's drift from pair to pair (1.2-
# 1.9× in a day on the project's VM) cancels out of it, not out of medians.
paired() {
	paste "$1" "$2" | awk '$2 > 0 && $4 > 0 { s += log($4 / $2); n++ }
		END { if (n) printf "%.2f", exp(s / n); else printf "-" }'
}

# one a|b ARGS...: the command on the before (a) or after (b) build and its
# own database, its CPU time appended to its list. "import" starts from a
# fresh database, after sync: the last import's 350 MB still being written
# back would land on the next run's time.
one() {
	local which=$1 bin db
	shift
	if [ "$which" = a ]; then bin=$before db=$dir/before.db; else bin=$after db=$dir/after.db; fi
	if [ "$1" = import ]; then
		rm -f "$db"*
		sync
	fi
	cpu "$bin" "$db" "$@" >>"$dir/$which"
}

# row LABEL ARGS...: the command on both builds REPEAT times, the first by
# turns: the second of a pair was measured slower (7 % for import at
# 100,000) whichever build it was.
row() {
	local label=$1 a b wa wb i
	shift
	: >"$dir/a"; : >"$dir/b"
	for ((i = 0; i < repeat; i++)); do
		if ((i % 2 == 0)); then one a "$@"; one b "$@"; else one b "$@"; one a "$@"; fi
	done
	a=$(median 1 <"$dir/a") b=$(median 1 <"$dir/b")
	wa=$(median 2 <"$dir/a") wb=$(median 2 <"$dir/b")
	printf '| %-22s | %6s s | %6s s | %5s | %6s s | %6s s | %5s | %6s |\n' "$label" "$a" "$b" \
		"$(ratio "$a" "$b")" "$wa" "$wb" "$(ratio "$wa" "$wb")" \
		"$(paired "$dir/a" "$dir/b")"
}

echo "Seconds, median of $repeat, alternating; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| command                | CPU before | CPU after | ratio | wall before | wall after | ratio | wall, paired |"
echo "|------------------------|----------|----------|-------|----------|----------|-------|--------|"
row import import "$data"    # the last databases stay for the read commands
row "list (all)" list
row "report --format json" report --quarter 2023Q3 --format json
row "report --format html" report --quarter 2023Q3 --format html
row "export json" export json
row "export ics" export ics
row "check" check
