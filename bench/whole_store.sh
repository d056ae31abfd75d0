#!/usr/bin/env bash
# whole_store.sh - times the whole-store commands (and a few single-item
# ones) on an existing database, each beside the SQLite floor: the sqlite3
# shell doing the same reading work in SQL. Median of REPEAT runs (default
# 3), the spread (min-max) and the peak RSS (GNU time).
#
#   bench/whole_store.sh TRACKER DB [LABEL]
#
# Build DB with gen_data and import (bench/run.sh does, or:
#   gen_data 100000 1000000 > big.json; tracker --db big.db import big.json).
# Every run is bounded: a command that takes longer than LIMIT seconds
# (default 120) is stopped and reported as such.
set -euo pipefail
tracker=$(realpath "$1")
db=$(realpath "$2")
label=${3:-$(basename "$db")}
repeat=${REPEAT:-3}
limit=${LIMIT:-120}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export TRACKER_DB=$db TRACKER_NOW=2023-09-30T08:00:00Z NO_COLOR=1
[ -x /usr/bin/time ] || { echo "whole_store: needs GNU time (apt-get install time)" >&2; exit 2; }

# run_n CMD...: runs CMD REPEAT times; prints "median min max cpu peakKB".
run_n() {
	local times=() cpus=() rss=0 i t u s r
	for ((i = 0; i < repeat; i++)); do
		/usr/bin/time -f "%e %U %S %M" -o "$dir/t" timeout "$limit" "$@" >/dev/null \
			2>"$dir/err" || {
			echo "whole_store: '$*' failed: $(tail -1 "$dir/err")" >&2
			echo "- - - - 0"; return; }
		read -r t u s r <"$dir/t"
		times+=("$t")
		cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')")
		((r > rss)) && rss=$r
	done
	paste <(printf '%s\n' "${times[@]}" | sort -n) <(printf '%s\n' "${cpus[@]}" | sort -n) |
		awk -v rss="$rss" '{ v[NR] = $1; c[NR] = $2 } END {
			m = int((NR + 1) / 2); printf "%s %s %s %s %d\n", v[m], v[1], v[NR], c[m], rss }'
}

# row LABEL FLOOR_SQL -- CMD...: one line of the table.
row() {
	local name=$1 floor=$2 f=- m lo hi cpu rss fm flo fhi fcpu frss
	shift 3
	read -r m lo hi cpu rss < <(run_n "$@")
	if [ -n "$floor" ]; then
		read -r fm flo fhi fcpu frss < <(run_n sqlite3 -readonly "$db" "$floor")
		f="$fm s ($fcpu cpu), $((frss / 1024)) MB"
	fi
	printf '| %-30s | %6s s | %5s-%-5s | %6s s | %5s MB | %-26s |\n' "$name" "$m" "$lo" "$hi" \
		"$cpu" "$((rss / 1024))" "$f"
}

# The floors: the rows each command reads, in SQL, written by the shell.
floor_list="SELECT c.key, c.title, o.name, c.due, c.status, (SELECT value FROM checkin k
 WHERE k.commitment_id = c.id ORDER BY as_of DESC, seq DESC LIMIT 1) FROM commitment c
 JOIN owner o ON o.id = c.owner_id ORDER BY c.due IS NULL, c.due, c.key"
floor_report="SELECT c.owner_id, c.status, count(*), sum(k.n), max(k.last) FROM commitment c
 LEFT JOIN (SELECT commitment_id, count(*) n, max(as_of) last FROM checkin
 WHERE as_of <= '2023-09-30' GROUP BY commitment_id) k ON k.commitment_id = c.id
 GROUP BY c.owner_id, c.status"
# export json's floor builds the document export writes, member for member
# (history and the check-ins' authors and prev_hashes included): its
# output is within 2 % of export's size.
floor_export="SELECT json_object('key', c.key, 'title', c.title, 'quote', c.quote, 'owner', o.name,
 'co_owners', (SELECT json_group_array(x.name) FROM commitment_coowner cc
   JOIN owner x ON x.id = cc.owner_id WHERE cc.commitment_id = c.id),
 'kind', c.kind, 'target', json_object('value', c.target_value, 'unit', c.target_unit,
   'comparator', c.target_cmp, 'baseline', c.target_baseline),
 'window_start', c.window_start, 'due', c.due, 'status', c.status,
 'tags', (SELECT json_group_array(t.tag) FROM commitment_tag t WHERE t.commitment_id = c.id),
 'uid', c.uid, 'sequence', c.sequence, 'created_at', c.created_at, 'updated_at', c.updated_at,
 'history', (SELECT json_group_array(json_object('seq', seq, 'field', field, 'old', old_value,
   'new', new_value, 'author', author, 'changed_at', changed_at, 'prev_hash', prev_hash,
   'hash', hash)) FROM history h WHERE h.commitment_id = c.id),
 'checkins', (SELECT json_group_array(json_object('seq', seq, 'as_of', as_of,
   'recorded_at', recorded_at, 'value', value, 'note', note, 'author', author,
   'supersedes', supersedes, 'prev_hash', prev_hash, 'hash', hash))
   FROM checkin k WHERE k.commitment_id = c.id))
 FROM commitment c JOIN owner o ON o.id = c.owner_id"
floor_ics="SELECT c.uid, c.key, c.title, c.due, o.name FROM commitment c JOIN owner o
 ON o.id = c.owner_id WHERE c.due IS NOT NULL ORDER BY c.key"
floor_check="PRAGMA integrity_check; PRAGMA foreign_key_check"

echo "## $label: $(sqlite3 -readonly "$db" 'SELECT count(*) FROM commitment') commitments," \
	"$(sqlite3 -readonly "$db" 'SELECT count(*) FROM checkin') check-ins;" \
	"$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); median of $repeat"
echo
printf '| %-30s | %8s | %-11s | %8s | %8s | %-26s |\n' command "wall" "spread" "cpu" "peak RSS" \
	"SQLite floor (wall, cpu)"
echo "|--------------------------------|----------|-------------|----------|----------|----------------------------|"
row "list (all)" "$floor_list" -- "$tracker" list
row "report --format json" "$floor_report" -- "$tracker" report --quarter 2023Q3 --format json
row "report --format html" "$floor_report" -- "$tracker" report --quarter 2023Q3 --format html
row "export json" "$floor_export" -- "$tracker" export json
row "export ics" "$floor_ics" -- "$tracker" export ics
row "check" "$floor_check" -- "$tracker" check
row "show B500" "" -- "$tracker" show B500
row "list --owner B7" "" -- "$tracker" list --owner B7
