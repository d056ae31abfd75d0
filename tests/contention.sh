# contention.sh - sourced by the concurrency tests of both engines
# (tests/reliability/concurrency.sh on SQLite, tests/pg/concurrency.sh on
# PostgreSQL), so that both put the record under the same load.
#
# contend BIN TMP PROCS EACH: PROCS processes each log EACH check-ins into
# three shared commitments of the seed (so their chains contend), giving a
# reason since interleaved figures fall, while two readers list 20 times.
# Sets contend_failed (log commands that failed, their errors in
# TMP/err.*) and contend_readers_failed (1 when a list failed).
contend() {
	local bin=$1 tmp=$2 procs=$3 each=$4 start w r
	local keys=(211-12 211-14 211-15)   # three with targets: figures need one
	contend_worker() {
		local w=$1 failed=0 j key
		for j in $(seq 1 "$each"); do
			key=${keys[$(( (w + j) % 3 ))]}
			"$bin" log "$key" --value "$j" --note "w$w-$j" --reason "w$w" --by "worker$w" \
				>/dev/null 2>>"$tmp/err.$w" || failed=$((failed + 1))
		done
		echo "$failed" >"$tmp/failed.$w"
	}
	start=$(date +%s)
	for w in $(seq 1 "$procs"); do contend_worker "$w" & done
	# Readers at the same time: they must neither fail nor block the writers.
	for r in 1 2; do
		( for j in $(seq 1 20); do "$bin" list >/dev/null 2>>"$tmp/err.reader" ||
			echo x >>"$tmp/rfail"; done ) &
	done
	wait
	echo "$procs x $each check-ins in $(( $(date +%s) - start )) s"
	contend_failed=$(cat "$tmp"/failed.* | awk '{ s += $1 } END { print s }')
	contend_readers_failed=0
	[ -s "$tmp/rfail" ] && contend_readers_failed=1
	return 0
}
