#!/usr/bin/env bash
# kill_import.sh TRACKER GEN_DATA - crash safety: SIGKILLs `tracker import`
# of a 20,000-commitment file at many points, and checks after each kill
# that the database is sound and holds all of the import or none of it,
# with what was committed before untouched. Twice: into a store that has
# records (the import writes through the WAL) and into an empty one (a
# first load, written through a rollback journal instead).
source "$(dirname "$0")/lib.sh"
gen=$(realpath "$2")
n_commitments=${KILL_COMMITMENTS:-20000}

"$gen" "$n_commitments" "$n_commitments" >"$tmp/big.json" || exit 1
tracker --db "$tmp/seeded.db" seed 2>/dev/null || { echo "seed failed"; exit 1; }
tracker --db "$tmp/empty.db" init >/dev/null 2>&1 || { echo "init failed"; exit 1; }

# kills BASE_DB: the kill points on copies of BASE_DB.
kills() {
	local base=$1 base_c base_k base_l full_c full_k ms points none=0 all=0 db
	base_c=$(sql "$base" "SELECT count(*) FROM commitment")
	base_k=$(sql "$base" "SELECT count(*) FROM checkin")
	base_l=$(sql "$base" "SELECT count(*) FROM letter")

	# One whole import, to know how long it takes and what "all" is.
	cp "$base" "$tmp/full.db"
	start=$(date +%s%N)
	tracker --db "$tmp/full.db" import "$tmp/big.json" 2>/dev/null || { fail "import failed"; return; }
	ms=$(( ($(date +%s%N) - start) / 1000000 ))
	full_c=$(sql "$tmp/full.db" "SELECT count(*) FROM commitment")
	full_k=$(sql "$tmp/full.db" "SELECT count(*) FROM checkin")
	[ "$(sql "$tmp/full.db" "PRAGMA journal_mode")" = wal ] ||
		fail "$(basename "$base"): the store is not in WAL mode after the import"
	# About 25 s of kills on any machine: more points when the import is fast.
	points=$(( 50000 / (ms + 1) ))
	[ "$points" -gt 24 ] && points=24
	[ "$points" -lt 10 ] && points=10
	echo "$(basename "$base"): import of $n_commitments commitments takes ${ms} ms; $points kill points"

	for i in $(seq 1 "$points"); do
		db="$tmp/k$i.db"
		cp "$base" "$db"
		# Kill points spread over the import and a little past it.
		delay_ms=$(( ms * 11 * i / (10 * points) ))
		"$bin" --db "$db" import "$tmp/big.json" >/dev/null 2>&1 &
		pid=$!
		sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
		kill -KILL "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		read -r integrity c k l < <(sql -separator ' ' "$db" "SELECT (SELECT group_concat(integrity_check, ';') FROM pragma_integrity_check), (SELECT count(*) FROM commitment), (SELECT count(*) FROM checkin), (SELECT count(*) FROM letter)" 2>&1)
		where="$(basename "$base"): kill $i at ${delay_ms} ms"
		if [ "$integrity" != ok ]; then
			fail "$where: integrity_check: $integrity"
		elif [ "$c" = "$base_c" ] && [ "$k" = "$base_k" ] && [ "$l" = "$base_l" ]; then
			none=$((none + 1))
		elif [ "$c" = "$full_c" ] && [ "$k" = "$full_k" ]; then
			all=$((all + 1))
		else
			fail "$where: partial import: $c commitments, $k check-ins, $l letters"
		fi
		# The store must open, and its record must check clean (every third
		# kill: the check reads the whole database).
		if [ $((i % 3)) = 1 ] && ! "$bin" --db "$db" check >/dev/null 2>"$tmp/check.err"; then
			fail "$where: tracker check: $(head -3 "$tmp/check.err")"
		fi
		rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
	done
	echo "$(basename "$base"): $points kills: $none left the old state, $all the new state"
	[ "$none" -gt 0 ] || fail "$(basename "$base"): no kill landed inside the import (import too fast to test?)"
}

kills "$tmp/seeded.db"
kills "$tmp/empty.db"
finish
