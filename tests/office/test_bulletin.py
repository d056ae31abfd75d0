#!/usr/bin/python3
"""The Word bulletin (report --format docx) read as a reader's program reads
it: python-docx opens it, and its page, styles, tables and text are checked
against the GB/T 9704 layout and against the JSON report of the same period
(an independent rendering of the same figures). Hostile titles written into
the database behind tracker's back reach the document escaped and inert.

Usage: test_bulletin.py TRACKER SOURCE_DIR"""
import json
import os
import pty
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from xml.dom import minidom

import docx
import docx.enum.text
import docx.table
import docx.text.paragraph
from docx.oxml.ns import qn

TRACKER = os.path.abspath(sys.argv[1])
SRC = os.path.abspath(sys.argv[2])
WORK = tempfile.mkdtemp(prefix="bulletin.")
DB = os.path.join(WORK, "t.db")
Q4_AT = "2024-01-10T02:00:00Z"
checks = 0
# What the XML of a document may not carry: C0 controls but tab, LF, CR;
# DEL and C1; bidi controls; the XML non-characters.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u061c"
                       "\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


def check(cond, what):
    global checks
    checks += 1
    if not cond:
        print("FAIL: " + what, file=sys.stderr)
        sys.exit(1)


def run(*args, now=Q4_AT, ok=True, db=DB, **kw):
    env = dict(os.environ, TRACKER_DB=db, TRACKER_NOW=now, TZ="Asia/Shanghai",
               LC_ALL="C.UTF-8", NO_COLOR="1")
    p = subprocess.run([TRACKER, *args], cwd=WORK, env=env, capture_output=True, **kw)
    if ok:
        check(p.returncode == 0, "%s: exit %d: %s" % (args, p.returncode, p.stderr))
    return p


def out(name):
    return os.path.join(WORK, name)


def body_items(d):
    """Paragraphs and tables in document order."""
    for el in d.element.body.iterchildren():
        if el.tag == qn("w:p"):
            yield docx.text.paragraph.Paragraph(el, d)
        elif el.tag == qn("w:tbl"):
            yield docx.table.Table(el, d)


def tables_by_heading(d):
    """{heading text: [rows of cell texts]} for each table under a heading."""
    found, heading = {}, None
    for it in body_items(d):
        if isinstance(it, docx.table.Table):
            found[heading] = [[c.text for c in r.cells] for r in it.rows]
        elif it.style.name.startswith("Heading"):
            heading = it.text
    return found


def east_asia_font(style):
    rfonts = style.element.find(qn("w:rPr") + "/" + qn("w:rFonts"))
    return rfonts.get(qn("w:eastAsia")) if rfonts is not None else None


def check_xml_parts(path, what):
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            text = z.read(name).decode("utf-8")
            check(not FORBIDDEN.search(text), "%s: %s has a control character" % (what, name))
            minidom.parseString(text.encode("utf-8"))   # well-formed, or it raises


def test_layout(d):
    s = d.sections[0]
    mm = lambda v: round(v.mm)
    check((mm(s.page_width), mm(s.page_height)) == (210, 297), "A4")
    check((mm(s.top_margin), mm(s.bottom_margin), mm(s.left_margin), mm(s.right_margin)) ==
          (37, 35, 28, 26), "margins 37/35/28/26 mm")
    styles = d.styles
    check(styles["公文标题"].font.size.pt == 22 and
          east_asia_font(styles["公文标题"]) == "方正小标宋简体", "title: 小标宋 二号")
    check(styles["Normal"].font.size.pt == 16 and
          east_asia_font(styles["Normal"]) == "仿宋_GB2312", "body: 仿宋_GB2312 三号")
    check(east_asia_font(styles["Heading 1"]) == "黑体" and
          east_asia_font(styles["Heading 2"]) == "楷体_GB2312", "headings 黑体, 楷体")
    spacing = styles["Normal"].element.find(qn("w:pPr") + "/" + qn("w:spacing"))
    check(spacing.get(qn("w:line")) == "579" and spacing.get(qn("w:lineRule")) == "exact",
          "a fixed line pitch: 22 lines in the 225 mm text height")
    grid = s._sectPr.find(qn("w:docGrid"))
    check(grid is not None and grid.get(qn("w:linePitch")) == "579", "line grid")
    fonts = zipfile.ZipFile(out("q4.docx")).read("word/fontTable.xml").decode()
    check('w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in fonts and
          'w:name="仿宋"><w:altName w:val="FangSong"/>' in fonts, "fonts with fallbacks")
    # Page numbers "— N —": right on odd pages, left on even ones.
    check(d.settings.odd_and_even_pages_header_footer, "odd and even footers")
    odd, even = s.footer.paragraphs[0], s.even_page_footer.paragraphs[0]
    # The number is a field (python-docx's .text leaves fields out).
    texts = ["".join(t.text for t in p._p.iter(qn("w:t"))) for p in (odd, even)]
    check(texts == ["— 1 —", "— 1 —"], "page number text: %r" % texts)
    check(odd.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT and
          even.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.LEFT, "outside edges")
    check(b'w:instr=" PAGE "' in zipfile.ZipFile(out("q4.docx")).read("word/footer1.xml"),
          "the number is the PAGE field")


def test_text(d, rep):
    paras = [(p.style.name, p.text) for p in d.paragraphs if p.text]
    check(paras[0] == ("发文机关标志", "督查室文件"), "masthead: %s" % (paras[0],))
    check(paras[1] == ("发文字号", "督通〔2023〕4号"), "文号 from the setting: %s" % (paras[1],))
    check(paras[2] == ("公文标题", "关于2023年第四季度\n承诺事项落实情况的通报"),
          "title: %r" % (paras[2],))
    check(paras[3] == ("主送机关", "各有关单位："), "addressee: %s" % (paras[3],))
    text = "\n".join(t for _, t in paras)
    sm = rep["summary"]
    check("截至2023年12月31日，共跟踪答复函1份、承诺事项%d项" % sm["commitments"] in text,
          "summary figures: %s" % text[:300])
    check("本期各单位共报送进展%d次" % sm["checkins_in_period"] in text, "check-ins in words")
    check("慈经信建〔2023〕3号" in text, "the letter")
    check(paras[-3:] == [("署名", "督查室"), ("署名", "2024年1月10日"),
                         ("版记", "督查室\t2024年1月10日印发")], "signature, date, 版记: %s"
          % (paras[-3:],))


HEALTH_WORDS = {"已完成", "正常推进", "存在风险", "严重滞后", "已逾期", "到期未完成", "暂无进展",
                "未开始", "已取消"}


def test_tables(d, rep):
    tabs = tables_by_heading(d)
    lists = ["overdue", "at_risk", "no_checkin", "changed", "status_changes", "corrections",
             "done"]
    headings = [p.text for p in d.paragraphs if p.style.name == "Heading 2"]
    check(len(headings) == len(lists), "one heading per attention list: %s" % headings)
    for name, h in zip(lists, headings):
        want = [x["key"] for x in rep["attention"][name]]
        check(h.endswith("（%d项）" % len(want)), "%s: count in the heading %s" % (name, h))
        rows = tabs.get(h)
        check(rows is not None and [r[0] for r in rows[1:]] == want,
              "%s: the same commitments as the JSON report: %s vs %s" %
              (name, rows and [r[0] for r in rows[1:]], want))
        if name in ("overdue", "at_risk", "no_checkin", "done"):
            check(rows[0][5] == "进展状况", "%s: health column" % name)
            for r in rows[1:]:
                words = re.sub(r"（.*）$", "", r[5])
                check(words in HEALTH_WORDS, "%s: health in words: %r" % (name, r[5]))
    titles = {c["key"]: c["title"] for c in rep["commitments"]}
    for rows in tabs.values():
        for r in rows[1:]:
            if r[0] in titles:
                check(r[1] == titles[r[0]], "Chinese intact: %r vs %r" % (r[1], titles[r[0]]))
    depts = tabs["三、各牵头单位情况"]
    check([r[0] for r in depts[1:]] == [x["name"] for x in rep["departments"]] and
          [int(r[1]) for r in depts[1:]] == [x["commitments"] for x in rep["departments"]],
          "departments and their counts")
    check("四、逐项落实情况" not in tabs and not any(
        p.text.startswith("四、") for p in d.paragraphs), "a summary has no section 四")


def test_full():
    """A selection is in full: every commitment of it, by department."""
    run("report", "--quarter", "2023Q4", "--format", "docx", "--lang", "zh", "--owner",
        "商务局", "--out", out("swj.docx"))
    run("report", "--quarter", "2023Q4", "--format", "json", "--lang", "zh", "--owner",
        "商务局", "--out", out("swj.json"))
    rep = json.load(open(out("swj.json"), encoding="utf-8"))
    d = docx.Document(out("swj.docx"))
    heads = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    check(heads[-1] == "四、逐项落实情况", "section 四 in full: %s" % heads)
    tabs = tables_by_heading(d)
    rows = tabs["（一）慈溪市商务局（%d项）" % len(rep["commitments"])]
    check(sorted(r[0] for r in rows[1:]) == sorted(c["key"] for c in rep["commitments"]),
          "every commitment of the selection")
    check(all(re.sub(r"（.*）$", "", r[6]) in HEALTH_WORDS for r in rows[1:]),
          "health in words")


def test_hostile():
    db = out("h.db")
    run("seed", db=db)
    hostile = {
        "211-10": "</w:t></w:r></w:p><w:p><w:r><w:t>injected & <b>\"'</b> ]]> {{body}}",
        "211-13": "a\x01b\x1b[2Jc\x07d\u202eevil\u2066e\uffff f\x7fg\x85h",
    }
    con = sqlite3.connect(db)
    for k, t in hostile.items():
        con.execute("UPDATE commitment SET title = ? WHERE key = ?", (t, k))
    con.commit()
    con.close()
    run("config", "bulletin.issuer", "督查室 <&> \"'", db=db)
    run("report", "--quarter", "2023Q4", "--format", "docx", "--lang", "zh", "--detail",
        "--out", out("h.docx"), db=db)
    check_xml_parts(out("h.docx"), "hostile")
    d = docx.Document(out("h.docx"))
    cells = {r.cells[0].text: r.cells[1].text for t in d.tables for r in t.rows}
    check(cells.get("211-10") == hostile["211-10"], "markup stays text: %r" % cells.get("211-10"))
    check(cells.get("211-13") == "a\ufffdb\ufffd[2Jc\ufffdd\ufffdevil\ufffde\ufffd f\ufffdg"
          "\ufffdh", "controls made U+FFFD: %r" % cells.get("211-13"))
    check(d.core_properties.author == "督查室 <&> \"'", "core properties escaped: %r" %
          d.core_properties.author)
    check(any(p.text == "督查室 <&> \"'" for p in d.paragraphs), "signature escaped")


def test_caps():
    """A summary shows 20 rows of a list and counts the rest, as the HTML
    does; --detail shows them all. A fresh store: 25 without a check-in."""
    db = out("c.db")
    run("seed", db=db)
    for name, extra in (("cap.docx", []), ("all.docx", ["--detail"])):
        run("report", "--quarter", "2023Q3", "--format", "docx", "--lang", "zh", *extra,
            "--out", out(name), db=db)
    tabs = tables_by_heading(docx.Document(out("cap.docx")))
    rows = tabs["（三）本期未报送进展（25项）"]
    paras = [p.text for p in docx.Document(out("cap.docx")).paragraphs]
    check(len(rows) == 21 and "……等另外5项（按单位分别通报时逐项列出）。" in paras,
          "capped at 20 rows and the rest counted: %d rows" % (len(rows) - 1))
    rows = tables_by_heading(docx.Document(out("all.docx")))["（三）本期未报送进展（25项）"]
    check(len(rows) == 26, "--detail: every row (%d)" % (len(rows) - 1))


def test_settings_and_usage():
    run("config", "bulletin.doc_no", "慈督〔{year}〕第{quarter}期")
    run("config", "bulletin.addressee", "")
    run("config", "bulletin.masthead", "慈溪市人民政府督查室")
    run("report", "--quarter", "2023Q3", "--format", "docx", "--lang", "zh",
        "--out", out("s.docx"))
    paras = [p.text for p in docx.Document(out("s.docx")).paragraphs if p.text]
    check(paras[:2] == ["慈溪市人民政府督查室", "慈督〔2023〕第3期"], "settings: %s" % paras[:2])
    check(not any(p.endswith("：") and "单位" in p for p in paras[:5]), "no addressee")
    for key, value in (("bulletin.doc_no", "督通〔{year}〕{num}号"), ("bulletin.issuer", ""),
                       ("bulletin.masthead", "督查\x1b室")):
        p = run("config", key, value, ok=False, text=True)
        check(p.returncode == 3 and p.stderr.count("\n") == 1 and key in p.stderr,
              "bad %s: one line, exit 3: %s" % (key, p.stderr))
    # Bytes for a word processor never go to a terminal.
    master, slave = pty.openpty()
    env = dict(os.environ, TRACKER_DB=DB, TRACKER_NOW=Q4_AT)
    p = subprocess.run([TRACKER, "report", "--format", "docx", "--quarter", "2023Q3"],
                       stdout=slave, stderr=subprocess.PIPE, env=env, text=True)
    os.close(slave)
    os.close(master)
    check(p.returncode == 2 and "--out" in p.stderr, "docx to a terminal: %s" % p.stderr)
    # The same report at the same moment is the same bytes; English too.
    for lang in ("zh", "en"):
        run("report", "--quarter", "2023Q4", "--format", "docx", "--lang", lang,
            "--out", out("a.docx"))
        run("report", "--quarter", "2023Q4", "--format", "docx", "--lang", lang,
            "--out", out("b.docx"))
        check(open(out("a.docx"), "rb").read() == open(out("b.docx"), "rb").read(),
              "%s: reproducible" % lang)
    check(docx.Document(out("a.docx")).paragraphs[4].text.startswith("Bulletin on"),
          "English title")


def main():
    subprocess.run(["sh", os.path.join(SRC, "reports/samples/checkins.sh"), TRACKER,
                    WORK, DB], check=True, env=dict(os.environ, TZ="Asia/Shanghai"))
    run("report", "--quarter", "2023Q4", "--format", "docx", "--lang", "zh",
        "--out", out("q4.docx"))
    run("report", "--quarter", "2023Q4", "--format", "json", "--lang", "zh",
        "--out", out("q4.json"))
    check(open(out("q4.docx"), "rb").read() ==
          open(os.path.join(SRC, "reports/samples/report-2023Q4.docx"), "rb").read(),
          "the sample bulletin is what the scenario makes")
    rep = json.load(open(out("q4.json"), encoding="utf-8"))
    check_xml_parts(out("q4.docx"), "seed")
    d = docx.Document(out("q4.docx"))
    test_layout(d)
    test_text(d, rep)
    test_tables(d, rep)
    test_full()
    test_hostile()
    test_caps()
    test_settings_and_usage()
    shutil.rmtree(WORK, ignore_errors=True)
    print("ok (%d checks)" % checks)


main()
