#!/usr/bin/env bash
# server.sh - requests a second from `tracker serve` on loopback (wrk), with
# the 99th percentile latency and the server's peak RSS, for a few routes.
#
#   bench/server.sh TRACKER DB [URL_PATH...]
#
# DB is copied first (an API token is added to the copy). Each wrk run is
# bounded: DURATION seconds (default 10, at most 20), CONNECTIONS (default
# 8) on 2 threads, loopback only.
set -euo pipefail
tracker=$(realpath "$1")
db=$(realpath "$2")
shift 2
paths=("$@")
[ ${#paths[@]} -gt 0 ] || paths=("/api/v1/commitments?owner=B7" "/api/v1/commitments/B500"
	"/api/v1/reports/2023Q3.json?owner=B7")
duration=${DURATION:-10}
((duration <= 20)) || duration=20
conns=${CONNECTIONS:-8}
command -v wrk >/dev/null || { echo "server.sh: needs wrk (apt-get install wrk)" >&2; exit 2; }
dir=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT
export TRACKER_NOW=2023-09-30T08:00:00Z TRACKER_DB=$dir/s.db
cp "$db" "$dir/s.db"
token=$("$tracker" user add bench --role admin --by bench 2>/dev/null | head -1)
"$tracker" serve --listen 127.0.0.1:0 --ready-file "$dir/port" --quiet 2>"$dir/log" &
pid=$!
for _ in $(seq 100); do [ -s "$dir/port" ] && break; sleep 0.1; done
port=$(cat "$dir/port")
echo "| route | req/s | p50 | p99 | server peak RSS |"
echo "|---|---|---|---|---|"
for p in "${paths[@]}"; do
	timeout $((duration + 15)) wrk -t2 -c"$conns" -d"${duration}s" --latency \
		-H "Authorization: Bearer $token" "http://127.0.0.1:$port$p" >"$dir/wrk" 2>&1 || true
	rps=$(awk '/^Requests\/sec/ { print $2 }' "$dir/wrk")
	p50=$(awk '$1 == "50%" { print $2 }' "$dir/wrk")
	p99=$(awk '$1 == "99%" { print $2 }' "$dir/wrk")
	non2xx=$(awk '/Non-2xx/ { print $NF }' "$dir/wrk")
	rss=$(awk '/VmHWM/ { print int($2 / 1024) " MB" }' "/proc/$pid/status")
	echo "| GET $p | ${rps:-?}${non2xx:+ ($non2xx non-2xx)} | ${p50:-?} | ${p99:-?} | $rss |"
done
echo
echo "($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); wrk -t2 -c$conns -d${duration}s)"
