#!/usr/bin/env bash
# run_cases.sh - runs the CLI golden cases: each directory under cases/ has
#   cmd     a bash script; `tracker` runs the binary under test
#   out     the expected standard output
#   err     the expected standard error
#   status  the expected exit status of the script (its last command)
#   out.zh, err.zh  the same in Chinese, where they differ from out, err
# Each case runs twice, once in each language the messages come in:
# `tracker` runs with LC_ALL=C.UTF-8 (English), then with
# LC_ALL=zh_CN.UTF-8 (Chinese), and its output must match out/err, then
# out.zh/err.zh (or out/err where a case has no .zh file: its output is
# the same in both languages); the status is the same in both. Only
# tracker is given the language, so sort, cut or grep in a case behave
# alike in both runs. Each run is in a fresh directory with a fresh
# database, a fixed clock (TRACKER_NOW) and no colour. The temporary path
# is shown as $TMP.
# TRACKER_CASE_LANGS=en runs the English half only (valgrind_cases.sh: the
# Chinese half runs under ASan in the sanitizer build).
# With TRACKER_TEST_PG set to a PostgreSQL conninfo (tests/pg/cluster.sh
# prints one), each run's database is a fresh schema of that database
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

# case_db NAME LOCALE TMP: the run's database, a SQLite file in TMP or a
# fresh PostgreSQL schema named after the case and the language.
case_db() {
	local schema
	if [ -z "$pg" ]; then
		echo "$3/t.db"
		return
	fi
	schema="case_$(echo "$1_$2" | tr 'A-Z' 'a-z' | tr -c 'a-z0-9\n' '_')"
	psql_pg -c "DROP SCHEMA IF EXISTS $schema CASCADE" -c "CREATE SCHEMA $schema"
	echo "$pg options='-csearch_path=$schema'"
}

# drop_case_db NAME LOCALE: drops the schema case_db made on PostgreSQL.
drop_case_db() {
	[ -n "$pg" ] || return 0
	psql_pg -c "DROP SCHEMA case_$(echo "$1_$2" | tr 'A-Z' 'a-z' | tr -c 'a-z0-9\n' '_') CASCADE"
}

# The Chinese run needs the locale (the locales package: localedef -i zh_CN
# -f UTF-8 zh_CN.UTF-8, as .ci/install-deps does); without it the messages
# would silently stay English, so the run fails instead.
langs=${TRACKER_CASE_LANGS:-en zh}
if [ "$langs" != "en" ] && ! locale -a 2>/dev/null | grep -qix 'zh_CN.utf-\?8'; then
	echo "golden cases: the zh_CN.UTF-8 locale is missing (see .ci/install-deps)"
	echo "golden cases: 0 passed, 1 failed"
	exit 1
fi

# run_case DIR LOCALE TMP: runs DIR/cmd with tracker in LOCALE; leaves
# .out, .err and .status in TMP.
run_case() {
	local dir=$1 lang=$2 tmp=$3 db
	db=$(case_db "$(basename "$dir")" "$lang" "$tmp")
	(
		cd "$tmp" || exit 99
		export TRACKER_DB="$db" TRACKER_NOW=2023-09-30T08:00:00Z NO_COLOR=1 HOME="$tmp"
		export SEEDS="$seeds" LC_ALL=C.UTF-8 USER=tester TZ=Asia/Shanghai
		export TRACKER_CASE_LANG=$lang
		unset XDG_DATA_HOME LANGUAGE
		export bin
		bash -c "tracker() { LC_ALL=\$TRACKER_CASE_LANG \"\$bin\" \"\$@\"; }; source '$dir/cmd'" \
			>"$tmp/.out" 2>"$tmp/.err"
		echo $? >"$tmp/.status"
	)
	drop_case_db "$(basename "$dir")" "$lang"
	# The temporary directory and the account that ran the case (the author
	# of records written without --by) read the same on every machine.
	sed -i -e "s|$tmp|\$TMP|g" -e "s/by $account\b/by \$ACCOUNT/g" \
		-e "s/由 $account\b/由 \$ACCOUNT/g" "$tmp/.out" "$tmp/.err"
}

# check NAME DIR TMP SUFFIX: compares a run with the expected files (the
# .zh ones where they exist); returns 1 on a difference.
check() {
	local name=$1 dir=$2 tmp=$3 sfx=$4 ok=0 f want
	for f in out err status; do
		want=$dir/$f
		[ -n "$sfx" ] && [ -f "$dir/$f$sfx" ] && want=$dir/$f$sfx
		if ! diff -u "$want" "$tmp/.$f" >"$tmp/.diff"; then
			ok=1
			echo "FAIL $name${sfx:+ ($sfx)}: $f differs"
			head -40 "$tmp/.diff"
		fi
	done
	return $ok
}

# Writes the expected files from the runs: out/err/status from English,
# out.zh/err.zh only where Chinese differs.
update_case() {
	local dir=$1 en=$2 zh=$3 f
	for f in out err status; do
		cp "$en/.$f" "$dir/$f"
	done
	for f in out err; do
		if cmp -s "$en/.$f" "$zh/.$f"; then
			rm -f "$dir/$f.zh"
		else
			cp "$zh/.$f" "$dir/$f.zh"
		fi
	done
}

for dir in "$cases"/*/; do
	name=$(basename "$dir")
	if [ -n "$pg" ] && [ -e "$dir/sqlite-only" ]; then
		skip=$((skip + 1))
		continue
	fi
	en=$(mktemp -d) zh=$(mktemp -d)
	run_case "$dir" C.UTF-8 "$en"
	[ "$langs" = en ] || run_case "$dir" zh_CN.UTF-8 "$zh"
	[ "$update" = "--update" ] && [ "$langs" != en ] && update_case "$dir" "$en" "$zh"
	ok=1
	check "$name" "$dir" "$en" "" || ok=0
	[ "$langs" = en ] || check "$name" "$dir" "$zh" ".zh" || ok=0
	if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
	rm -rf "$en" "$zh"
done
echo "golden cases${pg:+ (PostgreSQL)}: $pass passed, $fail failed${pg:+, $skip skipped (sqlite-only)}"
[ "$fail" = 0 ]
