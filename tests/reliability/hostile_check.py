#!/usr/bin/python3
"""hostile_check.py KIND FILE TEXTS.json [SCOPE] - checks one output of
tracker for hostile text coming out inert. KIND: terminal, json, ics, html,
csv. TEXTS.json holds the hostile titles and notes that were imported; SCOPE
says which must be found intact in a JSON or iCalendar output: "titles"
(default), "all" (titles and notes) or "title:N" (one title)."""
import csv
import json
import re
import sys

kind, path, titles_path = sys.argv[1], sys.argv[2], sys.argv[3]
data = open(path, "rb").read()
texts = json.load(open(titles_path, encoding="utf-8"))
scope = sys.argv[4] if len(sys.argv) > 4 else "titles"
if scope == "all":
    hostile = texts["titles"] + texts["notes"]
elif scope.startswith("title:"):
    hostile = [texts["titles"][int(scope[6:])]]
elif scope.startswith("after:"):
    hostile = [texts["after"][int(scope[6:])]]
elif scope == "after":
    hostile = texts["after"]
else:
    hostile = texts["titles"]
problems = []


def strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from strings(k)
            yield from strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v)


if b"\x00" in data:
    problems.append("a NUL byte in the output")
# No format but JSON (which escapes them) may carry a raw control character
# other than tab and line ends, nor a C1 control, nor a bidi override.
if kind != "json":
    text = data.decode("utf-8", "replace")
    bad = [c for c in text if (ord(c) < 0x20 and c not in "\t\r\n") or ord(c) == 0x7f
           or 0x80 <= ord(c) < 0xa0 or 0x202a <= ord(c) <= 0x202e or 0x2066 <= ord(c) <= 0x2069]
    if bad:
        problems.append(f"raw control characters reach the {kind} output: "
                        f"{sorted(set(hex(ord(c)) for c in bad))}")


def inert(s):
    """What survives of a text once its control characters are made inert."""
    return re.sub(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffd]+", " ", s)
if kind == "terminal":
    for bad, name in ((b"\x1b", "ESC"), (b"\x07", "BEL"), (b"\r", "CR"), (b"\x9b", "C1 CSI"),
                      (b"\xc2\x9b", "C1 CSI (UTF-8)")):
        if bad in data:
            problems.append(f"{name} reaches the terminal")
elif kind == "json":
    doc = json.loads(data.decode("utf-8"))
    found = set(strings(doc))
    for t in hostile:
        if t not in found and not any(t in s for s in found):
            problems.append(f"text does not round-trip: {t[:40]!r}")
elif kind == "ics":
    import icalendar
    cal = icalendar.Calendar.from_ical(data)
    summaries = [str(c.get("summary")) for c in cal.walk("VEVENT")] + \
                [str(c.get("summary")) for c in cal.walk("VTODO")]
    descs = " ".join(str(c.get("description", "")) for c in cal.walk())
    for line in data.split(b"\r\n"):
        if len(line) > 75:
            problems.append(f"unfolded line of {len(line)} octets")
            break
    if b"\n" in data.replace(b"\r\n", b"") or b"\r" in data.replace(b"\r\n", b""):
        problems.append("a bare LF or CR in the calendar (line injection)")
    for c in cal.walk():
        for key in c.keys():
            if key.startswith("X-EVIL") or key == "INJECTED":
                problems.append(f"an injected property {key}")
    def norm(s):   # a line break may come out as \n or as spaces
        return re.sub(r"\s+", " ", inert(s))
    summaries = [norm(s) for s in summaries]
    for t in hostile:
        short = norm(t)[:30]
        if not any(short in s for s in summaries) and short not in norm(descs):
            problems.append(f"title lost in the calendar: {short!r}")
elif kind == "html":
    text = data.decode("utf-8")
    if "<script>" in text.lower() and "<script>alert" in text.lower():
        problems.append("a <script> from the data is live in the HTML")
    if 'onerror="' in text:
        problems.append("an attribute from the data is live")
elif kind == "md":
    pass   # the control characters are checked above; Markdown escaping has its own test
elif kind == "csv":
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines(keepends=True) and
                           open(path, encoding="utf-8-sig", newline="")))
    for row in rows:
        for cell in row:
            if cell[:1] in ("=", "+", "@") or (cell[:1] == "-" and not cell[1:2].isdigit()):
                problems.append(f"a cell starts with a formula character: {cell[:30]!r}")
else:
    sys.exit(f"unknown kind {kind}")

for p in problems[:10]:
    print(f"  {kind}: {p}")
sys.exit(1 if problems else 0)
