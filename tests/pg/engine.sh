#!/usr/bin/env bash
# engine.sh TRACKER - what only the PostgreSQL engine has, against the
# cluster in TRACKER_TEST_PG (with_pg.sh): first commands racing to create
# the schema, schemas of other programs and of newer versions, the guards
# in the database, tracker check's own queries, figures that read back bit
# for bit, passwords kept out of messages, backup and restore, and
# `tracker migrate` (refusing a target that holds a record, writing nothing
# when the copy does not verify).
set -u
bin=$(realpath "$1")
pg=${TRACKER_TEST_PG:?run through with_pg.sh}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tracker-pg-engine.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
export TRACKER_NOW=2023-09-30T08:00:00Z NO_COLOR=1 LC_ALL=C.UTF-8 USER=tester TZ=Asia/Shanghai
unset XDG_DATA_HOME
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }
psql_pg() { PGOPTIONS='-c client_min_messages=warning' psql -X -q -t -A -v ON_ERROR_STOP=1 "$pg" "$@"; }
# schema NAME: a new empty schema, and its location for --db.
schema() {
	psql_pg -c "DROP SCHEMA IF EXISTS $1 CASCADE" -c "CREATE SCHEMA $1" >/dev/null
	echo "$pg options='-csearch_path=$1'"
}
in_schema() { local s=$1; shift; psql_pg -c "SET search_path = $s" "$@"; }
# expect WANT DESCRIPTION CMD...: the exit status of CMD.
expect() {
	local want=$1 what=$2 got
	shift 2
	"$@" >"$tmp/.out" 2>"$tmp/.err"
	got=$?
	if [ "$got" = "$want" ]; then ok "$what (exit $got)"; else
		fail "$what: exit $got, expected $want"; sed 's/^/  | /' "$tmp/.err" | head -5; fi
}
t() { "$bin" "$@"; }

echo "-- first commands race to create the schema: every one succeeds"
bad=0
for round in 1 2 3 4 5 6 7 8; do
	db=$(schema "race$round")
	for i in 1 2 3 4; do
		( t --db "$db" init >/dev/null 2>>"$tmp/race.err" || echo x >>"$tmp/race.fail" ) &
	done
	wait
	t --db "$db" check >/dev/null 2>&1 || bad=$((bad + 1))
done
[ -s "$tmp/race.fail" ] && fail "concurrent init: $(sort "$tmp/race.err" | uniq -c | head -3)" \
	|| ok "8 rounds of 4 concurrent inits all succeed"
[ "$bad" = 0 ] && ok "each raced schema checks clean" || fail "$bad raced schemas do not check clean"

echo "-- what is not a tracker record is left alone"
db=$(schema other)
in_schema other -c "CREATE TABLE t (x int)" >/dev/null
expect 6 "a schema with another program's table is refused" t --db "$db" init
grep -q "another program" "$tmp/.err" && ok "the message says whose" || fail "message: $(cat "$tmp/.err")"
[ "$(in_schema other -c "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'other'")" = 1 ] \
	&& ok "and nothing was created in it" || fail "tables were created beside another program's"
db=$(schema nothing)
expect 4 "list does not create a record" t --db "$db" list
[ "$(in_schema nothing -c "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'nothing'")" = 0 ] \
	&& ok "the schema stays empty" || fail "list created tables"
expect 4 "a search_path naming no schema" t --db "$pg options='-csearch_path=nosuch'" init
grep -q "names no schema" "$tmp/.err" && ok "says so" || fail "message: $(cat "$tmp/.err")"

echo "-- a newer schema is refused"
db=$(schema newer)
t --db "$db" init 2>/dev/null
in_schema newer -c "UPDATE tracker_meta SET version = 99" >/dev/null
expect 8 "a record of schema 99" t --db "$db" list
grep -q "newer than this tracker" "$tmp/.err" && ok "says: upgrade" || fail "message: $(cat "$tmp/.err")"

echo "-- the guards are in the database"
db=$(schema guards)
t --db "$db" seed >/dev/null 2>&1
t --db "$db" log 211-14 --value 320 --as-of 2023-06-30 >/dev/null 2>&1
for stmt in "UPDATE checkin SET note = 'x'" "DELETE FROM checkin" "UPDATE history SET reason = 'x'" \
	"DELETE FROM journal" "UPDATE journal SET author = 'x'"; do
	if in_schema guards -c "$stmt" >/dev/null 2>"$tmp/g.err"; then fail "'$stmt' went through"
	elif grep -q "append-only" "$tmp/g.err"; then ok "'$stmt' refused by the guard"
	else fail "'$stmt': $(head -1 "$tmp/g.err")"; fi
done

echo "-- tracker check asks the database too"
in_schema guards -c "DROP TRIGGER checkin_append_only_delete ON checkin" >/dev/null
expect 9 "check finds a dropped guard" t --db "$db" check
grep -q "checkin_append_only_delete is missing" "$tmp/.out" "$tmp/.err" && ok "names it" \
	|| fail "output: $(cat "$tmp/.out" "$tmp/.err" | head -3)"
db=$(schema orphans)
t --db "$db" seed >/dev/null 2>&1
in_schema orphans -c "ALTER TABLE commitment_tag DROP CONSTRAINT commitment_tag_commitment_id_fkey" \
	-c "INSERT INTO commitment_tag VALUES (99999, 'x', 0)" >/dev/null
expect 9 "check finds a row whose commitment is missing" t --db "$db" check
grep -q "commitment_tag" "$tmp/.out" "$tmp/.err" && ok "names the table" \
	|| fail "output: $(cat "$tmp/.out" "$tmp/.err" | head -3)"
in_schema orphans -c "DELETE FROM tracker_lock" >/dev/null
expect 6 "a write without the writers' lock row is refused" t --db "$db" owners add 新局
expect 9 "and check reports the missing lock row" t --db "$db" check

echo "-- figures read back bit for bit, as in SQLite"
db=$(schema figures)
t --db "$db" seed >/dev/null 2>&1
t --db "$tmp/figures.db" seed >/dev/null 2>&1
for v in 0.1 0.30000000000000004 123456789.12345679 1e-7 2.5e+20 3.141592653589793 7; do
	for d in "$db" "$tmp/figures.db"; do
		t --db "$d" log 211-12 --value "$v" --reason "figure $v" >/dev/null 2>>"$tmp/fig.err" \
			|| echo "$v" >>"$tmp/fig.fail"
	done
done
[ -s "$tmp/fig.fail" ] && fail "logging figures: $(head -2 "$tmp/fig.err")"
t --db "$db" export json >pg.json
t --db "$tmp/figures.db" export json >sqlite.json
cmp -s pg.json sqlite.json && ok "both engines export the same figures" \
	|| fail "exports differ: $(diff pg.json sqlite.json | head -4)"
grep -q '0.30000000000000004' pg.json && ok "0.30000000000000004 kept to its last digit" \
	|| fail "0.30000000000000004 lost digits"
expect 0 "the figures' chains verify" t --db "$db" check

echo "-- passwords stay out of messages"
expect 6 "a wrong password" t --db "postgresql://nosuchuser:Sekret-123@/tracker?host=$(echo "$pg" | sed 's/.*host=\([^ ]*\).*/\1/')" list
grep -q "Sekret-123" "$tmp/.err" && fail "the password was shown: $(cat "$tmp/.err")" \
	|| ok "the message does not show it"
t --db "$db password=Sekret-123" init >/dev/null 2>"$tmp/init.err"
grep -q "Sekret-123" "$tmp/init.err" && fail "init showed the password" || ok "init does not show it"

echo "-- backup and restore"
db=$(schema bak)
t --db "$db" seed >/dev/null 2>&1
t --db "$db" log 211-14 --value 320 --as-of 2023-06-30 >/dev/null 2>&1
t --db "$db" user add alice --role department --owner 经信局 >/dev/null 2>&1
expect 0 "backup of a PostgreSQL record" t --db "$db" backup bak.db
[ "$(head -c 15 bak.db)" = "SQLite format 3" ] && ok "into a SQLite file" || fail "not a SQLite file"
expect 0 "the backup checks clean" t --db bak.db check
t --db "$db" export json >before.json
TRACKER_NOW=2023-10-01T00:00:00Z t --db "$db" log 211-12 --value 3 >/dev/null 2>&1
expect 0 "restore" t --db "$db" restore bak.db
t --db "$db" export json >after.json
cmp -s before.json after.json && ok "the record is what was backed up" || fail "restore differs"
[ "$(t --db "$db" user list | grep -c alice)" = 1 ] && ok "with its users" || fail "users lost"
cp bak.db bad.db
sqlite3 bad.db "DROP TRIGGER checkin_append_only_update; UPDATE checkin SET note = 'changed'" 2>/dev/null
expect 6 "an altered backup is refused" t --db "$db" restore bad.db
t --db "$db" export json >after2.json
cmp -s before.json after2.json && ok "and the record is untouched" || fail "a refused restore changed the record"

echo "-- tracker migrate"
db=$(schema mig)
expect 0 "SQLite to PostgreSQL" t migrate --from "$tmp/figures.db" --to "$db"
t --db "$db" export json >mig.json
cmp -s mig.json sqlite.json && ok "the same export" || fail "the migrated export differs"
[ "$(t --db "$db" check --head)" = "$(t --db "$tmp/figures.db" check --head)" ] \
	&& ok "the same chain head" || fail "chain heads differ"
expect 5 "into a store that holds a record: refused" t migrate --from "$tmp/figures.db" --to "$db"
expect 0 "and back, PostgreSQL to a new SQLite file" t migrate --from "$db" --to back.db
t --db back.db export json >back.json
cmp -s back.json sqlite.json && ok "the same export again" || fail "the export back differs"
cp "$tmp/figures.db" tampered.db
sqlite3 tampered.db "DROP TRIGGER checkin_append_only_update; UPDATE checkin SET note = 'rewritten' WHERE seq = 1" 2>/dev/null
db=$(schema mig2)
expect 9 "a record that fails its check is not moved" t migrate --from tampered.db --to "$db"
[ "$(in_schema mig2 -c "SELECT count(*) FROM commitment")" = 0 ] && ok "nothing was written" \
	|| fail "a refused migration wrote commitments"
expect 3 "from and to the same store" t migrate --from back.db --to back.db
expect 2 "without --to" t migrate --from back.db

if [ "$failures" = 0 ]; then echo "PASS"; exit 0; fi
echo "$failures failure(s)"
exit 1
