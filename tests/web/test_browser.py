#!/usr/bin/python3
"""test_browser.py TRACKER OUT_DIR - the pages end to end in headless
Chromium driven by Selenium (Debian python3-selenium, chromium,
chromium-driver), against `tracker serve` on a loopback port with the seed:

an administrator adds a department user with the admin form; the
department signs in, sees its owner's commitments only, is refused a bad
figure (the error beside the field, nothing written: tracker check --head),
logs 320 台 against 211-14 with a note, sees it in its list and on the
commitment page, finds no form on another department's commitment and has
a forged POST refused with 403, corrects its figure, sets a status with a
reason, signs out; the administrator opens the 2023Q3 report and sees the
figure; a viewer sees everything and can write nothing. Each page is
screenshot at 360 and 1280 px wide into OUT_DIR. Exit 77 (skipped) only
when Chromium or its driver is not installed."""
import http.client
import json
import os
import re
import shutil
import sys
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "server"))
from serverlib import Checks, Server  # noqa: E402

TRACKER, OUT = sys.argv[1], sys.argv[2]
if not (shutil.which("chromium") and shutil.which("chromedriver")):
    print("SKIP: chromium and chromium-driver are not installed")
    sys.exit(77)
try:
    from selenium import webdriver
    from selenium.webdriver.common.by import By
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError:
    print("SKIP: python3-selenium is not installed")
    sys.exit(77)

JXJ_KEYS = {"211-10", "211-11", "211-12", "211-13", "211-14", "211-15", "211-16", "211-17", "211-18",
            "211-19", "211-23", "211-24", "211-25"}


class Browser:
    def __init__(self, base, t):
        o = webdriver.ChromeOptions()
        for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--lang=zh-CN", "--hide-scrollbars"):
            o.add_argument(a)
        o.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh"})
        self.d = webdriver.Chrome(options=o)
        self.base, self.t = base, t

    def go(self, path):
        self.d.get(self.base + path)

    def path(self):
        return urllib.parse.urlsplit(self.d.current_url).path

    def by(self, css):
        return self.d.find_elements(By.CSS_SELECTOR, css)

    def one(self, css):
        return self.d.find_element(By.CSS_SELECTOR, css)

    def after_click(self, old):
        """Waits for the page a click asked for: the old element gone and
        the new document loaded whole."""
        def gone(_):
            # while the page changes, chromedriver may say "stale" or "node
            # not in the document": either way the old page is going
            try:
                old.is_enabled()
                return False
            except WebDriverException:
                return True
        WebDriverWait(self.d, 30).until(gone)
        WebDriverWait(self.d, 30).until(
            lambda d: d.execute_script("return document.readyState") == "complete")

    def fill(self, form, fields):
        """Types into the fields of the form (its action ends with form);
        dates are set directly (a date control's typing follows the locale)."""
        f = self.one(f"form[action$='{form}']")
        for name, value in fields.items():
            el = f.find_element(By.NAME, name)
            if el.tag_name == "select":
                Select(el).select_by_value(value)
            elif el.get_attribute("type") == "date":
                self.d.execute_script("arguments[0].value = arguments[1]", el, value)
            else:
                el.clear()
                el.send_keys(value)
        f.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        self.after_click(f)

    def sign_in(self, user, password):
        self.go("/login?lang=zh")
        self.fill("/login", {"user": user, "password": password})
        self.t.eq(self.path(), "/", f"{user} signed in")
        if self.path() != "/":
            print(self.text()[:300])

    def sign_out(self):
        button = self.one("form[action='/logout'] button")
        button.click()
        self.after_click(button)
        self.t.eq(self.path(), "/login", "signed out")

    def shot(self, name):
        """The page at 360 and 1280 px wide, whole, into OUT."""
        for width in (360, 1280):
            self.d.set_window_size(width, 900)
            self.d.execute_script("window.scrollTo(0, 0)")
            height = self.d.execute_script("return document.documentElement.scrollHeight")
            self.d.set_window_size(width, min(max(height, 600), 6000))
            self.d.execute_script("window.scrollTo(0, 0)")
            self.d.save_screenshot(os.path.join(OUT, f"web-{name}-{width}.png"))
        self.d.set_window_size(1280, 900)

    def sample(self, name, width, height):
        """One screen of the page as a person first sees it (the README's
        samples in reports/samples/ are these, from the seed)."""
        self.d.set_window_size(width, height)
        self.d.execute_script("window.scrollTo(0, 0)")
        self.d.save_screenshot(os.path.join(OUT, f"sample-{name}.png"))
        self.d.set_window_size(1280, 900)

    def text(self):
        return self.one("body").text

    def quit(self):
        self.d.quit()


def keyboard_and_print(b, t):
    """The first Tab reaches the skip link, shown when focused; printed, the
    page drops the navigation and the forms and keeps the record."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys
    import base64
    b.go("/c/211-14")
    ActionChains(b.d).send_keys(Keys.TAB).perform()
    active = b.d.switch_to.active_element
    t.eq(active.get_attribute("class"), "skip", "the first Tab reaches the skip link")
    t.true(active.is_displayed() and active.location["x"] >= 0, "the focused skip link is on screen")
    b.d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    t.true(not b.one("header.top").is_displayed() and not any(f.is_displayed() for f in b.by("main form")),
           "printed: no navigation, no forms")
    t.true(b.one("#checkins").is_displayed() and b.one("dl.facts").is_displayed(), "printed: the record stays")
    b.d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    pdf = base64.b64decode(b.d.execute_cdp_cmd("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69})["data"])
    with open(os.path.join(OUT, "web-commitment.pdf"), "wb") as f:
        f.write(pdf)
    t.true(pdf.startswith(b"%PDF"), "the commitment page prints to A4 (web-commitment.pdf)")


def forged_post(port, cookie, path, form):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    c.request("POST", urllib.parse.quote(path), body=urllib.parse.urlencode(form).encode(),
              headers={"Content-Type": "application/x-www-form-urlencoded",
                       "Cookie": f"tracker_session={cookie}"})
    r = c.getresponse()
    r.read()
    c.close()
    return r.status


def admin_adds_user(b, t):
    b.sign_in("office", "office pass phrase")
    b.shot("home-admin")
    b.go("/admin")
    b.fill("/admin/users", {"name": "jxb", "role": "department", "owner": "经信局",
                            "password": "jxb pass phrase"})
    t.eq(b.path(), "/admin", "the user is added")
    t.true("已保存" in b.text() and "jxb" in b.one("main table").text, "the admin sees the new user")
    b.shot("admin")
    # a letter file chosen with the file picker (app.js reads it into the form)
    doc = {"format": "tracker/1", "letters": [{
        "doc_no": "慈商务〔2023〕9号", "title": "另一份答复", "text": "我局将于2023年底前完成试点。",
        "commitments": [{"key": "9-01", "title": "完成试点", "quote": "我局将于2023年底前完成试点",
                         "owner": "商务局", "kind": "milestone", "due": "2023-12-31"}]}]}
    path = os.path.join(OUT, "letter-9.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)
    picker = b.one("#import-file")
    t.true(picker.is_displayed(), "app.js shows the file picker")
    picker.send_keys(path)
    WebDriverWait(b.d, 20).until(lambda d: d.find_element(By.ID, "f-import-document").get_attribute("value"))
    button = b.one("form[action='/admin/import'] button[type=submit]")
    button.click()
    b.after_click(button)
    t.true("已导入" in b.text(), "the letter file is imported")
    b.go("/letters")
    t.true("慈商务〔2023〕9号" in b.text(), "the new letter is listed")
    b.sign_out()


def department(b, s, t):
    b.sign_in("jxb", "jxb pass phrase")
    keys = {a.text for a in b.by("table.list a.key")}
    t.true(keys and keys <= JXJ_KEYS, f"the department sees its owner's commitments only: {sorted(keys)}")
    b.shot("home")
    b.sample("home-1280", 1280, 800)
    b.go("/c/211-14")
    b.shot("commitment")
    # a figure the store refuses: the error beside the field, nothing written
    before = s.head()
    b.fill("/c/211-14/checkin", {"value": "-5", "as_of": "2023-09-30", "note": "这段说明要保留"})
    errs = b.by("#e-checkin-value")
    words = "negative" if b.one("html").get_attribute("lang") == "en" else "是负数"
    t.true(errs and words in errs[0].text,
           f"a negative figure: the error beside the value field, in the page's language ({words})")
    t.eq(b.one("#f-checkin-value").get_attribute("aria-describedby"), "e-checkin-value",
         "the field points to its error")
    t.eq(b.one("#f-checkin-note").get_attribute("value"), "这段说明要保留", "the note typed is kept")
    t.eq(s.head(), before, "nothing written (tracker check --head)")
    b.shot("commitment-error")
    # 320 台 with a note
    b.go("/c/211-14")
    b.fill("/c/211-14/checkin", {"value": "320", "as_of": "2023-09-30", "note": "新增工业机器人320台"})
    t.true(b.by("p.notice") and "进展已报送" in b.one("p.notice").text, "the check-in is recorded")
    row = b.one("#checkin-1").text
    t.true("320 台" in row and "新增工业机器人320台" in row and "jxb" in row, f"it is in the history: {row}")
    t.true(s.head() != before, "the record moved on")
    b.go("/")
    row = [r.text for r in b.by("table.list tr") if "211-14" in r.text]
    t.true(row and "320/800 台" in row[0] and "2023-09-30" in row[0], f"it is in the list: {row}")
    # another department's commitment: no form, and a forged POST is refused
    b.go("/c/211-20")
    t.eq(b.by("form[action$='/checkin']"), [], "no form on 商务局's 211-20")
    cookie = b.d.get_cookie("tracker_session")["value"]
    b.go("/calendar")
    csrf = b.one("input[name=csrf]").get_attribute("value")
    before = s.head()
    t.eq(forged_post(s.port, cookie, "/c/211-20/checkin", {"csrf": csrf, "value": "1", "note": "伪造"}),
         403, "a forged check-in on 211-20: 403")
    t.eq(s.head(), before, "the forged POST wrote nothing")
    # a correction of the figure
    b.go("/c/211-14")
    b.fill("/c/211-14/checkin", {"value": "330", "as_of": "2023-09-30", "corrects": "1",
                                 "reason": "更正统计口径"})
    row = b.one("#checkin-2").text
    t.true("330 台" in row and "#1" in row and "更正统计口径" in row, f"the correction: {row}")
    t.true("superseded" in b.one("#checkin-1").get_attribute("class"), "the corrected figure is marked")
    # a status with a reason
    b.fill("/c/211-14/status", {"status": "in_progress", "reason": "已完成330台，继续推进"})
    t.true("状态已保存" in b.one("p.notice").text, "the status is saved")
    hist = b.one("#history").find_element(By.XPATH, "..").text
    t.true("status" in hist and "推进中" in hist and "已完成330台，继续推进" in hist,
           "the history shows the change and its reason")
    b.shot("commitment-after")
    b.go("/c/211-14")
    b.sample("commitment-360", 360, 1100)
    keyboard_and_print(b, t)
    b.go("/letters/211")
    t.true(b.by("mark#q-211-14 a[href='/c/211-14']"), "the letter marks 211-14's words")
    b.shot("letter")
    b.sample("letter-1280", 1280, 800)
    b.go("/calendar")
    button = b.one("form[action='/calendar'] button")
    button.click()
    b.after_click(button)
    url = b.one("#feed-url").get_attribute("value")
    t.true(re.match(r"http://127\.0\.0\.1:\d+/calendar/trkf_[A-Za-z0-9_-]+\.ics$", url), f"a feed URL: {url}")
    copy = b.one("#copy-feed")
    t.true(copy.is_displayed(), "app.js shows the copy button")
    copy.click()
    t.eq(copy.text, "已复制", "the copy button says it copied")
    feed = http.client.HTTPConnection("127.0.0.1", s.port, timeout=30)
    feed.request("GET", urllib.parse.urlsplit(url).path)
    r = feed.getresponse()
    body = r.read().decode()
    t.true(r.status == 200 and "BEGIN:VCALENDAR" in body and "211-14" in body,
           "the feed URL serves the department's calendar")
    b.shot("calendar")
    b.sign_out()


def admin_report(b, t):
    b.sign_in("office", "office pass phrase")
    b.go("/reports/2023Q3")
    t.true("211-14" in b.text(), "the Q3 report, with 211-14 in it")
    b.shot("report")
    b.go("/reports/2023Q3?owner=" + urllib.parse.quote("经信局"))
    card = [e.text for e in b.by(".item") if "211-14" in e.text]
    t.true(card and "330" in card[0], f"the Q3 report of 经信局 shows the figure: {card[:1]}")
    t.true(b.by("a[href^='/reports/2023Q3.csv']") and b.by("select#period"), "downloads and the picker")
    Select(b.one("select#period")).select_by_value("2023Q4")
    button = b.one(".report-bar form button")
    button.click()
    b.after_click(button)
    t.eq(b.path(), "/reports/2023Q4", "the period picker")
    b.go("/")
    b.sign_out()


def viewer(b, s, t):
    b.sign_in("leader", "leader pass phrase")
    t.eq(len(b.by("table.list a.key")), 26, "a viewer sees every commitment (the seed's 25 and 9-01)")
    b.go("/c/211-14")
    t.eq(b.by("main form"), [], "a viewer gets no form")
    t.true("330 台" in b.text(), "a viewer sees the figure")
    b.shot("commitment-viewer")
    cookie = b.d.get_cookie("tracker_session")["value"]
    b.go("/calendar")
    csrf = b.one("input[name=csrf]").get_attribute("value")
    before = s.head()
    t.eq(forged_post(s.port, cookie, "/c/211-14/checkin", {"csrf": csrf, "value": "900"}), 403,
         "a viewer's forged check-in: 403")
    t.eq(forged_post(s.port, cookie, "/c/211-14/status", {"csrf": csrf, "status": "done", "reason": "x"}), 403,
         "a viewer's forged status: 403")
    t.eq(s.head(), before, "the viewer wrote nothing")
    b.sign_out()


def main():
    os.makedirs(OUT, exist_ok=True)
    s = Server(TRACKER)
    t = Checks()
    b = None
    try:
        b = Browser(f"http://127.0.0.1:{s.port}", t)
        b.go("/login?lang=zh")
        b.shot("login")
        admin_adds_user(b, t)
        department(b, s, t)
        admin_report(b, t)
        viewer(b, s, t)
        t.eq(s.cli("check").returncode, 0, "tracker check after it all")
        status = s.stop()
        t.eq(status, 0, "the server stops cleanly on SIGTERM (under ASan: no error, no leak)")
        if status != 0:
            print(s.log_text()[-3000:])
    finally:
        if b:
            b.quit()
        s.close()
    return t.done("web in a browser")


sys.exit(main())
