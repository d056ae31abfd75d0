#!/usr/bin/env bash
# roundtrip.sh TRACKER GEN_DATA - the same record, the same bytes, in either
# engine. For the seed scenario (with check-ins, changes, an override and a
# user) and for a generated store: exported from SQLite, imported into
# PostgreSQL (TRACKER_TEST_PG, through with_pg.sh), checked, and back into a
# new SQLite file; `export json`, every report format, `export ics` and
# every sort order of `list` must be byte for byte the same in all three,
# and the record moved with `tracker migrate` must have the same chain head.
set -u
bin=$(realpath "$1")
gen=$(realpath "$2")
pg=${TRACKER_TEST_PG:?run through with_pg.sh}
n=${ROUNDTRIP_N:-3000}
m=${ROUNDTRIP_M:-30000}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tracker-pg-rt.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
export TRACKER_NOW=2023-09-30T08:00:00Z NO_COLOR=1 LC_ALL=C.UTF-8 USER=tester TZ=Asia/Shanghai
unset XDG_DATA_HOME TRACKER_DB
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }
t() { "$bin" "$@"; }
psql_pg() { PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 "$pg" "$@" >/dev/null; }
schema() {
	psql_pg -c "DROP SCHEMA IF EXISTS $1 CASCADE" -c "CREATE SCHEMA $1"
	echo "$pg options='-csearch_path=$1'"
}

# outputs DB DIR: everything a reader gets from the record, one file each.
outputs() {
	local db=$1 dir=$2
	mkdir -p "$dir"
	t --db "$db" export json --out "$dir/export.json"
	for f in json html md csv; do
		t --db "$db" report --quarter 2023Q3 --format "$f" --out "$dir/report.$f" || echo "report $f" >>"$dir/failed"
	done
	t --db "$db" report --quarter 2023Q3 --format md --lang en --detail --out "$dir/detail.md"
	t --db "$db" export ics --both --checkins --out "$dir/calendar.ics" --allow-empty
	for s in due key owner status title added; do
		t --db "$db" list --sort "$s" >"$dir/list.$s"
	done
	t --db "$db" list --owner "${OWNER:-经信局}" --due-before 2023-12-31 --json >"$dir/list.filtered"
	t --db "$db" owners >"$dir/owners"
	t --db "$db" check --head >"$dir/head"
}

# same A B WHAT: every output file of A and B is identical.
same() {
	local a=$1 b=$2 what=$3 diffs=0 f file
	for f in "$a"/*; do
		file=$(basename "$f")
		[ "$file" = head ] && continue   # the journal's times differ after an import
		# The report names the journal's chain head, which an import
		# extends with its own entry: the rest must be the same bytes.
		if [ "$file" = report.json ]; then
			if ! cmp -s <(grep -v '"chain_head"' "$f") <(grep -v '"chain_head"' "$b/$file"); then
				diffs=$((diffs + 1))
				fail "$what: $file differs"
				diff "$f" "$b/$file" | head -6
			fi
			continue
		fi
		if ! cmp -s "$f" "$b/$file"; then
			diffs=$((diffs + 1))
			fail "$what: $file differs"
			diff "$f" "$b/$file" | head -6
		fi
	done
	[ -e "$a/failed" ] && fail "$what: $(cat "$a/failed")"
	[ "$diffs" = 0 ] && ok "$what: $(ls "$a" | wc -l) outputs byte for byte the same"
}

roundtrip() {
	local name=$1 src=$2
	local pgdb back=$tmp/$name-back.db
	pgdb=$(schema "rt_$name")
	outputs "$src" "$name.sqlite"
	t --db "$pgdb" import "$name.sqlite/export.json" >/dev/null 2>"$tmp/import.err" \
		|| fail "$name: import into PostgreSQL: $(cat "$tmp/import.err")"
	t --db "$pgdb" check >/dev/null 2>&1 && ok "$name: PostgreSQL copy checks clean" \
		|| fail "$name: PostgreSQL copy does not check: $(t --db "$pgdb" check 2>&1 | head -3)"
	outputs "$pgdb" "$name.pg"
	same "$name.sqlite" "$name.pg" "$name: SQLite -> PostgreSQL"
	t --db "$back" import "$name.pg/export.json" >/dev/null 2>&1 || fail "$name: import back"
	outputs "$back" "$name.back"
	same "$name.sqlite" "$name.back" "$name: PostgreSQL -> SQLite"
	# migrate keeps the journal too: the chain head is the same.
	pgdb=$(schema "mv_$name")
	t migrate --from "$src" --to "$pgdb" 2>/dev/null || fail "$name: migrate"
	[ "$(t --db "$pgdb" check --head)" = "$(cat "$name.sqlite/head")" ] \
		&& ok "$name: migrated, the same chain head" || fail "$name: migrated head differs"
	outputs "$pgdb" "$name.moved"
	same "$name.sqlite" "$name.moved" "$name: migrated"
	cmp -s "$name.sqlite/report.json" "$name.moved/report.json" \
		&& ok "$name: migrated, the report names the same chain head" \
		|| fail "$name: migrated report.json differs"
}

echo "-- the seed scenario"
db=$tmp/seed.db
t --db "$db" seed >/dev/null 2>&1
TRACKER_NOW=2023-07-02T08:00:00Z t --db "$db" log 211-14 --value 320 --as-of 2023-06-30 --note 上半年 >/dev/null
TRACKER_NOW=2023-07-03T08:00:00Z t --db "$db" log 211-12 --value 7.5 --as-of 2023-06-30 >/dev/null
TRACKER_NOW=2023-08-01T08:00:00Z t --db "$db" log 211-12 --value 7 --as-of 2023-07-31 --reason 统计口径调整 >/dev/null
t --db "$db" edit 211-14 --due 2024-03-31 --reason 延期 >/dev/null
t --db "$db" status 211-10 done --reason 已完成 >/dev/null 2>&1
t --db "$db" override 211-11 at_risk --reason 进度滞后 >/dev/null 2>&1
t --db "$db" user add zhang --role department --owner 经信局 >/dev/null 2>&1
roundtrip seed "$db"

echo "-- a generated store ($n commitments, $m check-ins)"
"$gen" "$n" "$m" >gen.json
db=$tmp/gen.db
t --db "$db" import gen.json >/dev/null 2>&1 || fail "generated import"
OWNER=第7局 roundtrip gen "$db"

if [ "$failures" = 0 ]; then echo "PASS"; exit 0; fi
echo "$failures failure(s)"
exit 1
