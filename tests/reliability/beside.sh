#!/usr/bin/env bash
# beside.sh TRACKER GEN_DATA - reads run beside each other on a second
# connection must give what the same reads give in turn. A database named
# by a file: URI is read in turn (a URI may name a database in memory,
# which a second connection would not see), so each command runs both ways.
#
# `tracker check` runs SQLite's own checks (integrity_check,
# foreign_key_check, the guards) beside its walk of the records, holding
# the walk's findings until the engine's are in: the same lines in the same
# order. More findings than are held (1,000) make the walk wait for the
# engine part way through. A JSON report reads its chain head beside
# itself: the same head, the same bytes.
source "$(dirname "$0")/lib.sh"
gen=$(realpath "$2")
"$gen" 1500 15000 >"$tmp/data.json"
tracker import "$tmp/data.json" >/dev/null 2>&1 || { echo "import failed"; exit 1; }

# same_check WHAT: check by path and by URI; the same exit, the same lines.
same_check() {
	"$bin" --db "$TRACKER_DB" check >"$tmp/beside.out" 2>"$tmp/beside.err"
	local a=$?
	"$bin" --db "file:$TRACKER_DB" check >"$tmp/serial.out" 2>"$tmp/serial.err"
	local b=$?
	[ "$a" = "$b" ] && ok "$1: exit $a both ways" || fail "$1: exit $a beside, $b in turn"
	if cmp -s "$tmp/beside.out" "$tmp/serial.out"; then
		ok "$1: the same $(wc -l <"$tmp/beside.out") line(s) both ways"
	else
		fail "$1: the findings differ"; diff "$tmp/serial.out" "$tmp/beside.out" | head -5
	fi
}

same_check "a clean store"
[ -s "$tmp/beside.out" ] && fail "findings on a clean store: $(head -2 "$tmp/beside.out")"

# A guard dropped (the engine's finding) and one check-in of each
# commitment altered (the walk's: 1,500 of them).
sql "$TRACKER_DB" "DROP TRIGGER checkin_append_only_update;
	UPDATE checkin SET note = note || '!' WHERE seq = 2" >/dev/null
same_check "a dropped guard and 1,500 altered check-ins"
[ "$(wc -l <"$tmp/beside.out")" = 1501 ] && ok "1,501 findings" \
	|| fail "$(wc -l <"$tmp/beside.out") findings, expected 1,501"
head -1 "$tmp/beside.out" | grep -q "^guard: .*checkin_append_only_update" \
	&& ok "the engine's finding first: $(head -1 "$tmp/beside.out")" \
	|| fail "first line: $(head -1 "$tmp/beside.out")"
grep -q "1501 problems found" "$tmp/beside.err" && ok "the count: $(cat "$tmp/beside.err")" \
	|| fail "count: $(cat "$tmp/beside.err")"

# A foreign key broken too: the engine finds it before the guards.
sql "$TRACKER_DB" "PRAGMA foreign_keys = OFF; DROP TRIGGER IF EXISTS checkin_append_only_update;
	UPDATE commitment SET owner_id = 99999 WHERE key = 'B7'" >/dev/null
same_check "and a commitment whose owner is gone"
head -2 "$tmp/beside.out" | cut -d: -f1 | tr '\n' ' ' | grep -q "^foreign_key commitment guard $" \
	&& ok "the engine's two findings first, in its order: $(head -1 "$tmp/beside.out")" \
	|| fail "first lines: $(head -2 "$tmp/beside.out")"

# A sealed report: the head read beside equals the head read in turn, and
# `check --report` accepts it either way (the store is tampered with by now,
# so a fresh store for this).
rm -f "$TRACKER_DB" "$TRACKER_DB-wal" "$TRACKER_DB-shm"
tracker import "$tmp/data.json" >/dev/null 2>&1 || { echo "import failed"; exit 1; }
"$bin" --db "$TRACKER_DB" report --quarter 2023Q3 --format json --out "$tmp/beside.json"
"$bin" --db "file:$TRACKER_DB" report --quarter 2023Q3 --format json --out "$tmp/serial.json"
if cmp -s "$tmp/beside.json" "$tmp/serial.json"; then
	ok "a JSON report: the same bytes both ways ($(grep -m1 -o '"chain_head": "[0-9a-f]*"' "$tmp/beside.json" | cut -c1-30)...)"
else
	fail "the JSON reports differ"; diff <(head -c 2000 "$tmp/serial.json") <(head -c 2000 "$tmp/beside.json") | head -5
fi
grep -q '"chain_head": "[0-9a-f]\{64\}"' "$tmp/beside.json" && ok "it carries a head" || fail "no head"
expect_status 0 "check --report accepts it" tracker check --report "$tmp/beside.json"
finish
