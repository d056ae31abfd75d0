#!/usr/bin/env bash
# single.sh - the single-item commands on an existing database (which the
# writes change: each run logs a check-in on B500 and adds a commitment):
# median wall time of REPEAT runs (default 5), median CPU, peak RSS.
#
#   bench/single.sh TRACKER DB
set -euo pipefail
tracker=$(realpath "$1")
db=$(realpath "$2")
repeat=${REPEAT:-5}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export TRACKER_DB=$db TRACKER_NOW=2023-09-30T08:00:00Z NO_COLOR=1

row() {
	local name=$1 times=() cpus=() rss=0 i t u s r start end
	shift
	for ((i = 0; i < repeat; i++)); do
		# Wall time from the clock in ns (GNU time's %e counts in 10 ms,
		# the size of a whole command); it includes time's own fork.
		start=$(date +%s%N)
		/usr/bin/time -f "%e %U %S %M" -o "$dir/t" timeout 60 \
			"$@" >/dev/null 2>"$dir/err" || { echo "single.sh: '$*' failed: $(tail -1 "$dir/err")" >&2; return; }
		end=$(date +%s%N)
		read -r t u s r <"$dir/t"
		times+=("$(awk -v ns=$((end - start)) 'BEGIN { printf "%.4f", ns / 1e9 }')")
		cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.3f", u + s }')")
		((r > rss)) && rss=$r
	done
	paste <(printf '%s\n' "${times[@]}" | sort -n) <(printf '%s\n' "${cpus[@]}" | sort -n) |
		awk -v name="$name" -v rss="$rss" '{ v[NR] = $1; c[NR] = $2 } END { k = int((NR + 1) / 2)
		printf "| %-34s | %6.1f ms | %6.3f s | %4d MB |\n", name, v[k] * 1000, c[k], rss / 1024 }'
}

letter=$(sqlite3 -readonly "$db" 'SELECT doc_no FROM letter ORDER BY id LIMIT 1')
echo "| command | wall | cpu | peak RSS |"
echo "|---|---|---|---|"
row "log (one check-in, durable)" "$tracker" log B500 --note bench
# A new key each run: bash picks it and execs tracker (a few ms of bash counted).
row "add (one commitment, durable)" bash -c 'exec "$0" add "NEW$RANDOM$RANDOM" --letter "$1" \
	--title t --quote x --owner B1 --kind milestone --due 2024-01-01' "$tracker" "$letter"
row "show B500" "$tracker" show B500
row "list --owner B7" "$tracker" list --owner B7
row "list --tag 充电桩 --due-before 2023-12-31" "$tracker" list --tag 充电桩 --due-before 2023-12-31
