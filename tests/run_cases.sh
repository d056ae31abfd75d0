#!/usr/bin/env bash
# run_cases.sh - runs the CLI golden cases: each directory under cases/ has
#   cmd     a bash script; `tracker` runs the binary under test
#   out     the expected standard output
#   err     the expected standard error
#   status  the expected exit status of the script (its last command)
# Each case runs in a fresh directory with a fresh database, a fixed clock
# (TRACKER_NOW) and no colour. The temporary path is shown as $TMP.
# With TRACKER_TEST_PG set to a PostgreSQL conninfo (tests/pg/cluster.sh
# prints one), each case's database is a fresh schema of that database
# instead of a SQLite file; a case with a file `sqlite-only` (which says
# why) is about SQLite's files and is skipped there.
# Usage: run_cases.sh TRACKER_BINARY CASES_DIR [--update]
set -u
bin=$(realpath "$1")
cases=$(realpath "$2")
update=${3:-}
seeds=$(realpath "$(dirname "$0")/../seeds")
account=$(id -un)
pass=0 fail=0 skip=0
pg=${TRACKER_TEST_PG:-}

psql_pg() { PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 "$pg" "$@" >/dev/null; }

for dir in "$cases"/*/; do
	name=$(basename "$dir")
	if [ -n "$pg" ] && [ -e "$dir/sqlite-only" ]; then
		skip=$((skip + 1))
		continue
	fi
	tmp=$(mktemp -d)
	db="$tmp/t.db"
	if [ -n "$pg" ]; then
		schema="case_$(echo "$name" | tr -c 'a-z0-9\n' '_')"
		psql_pg -c "DROP SCHEMA IF EXISTS $schema CASCADE" -c "CREATE SCHEMA $schema"
		db="$pg options='-csearch_path=$schema'"
	fi
	(
		cd "$tmp" || exit 99
		export TRACKER_DB="$db" TRACKER_NOW=2023-09-30T08:00:00Z NO_COLOR=1 HOME="$tmp"
		export SEEDS="$seeds" LC_ALL=C.UTF-8 USER=tester TZ=Asia/Shanghai
		unset XDG_DATA_HOME
		tracker() { "$bin" "$@"; }
		export -f tracker 2>/dev/null
		export bin
		bash -c "tracker() { \"\$bin\" \"\$@\"; }; source '$dir/cmd'" >"$tmp/.out" 2>"$tmp/.err"
		echo $? >"$tmp/.status"
	)
	# The temporary directory and the account that ran the case (the author
	# of records written without --by) read the same on every machine.
	sed -i -e "s|$tmp|\$TMP|g" -e "s/by $account\b/by \$ACCOUNT/g" "$tmp/.out" "$tmp/.err"
	if [ "$update" = "--update" ]; then
		cp "$tmp/.out" "$dir/out"; cp "$tmp/.err" "$dir/err"; cp "$tmp/.status" "$dir/status"
	fi
	ok=1
	for f in out err status; do
		if ! diff -u "$dir/$f" "$tmp/.$f" >"$tmp/.diff"; then
			ok=0
			echo "FAIL $name: $f differs"
			head -40 "$tmp/.diff"
		fi
	done
	if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
	rm -rf "$tmp"
	[ -n "$pg" ] && psql_pg -c "DROP SCHEMA $schema CASCADE"
done
echo "golden cases${pg:+ (PostgreSQL)}: $pass passed, $fail failed${pg:+, $skip skipped (sqlite-only)}"
[ "$fail" = 0 ]
