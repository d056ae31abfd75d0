#!/usr/bin/env bash
# concurrency.sh TRACKER - 8 processes log 200 check-ins each into the same
# database at once. All 1,600 must be there afterwards, every per-commitment
# chain intact, and no command may fail ("database is locked").
source "$(dirname "$0")/lib.sh"
contention=$(cd "$(dirname "$0")/.." && pwd)/contention.sh
procs=${CONC_PROCS:-8}
each=${CONC_EACH:-200}

# First commands on a new path race to create and migrate it: every one
# succeeds (the version is read again inside the write lock).
races=0
for round in $(seq 1 20); do
	fresh="$tmp/fresh$round.db"
	for i in 1 2 3 4; do
		( "$bin" --db "$fresh" init >/dev/null 2>"$tmp/init.$i" || cat "$tmp/init.$i" >>"$tmp/init.err" ) &
	done
	wait
	"$bin" --db "$fresh" check >/dev/null 2>&1 || races=$((races + 1))
done
[ -s "$tmp/init.err" ] && fail "concurrent init: $(sort "$tmp/init.err" | uniq -c | head -3)" \
	|| ok "20 rounds of 4 concurrent inits all succeed"
[ "$races" = 0 ] || fail "$races fresh databases do not check clean"

tracker seed 2>/dev/null || { echo "seed failed"; exit 1; }
source "$contention"
contend "$bin" "$tmp" "$procs" "$each"
total_failed=$contend_failed
[ "$total_failed" = 0 ] || fail "$total_failed log commands failed: $(cat "$tmp"/err.* | sort | uniq -c | head -3)"
[ "$contend_readers_failed" = 1 ] && fail "readers failed: $(head -2 "$tmp/err.reader")"
n=$(sql "$TRACKER_DB" "SELECT count(*) FROM checkin")
want=$((procs * each))
[ "$n" = "$want" ] && ok "$n check-ins stored" || fail "$n check-ins stored, expected $want"
per=$(sql "$TRACKER_DB" "SELECT count(DISTINCT note) FROM checkin")
[ "$per" = "$want" ] && ok "every check-in is there once" || fail "$per distinct check-ins"
expect_status 0 "tracker check: chains intact after concurrent writes" tracker check
finish
