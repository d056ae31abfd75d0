#!/usr/bin/env bash
# limits.sh TRACKER - big inputs give clear errors or bounded memory, never
# a crash: a 10 MB note, 10,000 owners, and a 300 MB single letter (over the
# 256 MB per-letter limit). Peak memory is measured with /usr/bin/time -v
# when it is there.
source "$(dirname "$0")/lib.sh"
peak() {   # peak WHAT LIMIT_MB CMD...: runs CMD, reports its peak RSS
	local what=$1 limit=$2 kb
	shift 2
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -v -o "$tmp/time" "$@" >"$tmp/.out" 2>"$tmp/.err"
		local st=$?
		kb=$(awk -F': ' '/Maximum resident/ { print $2 }' "$tmp/time")
		echo "$what: exit $st, peak RSS $((kb / 1024)) MB"
		[ "$((kb / 1024))" -le "$limit" ] || fail "$what: peak RSS $((kb / 1024)) MB > $limit MB"
		return $st
	fi
	"$@" >"$tmp/.out" 2>"$tmp/.err"
}
# ASan and valgrind multiply memory: the bounds are for plain builds.
factor=1
is_asan && factor=4

python3 - "$tmp" <<'PY'
import json, sys
tmp = sys.argv[1]
note = ("十兆字节的备注。" * 500000)[:3500000]          # ~10 MB of UTF-8
doc = {"format": "tracker/1", "owners": [{"name": "局"}], "letters": [{"doc_no": "N1",
       "commitments": [{"key": "N-1", "quote": "q", "title": "big note", "owner": "局",
                        "kind": "milestone", "due": "2023-12-31",
                        "checkins": [{"as_of": "2023-06-30", "note": note}]}]}]}
json.dump(doc, open(f"{tmp}/note.json", "w"), ensure_ascii=False)
owners = [{"name": f"第{i}局", "aliases": [f"O{i}", f"第{i}号局"]} for i in range(10000)]
commitments = [{"key": f"O-{i}", "quote": "q", "title": f"t{i}", "owner": f"O{i}",
                "co_owners": [f"O{(i + 1) % 10000}", f"O{(i + 2) % 10000}"],
                "kind": "milestone", "due": "2023-12-31"} for i in range(10000)]
doc = {"format": "tracker/1", "owners": owners, "letters": [{"doc_no": "O1",
       "commitments": commitments}]}
json.dump(doc, open(f"{tmp}/owners.json", "w"), ensure_ascii=False)
# One letter of 300 MB: a text member of that size.
with open(f"{tmp}/huge.json", "w") as f:
    f.write('{"format":"tracker/1","letters":[{"doc_no":"H1","text":"')
    chunk = "x" * (1 << 20)
    for _ in range(300):
        f.write(chunk)
    f.write('","commitments":[]}]}')
PY
echo "note.json $(du -h "$tmp/note.json" | cut -f1), owners.json $(du -h "$tmp/owners.json" | cut -f1), huge.json $(du -h "$tmp/huge.json" | cut -f1)"

peak "import of a 10 MB note" $((200 * factor)) "$bin" import "$tmp/note.json"
st=$?
[ "$st" = 0 ] && ok "a 10 MB note imports" || fail "10 MB note: exit $st: $(cat "$tmp/.err")"
peak "show with a 10 MB note" $((200 * factor)) "$bin" show N-1
[ $? = 0 ] && ok "show" || fail "show: $(head -c 300 "$tmp/.err")"
peak "show --json with a 10 MB note" $((200 * factor)) "$bin" show N-1 --json
python3 -c "import json,sys; d=json.load(open('$tmp/.out')); assert len(json.dumps(d, ensure_ascii=False)) > 3000000" \
	&& ok "show --json carries the whole note" || fail "show --json"
peak "export json with a 10 MB note" $((200 * factor)) "$bin" export json
[ $? = 0 ] && ok "export" || fail "export: $(cat "$tmp/.err")"
expect_status 0 "check with a 10 MB note" tracker check

peak "import of 10,000 owners" $((300 * factor)) "$bin" import "$tmp/owners.json"
st=$?
[ "$st" = 0 ] && ok "10,000 owners import" || fail "owners: exit $st: $(cat "$tmp/.err")"
start=$(date +%s)
[ "$(tracker owners --json 2>/dev/null | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d) if isinstance(d, list) else len(d.get("owners", [])))')" -ge 10000 ] \
	&& ok "owners lists them all ($(( $(date +%s) - start )) s)" || fail "owners --json"
peak "list of 10,000 commitments" $((300 * factor)) "$bin" list --owner O5000
grep -q "O-5000" "$tmp/.out" && ok "list --owner by alias" || fail "list --owner O5000"
peak "list of all 10,000" $((300 * factor)) "$bin" list
[ $? = 0 ] && ok "list" || fail "list"

before=$(sql "$TRACKER_DB" "SELECT count(*) FROM letter")
peak "import of a 300 MB letter" $((400 * factor)) "$bin" import "$tmp/huge.json"
st=$?
[ "$st" = 3 ] && ok "a 300 MB letter is refused (exit 3)" || fail "huge letter: exit $st"
grep -q "larger than 256 MB" "$tmp/.err" && ok "message: $(cat "$tmp/.err")" || fail "message: $(cat "$tmp/.err")"
[ "$(sql "$TRACKER_DB" "SELECT count(*) FROM letter")" = "$before" ] && ok "nothing imported" || fail "partial"
rm -f "$tmp/huge.json"
finish
