#!/bin/sh
# What needs an office suite: LibreOffice (headless) opens the sample
# bulletin and prints it to PDF - A4, the page numbers, the 版头 and title
# on page 1, 22 lines a page, every font embedded; and it opens a ledger
# filled with a formula, computes it and saves it as Calc does (its own
# shared strings and styles), and the import reads the computed figure.
# Skipped (77) without LibreOffice or poppler-utils.
# Usage: test_render.sh TRACKER SOURCE_DIR
set -eu
tracker=$(realpath "$1")
src=$(realpath "$2")
for tool in soffice pdftotext pdfinfo pdffonts; do
	command -v "$tool" >/dev/null 2>&1 || { echo "SKIP: $tool is not installed"; exit 77; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
fail() { echo "FAIL: $*" >&2; exit 1; }

sh "$src/reports/samples/render-bulletin.sh" "$src/reports/samples/report-2023Q4.docx" "$work"
pdf=$work/report-2023Q4.pdf
pdfinfo "$pdf" | grep -q 'Page size: *595.* x 841.* pts (A4)' || fail "not A4: $(pdfinfo "$pdf")"
pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
[ "$pages" -ge 3 ] || fail "$pages pages"
# pdftotext puts spaces between Chinese and digits: compare without them.
page() { pdftotext -f "$1" -l "$1" "$pdf" - | tr -d ' \f'; }
page 1 >"$work/p1"
for want in 督查室文件 督通〔2023〕4号 关于2023年第四季度 承诺事项落实情况的通报 各有关单位： \
	一、总体情况 截至2023年12月31日 —1—; do
	grep -q -- "$want" "$work/p1" || fail "page 1 lacks '$want': $(cat "$work/p1")"
done
for n in $(seq 2 "$pages"); do
	page "$n" | grep -qx -- "—$n—" || fail "page $n is not numbered — $n —"
done
page "$pages" | grep -q '2024年1月10日印发' || fail "the 版记 is not on the last page"
# Body lines follow the 28.95 pt grid: 22 lines in the 225 mm text height.
pdftotext -f 1 -l 1 -bbox "$pdf" "$work/bbox.html"
/usr/bin/python3 - "$work/bbox.html" <<'PY' || fail "line pitch"
import re, sys
tops = sorted({round(float(y), 1) for y in re.findall(r'yMin="([\d.]+)"', open(sys.argv[1]).read())})
gaps = [b - a for a, b in zip(tops, tops[1:]) if b - a < 40]
assert len(gaps) >= 5 and all(abs(g - 28.95) < 0.4 for g in gaps), gaps
PY
pdffonts "$pdf" | awk 'NR > 2 && $(NF-4) != "yes" { bad = 1 } END { exit bad }' ||
	fail "a font is not embedded: $(pdffonts "$pdf")"

# A ledger that went through LibreOffice Calc.
export TRACKER_DB="$work/t.db" TRACKER_NOW=2023-10-10T02:00:00Z TZ=Asia/Shanghai
"$tracker" seed >/dev/null 2>&1
"$tracker" export xlsx --owner 经信局 --out "$work/l.xlsx" 2>/dev/null
/usr/bin/python3 - "$work/l.xlsx" "$work/in/l.xlsx" <<'PY'
import datetime, os, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["慈溪市经济和信息化局"]
for r in range(3, ws.max_row + 1):
    key = ws.cell(r, 1).value
    if key == "211-15":
        ws.cell(r, 10).value = "=10+5"          # Calc computes and keeps 15
        ws.cell(r, 11).value = "2023-09-30"      # a date typed as text
        ws.cell(r, 14).value = "张三"
    if key == "211-14":
        ws.cell(r, 10).value = 520
        ws.cell(r, 11).value = datetime.date(2023, 9, 30)
        ws.cell(r, 12).value = "新增工业机器人"
        ws.cell(r, 14).value = "张三"
os.makedirs(os.path.dirname(sys.argv[2]))
wb.save(sys.argv[2])
PY
mkdir "$work/calc"
HOME=$work soffice --headless -env:UserInstallation="file://$work/profile" --calc \
	--convert-to xlsx:"Calc MS Excel 2007 XML" --outdir "$work/calc" "$work/in/l.xlsx" \
	>"$work/log" 2>&1 || fail "LibreOffice: $(cat "$work/log")"
"$tracker" import "$work/calc/l.xlsx" 2>"$work/err" || fail "import after Calc: $(cat "$work/err")"
"$tracker" export json | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
got = {(c["key"], k["as_of"], k.get("value"), k.get("author")) for l in d["letters"]
       for c in l["commitments"] for k in c.get("checkins", [])}
want = {("211-15", "2023-09-30", 15, "张三"), ("211-14", "2023-09-30", 520, "张三")}
assert got == want, got
' || fail "the Calc-saved ledger reads differently"
echo ok
