#!/usr/bin/env bash
# check_beside.sh TRACKER GEN_DATA - `tracker check` runs SQLite's own
# checks (integrity_check, foreign_key_check, the guards) on a second
# connection beside its walk of the records, holding the walk's findings
# until the engine's are in. What it prints must be what the same check
# prints run one after the other: a database named by a file: URI is
# checked that way (a URI may name a database in memory, which a second
# connection would not see). More findings than are held (1,000) make the
# walk wait for the engine part way through.
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
finish
