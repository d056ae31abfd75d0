#!/usr/bin/env bash
# concurrency.sh TRACKER - many writers on one PostgreSQL record (the
# cluster in TRACKER_TEST_PG, through with_pg.sh): 8 processes log check-ins
# into three shared commitments at once, while readers list. Every command
# must succeed, every check-in be stored once, and the per-commitment chains
# and the journal's chain verify (no lost or forked link).
set -u
contention=$(cd "$(dirname "$0")/.." && pwd)/contention.sh
bin=$(realpath "$1")
pg=${TRACKER_TEST_PG:?run through with_pg.sh}
procs=${CONC_PROCS:-8}
each=${CONC_EACH:-100}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tracker-pg-conc.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
export TRACKER_NOW=2023-09-30T08:00:00Z NO_COLOR=1 LC_ALL=C.UTF-8 USER=tester TZ=Asia/Shanghai
unset XDG_DATA_HOME
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }
psql_pg() { PGOPTIONS='-c client_min_messages=warning' psql -X -q -t -A -v ON_ERROR_STOP=1 "$pg" "$@"; }
psql_pg -c "DROP SCHEMA IF EXISTS conc CASCADE" -c "CREATE SCHEMA conc" >/dev/null
export TRACKER_DB="$pg options='-csearch_path=conc'"
in_schema() { psql_pg -c "SET search_path = conc" -c "$1"; }

"$bin" seed >/dev/null 2>&1 || { echo "seed failed"; exit 1; }
source "$contention"
contend "$bin" "$tmp" "$procs" "$each"
total_failed=$contend_failed
[ "$total_failed" = 0 ] && ok "every log command succeeded" \
	|| fail "$total_failed log commands failed: $(cat "$tmp"/err.* | sort | uniq -c | head -3)"
[ "$contend_readers_failed" = 1 ] && fail "readers failed: $(head -2 "$tmp/err.reader")"
want=$((procs * each))
n=$(in_schema "SELECT count(*) FROM checkin")
[ "$n" = "$want" ] && ok "$n check-ins stored" || fail "$n check-ins stored, expected $want"
n=$(in_schema "SELECT count(DISTINCT note) FROM checkin")
[ "$n" = "$want" ] && ok "every check-in is there once" || fail "$n distinct check-ins"
# Each chain's sequence numbers are 1..n without a gap or a repeat.
n=$(in_schema "SELECT count(*) FROM (SELECT commitment_id FROM checkin GROUP BY commitment_id
	HAVING count(*) <> max(seq) OR count(DISTINCT seq) <> count(*)) x")
[ "$n" = 0 ] && ok "no chain has a gap or a repeated link" || fail "$n chains have gaps or repeats"
if "$bin" check >"$tmp/check.out" 2>&1; then ok "tracker check: chains intact after concurrent writes"
else fail "tracker check: $(head -3 "$tmp/check.out")"; fi

if [ "$failures" = 0 ]; then echo "PASS"; exit 0; fi
echo "$failures failure(s)"
exit 1
