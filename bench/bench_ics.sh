#!/bin/sh
# bench_ics.sh - how fast `tracker export ics` is, and whether its memory
# grows with the number of commitments.
#
# Usage: bench/bench_ics.sh TRACKER GEN_DATA [N_COMMITMENTS [N_CHECKINS]]
#   (defaults 100000 and 200000; build gen_data with
#    `cmake --build BUILD --target gen_data`)
#
# Imports N commitments (and N/10 of them) into fresh databases, then
# exports each with the default reminders (30d,7d,1d) and once more with
# --both --checkins, under /usr/bin/time -v. Prints wall time and peak RSS;
# the peak RSS of N and N/10 should be about the same (streamed, not one
# tree). Aim: under 2 s for 100,000 commitments with alarms.
set -eu

TRACKER=${1:?usage: bench_ics.sh TRACKER GEN_DATA [N [CHECKINS]]}
GEN=${2:?usage: bench_ics.sh TRACKER GEN_DATA [N [CHECKINS]]}
N=${3:-100000}
K=${4:-$((N * 2))}
DIR=$(mktemp -d "${TMPDIR:-/tmp}/bench-ics.XXXXXX")
trap 'rm -rf "$DIR"' EXIT INT TERM
export TRACKER_NOW=2023-09-30 NO_COLOR=1

# Runs "$@" under /usr/bin/time -v; prints wall and CPU (user+sys) time
# and peak RSS. CPU time is the figure to compare on a busy machine.
measure() {
	label=$1
	shift
	/usr/bin/time -v "$@" 2>"$DIR/time" >/dev/null || { cat "$DIR/time"; exit 1; }
	awk -v label="$label" '
		/Elapsed \(wall clock\)/ { n = split($NF, t, ":"); s = 0
			for (i = 1; i <= n; i++) s = s * 60 + t[i] }
		/User time \(seconds\)|System time \(seconds\)/ { cpu += $NF }
		/Maximum resident set size/ { rss = $NF }
		END { printf "%-40s %6.2f s wall %6.2f s cpu %8d KB peak RSS\n", label, s, cpu,
			rss }' "$DIR/time"
}

for n in $((N / 10)) "$N"; do
	k=$((K * n / N))
	db="$DIR/t$n.db"
	"$GEN" "$n" "$k" >"$DIR/big$n.json"
	TRACKER_DB=$db measure "import $n commitments, $k check-ins" \
		"$TRACKER" import "$DIR/big$n.json"
	TRACKER_DB=$db measure "export ics, $n commitments, alarms" \
		"$TRACKER" export ics --out "$DIR/out$n.ics"
	TRACKER_DB=$db measure "list --json (the store query alone), $n" \
		"$TRACKER" list --json --sort key
	TRACKER_DB=$db measure "export ics --both --checkins, $n" \
		"$TRACKER" export ics --both --checkins --out "$DIR/both$n.ics"
	printf '%-40s %s events, %s bytes\n' "  ($n: output)" \
		"$(grep -c '^BEGIN:VEVENT' "$DIR/out$n.ics")" "$(wc -c <"$DIR/out$n.ics")"
done
