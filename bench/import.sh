#!/usr/bin/env bash
# import.sh - times `tracker import` of a generated tracker/1 file of N
# commitments and M check-ins into a fresh database: median of REPEAT runs
# (default 3), the spread, CPU time (user + system) and peak RSS.
#
#   bench/import.sh TRACKER GEN_DATA [N [M]]
#
# Each run is bounded by LIMIT seconds (default 600). DATA=FILE imports that
# file instead of generating one; KEEP=PATH keeps the last database there.
set -euo pipefail
tracker=$(realpath "$1")
gen=$(realpath "$2")
n=${3:-100000}
m=${4:-1000000}
repeat=${REPEAT:-3}
limit=${LIMIT:-600}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export TRACKER_NOW=2023-09-30T08:00:00Z

data=${DATA:-$dir/data.json}
[ -n "${DATA:-}" ] || "$gen" "$n" "$m" >"$data"
times=() cpus=() rss=0
for ((i = 0; i < repeat; i++)); do
	rm -f "$dir"/t.db*
	/usr/bin/time -f "%e %U %S %M" -o "$dir/t" timeout "$limit" \
		"$tracker" --db "$dir/t.db" import "$data" >/dev/null 2>"$dir/err" || {
		echo "import.sh: import failed: $(tail -1 "$dir/err")" >&2; exit 1; }
	read -r t u s r <"$dir/t"
	times+=("$t")
	cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')")
	((r > rss)) && rss=$r
done
paste <(printf '%s\n' "${times[@]}" | sort -n) <(printf '%s\n' "${cpus[@]}" | sort -n) |
	awk -v rss="$rss" -v n="$n" -v m="$m" -v load="$(cut -d' ' -f1-3 /proc/loadavg)" '
	{ v[NR] = $1; c[NR] = $2 } END { k = int((NR + 1) / 2)
	printf "| import %d / %d | %s s | %s-%s | %s s | %d MB | load %s |\n", n, m, v[k], v[1],
		v[NR], c[k], rss / 1024, load }'
# The floor: the same rows written by SQLite alone, one prepared INSERT each
# (bench/insert_floor.c, built beside gen_data); medians of REPEAT runs.
floor=$(dirname "$gen")/insert_floor
if [ -x "$floor" ]; then
	for ((i = 0; i < repeat; i++)); do
		/usr/bin/time -f "%M" -o "$dir/ft" timeout "$limit" "$floor" "$dir/t.db" "$dir/f.db" \
			>>"$dir/floor" || { echo "import.sh: insert_floor failed" >&2; exit 1; }
		rm -f "$dir"/f.db*
	done
	sort -n "$dir/floor" | awk -v rss="$(cat "$dir/ft")" 'NR == 1 { lo = $1 } { w[NR] = $1; c[NR] = $2; r = $3 }
	END { k = int((NR + 1) / 2); printf "| SQLite floor: the %d rows, one INSERT each | %s s | %s-%s | %s s | %d MB | insert_floor |\n", r, w[k], lo, w[NR], c[k], rss / 1024 }'
fi
if [ -n "${KEEP:-}" ]; then
	"$tracker" --db "$dir/t.db" check >/dev/null 2>&1   # a clean close: no -wal left behind
	mv "$dir/t.db" "$KEEP"
fi
