#!/bin/sh
# CSV: UTF-8 with a BOM, RFC 4180 quoting, formulas neutralised, numbers
# left as numbers; read back with Python's csv module.
. "$(dirname "$0")/lib.sh"
export TRACKER_NOW=2023-09-30T08:00:00Z
"$tracker" seed >/dev/null 2>&1
"$tracker" add X-2 --letter '慈经信建〔2023〕3号' --title '=HYPERLINK("http://x","a, b")' \
	--quote '新增工业机器人800台以上' --owner 市经信局 --kind quantitative --target 10 \
	--start 2023-01-01 --due 2023-12-31 >/dev/null 2>&1 || fail "add"
"$tracker" log X-2 --value 4 --as-of 2023-08-31 --note '@SUM(A1:A2)
second line' >/dev/null 2>&1
"$tracker" add X-3 --letter '慈经信建〔2023〕3号' --title '+1-2' --quote '新增工业机器人800台以上' \
	--owner 市经信局 --kind milestone >/dev/null 2>&1 || fail "add"
"$tracker" add X-4 --letter '慈经信建〔2023〕3号' --title '-cmd|calc' --quote '新增工业机器人800台以上' \
	--owner 市经信局 --kind milestone >/dev/null 2>&1 || fail "add"
"$tracker" report --quarter 2023Q3 --format csv --lang zh --out "$work/r.csv"
head -c 3 "$work/r.csv" | od -An -tx1 | grep -q 'ef bb bf' || fail "no BOM"
/usr/bin/python3 - "$work/r.csv" <<'PY' || fail "CSV content"
import csv, sys
raw = open(sys.argv[1], "rb").read()
assert raw.startswith(b"\xef\xbb\xbf")
assert b"\r\n" in raw
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
head, body = rows[0], rows[1:]
assert head[0] == "报告期" and "序时进度" in head, head
assert all(len(r) == len(head) for r in body), "ragged rows"
by = {r[1]: dict(zip(head, r)) for r in body}
assert len(by) == 28, len(by)
assert by["X-2"]["承诺事项"] == "'=HYPERLINK(\"http://x\",\"a, b\")", by["X-2"]["承诺事项"]
assert by["X-2"]["进展说明"] == "'@SUM(A1:A2)\nsecond line", repr(by["X-2"]["进展说明"])
assert by["X-3"]["承诺事项"] == "'+1-2"
assert by["X-4"]["承诺事项"] == "'-cmd|calc"
assert by["X-2"]["当前值"] == "4" and by["X-2"]["完成进度"] == "40", by["X-2"]
for r in body:
    for cell in r:
        assert not cell or cell[0] not in "=+-@\t\r" or cell.lstrip("-").replace(".", "").isdigit(), cell
PY
echo ok
