#!/usr/bin/env bash
# bench_server.sh - `tracker serve` under load with wrk, on loopback only,
# against a generated store of N commitments (200 departments, ~N/200
# each): one commitment by key, a department's list, check-ins posted by 8
# clients (then counted in the record: every 201 must be there), and the
# server's resident memory sampled every second. Every run is bounded by
# wrk's -d; SOAK=1 adds a 10-minute run at half the load.
# Usage: bench/bench_server.sh TRACKER GEN_DATA [N]
#   (a Release build: cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release)
set -euo pipefail
tracker=$(realpath "$1")
gen=$(realpath "$2")
n=${3:-${BENCH_N:-100000}}
read_secs=${READ_SECS:-30}
write_secs=${WRITE_SECS:-60}
here=$(cd "$(dirname "$0")" && pwd)
command -v wrk >/dev/null || { echo "bench: needs wrk (apt-get install wrk)" >&2; exit 2; }
dir=$(mktemp -d)
server=
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT
export TRACKER_DB=$dir/bench.db TRACKER_NOW=2023-10-10T02:00:00Z TZ=Asia/Shanghai

echo "generating and importing $n commitments..."
"$gen" "$n" "$((n * 2))" >"$dir/data.json"
"$tracker" import "$dir/data.json" >/dev/null 2>&1
admin=$("$tracker" user add bench-admin --role admin 2>/dev/null)
dept=$("$tracker" user add bench-b7 --role department --owner B7 2>/dev/null)
keys_of() { grep -o '"key": *"[^"]*"' | sed 's/.*"\([^"]*\)"$/\1/'; }
"$tracker" list --owner B7 --json | keys_of >"$dir/keys"
rows=$(wc -l <"$dir/keys")

"$tracker" serve --listen 127.0.0.1:0 --ready-file "$dir/port" --quiet 2>"$dir/serve.log" &
server=$!
for _ in $(seq 100); do [ -s "$dir/port" ] && break; sleep 0.1; done
port=$(cat "$dir/port")
base=http://127.0.0.1:$port

# The server's peak and current resident memory, sampled once a second.
sample_rss() { while kill -0 "$server" 2>/dev/null; do
	awk '/VmRSS/ {print $2}' "/proc/$server/status" >>"$dir/rss.$1" 2>/dev/null; sleep 1; done; }

# run LABEL WRK-ARGS...: wrk with latency figures; prints one line.
run() {
	local label=$1; shift
	wrk --latency "$@" >"$dir/wrk.out" 2>&1 || { echo "bench: wrk failed:" >&2; cat "$dir/wrk.out" >&2; exit 1; }
	awk -v label="$label" '
		/Requests\/sec/ { rps = $2 }
		/^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
		/Non-2xx/ { bad = $NF } /Socket errors/ { err = $0 }
		END { printf "%-46s %10s req/s  p50 %8s  p99 %8s  non-2xx %s %s\n",
		      label, rps, p50, p99, bad ? bad : 0, err }' "$dir/wrk.out"
}

sample_rss all & sampler=$!
printf '%s\n' "tracker serve, $n commitments, $(nproc) cores, wrk on loopback"
run "GET /api/v1/commitments/{key} (64 conn, ${read_secs}s)" -t2 -c64 -d"${read_secs}s" \
	-s "$here/wrk/random_key.lua" -H "Authorization: Bearer $admin" "$base" -- "$n"
run "GET list --owner B7 ($rows rows, 64 conn, ${read_secs}s)" -t2 -c64 -d"${read_secs}s" \
	-H "Authorization: Bearer $dept" "$base/api/v1/commitments?owner=B7"
# Check-ins: every acknowledged one (a 201, counted by the script) must
# be in the record afterwards.
count_checkins() { "$tracker" export json | { grep -o '"note": *"bench"' || true; } | wc -l; }
before=$(count_checkins)
CREATED_FILE=$dir/created run "POST check-ins to B7's (8 conn, ${write_secs}s)" -t2 -c8 \
	-d"${write_secs}s" -s "$here/wrk/post_checkin.lua" -H "Authorization: Bearer $dept" \
	"$base" -- "$dir/keys"
stored=$(($(count_checkins) - before))
echo "  acknowledged $(cat "$dir/created"), stored $stored, over ${write_secs}s:" \
	"$((stored / write_secs)) durable check-ins/s"
if [ "${SOAK:-0}" = 1 ]; then
	# The soak's own first minute (the samples before it are the runs above).
	soak_start=$(wc -l <"$dir/rss.all")
	run "soak: key GETs, 32 conn, 600 s" -t2 -c32 -d600s -s "$here/wrk/random_key.lua" \
		-H "Authorization: Bearer $admin" "$base" -- "$n"
	echo "  RSS at the soak's start $(sed -n "${soak_start}p" "$dir/rss.all") KB, after its" \
		"first minute $(sed -n "$((soak_start + 60))p" "$dir/rss.all") KB, at the end" \
		"$(tail -1 "$dir/rss.all") KB"
fi
kill "$sampler" 2>/dev/null || true
echo "server RSS: peak $(sort -n "$dir/rss.all" | tail -1) KB, at the end $(tail -1 "$dir/rss.all") KB" \
	"($(grep VmHWM "/proc/$server/status" | awk '{print $2}') KB high-water mark)"
