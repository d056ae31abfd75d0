#!/usr/bin/env bash
# corrupt.sh TRACKER GEN_DATA - a damaged page is never hidden: a read that
# meets it fails (exit 6, pointing at `tracker check` and `tracker
# restore`) instead of dropping rows; backup refuses to copy the damage;
# check reports it as a finding (exit 9) and goes on with what it can read.
source "$(dirname "$0")/lib.sh"
gen=$(realpath "$2")
"$gen" 300 3000 >"$tmp/data.json"
tracker import "$tmp/data.json" 2>/dev/null || { echo "import failed"; exit 1; }
sql "$TRACKER_DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
# Zero one page in the middle of the check-in table's B-tree.
page=$(sql "$TRACKER_DB" "SELECT pageno FROM dbstat WHERE name = 'checkin' AND pagetype = 'leaf' LIMIT 1 OFFSET 5" 2>/dev/null)
[ -n "$page" ] || page=$(( $(sql "$TRACKER_DB" "PRAGMA page_count") / 2 ))
size=$(sql "$TRACKER_DB" "PRAGMA page_size")
dd if=/dev/zero of="$TRACKER_DB" bs="$size" seek=$((page - 1)) count=1 conv=notrunc 2>/dev/null
echo "zeroed page $page of $(sql "$TRACKER_DB" "PRAGMA page_count")"

# (A list as now reads each commitment's summary, not its check-ins: a
# report is the read that meets the page.)
expect_status 6 "a report meets the damaged page" tracker report --quarter 2023Q3 --format md
grep -q "tracker check" "$tmp/.err" && grep -q "restore" "$tmp/.err" && ok "the message says what to do: $(cat "$tmp/.err")" \
	|| fail "message: $(cat "$tmp/.err")"
[ -s "$tmp/.out" ] && fail "the report printed a partial document" || ok "no partial report on stdout"
expect_status 6 "export json meets it too" tracker export json --out "$tmp/x.json"
[ -e "$tmp/x.json" ] && fail "a partial export was left" || ok "no partial export"
expect_status 6 "backup refuses to copy a damaged database" tracker backup "$tmp/b.db"
grep -q "damaged" "$tmp/.err" && ok "says: $(cat "$tmp/.err")" || fail "message: $(cat "$tmp/.err")"
[ -e "$tmp/b.db" ] && fail "a backup of the damage was written" || ok "no backup written"
expect_status 9 "check reports the damage as a finding" tracker check
grep -q "^integrity" "$tmp/.out" && ok "finding: $(grep -m1 '^integrity' "$tmp/.out" | cut -c1-100)" || fail "findings: $(head -3 "$tmp/.out")"
finish
