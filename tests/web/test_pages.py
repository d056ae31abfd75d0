#!/usr/bin/python3
"""test_pages.py TRACKER SEEDS_DIR STYLE_CSS - the pages without a browser
(http.client, Debian's python3 standard library): the sign-in form and its
session cookie, CSRF refused on every kind of form, the forms' error paths
(the error beside its field, what was typed kept, nothing written: the
chain head of `tracker check --head`), the hostile-text corpus of
tests/reliability through every page (imported with the admin's form, then
control characters written behind tracker's back), the language, the
structure and labels of every page, and the contrast of the health colours
(WCAG 2.1 AA, from style.css)."""
import html.parser
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "server"))
from serverlib import Checks, PageSession, Server, field_error, page_sessions  # noqa: E402

TRACKER, SEEDS, STYLE = sys.argv[1], sys.argv[2], sys.argv[3]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class Structure(html.parser.HTMLParser):
    """What a validator and an accessibility checker would complain of
    first: unbalanced elements, duplicate ids, form controls without a
    label, a page without a language or a title, a script."""
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.ids, self.labels, self.controls = [], set(), set(), []
        self.problems, self.lang, self.title, self.doctype = [], None, False, False

    def handle_decl(self, decl):
        self.doctype = decl.lower() == "doctype html"

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "title":
            self.title = True
        if tag == "script" and (a.get("src") != "/static/app.js" or "defer" not in a):
            self.problems.append("a script other than /static/app.js, deferred")
        if a.get("id"):
            if a["id"] in self.ids:
                self.problems.append(f"duplicate id {a['id']}")
            self.ids.add(a["id"])
        if tag == "label" and a.get("for"):
            self.labels.add(a["for"])
        if tag in ("select", "textarea") or (tag == "input" and a.get("type") not in ("hidden", "submit")):
            self.controls.append(a.get("id"))
        if any(k.startswith("on") for k in a):
            self.problems.append(f"an event attribute on <{tag}>")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else '-'}>")
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()

    def check(self):
        if self.stack:
            self.problems.append(f"unclosed {self.stack}")
        for c in self.controls:
            if not c or c not in self.labels:
                self.problems.append(f"a form control without a label: {c}")
        if not self.lang:
            self.problems.append("no lang on <html>")
        if not self.title or not self.doctype:
            self.problems.append("no <title> or no <!DOCTYPE html>")
        return self.problems


def structure(t, page, what):
    p = Structure()
    p.feed(page)
    problems = p.check()
    t.eq(problems, [], f"{what}: HTML structure and labels")
    tidy(t, page, what)


# What HTML Tidy 5.6 (Debian 12) says of valid HTML5 it does not know:
# WAI-ARIA's aria-current and HTML's inputmode are in the standard; the
# report's colour dots are empty spans on purpose.
TIDY_KNOWN = ('proprietary attribute "aria-current"', 'proprietary attribute "inputmode"',
              "trimming empty <span>")


def tidy(t, page, what):
    """HTML Tidy's errors and warnings, when tidy is installed (Debian tidy)."""
    if not shutil.which("tidy"):
        return
    r = subprocess.run(["tidy", "-q", "-e", "-utf8"], input=page.encode(), capture_output=True)
    lines = [l for l in r.stderr.decode().splitlines() if l.strip() and not any(k in l for k in TIDY_KNOWN)]
    t.eq(lines, [], f"{what}: HTML Tidy finds nothing")


def inert(t, page, what):
    """No live markup from the data and no control character."""
    t.true("<script>alert" not in page.lower(), f"{what}: no live <script> from the data")
    t.true('onerror="' not in page, f"{what}: no live attribute from the data")
    bad = [c for c in page if (ord(c) < 0x20 and c not in "\n\t") or 0x7f <= ord(c) <= 0x9f
           or 0x202a <= ord(c) <= 0x202e or 0x2066 <= ord(c) <= 0x2069]
    t.eq(bad, [], f"{what}: no control or bidi character")


# ---- sign-in, sessions, CSRF -----------------------------------------------------------

def test_sign_in(s, t):
    ps = PageSession(s.port)
    st, h, page = ps.get("/c/211-14")
    t.eq((st, h.get("location")), (303, "/login?next=%2Fc%2F211-14"), "signed out: to the sign-in page")
    st, _, page = ps.get("/login?next=/c/211-14")
    t.eq(st, 200, "the sign-in page")
    structure(t, page, "sign-in page")
    t.true('name="user"' in page and 'name="password"' in page, "fields user and password")
    login_csrf = ps.csrf(page)
    # a sign-in form from elsewhere: no login cookie, so its token is nobody's
    other = PageSession(s.port)
    st, _, page = other.post("/login", {"csrf": login_csrf, "user": "jxj", "password": "jxj pass phrase"})
    t.eq(st, 403, "sign-in without the form's cookie: refused (login CSRF)")
    st, h, page = ps.post("/login", {"csrf": login_csrf, "user": "jxj", "password": "wrong", "next": "/c/211-14"})
    t.eq(st, 401, "a wrong password: 401")
    t.true("用户名或密码错误" in page and 'value="jxj"' in page, "the form again, the name kept, why")
    t.true("wrong" not in page, "the password typed is not written back")
    st, h, _ = ps.post("/login", {"csrf": login_csrf, "user": "jxj", "password": "jxj pass phrase",
                                  "next": "/c/211-14"})
    t.eq((st, h.get("location")), (303, "/c/211-14"), "signed in: back where it was going")
    cookie = h.get("set-cookie", "")
    t.true("HttpOnly" in cookie and "SameSite=Strict" in cookie and "Secure" not in cookie,
           f"the session cookie is HttpOnly, SameSite=Strict (no TLS here): {cookie}")
    first = ps.cookies.get("tracker_session")
    t.eq(PageSession(s.port).get("/")[0], 303, "no cookie: signed out")
    # open redirects: only paths of this server
    for nxt in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        p3 = PageSession(s.port)
        _, _, page = p3.get("/login")
        st, h, _ = p3.post("/login", {"csrf": p3.csrf(page), "user": "jxj", "password": "jxj pass phrase",
                                      "next": nxt})
        t.eq(h.get("location"), "/", f"next={nxt!r} is not followed")
    # signing out needs the form's token; then the session is gone
    st, _, _ = ps.post("/logout", {})
    t.eq(st, 403, "sign-out without csrf: refused")
    t.eq(ps.get("/")[0], 200, "still signed in after a refused sign-out")
    st, h, _ = ps.post("/logout", {"csrf": ps.signed_in_csrf()})
    t.eq((st, h.get("location")), (303, "/login"), "signed out")
    stale = PageSession(s.port)
    stale.cookies["tracker_session"] = first
    t.eq(stale.get("/")[0], 303, "the old session id no longer works")
    # a session id planted before the sign-in is replaced by a new one, and ends
    victim = PageSession(s.port)
    _, _, page = victim.get("/login")
    planted = PageSession(s.port)
    planted.sign_in("office", "office pass phrase")
    victim.cookies["tracker_session"] = planted.cookies["tracker_session"]
    victim.post("/login", {"csrf": victim.csrf(page), "user": "jxj", "password": "jxj pass phrase"})
    t.true(victim.cookies.get("tracker_session") not in (None, planted.cookies["tracker_session"]),
           "a new session id at every sign-in")
    t.eq(planted.get("/")[0], 303, "the planted session id ends")


def test_cap(s, t, sessions):
    """A list a person reads stops at 500 rows and says how many more."""
    n = 501
    text = "".join(f"第{i}项工作。" for i in range(n))
    doc = {"format": "tracker/1", "letters": [{
        "doc_no": "大〔2023〕1号", "title": "一份很长的答复", "date": "2023-06-13", "text": text,
        "commitments": [{"key": f"B-{i:03d}", "title": f"第{i}项", "quote": f"第{i}项工作", "owner": "经信局",
                         "kind": "milestone", "due": "2023-12-31"} for i in range(n)]}]}
    st, _, _ = s.request("POST", "/api/v1/import", s.tokens["office"], doc)
    t.eq(st, 201, "501 commitments imported")
    _, _, page = sessions["office"].get("/?lang=zh&owner=" + urllib.parse.quote("经信局") + "&sort=key")
    rows = re.findall(r'<td class="k"><a class="key" href="/c/', page)
    t.eq(len(rows), 500, "the table stops at 500 rows")
    t.true('<h2 id="all">全部承诺 <span class="count">514</span></h2>' in page, "the count says all 514")
    t.true("另有 14 项未列出" in page, "and how many more")


def serve_at(s, now):
    """Another `tracker serve` on the same record whose clock says now."""
    ready = os.path.join(s.dir, f"ready-{now}")
    log = open(os.path.join(s.dir, f"serve-{now}.log"), "w")
    proc = subprocess.Popen([s.tracker, "--db", s.db, "serve", "--listen", "127.0.0.1:0", "--ready-file",
                             ready], env=dict(s.env, TRACKER_NOW=now), stdout=log, stderr=log)
    for _ in range(200):
        if os.path.exists(ready) and open(ready).read().strip():
            return proc, log, int(open(ready).read())
        time.sleep(0.05)
    raise RuntimeError("the second server did not start")


def test_idle(s, t):
    """Signed out after 30 minutes without a request (the default), counted
    from the last request: the same session read by servers whose clocks
    are later."""
    ps = PageSession(s.port)
    ps.sign_in("jxj", "jxj pass phrase")
    t.eq(ps.get("/")[0], 200, "signed in at 10:00")
    for now, want, what in (("2023-10-10T02:29:00Z", 200, "10:29, idle 29 min: still signed in"),
                            ("2023-10-10T03:00:00Z", 303, "11:00, idle 31 min since 10:29: signed out")):
        proc, log, port = serve_at(s, now)
        try:
            ps.port = port
            t.eq(ps.get("/")[0], want, what)
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
            log.close()
    ps.port = s.port


def test_backoff(s, t):
    ps = PageSession(s.port)
    statuses = [ps.sign_in("leader", "wrong")[0] for _ in range(6)]
    t.eq(statuses, [401] * 5 + [429], "failed sign-ins are slowed as in the API (clock fixed)")
    _, h, page = ps.sign_in("leader", "wrong")
    t.true("retry-after" in h and "登录失败次数过多" in page and 'name="user"' in page,
           "429: the form again, with when to retry")


def test_csrf(s, t, sessions):
    jxj, office = sessions["jxj"], sessions["office"]
    before = s.head()
    forms = [("/c/211-14/checkin", {"value": "5", "as_of": "2023-09-30"}),
             ("/c/211-14/status", {"status": "blocked", "reason": "x"}),
             ("/calendar", {}), ("/logout", {})]
    for path, form in forms:
        for token, what in ((None, "none"), ("", "empty"), ("x" * 43, "made up"),
                            (office.signed_in_csrf(), "another session's")):
            f = dict(form)
            if token is not None:
                f["csrf"] = token
            st, _, page = jxj.post(path, f)
            t.eq(st, 403, f"POST {path} with {what} csrf: 403")
            t.true("表单已过期" in page, f"POST {path} with {what} csrf: says why")
    for path, form in [("/admin/users", {"name": "x", "role": "viewer"}), ("/admin/import", {"document": "{}"}),
                       ("/admin/users/swj/disable", {}), ("/admin/users/swj/token", {}),
                       ("/admin/aliases", {"owner": "经信局", "alias": "x"})]:
        t.eq(office.post(path, form)[0], 403, f"POST {path} without csrf: 403")
    # a form sent as JSON is not a form
    st, _, _ = jxj.request("POST", "/c/211-14/checkin", raw=b'{"value": 5}',
                           headers={"Content-Type": "application/json"})
    t.eq(st, 415, "a JSON body on a form route: 415")
    st, _, _ = jxj.request("POST", "/c/211-14/checkin", raw=b"value=%ZZ&csrf=" + jxj.signed_in_csrf().encode(),
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
    t.eq(st, 400, "a broken percent-encoding: 400")
    st, _, _ = jxj.request("POST", "/c/211-14/checkin", raw=b"note=%FF%FE&csrf=" + jxj.signed_in_csrf().encode(),
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
    t.eq(st, 400, "bytes that are not UTF-8: 400")
    t.eq(s.head(), before, "nothing written by any refused form")


# ---- the forms' error paths --------------------------------------------------------------

def post_checkin(ps, key, **form):
    form["csrf"] = ps.signed_in_csrf()
    return ps.post(f"/c/{key}/checkin", form)


def test_form_errors(s, t, sessions):
    jxj = sessions["jxj"]
    # The core's words in the page's language (Chinese unless asked).
    cases = [
        ({"value": "三百", "note": "保留这段说明"}, "value", "不是数字"),
        ({"value": "1e999"}, "value", None),
        ({"value": "-5"}, "value", "是负数"),
        ({"value": "10", "as_of": "2023-13-45"}, "as_of", None),
        ({"value": "10", "as_of": "2030-01-01"}, "as_of", "晚于今天"),
        ({"value": "10", "corrects": "0"}, "corrects", None),
        ({}, "value", None),   # nothing at all to report
    ]
    for form, field, words in cases:
        before = s.head()
        st, _, page = post_checkin(jxj, "211-14", **form)
        what = f"check-in {form}"
        t.eq(st, 422, f"{what}: 422")
        err = field_error(page, field)
        t.true(err, f"{what}: the error beside {field}")
        if words:
            t.true(err and words in err, f"{what}: says {words!r} ({err})")
        t.true('aria-invalid="true"' in page, f"{what}: the field is marked invalid")
        if "note" in form:
            t.true(">保留这段说明</textarea>" in page, f"{what}: what was typed is kept")
        t.eq(s.head(), before, f"{what}: nothing written")
        structure(t, page, f"{what}: the page")
    # in English on an English page; the server's own language again after
    for lang, words in (("en", "is not a number"), ("zh", "不是数字")):
        jxj.get(f"/?lang={lang}")
        st, _, page = post_checkin(jxj, "211-14", value="三百")
        t.true(st == 422 and words in (field_error(page, "value") or ""),
               f"a {lang} page says {words!r}: {field_error(page, 'value')}")
    # a figure, then one that falls without a reason
    st, h, _ = post_checkin(jxj, "211-14", value="300", as_of="2023-09-30", note="第一次")
    t.eq(st, 303, "a good check-in")
    before = s.head()
    st, _, page = post_checkin(jxj, "211-14", value="200", as_of="2023-09-30")
    t.eq(st, 422, "a falling figure without a reason: 422")
    t.true(field_error(page, "value") or field_error(page, "reason"), "its error beside the field")
    t.eq(s.head(), before, "the falling figure: nothing written")
    # status: the same status again, or a reason missing, comes back on the status form
    st, _, page = jxj.post("/c/211-14/status", {"csrf": jxj.signed_in_csrf(), "status": "open"})
    t.eq(st, 422, "a status change to the status it has: 422")
    t.true(field_error(page, "status") or field_error(page, "reason") or 'form-error' in page,
           "its error on the status form")
    t.eq(s.head(), before, "the status change: nothing written")
    # the admin's forms
    office = sessions["office"]
    st, _, page = office.post("/admin/users", {"csrf": office.signed_in_csrf(), "name": "dept2",
                                               "role": "department", "owner": "没有这个单位"})
    t.eq(st, 404, "a user of an unknown owner: refused")
    t.true('value="dept2"' in page and "没有这个单位" in page, "the add-user form keeps what was typed")
    st, _, page = office.post("/admin/import", {"csrf": office.signed_in_csrf(),
                                                "document": '{"format": "tracker/1",\n "letters": [}'})
    t.eq(st, 422, "a broken letter file: 422")
    t.true(field_error(page, "document") and "document:2" in field_error(page, "document"),
           f"the import error names the line, beside the field: {field_error(page, 'document')}")
    t.eq(s.head(), before, "the admin's refused forms: nothing written")


# ---- who sees what ------------------------------------------------------------------------

def test_scope(s, t, sessions):
    _, _, page = sessions["jxj"].get("/")
    keys = set(re.findall(r'href="/c/([^"#?]+)"', page))
    t.true(keys and all(k in {"211-10", "211-11", "211-12", "211-13", "211-14", "211-15", "211-16", "211-17",
                              "211-18", "211-19", "211-23", "211-24", "211-25"} for k in keys),
           f"jxj's list holds its owner's commitments only: {sorted(keys)}")
    t.true("211-01" not in keys, "jxj does not list 卫健局's 211-01")
    _, _, page = sessions["office"].get("/")
    t.eq(len(set(re.findall(r'href="/c/([^"#?]+)"', page))), 25, "the office lists all 25")
    for role in ("deputy", "leader"):
        _, _, page = sessions[role].get("/c/211-14")
        t.true('action="/c/211-14/checkin"' not in page and "<form method=\"post\" class=\"stack\"" not in page,
               f"{role} (a viewer) gets no form")
    _, _, page = sessions["swj"].get("/c/211-14")
    t.true('action="/c/211-14/checkin"' not in page, "swj gets no form on 经信局's commitment")
    _, _, page = sessions["swj"].get("/c/211-20")
    t.true('action="/c/211-20/checkin"' in page, "swj gets the form on its own 211-20")
    t.eq(sessions["jxj"].get("/admin")[0], 403, "jxj is not an administrator")
    # a filter the core refuses: the error beside it, the filters open
    st, _, page = sessions["office"].get("/?status=finished&owner=经信局")
    t.eq(st, 422, "an unknown status filter: 422")
    t.true(field_error(page, "status") and "finished" in field_error(page, "status"),
           f"the filter's error beside it: {field_error(page, 'status')}")
    t.true('value="经信局"' in page and "<details class=\"filters\" open>" in page, "the filters as typed, open")
    _, _, page = sessions["office"].get("/?owner=经信局&health=no_data&sort=key")
    keys = re.findall(r'<td class="k"><a class="key" href="/c/([^"]+)"', page)
    t.eq(keys, sorted(keys), "sort=key orders the table by key")
    t.true(keys and all(k in {"211-10", "211-11", "211-12", "211-13", "211-14", "211-15", "211-16", "211-17",
                              "211-18", "211-19", "211-23", "211-24", "211-25"} for k in keys), "owner=经信局 filters")
    # the health in words as well as colour
    _, _, page = sessions["office"].get("/?lang=zh")
    t.true(re.search(r'<span class="badge h-no_data">[^<]+</span>', page), "a health badge has words")


def test_lang(s, t, sessions):
    ps = sessions["leader"]
    _, _, page = ps.get("/")
    t.true('<html lang="zh-CN">' in page and "承诺事项" in page, "Chinese by default")
    _, h, page = ps.get("/?lang=en")
    t.true('<html lang="en">' in page and "Needs attention" in page, "?lang=en: English")
    _, _, page = ps.get("/letters")
    t.true('<html lang="en">' in page, "the choice is remembered")
    ps.get("/?lang=zh")
    other = page_sessions.__globals__["PageSession"](s.port)
    _, _, page = other.get("/login", headers={"Accept-Language": "en-GB,en;q=0.9"})
    t.true('<html lang="en">' in page, "Accept-Language: en")
    # the server's own errors on a page, in the page's language too
    for lang, gone, viewer in (("zh", "没有这个页面或资源", "是只读用户"),
                               ("en", "no such page or resource", "is a viewer")):
        ps.get(f"/?lang={lang}")
        st, _, page = ps.get("/no/such/page")
        t.true(st == 404 and gone in page, f"an unknown path on a {lang} page: {gone!r}")
        st, _, page = ps.post("/c/211-14/checkin", {"csrf": ps.signed_in_csrf(), "value": "1"})
        t.true(st == 403 and viewer in page, f"a viewer's check-in on a {lang} page: {viewer!r}")
    ps.get("/?lang=zh")
    # the API keeps the msgids programs read, whatever the pages asked for
    st, _, body = s.request("GET", "/api/v1/no-such-thing", s.tokens["office"])
    t.true(st == 404 and b"no such page or resource" in body, "the API's 404 in English")


# ---- hostile text ----------------------------------------------------------------------------

def hostile_doc():
    titles = [
        "<script>alert(1)</script><img src=x onerror=\"alert(2)\">",
        "say \"hi\" & 'bye'",
        "right\u202eleft override",
        "=HYPERLINK(\"http://evil\",\"x\")",
    ]
    notes = ["note <b>bold</b>\n=1+1;\\,", "\"><svg onload=alert(3)>"]
    commitments = []
    for i, title in enumerate(titles):
        commitments.append({
            "key": f"H-{i:02d}", "quote": f"quote {i} <i>", "title": title, "owner": "局<b>",
            "kind": "quantitative", "target": {"value": 10, "unit": "个;\"<", "comparator": ">="},
            "window_start": "2023-01-01", "due": "2023-12-31", "tags": ["<tag>"],
            "checkins": [{"as_of": "2023-06-30", "value": 3, "note": notes[i % 2], "evidence": "=evil()"}]})
    text = "".join(f"quote {i} <i>。" for i in range(len(titles)))
    return {"format": "tracker/1", "owners": [{"name": "局<b>", "aliases": ["=局"]}],
            "letters": [{"doc_no": "恶〔2023〕1号\"<>", "title": "<i>letter</i>", "date": "2023-06-13",
                         "addressee": "<b>代表</b>", "text": text, "commitments": commitments}]}


def tamper(s, title, note):
    """Writes title into H-01 and note into H-00's check-in, past the
    store: with sqlite3 into the file, or psql into the PostgreSQL schema
    (which keeps no NUL in text: it is left out there)."""
    if os.environ.get("TRACKER_TEST_PG"):
        sql = ("UPDATE commitment SET title = :'title' WHERE key = 'H-01';\n"
               "DROP TRIGGER checkin_append_only_update ON checkin;\n"
               "UPDATE checkin SET note = :'note' WHERE commitment_id = "
               "(SELECT id FROM commitment WHERE key = 'H-00');\n")
        subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-v", f"title={title}", "-v",
                        f"note={note.replace(chr(0), '')}", s.db], input=sql.encode(), check=True,
                       env=dict(os.environ, PGOPTIONS="-c client_min_messages=warning"))
        return
    db = sqlite3.connect(s.db)
    db.execute("UPDATE commitment SET title = ? WHERE key = 'H-01'", (title,))
    db.execute("DROP TRIGGER checkin_append_only_update")
    db.execute("UPDATE checkin SET note = ? WHERE commitment_id = (SELECT id FROM commitment WHERE key = 'H-00')",
               (note,))
    db.commit()
    db.close()


def test_hostile(s, t, sessions):
    office = sessions["office"]
    doc = json.dumps(hostile_doc(), ensure_ascii=False)
    st, h, _ = office.post("/admin/import", {"csrf": office.signed_in_csrf(), "document": doc})
    t.eq((st, h.get("location")), (303, "/admin?done=import"), "the hostile letter imported with the form")
    # then a tamperer writes control characters behind tracker's back
    tamper(s, "\x1b[31mred\x1b[0m\x1b]0;owned\x07\u009b2J\r\n", "\x1b[2Jcleared\x07\r\n\u202e?\x00after")
    _, _, shown = s.request("GET", "/api/v1/commitments/H-01", s.tokens["office"])
    t.true("\x1b[31m" in json.loads(shown)["title"], "the tamperer's ESC is in the record (the API's JSON)")
    letter = "/letters/" + urllib.parse.quote("恶〔2023〕1号\"<>", safe="")
    pages = ["/", "/?lang=en", "/c/H-00", "/c/H-01", "/c/H-02", "/c/H-03", letter, "/letters",
             "/reports/2023Q3", "/admin"]
    for path in pages:
        st, _, page = office.get(path)
        t.eq(st, 200, f"hostile {path}: 200")
        inert(t, page, f"hostile {path}")
        if not path.startswith("/reports"):
            structure(t, page, f"hostile {path}")
        else:
            tidy(t, page, f"hostile {path}")
    _, _, page = office.get("/c/H-00")
    t.true("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in page,
           "the hostile title is shown, escaped")
    t.true("&quot;&gt;&lt;svg onload=alert(3)&gt;" in page or "cleared" in page, "the hostile note is shown, escaped")
    _, _, page = office.get(letter)
    t.true('<mark id="q-H-00"><a href="/c/H-00"><span class="tag">H-00</span>quote 0 &lt;i&gt;</a></mark>' in page,
           "the letter marks a hostile quote, escaped and linked")


# ---- colour contrast (WCAG 2.1 AA: 4.5:1 for text) ---------------------------------------------

def luminance(hexcolour):
    if len(hexcolour) == 4:
        hexcolour = "#" + "".join(c * 2 for c in hexcolour[1:])
    rgb = [int(hexcolour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast(t):
    css = open(STYLE, encoding="utf-8").read()
    rules = re.findall(r"([^{}]+)\{([^{}]*)\}", css)
    pairs = 0
    for selector, body in rules:
        bg = re.search(r"background:\s*(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3})\b", body)
        fg = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3})\b", body)
        if bg and fg:
            pairs += 1
            ratio = contrast(bg.group(1), fg.group(1))
            t.true(ratio >= 4.5, f"contrast of {selector.strip()[:40]}: {ratio:.2f} >= 4.5")
    for fg in re.findall(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})", css):
        if fg.lower() not in ("#fff", "#ffffff"):
            t.true(contrast(fg, "#ffffff") >= 4.5 or contrast(fg, "#12355b") >= 4.5,
                   f"text colour {fg} on white: {contrast(fg, '#ffffff'):.2f}")
    t.true(pairs >= 9, f"the health colours were found in style.css ({pairs} pairs)")


def main():
    s = Server(TRACKER)
    t = Checks()
    try:
        test_sign_in(s, t)
        test_idle(s, t)
        sessions = page_sessions(s)
        test_csrf(s, t, sessions)
        test_form_errors(s, t, sessions)
        test_scope(s, t, sessions)
        test_lang(s, t, sessions)
        test_hostile(s, t, sessions)
        test_contrast(t)
        test_cap(s, t, sessions)
        test_backoff(s, t)   # last: with the clock fixed, the wait never ends
        status = s.stop()
        t.eq(status, 0, "the server stops cleanly on SIGTERM (under ASan: no error, no leak)")
        if status != 0:
            print(s.log_text()[-3000:])
    finally:
        s.close()
    return t.done("web pages")


sys.exit(main())
