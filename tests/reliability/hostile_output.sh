#!/usr/bin/env bash
# hostile_output.sh TRACKER - hostile text stays inert in every output.
#
# Titles and notes with markup, quotes, separators, a leading '=' and a
# 10,000-character line are imported, and must come out intact in JSON and
# inert everywhere else. Control characters cannot be imported (a NUL, ESC,
# BEL or CR in a field is refused, and the refusal itself is inert on the
# terminal), so they are written into the database behind the program's
# back, as a tamperer would; every output must still neutralise them: the
# terminal (list, show), iCalendar (parsed back, RFC 5545: no control
# character but HTAB), and the report as HTML, Markdown, CSV and JSON.
source "$(dirname "$0")/lib.sh"
py=/usr/bin/python3
check() { "$py" "$here/hostile_check.py" "$@"; }

"$py" - "$tmp" <<'PY'
import json, sys
tmp = sys.argv[1]
long_line = "长" * 300 + "x" * 50   # near the 1,000-byte limit of a one-line field
titles = [
    "<script>alert(1)</script><img src=x onerror=\"alert(2)\">",
    "say \"hi\" & 'bye'",
    "line one DTSTART:19700101T000000Z",
    "semi;colon,comma\\backslash",
    "=HYPERLINK(\"http://evil\",\"x\")",
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "right\u202eleft override",
    long_line,
]
notes = ["note <b>bold</b>\n=1+1;\\,", "two\nlines <i>"]
commitments = []
for i, t in enumerate(titles):
    c = {"key": f"H-{i:02d}", "quote": f"quote {i}", "title": t, "owner": "局<b>",
         "kind": "quantitative", "target": {"value": 10, "unit": "个;\"", "comparator": ">="},
         "window_start": "2023-01-01", "due": "2023-12-31", "tags": ["<tag>", "=x"],
         "checkins": [{"as_of": "2023-06-30", "value": 3, "note": notes[i % 2],
                       "evidence": "=evil()"}]}
    commitments.append(c)
text = "".join(f"quote {i}。" for i in range(len(titles)))
doc = {"format": "tracker/1", "owners": [{"name": "局<b>", "aliases": ["=局"]}],
       "letters": [{"doc_no": "恶〔2023〕1号\"<>", "title": "<i>letter</i>", "date": "2023-06-13",
                    "text": text, "commitments": commitments}]}
json.dump(doc, open(f"{tmp}/hostile.json", "w", encoding="utf-8"), ensure_ascii=True)
# What a tamperer writes in afterwards: CR LF line injection and escapes.
injected = {"H-02": "line one\r\nDTSTART:19700101T000000Z\r\nX-EVIL:1\r\nline two",
            "H-07": "\x1b[31mred\x1b[0m\x1b]0;owned\x07 bell\u009b2J"}
after = [injected.get(f"H-{i:02d}", t) for i, t in enumerate(titles)]
json.dump({"titles": titles, "notes": notes, "after": after},
          open(f"{tmp}/titles.json", "w", encoding="utf-8"))
json.dump(injected, open(f"{tmp}/injected.json", "w", encoding="utf-8"))
def variant(name, path, value):
    d = json.loads(json.dumps(doc))
    d["letters"][0]["doc_no"] = name
    d["letters"][0]["text"] = name + text
    for i, c in enumerate(d["letters"][0]["commitments"]):
        c["key"] = f"{name}-{i}"
    node = d["letters"][0]["commitments"][0]
    for k in path[:-1]:
        node = node[k]
    node[path[-1]] = value
    json.dump(d, open(f"{tmp}/{name}.json", "w", encoding="utf-8"))
variant("nul", ["title"], "before\u0000after")
variant("esc", ["title"], "\x1b[2J\x1b]0;owned\x07")
variant("cr", ["checkins", 0, "note"], "a\rb")
variant("key", ["key"], "K\x1b[31m")
PY

expect_status 3 "JSON \\u0000 is refused at import" tracker import "$tmp/nul.json"
grep -q 'NUL' "$tmp/.err" && ok "the message says NUL: $(cat "$tmp/.err")" || fail "message: $(cat "$tmp/.err")"
[ -e "$TRACKER_DB" ] && fail "a refused import created the database" || ok "nothing written"
expect_status 0 "hostile import" tracker import "$tmp/hostile.json"
for v in esc cr key; do
	expect_status 3 "a control character in $v is refused" tracker import "$tmp/$v.json"
	"$py" -c 'import sys; d=open(sys.argv[1],"rb").read(); sys.exit(b"\x1b" in d or b"\x07" in d)' \
		"$tmp/.err" && ok "the refusal of $v is inert on the terminal" || fail "ESC in the message of $v"
done

# export json round-trips the hostile data, before anything is tampered with.
tracker export json >"$tmp/a.json" && TRACKER_DB="$tmp/b.db" tracker import "$tmp/a.json" 2>/dev/null &&
	TRACKER_DB="$tmp/b.db" tracker export json >"$tmp/b.json" && cmp -s "$tmp/a.json" "$tmp/b.json" &&
	ok "export json round-trips the hostile data" || fail "export json round trip"
run_check() {   # run_check KIND[:SCOPE] WHAT CMD...
	local kind=${1%%:*} scope=titles what=$2
	[[ $1 == *:* ]] && scope=${1#*:}
	shift 2
	"$@" >"$tmp/o" 2>"$tmp/e"
	local st=$?
	if [ $st != 0 ]; then fail "$what: exit $st: $(head -2 "$tmp/e")"; return; fi
	if check "$kind" "$tmp/o" "$tmp/titles.json" "$scope"; then ok "$what: inert"; else fail "$what"; fi
}
run_check json:all "export json" tracker export json

# Now the tamperer: control characters straight into the database.
"$py" - "$TRACKER_DB" "$tmp/injected.json" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for key, title in json.load(open(sys.argv[2], encoding="utf-8")).items():
    db.execute("UPDATE commitment SET title = ? WHERE key = ?", (title, key))
db.execute("DROP TRIGGER checkin_append_only_update")
db.execute("UPDATE checkin SET note = ? WHERE commitment_id = (SELECT id FROM commitment WHERE key = 'H-00')",
           ("\x1b[2Jcleared\x07\r\n\u202e?",))
db.commit()
PY
expect_status 9 "tracker check sees the tampering" tracker check

run_check terminal "list" tracker list
run_check terminal "list --sort title" tracker list --sort title
for i in 00 01 02 03 04 05 06 07 08; do
	run_check terminal "show H-$i" tracker show "H-$i"
done
run_check json:after "list --json" tracker list --json
run_check json:after:2 "show --json" tracker show H-02 --json
run_check json:after:7 "show --json" tracker show H-07 --json
run_check terminal "owners" tracker owners
if "$py" -c "import icalendar" 2>/dev/null; then
	run_check ics:after "export ics" tracker export ics --checkins --both
else
	echo "SKIP export ics: /usr/bin/python3 has no icalendar module"
fi
run_check html "report --format html" tracker report --quarter 2023Q3 --format html --detail
run_check csv "report --format csv" tracker report --quarter 2023Q3 --format csv
run_check md "report --format md" tracker report --quarter 2023Q3 --format md --detail
run_check json:after "report --format json" tracker report --quarter 2023Q3 --format json
finish
