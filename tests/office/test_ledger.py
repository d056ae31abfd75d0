#!/usr/bin/python3
"""The ledger (台账) round trip as a department does it: export a workbook,
fill it with openpyxl (an independent writer: shared strings, dates as
serial numbers), including a bad figure, an uncomputed formula, a date typed
as text, a date in the future, an unknown key and a key outside the ledger,
import it, and find exactly the valid check-ins in the store (read back with
`tracker export json`, an independent path). The same with inline strings
and a bare serial date (what other spreadsheets write), with CSV in UTF-8
and GB18030, and with files that are not ledgers at all.

Usage: test_ledger.py TRACKER"""
import csv
import datetime
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

import openpyxl

TRACKER = os.path.abspath(sys.argv[1])
WORK = tempfile.mkdtemp(prefix="ledger.")
NOW = "2023-10-10T02:00:00Z"
JXJ = "慈溪市经济和信息化局"
HEADERS = ["编号", "责任单位", "原文", "承诺事项", "完成时限", "目标", "最近数值", "最近数值日期",
           "进展状态", "本期数值", "截至日期", "进展说明", "佐证材料", "填报人"]
checks = 0


def check(cond, what):
    global checks
    checks += 1
    if not cond:
        print("FAIL: " + what, file=sys.stderr)
        shutil.rmtree(WORK, ignore_errors=True)
        sys.exit(1)


def run(*args, db="t.db", ok=True, now=NOW):
    env = dict(os.environ, TRACKER_DB=os.path.join(WORK, db), TRACKER_NOW=now,
               TZ="Asia/Shanghai", LC_ALL="C.UTF-8", NO_COLOR="1")
    p = subprocess.run([TRACKER, *args], cwd=WORK, env=env, capture_output=True,
                       text=True)
    if ok:
        check(p.returncode == 0, "%s: exit %d: %s" % (" ".join(args), p.returncode, p.stderr))
    return p


def path(name):
    return os.path.join(WORK, name)


def commitments(db):
    doc = json.loads(run("export", "json", db=db).stdout)
    return [c for letter in doc["letters"] for c in letter["commitments"]]


def checkins(db="t.db"):
    """(key, as_of, value, note, author) of every check-in in the store."""
    out = set()
    for c in commitments(db):
        for k in c.get("checkins", []):
            out.add((c["key"], k["as_of"], k.get("value"), k.get("note") or "",
                     k.get("author") or ""))
    return out


def owners_of(db="t.db"):
    return {c["key"]: c["owner"] for c in commitments(db)}


def test_export():
    run("export", "xlsx", "--out", path("all.xlsx"))
    wb = openpyxl.load_workbook(path("all.xlsx"))
    owners = owners_of()
    depts = sorted(set(owners.values()))
    visible = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    check(sorted(ws.title for ws in visible) == depts, "one sheet per department: %s"
          % [ws.title for ws in visible])
    origin = [ws for ws in wb.worksheets if ws.sheet_state != "visible"]
    check(len(origin) == 1 and origin[0].title == "_tracker", "one hidden origin sheet")
    meta = {r[0]: r[1] for r in origin[0].iter_rows(values_only=True)}
    check(meta.get("format") == "tracker-ledger/1" and len(meta.get("store", "")) == 64,
          "the origin names the format and the store: %s" % meta)
    for ws in visible:
        check([c.value for c in ws[2]] == HEADERS, "%s: headers" % ws.title)
        keys = [ws.cell(r, 1).value for r in range(3, ws.max_row + 1)]
        check(sorted(keys) == sorted(k for k, o in owners.items() if o == ws.title),
              "%s: its department's commitments, every one" % ws.title)
        check(ws.freeze_panes is not None and ws.freeze_panes[1:] == "3",
              "%s: header frozen (%s)" % (ws.title, ws.freeze_panes))
        check(ws.protection.sheet, "%s: protected" % ws.title)
        check(ws.cell(3, 1).protection.locked and ws.cell(3, 9).protection.locked,
              "%s: read-only columns locked" % ws.title)
        check(all(not ws.cell(3, c).protection.locked for c in range(10, 15)),
              "%s: the columns to fill are not locked" % ws.title)
        dv = {(d.type, str(d.sqref).split(":")[0]) for d in ws.data_validations.dataValidation}
        check(("decimal", "J3") in dv and ("date", "K3") in dv,
              "%s: numbers only in 本期数值, dates in 截至日期: %s" % (ws.title, dv))
        check(ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9",
              "%s: A4 landscape" % ws.title)
        check(ws.print_title_rows and "2" in ws.print_title_rows, "%s: header row repeated"
              % ws.title)
        check((ws.column_dimensions["C"].width or 0) >= 20,
              "%s: a wide column for the original words" % ws.title)


ROWS = {}


def row_of(ws, key):
    for r in range(3, ws.max_row + 1):
        if ws.cell(r, 1).value == key:
            return r
    check(False, "key %s on sheet %s" % (key, ws.title))


def fill(ws, key, value, as_of, note, who):
    r = row_of(ws, key)
    ws.cell(r, 10).value = value
    ws.cell(r, 11).value = as_of
    ws.cell(r, 12).value = note
    ws.cell(r, 14).value = who
    return r


def test_fill_and_import():
    """A ledger for 经信局 only, filled with good and bad rows."""
    run("export", "xlsx", "--owner", "经信局", "--out", path("jxj.xlsx"))
    wb = openpyxl.load_workbook(path("jxj.xlsx"))
    check([ws.title for ws in wb.worksheets if ws.sheet_state == "visible"] == [JXJ],
          "a selection is one sheet")
    ws = wb[JXJ]
    fill(ws, "211-14", 520, datetime.date(2023, 9, 30), "新增工业机器人520台", "张三")
    fill(ws, "211-12", 4, "2023-09-28", "日期按文本输入", "李四")         # date as text
    bad = {
        fill(ws, "211-15", "=10+5", datetime.date(2023, 9, 30), "公式", "张三"): "J",
        fill(ws, "211-16", "abc", datetime.date(2023, 9, 30), "坏数", "王五"): "J",
        fill(ws, "211-17", 3, datetime.date(2023, 12, 30), "将来的日期", "王五"): "K",
    }
    extra = ws.max_row + 1
    for r, key in ((extra, "211-99"), (extra + 1, "211-02")):   # unknown; another dept's
        ws.cell(r, 1).value = key
        ws.cell(r, 10).value = 1
        ws.cell(r, 11).value = datetime.date(2023, 9, 30)
        ws.cell(r, 14).value = "张三"
        bad[r] = "A"
    wb.save(path("filled.xlsx"))
    before = checkins()

    p = run("import", "filled.xlsx", ok=False)
    check(p.returncode == 3, "bad rows: exit 3 (got %d)" % p.returncode)
    lines = p.stderr.strip().split("\n")
    for r, col in bad.items():
        want = "sheet '%s' row %d, column %s" % (JXJ, r, col)
        check(any(want in line for line in lines), "error names %s: %s" % (want, p.stderr))
    check(all(line.startswith("tracker: filled.xlsx: ") for line in lines),
          "one line per problem, naming the file: %s" % p.stderr)
    check(re.search(r"invalid filled rows: 5 of 7; nothing imported", p.stderr),
          "the summary says nothing was imported: %s" % p.stderr)
    check(checkins() == before, "nothing written when a row is invalid")

    p = run("import", "filled.xlsx", "--skip-invalid")
    added = checkins() - before
    check(added == {("211-14", "2023-09-30", 520, "新增工业机器人520台", "张三"),
                    ("211-12", "2023-09-28", 4, "日期按文本输入", "李四")},
          "exactly the valid check-ins: %s" % added)
    check("recorded 2 check-ins" in p.stderr, "says what it recorded: %s" % p.stderr)

    after = checkins()
    p = run("import", "filled.xlsx", "--skip-invalid")
    check(checkins() == after and "recorded 0 check-ins" in p.stderr and
          "2 already recorded" in p.stderr, "importing twice changes nothing: %s" % p.stderr)


def to_shared(src, dst, serial_date_cell=None, index_of=None):
    """The workbook as Excel, WPS and Calc write it: every inline string
    (openpyxl writes those) moved to xl/sharedStrings.xml, and optionally
    one date as a bare serial number (no date style) and one shared index
    replaced (index_of: (cell, index)) to try a broken one."""
    zin = zipfile.ZipFile(src)
    strings = []

    def shared(m):
        strings.append(m.group(2))
        return '<c%s t="s"><v>%d</v></c>' % (m.group(1), len(strings) - 1)

    zout = zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED)
    for item in zin.infolist():
        data = zin.read(item.filename).decode()
        if item.filename.startswith("xl/worksheets/sheet"):
            data = re.sub(r'<c([^>]*?) t="inlineStr"><is><t>(.*?)</t></is></c>', shared, data)
            if serial_date_cell:
                data = re.sub(r'<c r="%s"[^>]*>.*?</c>' % serial_date_cell,
                              '<c r="%s"><v>45199</v></c>' % serial_date_cell, data)
            if index_of:
                data = re.sub(r'(<c r="%s"[^>]*t="s"><v>)\d+' % index_of[0],
                              r'\g<1>%s' % index_of[1], data)
        elif item.filename == "[Content_Types].xml":
            data = data.replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" '
                                'ContentType="application/vnd.openxmlformats-officedocument.'
                                'spreadsheetml.sharedStrings+xml"/></Types>')
        elif item.filename == "xl/_rels/workbook.xml.rels":
            data = data.replace("</Relationships>", '<Relationship Id="rIdSST" Type="http://'
                                'schemas.openxmlformats.org/officeDocument/2006/relationships/'
                                'sharedStrings" Target="sharedStrings.xml"/></Relationships>')
        zout.writestr(item, data.encode())
    sst = "".join("<si><t>%s</t></si>" % t for t in strings)
    zout.writestr("xl/sharedStrings.xml", '<?xml version="1.0" encoding="UTF-8"?><sst xmlns='
                  '"http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" '
                  'uniqueCount="%d">%s</sst>' % (len(strings), len(strings), sst))
    zout.close()
    return len(strings)


def test_shared_strings():
    """Inline strings (openpyxl) or shared strings (Excel, WPS, Calc), a
    date or a bare serial: the same rows. A shared index that points
    nowhere is an error naming the cell."""
    db = "i.db"
    run("seed", db=db)
    run("export", "xlsx", "--owner", "经信局", "--out", path("i.xlsx"), db=db)
    wb = openpyxl.load_workbook(path("i.xlsx"))
    r = fill(wb[JXJ], "211-14", 610, datetime.date(2023, 9, 1), "内联字符串", "张三")
    wb.save(path("i-inline.xlsx"))
    check(b'<c r="L%d" s="12" t="inlineStr">' % r in zipfile.ZipFile(path("i-inline.xlsx")).read(
        "xl/worksheets/sheet1.xml"), "openpyxl wrote inline strings")
    n = to_shared(path("i-inline.xlsx"), path("i-shared.xlsx"), "K%d" % r)
    check(n > 100 and b't="inlineStr"' not in zipfile.ZipFile(path("i-shared.xlsx")).read(
        "xl/worksheets/sheet1.xml"), "the rewritten workbook has only shared strings (%d)" % n)
    p = run("import", "i-shared.xlsx", db=db)
    check(("211-14", "2023-09-30", 610, "内联字符串", "张三") in checkins(db),
          "shared strings and a serial date read: %s" % p.stderr)
    # The same row, its date a real date (09-01): a second check-in, so
    # the two readings are really compared.
    p = run("import", "i-inline.xlsx", db=db)
    check(("211-14", "2023-09-01", 610, "内联字符串", "张三") in checkins(db),
          "the inline-string workbook: %s" % p.stderr)
    before = checkins(db)
    for index in ("99999999", "-1", "x"):
        to_shared(path("i-inline.xlsx"), path("i-bad.xlsx"), None, ("L%d" % r, index))
        p = run("import", "i-bad.xlsx", db=db, ok=False)
        check(p.returncode == 3 and p.stderr.count("\n") == 1 and "L%d" % r in p.stderr,
              "shared index %s: one line naming the cell: %s" % (index, p.stderr))
    check(checkins(db) == before, "nothing written from a broken workbook")


def test_bad_files():
    before = checkins()
    with open(path("notzip.xlsx"), "wb") as f:
        f.write(b"PK\x03\x04 this is not a workbook")
    cases = {"notzip.xlsx": 3}
    with zipfile.ZipFile(path("empty.xlsx"), "w") as z:
        z.writestr("hello.txt", "no workbook here")
    cases["empty.xlsx"] = 3
    # A workbook without its origin sheet: not a ledger of this store.
    wb = openpyxl.load_workbook(path("jxj.xlsx"))
    del wb["_tracker"]
    wb.save(path("noorigin.xlsx"))
    cases["noorigin.xlsx"] = 3
    # Hostile workbooks: each part below changed in a copy of a real ledger.
    hostile = {
        "doctype.xlsx": ("xl/workbook.xml", lambda d: d.replace(
            b"?>", b'?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>', 1)),
        "truncated.xlsx": ("xl/worksheets/sheet1.xml", lambda d: d[:len(d) // 2]),
        "outside.xlsx": ("xl/_rels/workbook.xml.rels", lambda d: d.replace(
            b"worksheets/sheet1.xml", b"../../../etc/passwd", 1)),
        "cellref.xlsx": ("xl/worksheets/sheet1.xml", lambda d: d.replace(
            b'r="A3"', b'r="XFE99999999999"', 1)),
        "twice.xlsx": ("xl/worksheets/sheet1.xml", lambda d: d.replace(
            b'r="B3"', b'r="A3"', 1)),                  # two values for cell A3
        "badutf8.xlsx": ("xl/worksheets/sheet1.xml", lambda d: d.replace(
            b"<t>", b"<t>\xff\xfe", 1)),
        # 200 MB of spaces in 200 KB: the reader stops at its limit.
        "bomb.xlsx": ("xl/worksheets/sheet1.xml", lambda d: d.replace(
            b"<sheetData>", b"<sheetData>" + b" " * (200 << 20), 1)),
    }
    src = zipfile.ZipFile(path("jxj.xlsx"))
    for name, (part, change) in hostile.items():
        with zipfile.ZipFile(path(name), "w", zipfile.ZIP_DEFLATED) as z:
            for item in src.infolist():
                data = src.read(item.filename)
                z.writestr(item.filename, change(data) if item.filename == part else data)
        cases[name] = 3
    # A ledger of another store (a store is known by its first journal
    # entry: the same seed at the same instant would be the same store).
    run("init", db="other.db", now="2023-10-09T02:00:00Z")
    run("seed", db="other.db", now="2023-10-09T02:00:00Z")
    run("export", "xlsx", "--out", path("other.xlsx"), db="other.db")
    wb = openpyxl.load_workbook(path("other.xlsx"))
    fill(wb[JXJ], "211-14", 1, datetime.date(2023, 9, 30), "别处", "张三")
    wb.save(path("other.xlsx"))
    cases["other.xlsx"] = 5
    for name, status in cases.items():
        p = run("import", name, ok=False)
        lines = p.stderr.strip().split("\n")
        check(p.returncode == status, "%s: exit %d, want %d: %s" % (name, p.returncode, status,
                                                                   p.stderr))
        check(len(lines) == 1 and lines[0].startswith("tracker: ") and name in lines[0],
              "%s: one line naming the file: %s" % (name, p.stderr))
        check(not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", p.stderr), "%s: no control chars" % name)
    check(checkins() == before, "bad files write nothing")


def test_csv():
    run("init", db="c.db")
    run("seed", db="c.db")
    run("export", "csv", "--owner", "经信局", "--out", path("l.csv"), db="c.db")
    raw = open(path("l.csv"), "rb").read()
    check(raw.startswith(b"\xef\xbb\xbf"), "CSV export starts with a BOM")
    rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))
    check(rows[0][0] == "tracker-ledger/1" and rows[1] == HEADERS, "origin and header lines")
    for r in rows[2:]:
        if r[0] == "211-14":
            r[9:14] = ["700", "2023-09-20", "CSV填报", "", "赵六"]
        if r[0] == "211-16":
            r[9:14] = ["七百", "2023-09-20", "坏数", "", "赵六"]
    bad_line = next(i for i, r in enumerate(rows) if r[0] == "211-16") + 1
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    with open(path("gb.csv"), "wb") as f:
        f.write(out.getvalue().encode("gb18030"))     # as Excel saves it in China
    p = run("import", "gb.csv", db="c.db", ok=False)
    check(p.returncode == 3 and ("line %d" % bad_line) in p.stderr and "本期数值" in p.stderr,
          "a bad CSV row is named by line and column: %s" % p.stderr)
    check(not any(k[0] == "211-14" for k in checkins("c.db")), "nothing written from bad CSV")
    p = run("import", "gb.csv", "--skip-invalid", db="c.db")
    check(("211-14", "2023-09-20", 700, "CSV填报", "赵六") in checkins("c.db"),
          "GB18030 CSV imported, Chinese intact: %s" % p.stderr)
    rows[next(i for i, r in enumerate(rows) if r[0] == "211-16")][9] = ""
    rows[next(i for i, r in enumerate(rows) if r[0] == "211-14")][9:14] = [
        "710", "2023-09-25", "UTF-8 填报", "", "赵六"]
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    with open(path("u.csv"), "wb") as f:
        f.write(out.getvalue().encode("utf-8"))
    run("import", "u.csv", db="c.db")
    check(("211-14", "2023-09-25", 710, "UTF-8 填报", "赵六") in checkins("c.db"),
          "UTF-8 CSV without BOM imported")


def main():
    run("init")
    run("seed")
    test_export()
    test_fill_and_import()
    test_shared_strings()
    test_bad_files()
    test_csv()
    shutil.rmtree(WORK, ignore_errors=True)
    print("ok (%d checks)" % checks)


main()
