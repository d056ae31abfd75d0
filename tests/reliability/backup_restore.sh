#!/usr/bin/env bash
# backup_restore.sh TRACKER - `tracker backup` copies a consistent snapshot
# while others write; `tracker restore` refuses what is not a sound tracker
# database of this or an older schema, and otherwise replaces the live
# database at once.
source "$(dirname "$0")/lib.sh"
db=$TRACKER_DB
tracker seed 2>/dev/null
tracker log 211-14 --value 100 2>/dev/null

# Backups taken while 4 processes write.
for w in 1 2 3 4; do
	( for j in $(seq 1 40); do "$bin" log 211-14 --note "w$w $j" >/dev/null 2>&1; done ) &
done
for b in 1 2 3 4 5; do
	tracker backup "$tmp/b$b.db" 2>"$tmp/berr" || fail "backup $b: $(cat "$tmp/berr")"
done
wait
for b in 1 2 3 4 5; do
	f="$tmp/b$b.db"
	[ "$(sql "$f" "PRAGMA integrity_check")" = ok ] || fail "backup $b: integrity"
	[ "$(sql "$f" "PRAGMA application_id")" = 1414679345 ] || fail "backup $b: application_id"
	[ "$(sql "$f" "PRAGMA journal_mode")" = delete ] || fail "backup $b: not a standalone file"
	[ -e "$f-wal" ] && fail "backup $b has a -wal beside it"
	"$bin" --db "$f" check >/dev/null 2>&1 || fail "backup $b: tracker check"
done
ok "5 backups taken during writes are sound and check clean"
ls "$tmp" | grep -q "tmp-" && fail "temporary files left: $(ls "$tmp")"
[ "$(sql "$db" "SELECT count(*) FROM checkin")" = 161 ] && ok "writers all succeeded" || fail "writers lost"

# Never onto the live database: not by its name, a link to it, or its
# companion files (a backup there would undo acknowledged writes).
ln -s "$db" "$tmp/link.db"
for target in "$db" "$tmp/link.db" "$db-wal" "$db-shm" "$tmp/../$(basename "$tmp")/t.db"; do
	expect_status 3 "backup refuses the live database ($(basename "$target"))" tracker backup "$target"
done
grep -q "live database" "$tmp/.err" && ok "says: $(cat "$tmp/.err")" || fail "message: $(cat "$tmp/.err")"

# Backup over an existing file replaces it whole.
echo "old" >"$tmp/over.db"
expect_status 0 "backup over an existing file" tracker backup "$tmp/over.db"
[ "$(sql "$tmp/over.db" "SELECT count(*) FROM checkin")" = 161 ] && ok "replaced" || fail "not replaced"

# Restore: the live database is damaged by hand, then restored.
want=$(sql "$tmp/over.db" "SELECT count(*) FROM checkin")
sql "$db" "DROP TRIGGER checkin_append_only_delete; DELETE FROM checkin WHERE seq > 3"
expect_status 0 "restore" tracker restore "$tmp/over.db"
[ "$(sql "$db" "SELECT count(*) FROM checkin")" = "$want" ] && ok "restored $want check-ins" || fail "restore content"
expect_status 0 "restored database checks clean" tracker check
expect_status 0 "restored database takes writes" tracker log 211-14 --value 105
head_live=$(tracker check --head)

# What restore refuses, leaving the live database as it was.
echo "not a database" >"$tmp/text.db"
expect_status 6 "restore refuses a text file" tracker restore "$tmp/text.db"
grep -q "not a tracker database" "$tmp/.err" || fail "message: $(cat "$tmp/.err")"
sql "$tmp/other.db" "CREATE TABLE t (x); INSERT INTO t VALUES (1)"
expect_status 6 "restore refuses another program's SQLite file" tracker restore "$tmp/other.db"
cp "$tmp/over.db" "$tmp/newer.db"
sql "$tmp/newer.db" "PRAGMA user_version = 999"
expect_status 8 "restore refuses a newer schema" tracker restore "$tmp/newer.db"
grep -q "newer" "$tmp/.err" || fail "message: $(cat "$tmp/.err")"
expect_status 4 "restore of a missing file" tracker restore "$tmp/missing.db"
# A damaged backup: bytes overwritten in the middle of a table page.
cp "$tmp/over.db" "$tmp/bad.db"
pages=$(sql "$tmp/bad.db" "PRAGMA page_count")
printf '\xff\xff\xff\xff\xff\xff\xff\xff%.0s' $(seq 1 64) |
	dd of="$tmp/bad.db" bs=1 seek=$(( (pages - 2) * 4096 + 8 )) conv=notrunc 2>/dev/null
expect_status 6 "restore refuses a damaged backup" tracker restore "$tmp/bad.db"
grep -q "damaged\|malformed\|not a tracker" "$tmp/.err" && ok "says: $(cat "$tmp/.err")" || fail "message: $(cat "$tmp/.err")"
# A backup whose chain was rewritten, or whose guards were dropped, fails
# the check that restore runs first.
cp "$tmp/over.db" "$tmp/chain.db"
sql "$tmp/chain.db" "DROP TRIGGER checkin_append_only_update; UPDATE checkin SET note = 'x' WHERE seq = 2;
	CREATE TRIGGER checkin_append_only_update BEFORE UPDATE ON checkin BEGIN SELECT RAISE(ABORT, 'check-ins are append-only'); END;"
expect_status 6 "restore refuses a backup with a broken chain" tracker restore "$tmp/chain.db"
grep -q "checkin_chain" "$tmp/.err" && ok "says which chain" || fail "message: $(cat "$tmp/.err")"
cp "$tmp/over.db" "$tmp/guards.db"
sql "$tmp/guards.db" "DROP TRIGGER history_append_only_delete"
expect_status 6 "restore refuses a backup without its append-only guards" tracker restore "$tmp/guards.db"
grep -q "guard" "$tmp/.err" && ok "says which guard" || fail "message: $(cat "$tmp/.err")"
[ "$(tracker check --head)" = "$head_live" ] && ok "refused restores left the database as it was" \
	|| fail "the live database changed"
expect_status 0 "still checks clean" tracker check

# Restore into a database path that does not exist yet.
expect_status 0 "restore into a new path" tracker --db "$tmp/new/fresh.db" restore "$tmp/over.db" 
finish
