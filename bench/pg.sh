#!/usr/bin/env bash
# pg.sh - the same benchmark (commands.sh) on SQLite and on PostgreSQL, side by
# side, then the server under load (server_load.py): a throw-away PostgreSQL
# cluster on a Unix socket (tests/pg/cluster.sh,
# fsync on, the Debian defaults otherwise) on this machine.
# Usage: bench/pg.sh TRACKER GEN_DATA [N] [M]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tracker=$(realpath "$1")
gen=$(realpath "$2")
n=${3:-${BENCH_N:-100000}}
m=${4:-${BENCH_M:-1000000}}
cluster=$here/../tests/pg/cluster.sh
dir=$(mktemp -d /tmp/tracker-bench-pg.XXXXXX)
trap '"$cluster" stop "$dir" >/dev/null 2>&1 || rm -rf "$dir"' EXIT
pg=$("$cluster" start "$dir")

"$here/commands.sh" "$tracker" "$gen" "$n" "$m" >"$dir/sqlite.txt"
BENCH_DB=$pg "$here/commands.sh" "$tracker" "$gen" "$n" "$m" >"$dir/pg.txt"
echo "$(uname -m), $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo);" \
	"PostgreSQL $("$(dirname "$(command -v psql)")"/psql --version | awk '{ print $3 }') on a Unix socket"
printf '%-44s %12s %12s\n' "command ($n commitments, $m check-ins)" "SQLite" "PostgreSQL"
# The two reports have the same lines in the same order: join them.
paste -d '\t' <(grep ' s ' "$dir/sqlite.txt") <(grep ' s ' "$dir/pg.txt") |
	awk -F'\t' '{ l = substr($1, 1, 44); a = substr($1, 45); b = substr($2, 45);
		split(a, x, " "); split(b, y, " ");
		printf "%-44s %10s s %10s s\n", l, x[1], y[1] }'

# The server under load, on both stores (and two servers on PostgreSQL).
echo
/usr/bin/python3 "$here/server_load.py" "$tracker" "$gen" "$n" "$m" "$pg"
