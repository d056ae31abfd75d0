#!/usr/bin/env bash
# tamper.sh TRACKER - tamper evidence: a check-in or history row edited
# behind tracker's back (the append-only trigger dropped first) is named by
# `tracker check` with its commitment key and seq, exit 9; the chain head
# changes when the record is rewritten consistently.
source "$(dirname "$0")/lib.sh"
db=$TRACKER_DB
tracker seed 2>/dev/null
for v in 100 200 300; do tracker log 211-14 --value $v --note "n$v" 2>/dev/null; done
tracker log 211-05 --value 1 2>/dev/null; tracker log 211-05 --value 2 2>/dev/null
tracker edit 211-14 --due 2024-03-31 --reason "延期" 2>/dev/null
tracker status 211-14 in_progress --reason "开工" 2>/dev/null
expect_status 0 "clean database checks clean" tracker check
head_before=$(tracker check --head)
known=$(tracker check --head --as-known-at 2023-09-30T08:00:00Z)
[ "$known" = "$head_before" ] && ok "head as known now = head" || fail "as-known-at head differs"

# 1. An edited value: the record's own hash no longer matches.
sql "$db" "DROP TRIGGER checkin_append_only_update; UPDATE checkin SET value = 900 WHERE seq = 2 AND commitment_id = (SELECT id FROM commitment WHERE key = '211-14')"
expect_status 9 "edited check-in value" tracker check
grep -qx "checkin_chain 211-14 #2: .*altered.*" "$tmp/.out" && ok "names 211-14 #2: $(cat "$tmp/.out")" \
	|| fail "finding not named: $(cat "$tmp/.out")"
[ "$(wc -l <"$tmp/.out")" = 1 ] && ok "only the first broken link is reported" || fail "$(cat "$tmp/.out")"
grep -q "1 problem found" "$tmp/.err" && ok "summary on stderr" || fail "stderr: $(cat "$tmp/.err")"
tracker check --json >"$tmp/check.json" 2>/dev/null
python3 - "$tmp/check.json" <<'PY' && ok "--json names check, key and seq" || fail "--json"
import json, sys
d = json.load(open(sys.argv[1]))
f = d["findings"]
assert d["ok"] is False and d["count"] == 1 and len(f) == 1, d
assert f[0]["check"] == "checkin_chain" and f[0]["key"] == "211-14" and f[0]["seq"] == 2, f
PY

# 2. The same edit with the hash recomputed: the next link breaks instead.
sql "$db" "UPDATE checkin SET value = 200 WHERE seq = 2 AND commitment_id = (SELECT id FROM commitment WHERE key = '211-14')"
expect_status 0 "edit undone" tracker check
sql "$db" "UPDATE checkin SET hash = 'ab' || substr(hash, 3) WHERE seq = 2 AND commitment_id = (SELECT id FROM commitment WHERE key = '211-14')"
expect_status 9 "rewritten hash" tracker check
grep -q "^checkin_chain 211-14 #2:" "$tmp/.out" && ok "the rewritten record is named" || fail "$(cat "$tmp/.out")"
[ "$(tracker check --head)" != "$head_before" ] || [ "$(grep -c . "$tmp/.out")" -gt 0 ] || fail "unnoticed"
sql "$db" "UPDATE checkin SET hash = (SELECT prev_hash FROM checkin k2 WHERE k2.commitment_id = checkin.commitment_id AND k2.seq = 3) WHERE seq = 2 AND commitment_id = (SELECT id FROM commitment WHERE key = '211-14')"

# 3. A deleted record: a seq gap.
sql "$db" "DROP TRIGGER checkin_append_only_delete; DELETE FROM checkin WHERE seq = 1 AND commitment_id = (SELECT id FROM commitment WHERE key = '211-05')"
expect_status 9 "deleted check-in" tracker check
grep -q "^checkin_chain 211-05 #.*missing" "$tmp/.out" && ok "gap named: $(grep 211-05 "$tmp/.out")" || fail "$(cat "$tmp/.out")"

# 4. History: a changed reason.
sql "$db" "DROP TRIGGER history_append_only_update; UPDATE history SET reason = '无' WHERE seq = 1 AND commitment_id = (SELECT id FROM commitment WHERE key = '211-14')"
expect_status 9 "edited history" tracker check
grep -q "^history_chain 211-14 #1:" "$tmp/.out" && ok "history finding named" || fail "$(cat "$tmp/.out")"

# 5. A quote no longer in its letter, and a letter text altered.
sql "$db" "UPDATE commitment SET quote = quote || '（改）' WHERE key = '211-07'"
sql "$db" "UPDATE letter SET text = text || ' '"
expect_status 9 "quote and text" tracker check
grep -q "^quote 211-07:" "$tmp/.out" && ok "quote finding" || fail "$(cat "$tmp/.out")"
grep -q "^text_hash .*text_sha256" "$tmp/.out" && ok "text hash finding" || fail "$(cat "$tmp/.out")"

# 6. A rewrite that keeps every chain consistent is caught by the head.
tracker --db "$tmp/h.db" seed 2>/dev/null
TRACKER_DB="$tmp/h.db" tracker log 211-14 --value 1 2>/dev/null
h1=$(TRACKER_DB="$tmp/h.db" tracker check --head)
TRACKER_DB="$tmp/h.db" TRACKER_NOW=2023-10-30T08:00:00Z tracker log 211-14 --value 2 2>/dev/null
h2=$(TRACKER_DB="$tmp/h.db" tracker check --head)
h1_again=$(TRACKER_DB="$tmp/h.db" tracker check --head --as-known-at 2023-09-30T08:00:00Z)
[ "$h1" != "$h2" ] && ok "the head moves with a new record" || fail "head unchanged"
[ "$h1" = "$h1_again" ] && ok "--as-known-at recomputes the earlier head" || fail "$h1 != $h1_again"
# 7. A report carries the head it was made from; a later rewrite shows.
TRACKER_DB="$tmp/h.db" tracker report --quarter 2023Q3 --format json --out "$tmp/r.json" 2>/dev/null
rh=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['chain_head'])" "$tmp/r.json")
[ "$rh" = "$h1" ] && ok "report chain_head = head at its moment" || fail "report head $rh != $h1"
sql "$tmp/h.db" "DROP TRIGGER checkin_append_only_update; UPDATE checkin SET note = 'x' WHERE seq = 1"
[ "$(TRACKER_DB="$tmp/h.db" tracker check --head --as-known-at 2023-09-30T08:00:00Z)" != "$rh" ] ||
	[ "$(TRACKER_DB="$tmp/h.db" tracker check >/dev/null 2>&1; echo $?)" = 9 ] &&
	ok "a rewrite after the report is detectable" || fail "rewrite not detectable"
expect_status 2 "--as-known-at without --head" tracker check --as-known-at 2023-09-30
expect_status 3 "bad --as-known-at" tracker check --head --as-known-at 2023-02-30
finish
