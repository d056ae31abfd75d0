#!/usr/bin/env bash
# full_disk.sh TRACKER GEN_DATA - writes against a file system that fills
# up: a 3 MB tmpfs when we may mount one (root), else a file size limit
# (ulimit -f, with SIGXFSZ ignored so the write fails instead of killing
# the process). The error must be clear (exit 7, "full" or "I/O"), and the
# database must still open with everything committed before.
source "$(dirname "$0")/lib.sh"
gen=$(realpath "$2")
small="$tmp/small"
mkdir -p "$small"
mode=ulimit
if [ "${FULL_DISK_MODE:-}" != ulimit ] && [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=3m tracker-full "$small" 2>/dev/null; then
	mode=tmpfs
	cleanup_hooks+=("umount '$small'")
fi
echo "full disk by: $mode"
db="$small/t.db"
export TRACKER_DB="$db"
# limited CMD...: runs CMD against the full file system.
limited() {
	if [ $mode = tmpfs ]; then "$@"; else
		( trap '' XFSZ; ulimit -f 3072; "$@" ); fi
}

tracker seed 2>/dev/null || { echo "seed failed"; exit 1; }
tracker log 211-14 --value 320 --as-of 2023-06-30 --note "before the disk filled" 2>/dev/null
before=$(sql "$db" "SELECT (SELECT count(*) FROM commitment) || '/' || (SELECT count(*) FROM checkin)")
"$gen" 8000 8000 >"$tmp/big.json"

limited "$bin" import "$tmp/big.json" >"$tmp/out" 2>"$tmp/err"
st=$?
msg=$(cat "$tmp/err")
echo "import on a full disk: exit $st: $msg"
[ "$st" = 7 ] && ok "import fails with exit 7 (I/O)" || fail "import: exit $st, expected 7"
grep -qiE "full|I/O error" "$tmp/err" && ok "the message says why" || fail "unclear message: $msg"
grep -q "$db" "$tmp/err" && ok "the message names the database" || fail "message does not name the database"

after=$(sql "$db" "SELECT (SELECT count(*) FROM commitment) || '/' || (SELECT count(*) FROM checkin)")
[ "$after" = "$before" ] && ok "everything committed before is there ($after)" \
	|| fail "contents changed: $before -> $after"
[ "$(sql "$db" "PRAGMA integrity_check")" = ok ] && ok "integrity_check ok" || fail "integrity_check"
expect_status 0 "tracker check after the failed import" limited "$bin" check
expect_status 0 "list still reads" limited "$bin" list

# Output to a full disk (a second, 16 kB file system): export and backup
# fail cleanly and leave no partial file behind.
tiny="$tmp/tiny"
mkdir -p "$tiny"
if [ $mode = tmpfs ] && mount -t tmpfs -o size=16k tracker-tiny "$tiny" 2>/dev/null; then
	cleanup_hooks+=("umount '$tiny'")
	expect_status 7 "export json --out on a full disk" "$bin" export json --out "$tiny/out.json"
	grep -qiE "space|full|I/O" "$tmp/.err" && ok "export message: $(cat "$tmp/.err")" \
		|| fail "export message: $(cat "$tmp/.err")"
	expect_status 7 "backup on a full disk" "$bin" backup "$tiny/b.db"
	grep -qiE "full|space|I/O" "$tmp/.err" && ok "backup message: $(cat "$tmp/.err")" \
		|| fail "backup message: $(cat "$tmp/.err")"
	leftovers=$(ls "$tiny" | wc -l)
	[ "$leftovers" = 0 ] && ok "no partial output left" || fail "left behind: $(ls "$tiny")"
fi
# After space is freed, writing works again.
expect_status 0 "log after space is back" "$bin" log 211-14 --value 400 --note after

# A table of the whole store spools its rows to a temporary file past 1 MiB
# (cli/table.c); when that file cannot grow, list fails with exit 7 and says
# so, instead of printing part of the table. (stdout is /dev/null, which no
# file size limit applies to.)
"$gen" 20000 0 >"$tmp/rows.json"
"$bin" --db "$tmp/rows.db" import "$tmp/rows.json" >/dev/null 2>&1 || fail "importing 20,000 rows"
( trap '' XFSZ; ulimit -f 256; "$bin" --db "$tmp/rows.db" list 2>"$tmp/.err" | wc -c >"$tmp/.n"; exit "${PIPESTATUS[0]}" )
st=$?
[ "$st" = 7 ] && ok "list with no room for its spool: exit 7" || fail "list: exit $st, expected 7"
grep -q "temporary file" "$tmp/.err" && ok "says: $(cat "$tmp/.err")" || fail "message: $(cat "$tmp/.err")"
[ "$(cat "$tmp/.n")" = 0 ] && ok "nothing printed, not even the header" || fail "printed $(cat "$tmp/.n") bytes"
expect_status 0 "the same list with room" "$bin" --db "$tmp/rows.db" list
[ "$(wc -l <"$tmp/.out")" = 20001 ] && ok "20,000 rows and the header" || fail "rows: $(wc -l <"$tmp/.out")"

# A JSON report spools its lines on a second thread (report_json.c); when
# the spool cannot grow there, the report fails with exit 7 and says so,
# printing nothing.
( trap '' XFSZ; ulimit -f 256; "$bin" --db "$tmp/rows.db" report --format json 2>"$tmp/.err" |
	wc -c >"$tmp/.n"; exit "${PIPESTATUS[0]}" )
st=$?
[ "$st" = 7 ] && ok "a JSON report with no room for its spool: exit 7" || fail "report: exit $st, expected 7"
[ "$(wc -l <"$tmp/.err")" = 1 ] && grep -q "cannot write a temporary file: File too large" "$tmp/.err" && ok "says: $(cat "$tmp/.err")" \
	|| fail "message: $(cat "$tmp/.err")"
[ "$(cat "$tmp/.n")" = 0 ] && ok "no part of the report printed" || fail "printed $(cat "$tmp/.n") bytes"
expect_status 0 "the same report with room" "$bin" --db "$tmp/rows.db" report --format json
# Its 200 letters are written one at a time, flushed as they go (past 16 KiB).
/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
assert len(d["commitments"]) == 20000 and len(d["letters"]) == 200
assert sum(l["commitments"] for l in d["letters"]) == 20000' \
	"$tmp/.out" && ok "20,000 commitments in it, of 200 letters" || fail "report with room: not 20,000 commitments of 200 letters"

# An export writes its commitments on a second thread too (record/export.c):
# a full device there ends it with exit 7 and the reason.
"$bin" --db "$tmp/rows.db" export json >/dev/full 2>"$tmp/.err"
st=$?
[ "$st" = 7 ] && ok "an export to a full device: exit 7" || fail "export json: exit $st, expected 7"
[ "$(wc -l <"$tmp/.err")" = 1 ] && grep -q "^tracker: cannot write the export: No space left on device$" "$tmp/.err" \
	&& ok "says: $(cat "$tmp/.err")" || fail "message: $(cat "$tmp/.err")"

# A whole-store calendar prints its components on a second thread
# (util/beside.c): a write that fails there still ends the export
# with exit 7 and the reason, read on the thread that reports it.
"$bin" --db "$tmp/rows.db" export ics >/dev/full 2>"$tmp/.err"
st=$?
[ "$st" = 7 ] && ok "a calendar to a full device: exit 7" || fail "export ics: exit $st, expected 7"
[ "$(wc -l <"$tmp/.err")" = 1 ] && grep -q "^tracker: cannot write the calendar: No space left on device$" "$tmp/.err" \
	&& ok "says: $(cat "$tmp/.err")" || fail "message: $(cat "$tmp/.err")"
tiny_ics="$tmp/tiny-ics"
mkdir -p "$tiny_ics"
if [ $mode = tmpfs ] && mount -t tmpfs -o size=16k tracker-tiny-ics "$tiny_ics" 2>/dev/null; then
	cleanup_hooks+=("umount '$tiny_ics'")
	expect_status 7 "a whole-store calendar --out on a full disk" \
		"$bin" --db "$tmp/rows.db" export ics --out "$tiny_ics/all.ics"
	grep -q "cannot write the calendar: No space left on device" "$tmp/.err" \
		&& ok "says: $(cat "$tmp/.err")" || fail "message: $(cat "$tmp/.err")"
	[ -z "$(ls -A "$tiny_ics")" ] && ok "no partial calendar left" || fail "left behind: $(ls -A "$tiny_ics")"
fi
finish
