#!/usr/bin/python3
"""ics_test.py CASE TRACKER ICS_DUMP - `tracker export ics` end to end.

Each case builds a fresh database from the seed letter in a temporary
directory, exports, and checks the output with two independent parsers:
libical (through ics_dump) and python3-icalendar; calcurse imports it too.
The clock is fixed with TRACKER_NOW so the runs are reproducible."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import icalendar

CASE, TRACKER, ICS_DUMP = sys.argv[1], sys.argv[2], sys.argv[3]
TMP = tempfile.mkdtemp(prefix="ics-test-")
ENV = dict(os.environ, TRACKER_DB=os.path.join(TMP, "t.db"), TRACKER_NOW="2023-09-30",
           NO_COLOR="1", TZ="Asia/Shanghai")
FAILURES = []

# Titles that exercise escaping and folding; imported beside the seed.
NASTY_TITLE = "逗号, 分号; 反斜杠\\ 换行\n第二行 <script>alert(1)</script>"
LONG_TITLE = "x" + "推动制造业企业数字化转型全覆盖𠀀" * 12
EXTRA = {
    "format": "tracker/1",
    "owners": [{"name": "测试/部门:甲*乙?", "aliases": []},
               {"name": ".隐藏局", "aliases": []}],
    "letters": [{
        "doc_no": "测试〔2023〕1号", "title": "测试答复", "date": "2023-07-01",
        "commitments": [
            {"key": "T-1", "quote": NASTY_TITLE, "title": NASTY_TITLE.replace("\n", " "),
             "owner": "测试/部门:甲*乙?", "kind": "milestone", "due": "2023-11-30"},
            {"key": "T-2", "quote": LONG_TITLE * 2, "title": LONG_TITLE,
             "owner": ".隐藏局", "co_owners": ["测试/部门:甲*乙?"], "kind": "quantitative",
             "target": {"value": 800, "unit": "台", "comparator": ">="},
             "due": "2024-06-30"},
        ]}],
}


def check(cond, what):
    if not cond:
        FAILURES.append(what)
        print("FAIL:", what, file=sys.stderr)


def tracker(*args, ok=True, env=None):
    p = subprocess.run([TRACKER, *args], capture_output=True, env=env or ENV)
    if ok and p.returncode != 0:
        raise SystemExit("tracker %s failed (%d): %s" % (" ".join(args), p.returncode,
                                                        p.stderr.decode()))
    return p


def seed(extra=False):
    tracker("seed")
    if extra:
        path = os.path.join(TMP, "extra.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(EXTRA, f, ensure_ascii=False)
        tracker("import", path)


def export(*args, env=None):
    """Exports to a file with --out; returns (bytes, stderr text)."""
    path = os.path.join(TMP, "out.ics")
    p = tracker("export", "ics", "--out", path, *args, env=env)
    with open(path, "rb") as f:
        return f.read(), p.stderr.decode()


def libical(data):
    """Components as libical reads them: dicts from ics_dump."""
    path = os.path.join(TMP, "dump.ics")
    with open(path, "wb") as f:
        f.write(data)
    p = subprocess.run([ICS_DUMP, path], capture_output=True, text=True)
    check(p.returncode == 0, "libical parses without errors: " + p.stderr)
    rows = []
    for line in p.stdout.splitlines():
        kind, uid, seq, start, end, triggers, summary = line.split("\t")
        rows.append(dict(kind=kind, uid=uid, seq=int(seq), start=start, end=end,
                         triggers=[] if triggers == "-" else triggers.split(","),
                         summary=summary))
    return rows


def python(data):
    cal = icalendar.Calendar.from_ical(data)
    return cal, [c for c in cal.subcomponents]


def escape_line(s):
    return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")


def commitments():
    return json.loads(tracker("list", "--json").stdout)


def kinds(rows, kind):
    return [r for r in rows if r["kind"] == kind]


# ---- cases ----------------------------------------------------------------

def case_counts_uids():
    seed()
    cs = commitments()
    dated = [c for c in cs if c["due"]]
    uid_of = {c["uid"]: c for c in cs}
    ev, err = export()
    rows = libical(ev)
    check(len(rows) == len(dated) == 7, "one VEVENT per dated commitment: %d" % len(rows))
    check(all(r["kind"] == "VEVENT" for r in rows), "events only by default")
    check({r["uid"] for r in rows} == {c["uid"] for c in dated}, "event UID = stored uid")
    check(all(r["start"] == uid_of[r["uid"]]["due"].replace("-", "") for r in rows),
          "DTSTART is the due date")
    check("18 commitments have no due date" in err, "stderr notes undated: " + err)

    todo = libical(export("--todo")[0])
    check(len(todo) == 25 and all(r["kind"] == "VTODO" for r in todo), "one VTODO each")
    check({r["uid"] for r in todo} == {"todo-" + c["uid"] for c in cs}, "VTODO UIDs derived")
    check(sum(r["end"] != "-" for r in todo) == 7, "DUE only where there is a due date")

    both_data = export("--both")[0]
    both = libical(both_data)
    check(len(kinds(both, "VEVENT")) == 7 and len(kinds(both, "VTODO")) == 25, "--both counts")
    uids = [r["uid"] for r in both]
    check(len(uids) == len(set(uids)), "UIDs unique within a file")
    cal, comps = python(both_data)
    for c in comps:
        if c.name == "VTODO" and "DUE" in c:
            check(str(c["RELATED-TO"]) == str(c["UID"])[len("todo-"):],
                  "VTODO RELATED-TO its event")
        if c.name == "VEVENT":
            check(str(c["RELATED-TO"]) == "todo-" + str(c["UID"]), "VEVENT RELATED-TO its todo")

    # Stable across exports: same clock gives the same bytes; a later clock
    # changes DTSTAMP only.
    check(export("--both")[0] == both_data, "identical output for the same clock")
    later = dict(ENV, TRACKER_NOW="2023-10-15T08:00:00Z")
    again = libical(export("--both", env=later)[0])
    check([(r["uid"], r["seq"]) for r in again] == [(r["uid"], r["seq"]) for r in both],
          "same UIDs and SEQUENCE on a later export")
    check(b"DTSTAMP:20231015T080000Z" in export(env=later)[0], "DTSTAMP from TRACKER_NOW")

    data = export("--checkins", "--no-alarms")[0]
    ck = [r for r in libical(data) if r["uid"].startswith("checkin-")]
    # One event per department and reporting day: four departments lead
    # work without a due date, shown for the next four quarters.
    check(len(ck) == 4 * 4, "check-in days: %d" % len(ck))
    check(len({r["uid"] for r in ck}) == len(ck), "one UID per department and quarter")
    check({r["start"] for r in ck} == {"20231225", "20240325", "20240625", "20240925"},
          "check-in days on the 25th of each quarter's last month")
    descs = {str(c["SUMMARY"]): str(c["DESCRIPTION"]) for c in python(data)[1]
             if str(c["UID"]).startswith("checkin-")}
    q4 = descs.get("进展填报：经信局（2023年第四季度）", "")
    q1 = descs.get("进展填报：经信局（2024年第一季度）", "")
    mine = [c["key"] for c in cs if c["owner"] == "慈溪市经济和信息化局"]
    check(mine and all(k in q4 for k in mine), "the department's day lists all it leads: " + q4)
    check("211-14" not in q1 and "211-16" in q1, "a commitment leaves the list after its due date")
    again = [r for r in libical(export("--checkins", "--no-alarms")[0])
             if r["uid"].startswith("checkin-")]
    check([r["uid"] for r in again] == [r["uid"] for r in ck], "reporting-day UIDs are stable")


def case_sequence():
    seed()
    before = {r["uid"]: r for r in libical(export("--both")[0])}
    key_uid = {c["key"]: c["uid"] for c in commitments()}
    u14 = key_uid["211-14"]
    tracker("edit", "211-14", "--due", "2024-03-31", "--reason", "x")
    after = {r["uid"]: r for r in libical(export("--both")[0])}
    check(before.keys() == after.keys(), "same UIDs after an edit")
    for uid, r in after.items():
        grew = r["seq"] > before[uid]["seq"]
        changed = uid in (u14, "todo-" + u14)
        check(grew == changed, "SEQUENCE grows only for 211-14: %s %d -> %d" %
              (uid, before[uid]["seq"], r["seq"]))
    check(after[u14]["start"] == "20240331" and after["todo-" + u14]["end"] == "20240331",
          "new deadline exported")

    # A check-in changes the text and LAST-MODIFIED, not SEQUENCE.
    logged = dict(ENV, TRACKER_NOW="2023-10-02T09:30:00Z")
    tracker("log", "211-14", "--value", "320", "--as-of", "2023-06-30", env=logged)
    data = export(env=logged)[0]
    rows = {r["uid"]: r for r in libical(data)}
    check(rows[u14]["seq"] == after[u14]["seq"], "a check-in keeps SEQUENCE")
    check(rows[u14]["summary"] == "新增工业机器人800台",
          "SUMMARY is the title, no progress to go stale: " + rows[u14]["summary"])
    check(after[u14]["summary"] == rows[u14]["summary"], "a check-in leaves the title alone")
    ev = next(c for c in python(data)[1] if str(c["UID"]) == u14)
    check(ev.decoded("LAST-MODIFIED").isoformat() == "2023-10-02T09:30:00+00:00",
          "a check-in moves LAST-MODIFIED")
    desc = str(ev["DESCRIPTION"])
    for part in ("新增工业机器人800台以上", "慈经信建〔2023〕3号", "2023-06-13", "320/800 台",
                 "慈溪市经济和信息化局", "≥ 800 台", "40%", "最近进展：2023-06-30 数值 320"):
        check(part in desc, "DESCRIPTION has %r" % part)


def case_alarms():
    seed()
    rows = libical(export()[0])
    check(all(r["triggers"] == ["-P30D", "-P7D", "-P1D"] for r in rows),
          "three default reminders per deadline")
    todo = [r for r in libical(export("--todo")[0]) if r["end"] != "-"]
    check(all(r["triggers"] == ["-P30D@END", "-P7D@END", "-P1D@END"] for r in todo),
          "VTODO reminders are RELATED=END")
    undated = [r for r in libical(export("--todo")[0]) if r["end"] == "-"]
    check(all(r["triggers"] == [] for r in undated), "no reminder without a DUE to anchor it")
    data = export("--alarm", "2w,12h,3d")[0]
    check(all(r["triggers"] == ["-P2W", "-PT12H", "-P3D"] for r in libical(data)),
          "--alarm 2w,12h,3d")
    for c in python(data)[1]:
        alarms = [a for a in c.subcomponents if a.name == "VALARM"]
        check(len(alarms) == 3, "python sees 3 VALARMs")
        check(all(str(a["ACTION"]) == "DISPLAY" and str(a["DESCRIPTION"]) for a in alarms),
              "ACTION:DISPLAY with a DESCRIPTION")
    data = export("--no-alarms", "--both", "--checkins")[0]
    check(b"VALARM" not in data, "--no-alarms writes no VALARM")
    tracker("status", "211-14", "done", "--reason", "finished")
    rows = {r["summary"]: r for r in libical(export()[0])}
    done = [r for s, r in rows.items() if s.startswith("[已完成]")]
    check(len(done) == 1 and done[0]["triggers"] == [], "done: kept, no reminders")
    # Reminders that have gone off by the export are left out: at 23:00 on
    # 2023-12-29 (Beijing) only the 1-day reminder of a 12-31 deadline is ahead.
    late = dict(ENV, TRACKER_NOW="2023-12-29T15:00:00Z")
    rows = [r for r in libical(export(env=late)[0])
            if r["start"] == "20231231" and not r["summary"].startswith("[")]
    check(rows and all(r["triggers"] == ["-P1D"] for r in rows),
          "passed reminders dropped: %r" % [r["triggers"] for r in rows])
    rows = [r for r in libical(export("--todo", env=late)[0])
            if r["end"] == "20231231" and not r["summary"].startswith("[")]
    check(rows and all(r["triggers"] == ["-P1D@END"] for r in rows), "to-dos too")
    later = dict(ENV, TRACKER_NOW="2023-12-30T00:00:00Z")
    rows = [r for r in libical(export(env=later)[0]) if r["start"] == "20231231"]
    check(rows and all(r["triggers"] == [] for r in rows), "all passed at 08:00 on 12-30")
    # A reporting day's 09:00 reminder is gone after 09:00 that day.
    day = dict(ENV, TRACKER_NOW="2023-12-25T02:00:00Z")
    ck = [r for r in libical(export("--checkins", env=day)[0])
          if r["uid"].startswith("checkin-2023Q4")]
    check(ck and all(r["triggers"] == [] for r in ck), "10:00 on the day: no reminder")
    # Past its deadline an open commitment is marked in the title.
    after = dict(ENV, TRACKER_NOW="2024-01-02T00:00:00Z")
    titles = [r["summary"] for r in libical(export("--due-before", "2023-12-31", env=after)[0])]
    check(titles and all(t.startswith("[逾期] ") or t.startswith("[已完成] ") for t in titles)
          and any(t.startswith("[逾期] ") for t in titles), "overdue marked: %r" % titles)


def case_folding():
    seed(extra=True)
    for args in ([], ["--both", "--checkins"]):
        data = export(*args)[0]
        check(data.endswith(b"\r\n"), "ends with CRLF")
        lines = data.split(b"\r\n")[:-1]
        check(all(b"\n" not in l and b"\r" not in l for l in lines), "CRLF only, no bare LF")
        check(all(len(l) <= 75 for l in lines),
              "lines <= 75 octets: max %d" % max(len(l) for l in lines))
        bad = 0
        for l in lines:
            try:
                l.decode("utf-8")
            except UnicodeDecodeError:
                bad += 1
        check(bad == 0, "every physical line is valid UTF-8 on its own (%d bad)" % bad)
        check(sum(l.startswith(b" ") for l in lines) > 10, "long lines were folded")
        summaries = [r["summary"] for r in libical(data)]
        check(any(s == LONG_TITLE for s in summaries),
              "libical unfolds the long title intact")
        py = [str(c["SUMMARY"]) for c in python(data)[1]]
        check(any(s.startswith(LONG_TITLE) for s in py), "python unfolds it intact")


def case_escaping():
    seed(extra=True)
    data = export()[0]
    unfolded = data.replace(b"\r\n ", b"").decode("utf-8")
    # SUMMARY is one line (calcurse refuses line breaks there); DESCRIPTION
    # keeps the newline, escaped.
    one_line = NASTY_TITLE.replace("\n", " ")
    want = ("SUMMARY:逗号\\, 分号\\; 反斜杠\\\\ 换行 第二行 "
            "<script>alert(1)</script>")
    check(want in unfolded, "TEXT escaped as RFC 5545 says")
    check("DESCRIPTION:原文：逗号\\, 分号\\; 反斜杠\\\\ 换行\\n第二行 <script>" in unfolded,
          "newline escaped as \\n")
    rows = libical(data)
    check(escape_line(one_line) in [r["summary"] for r in rows], "libical reads it back")
    comps = python(data)[1]
    ev = next(c for c in comps if str(c["SUMMARY"]) == one_line)
    check(str(ev["DESCRIPTION"]).startswith("原文：" + NASTY_TITLE), "DESCRIPTION round trip")
    cats = ev["CATEGORIES"].cats
    check(len(cats) == 3 and cats[0] == "测试/部门:甲*乙?", "CATEGORIES: owner, kind, health: %r"
          % (cats,))
    cal = icalendar.Calendar.from_ical(data)
    check("承诺事项截止日期" in str(cal["X-WR-CALNAME"]), "X-WR-CALNAME")
    for prop in ("PRODID", "VERSION", "CALSCALE"):
        check(prop in cal, "VCALENDAR has " + prop)
    check("METHOD" not in cal, "no METHOD in a download file")
    # Owners named with , ; \ must not split CATEGORIES or X-WR-CALNAME.
    tracker("owners", "add", "甲,乙;丙\\丁")
    tracker("edit", "T-1", "--owner", "甲,乙;丙\\丁", "--reason", "x")
    data = export("--owner", "甲,乙;丙\\丁")[0]
    cal = icalendar.Calendar.from_ical(data)
    cats = cal.subcomponents[0]["CATEGORIES"].cats
    check(len(cats) == 3 and cats[0] == "甲，乙；丙＼丁", "unsafe owner kept as one category: %r"
          % (cats,))
    check(str(cal["X-WR-CALNAME"]).endswith("甲，乙；丙＼丁"), "calendar name made safe")


def case_python():
    seed(extra=True)
    for args in ([], ["--todo"], ["--both", "--checkins"], ["--both", "--open-only"]):
        data = export(*args)[0]
        rows = libical(data)
        comps = python(data)[1]
        check(len(rows) == len(comps), "%s: same number of components" % args)
        for r, c in zip(rows, comps):
            check(r["kind"] == c.name and r["uid"] == str(c["UID"]), "same kind and UID")
            check(r["seq"] == int(c["SEQUENCE"]), "same SEQUENCE")
            check(r["summary"] == escape_line(str(c["SUMMARY"])), "same SUMMARY")
            for prop in ("DTSTAMP", "CREATED", "LAST-MODIFIED", "DESCRIPTION", "CATEGORIES"):
                check(prop in c, "%s has %s" % (r["uid"], prop))
            if c.name == "VEVENT":
                start, end = c.decoded("DTSTART"), c.decoded("DTEND")
                check(type(start).__name__ == "date", "DTSTART is a DATE")
                check((end - start).days == 1, "DTEND is the next day")
                check(str(c["TRANSP"]) == "TRANSPARENT", "TRANSP")
            else:
                check(str(c["STATUS"]) in ("NEEDS-ACTION", "IN-PROCESS", "COMPLETED",
                                           "CANCELLED"), "VTODO STATUS")
                if "DUE" in c:
                    check(type(c.decoded("DUE")).__name__ == "date", "DUE is a DATE")
            check(len([a for a in c.subcomponents if a.name == "VALARM"]) ==
                  len(r["triggers"]), "same number of alarms")


def case_todo_states():
    seed()
    tracker("status", "211-14", "done", "--reason", "ok",
            env=dict(ENV, TRACKER_NOW="2023-10-05T10:00:00Z"))
    tracker("status", "211-12", "cancelled", "--reason", "dropped")
    tracker("status", "211-11", "in_progress", "--reason", "started")
    tracker("log", "211-15", "--value", "12", "--as-of", "2023-09-01")
    data = export("--both")[0]
    by_title = {}
    for c in python(data)[1]:
        by_title.setdefault(str(c["SUMMARY"]).split(" ")[-1], []).append(c)
    todos = {str(c["UID"]): c for c in python(data)[1] if c.name == "VTODO"}
    uid = {c["key"]: "todo-" + c["uid"] for c in commitments()}
    check(str(todos[uid["211-14"]]["STATUS"]) == "COMPLETED", "done -> COMPLETED")
    check(todos[uid["211-14"]].decoded("COMPLETED").isoformat() == "2023-10-05T10:00:00+00:00",
          "COMPLETED is when it was marked done")
    check(int(todos[uid["211-14"]]["PERCENT-COMPLETE"]) == 100, "done is 100%")
    check(str(todos[uid["211-12"]]["STATUS"]) == "CANCELLED", "cancelled -> CANCELLED")
    check(str(todos[uid["211-11"]]["STATUS"]) == "IN-PROCESS", "in_progress -> IN-PROCESS")
    check(str(todos[uid["211-10"]]["STATUS"]) == "NEEDS-ACTION", "open -> NEEDS-ACTION")
    check(int(todos[uid["211-15"]]["PERCENT-COMPLETE"]) == 40, "12/30 is 40%")
    events = [c for c in python(data)[1] if c.name == "VEVENT"]
    check(sum(str(c.get("STATUS", "")) == "CANCELLED" for c in events) == 1,
          "a cancelled deadline is STATUS:CANCELLED")
    open_only = libical(export("--both", "--open-only")[0])
    check(len(open_only) == len(libical(data)) - 4, "--open-only leaves done and cancelled out")


def case_calcurse():
    seed(extra=True)
    if not shutil.which("calcurse"):
        raise SystemExit("calcurse is not installed")
    for args in ([], ["--both", "--checkins"]):
        data = export(*args)[0]
        rows = libical(data)
        events, todos = len(kinds(rows, "VEVENT")), len(kinds(rows, "VTODO"))
        check(events >= 9 and todos == (27 if args else 0), "export counts")
        path = os.path.join(TMP, "cal.ics")
        with open(path, "wb") as f:
            f.write(data)
        home = tempfile.mkdtemp(dir=TMP)
        p = subprocess.run(["calcurse", "-D", home, "-C", home, "-i", path],
                           capture_output=True, text=True)
        out = p.stdout + p.stderr
        m = re.search(r"(\d+) apps / (\d+) events / (\d+) todos / (\d+) skipped", out)
        check(p.returncode == 0 and m is not None, "calcurse -i runs: " + out)
        if m:
            check(int(m.group(4)) == 0, "calcurse skips nothing: " + out)
            check(int(m.group(2)) == events and int(m.group(3)) == todos,
                  "%s: calcurse imports every entry: %s" % (args, m.group(0)))
        if not args:
            with open(os.path.join(home, "apts"), encoding="utf-8") as f:
                days = sorted(line.split(" ")[0] for line in f)
            want = sorted("%s/%s/%s" % (r["start"][4:6], r["start"][6:], r["start"][:4])
                          for r in rows)
            check(days == want, "calcurse shows each deadline on its day: %r" % days)


def case_bad_input():
    seed()
    out = os.path.join(TMP, "bad.ics")
    for args, what in ((["--alarm", "5x"], "--alarm"),
                       (["--alarm", "7d", "--no-alarms"], "--no-alarms"),
                       (["--owner", "不存在的局"], "不存在的局"),
                       (["--status", "finished"], "finished"),
                       (["--due-before", "2023-02-30"], "2023-02-30"),
                       (["--split-by", "letter", "--out-dir", TMP], "--split-by")):
        p = tracker("export", "ics", "--out", out, *args, ok=False)
        err = p.stderr.decode()
        check(p.returncode != 0, "%s fails" % args)
        lines = err.splitlines()
        check(err.startswith("tracker: ") and what in lines[0] and
              all(l.startswith("usage: ") for l in lines[1:]) and len(lines) <= 2,
              "%s: one clear line (and the usage line after a usage error): %r" % (args, err))
        check(not os.path.exists(out), "%s: no file left behind" % args)
    # An existing file is not touched by a failed export.
    with open(out, "w") as f:
        f.write("old")
    tracker("export", "ics", "--out", out, "--alarm", "0x", ok=False)
    check(open(out).read() == "old", "a failed export keeps the old file")
    os.unlink(out)
    p = tracker("export", "ics", "--out", "/nonexistent-dir/x.ics", ok=False)
    check(p.returncode != 0 and "/nonexistent-dir/x.ics" in p.stderr.decode(),
          "unwritable --out: " + p.stderr.decode())
    ro = os.path.join(TMP, "ro")
    os.mkdir(ro, 0o555)
    if os.geteuid() != 0:
        p = tracker("export", "ics", "--out", os.path.join(ro, "x.ics"), ok=False)
        check(p.returncode != 0 and os.listdir(ro) == [], "read-only dir: nothing left")
    check([f for f in os.listdir(TMP) if ".tmp-" in f] == [], "no temporary files left")
    # An empty selection is an error (not found), and no file is written;
    # so is a selection with nothing dated. --allow-empty writes one.
    for args, what in ((["--status", "cancelled"], "no commitments match"),
                       (["--owner", "卫健局"], "1 commitment matches, none with a due date")):
        p = tracker("export", "ics", "--out", out, *args, ok=False)
        check(p.returncode == 4, "%s: exit 4, got %d" % (args, p.returncode))
        check(what in p.stderr.decode(), "%s: says why: %r" % (args, p.stderr.decode()))
        check(not os.path.exists(out), "%s: no file written" % args)
        p = tracker("export", "ics", *args, ok=False)
        check(p.returncode == 4 and p.stdout == b"", "%s: nothing on stdout" % args)
    data, err = export("--status", "cancelled", "--allow-empty")
    check(b"BEGIN:VCALENDAR" in data and b"END:VCALENDAR" in data and
          b"BEGIN:V" not in data.replace(b"BEGIN:VCALENDAR", b""), "--allow-empty: empty calendar")
    check("--allow-empty" in err, "empty calendar noted: " + err)
    check(libical(data) == [] and python(data)[1] == [], "empty calendar parses")


def case_split():
    seed(extra=True)
    d = os.path.join(TMP, "split")
    p = tracker("export", "ics", "--both", "--split-by", "owner", "--out-dir", d)
    files = sorted(os.listdir(d))
    check(files == sorted(["慈溪市经济和信息化局.ics", "慈溪市商务局.ics", "慈溪市卫生健康局.ics",
                           "慈溪市人力资源和社会保障局.ics", "慈溪市发展和改革局.ics",
                           "慈溪市财政局.ics", "测试_部门_甲_乙_.ics", "_隐藏局.ics"]),
          "one safe file per department: %r" % files)
    total = 0
    for name in files:
        with open(os.path.join(d, name), "rb") as f:
            data = f.read()
        rows = libical(data)
        total += len(kinds(rows, "VTODO"))
        cal = icalendar.Calendar.from_ical(data)
        check(name[:-4].lstrip("_") in str(cal["X-WR-CALNAME"]).replace("/", "_")
              .replace(":", "_").replace("*", "_").replace("?", "_"),
              "calendar name names the department: " + str(cal["X-WR-CALNAME"]))
    # A commitment is in its lead's file and each co-owner's file.
    want = sum(1 + len(c["co_owners"]) for c in commitments())
    check(total == want, "every commitment in each of its departments' files: %d/%d"
          % (total, want))
    check(p.stderr.decode().count("exported") == len(files), "one note per file")
    # Deadlines only: a department with nothing dated gets no file, and a
    # note says so.
    d2 = os.path.join(TMP, "split2")
    p = tracker("export", "ics", "--split-by", "owner", "--out-dir", d2)
    files = sorted(os.listdir(d2))
    check("慈溪市卫生健康局.ics" not in files and "慈溪市商务局.ics" in files,
          "departments with nothing dated skipped: %r" % files)
    check("慈溪市卫生健康局: nothing dated" in p.stderr.decode(), "skip noted: " + p.stderr.decode())
    for name in files:
        with open(os.path.join(d2, name), "rb") as f:
            check(libical(f.read()) != [], "no empty calendar: " + name)
    p = tracker("export", "ics", "--split-by", "owner", "--out-dir", os.path.join(TMP, "s3"),
                "--status", "cancelled", ok=False)
    check(p.returncode == 4, "split of nothing: exit 4")
    p = tracker("export", "ics", "--split-by", "owner", ok=False)
    check(p.returncode != 0 and "--out-dir" in p.stderr.decode(), "--split-by needs --out-dir")


def components_by_uid(data):
    """Each component's text (unfolded lines, VALARMs inside) by its UID."""
    text = data.replace(b"\r\n ", b"").decode()
    blocks = re.findall(r"^BEGIN:(VEVENT|VTODO)\r\n(.*?)^END:\1\r\n", text, re.S | re.M)
    return {re.search(r"^UID:([^\r\n]*)", body, re.M).group(1): body for _, body in blocks}


def case_reuse():
    # A whole-store calendar fills printed events again (ics_piece.h): each
    # must come out as the same commitment alone, in a calendar of one,
    # prints it. Shapes change from one to the next: cancelled (STATUS),
    # done (no reminders), reminders partly passed, co-owners, long texts.
    statuses = ["open", "cancelled", "open", "done", "in_progress", "open", "blocked"]
    dues = ["2023-10-05", "2023-12-31", None, "2024-03-31", "2023-10-20", "2025-06-30"]
    items = []
    for i in range(160):
        c = {"key": "R-%d" % i, "quote": "第%d项承诺。" % i + "很长的原文" * (i % 7) * 9,
             "title": "第%d项, 分号; 标题" % i, "owner": "甲局" if i % 3 else "乙局",
             "kind": "milestone", "status": statuses[i % len(statuses)]}
        if dues[i % len(dues)]:
            c["due"] = dues[i % len(dues)]
        if i % 4 == 0:
            c["co_owners"] = ["乙局" if c["owner"] == "甲局" else "甲局"]
        if i % 5 == 0:
            c.update(kind="quantitative", target={"value": i + 1, "unit": "台", "comparator": ">="})
        items.append(c)
    data = {"format": "tracker/1",
            "owners": [{"name": "甲局", "aliases": []}, {"name": "乙局", "aliases": []}],
            "letters": [{"doc_no": "重用〔2023〕1号", "date": "2023-07-01", "commitments": items}]}
    path = os.path.join(TMP, "reuse.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False)
    tracker("import", path)
    tracker("log", "R-10", "--value", "3", "--as-of", "2023-09-01", "--note", "进展\t说明")
    # Mid-October: the 30-day reminder of 10-20 is past, 7 and 1 days are not.
    env = dict(ENV, TRACKER_NOW="2023-10-10T00:00:00Z")
    for args in (["--alarm", "30d,7d,1d"], ["--both", "--alarm", "2w,1d"]):
        whole = components_by_uid(export(*args, env=env)[0])
        check(len(whole) >= 100, "enough entries to reuse printed ones: %d" % len(whole))
        alone = {}
        for c in items:
            alone.update(components_by_uid(export("--key", c["key"], "--allow-empty", *args,
                                                    env=env)[0]))
        check(whole.keys() == alone.keys(), "the same entries, whole or one by one")
        diff = [u for u in whole if whole[u] != alone.get(u)]
        check(not diff, "%s: %d entries differ from their export alone, first %r"
              % (" ".join(args), len(diff), diff[:1]))


CASES = {name[5:]: fn for name, fn in globals().items() if name.startswith("case_")}

if __name__ == "__main__":
    try:
        CASES[CASE]()
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
    if FAILURES:
        print("%d checks failed in %s" % (len(FAILURES), CASE), file=sys.stderr)
        sys.exit(1)
