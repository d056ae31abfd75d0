#!/bin/sh
# Hostile text comes out as text: a title, note and evidence with markup,
# quotes and ampersands in HTML and Markdown.
. "$(dirname "$0")/lib.sh"
export TRACKER_NOW=2023-09-30T08:00:00Z
"$tracker" seed >/dev/null 2>&1
"$tracker" add X-1 --letter '慈经信建〔2023〕3号' --title '<script>alert(1)</script> "q" & <b>' \
	--quote '新增工业机器人800台以上' --owner 市经信局 --kind quantitative --target 10 --unit '<i>' \
	--start 2023-01-01 --due 2023-12-31 >/dev/null 2>&1 || fail "add"
"$tracker" log X-1 --value 3 --as-of 2023-07-31 --note '</td><img src=x onerror=alert(2)>' \
	--evidence '"><svg onload=alert(3)>' >/dev/null 2>&1
"$tracker" log X-1 --value 6 --as-of 2023-09-30 --note '| # heading `code` *x*' >/dev/null 2>&1
"$tracker" report --quarter 2023Q3 --key X-1 --format html --out "$work/r.html"
"$tracker" report --quarter 2023Q3 --key X-1 --format md --out "$work/r.md"
"$tracker" report --quarter 2023Q3 --format json --out "$work/r.json"
validate "$work/r.json"
h=$work/r.html
grep -q '<script' "$h" && fail "raw <script> in HTML"
grep -q '<img' "$h" && fail "raw <img> in HTML"
grep -q '<svg onload' "$h" && fail "raw svg onload in HTML"
grep -q '<b>' "$h" && fail "raw <b> in HTML"
grep -q '&lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot; &amp; &lt;b&gt;' "$h" || fail "escaped title missing"
grep -q '&quot;&gt;&lt;svg onload=alert(3)&gt;' "$h" || fail "escaped evidence missing"
grep -q '&lt;i&gt;' "$h" || fail "escaped unit missing"
# The page has no scripts and loads nothing.
grep -Eqi '<script|<[^>]* (src|href)="?(https?:)?//|@import|url\(' "$h" && fail "HTML is not self-contained"
grep -q '@media print' "$h" || fail "no print styles"
# Markdown: no raw tags, the pipe cannot split a cell.
grep -q '<script>' "$work/r.md" && fail "raw <script> in Markdown"
grep -qF '\<script\>' "$work/r.md" || fail "escaped Markdown title missing"
grep -qF '\| # heading \`code\` \*x\*' "$work/r.md" || fail "Markdown note not escaped"
# Every table row of the Markdown has as many unescaped pipes as its header.
/usr/bin/python3 - "$work/r.md" <<'PY' || fail "Markdown table broken"
import re, sys
cols = None
for line in open(sys.argv[1], encoding="utf-8"):
    if not line.startswith("|"):
        cols = None
        continue
    n = len(re.findall(r"(?<!\\)\|", line))
    if cols is None:
        cols = n
    elif n != cols:
        sys.exit("row with %d cells under a header of %d: %s" % (n, cols, line))
PY
echo ok
