#!/usr/bin/env bash
# run.sh - the whole benchmark at one size: a generated store of N
# commitments and M check-ins (bench/gen_data), imported REPEAT times
# (import.sh), then every whole-store command beside the SQLite floor
# (whole_store.sh) and the single-item commands (single.sh). Tables in
# Markdown on stdout; bench/RESULTS.md holds the figures recorded so.
#
#   bench/run.sh TRACKER GEN_DATA [N [M]]
#   (or: cmake --build build --target bench; N and M from BENCH_N, BENCH_M)
#
# Every run is bounded (LIMIT seconds, see the scripts). Use a Release
# build: cmake -S . -B build-rel -DCMAKE_BUILD_TYPE=Release.
set -euo pipefail
here=$(dirname "$(realpath "$0")")
tracker=$(realpath "$1")
gen=$(realpath "$2")
n=${3:-${BENCH_N:-100000}}
m=${4:-${BENCH_M:-1000000}}
[ -x /usr/bin/time ] || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "bench: needs the sqlite3 shell (apt-get install sqlite3)" >&2; exit 2; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

"$gen" "$n" "$m" >"$dir/data.json"
echo "## import ($(nproc) cores)"
echo
echo "| command | wall | spread | cpu | peak RSS | machine |"
echo "|---|---|---|---|---|---|"
DATA=$dir/data.json KEEP=$dir/bench.db "$here/import.sh" "$tracker" "$gen" "$n" "$m"
rm -f "$dir/data.json"
echo
"$here/whole_store.sh" "$tracker" "$dir/bench.db" "$n / $m"
echo
echo "## single-item commands"
echo
"$here/single.sh" "$tracker" "$dir/bench.db"
