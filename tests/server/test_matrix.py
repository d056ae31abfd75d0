#!/usr/bin/python3
"""test_matrix.py TRACKER SEEDS_DIR - every route for every role, in scope
and out of it: the status each gets, that a refused write leaves the record
as it was (the chain head of `tracker check --head`), that an accepted one
is recorded under the signed-in user's name, and that a viewer limited to a
letter sees nothing else. Tests as data: a row of ROUTES per route."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serverlib import Checks, Server, page_sessions  # noqa: E402

TRACKER, SEEDS = sys.argv[1], sys.argv[2]
ROLES = ["anon", "bad", "office", "jxj", "swj", "deputy", "leader"]


def seed_inline():
    doc = json.load(open(os.path.join(SEEDS, "211.json"), encoding="utf-8"))
    for letter in doc["letters"]:
        if "text_file" in letter:
            letter["text"] = open(os.path.join(SEEDS, letter.pop("text_file")), encoding="utf-8").read()
    return doc


R, W = "read", "write"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# method, path, body, kind, expected status per role (anon and bad are 401
# wherever a user is needed; listed only where they differ).
ROUTES = [
    ("GET", "/healthz", None, R, dict.fromkeys(ROLES, 200)),
    ("GET", "/api/v1/openapi.json", None, R, dict.fromkeys(ROLES, 200)),
    ("GET", "/static/nothing.css", None, R, dict.fromkeys(ROLES, 404)),
    ("GET", "/static/style.css", None, R, dict.fromkeys(ROLES, 200)),
    ("GET", "/api/v1/me", None, R, {}),
    ("GET", "/api/v1/commitments", None, R, {}),
    ("GET", "/api/v1/commitments?owner=经信局&status=open,in_progress", None, R, {}),
    ("GET", "/api/v1/commitments?stauts=open", None, R, dict.fromkeys(ROLES[2:], 422)),
    ("GET", "/api/v1/commitments/211-14", None, R, {}),
    ("GET", "/api/v1/commitments/211-99", None, R, dict.fromkeys(ROLES[2:], 404)),
    ("GET", "/api/v1/owners", None, R, {}),
    ("GET", "/api/v1/letters", None, R, {}),
    ("GET", "/api/v1/reports/2023Q3.json", None, R, {}),
    ("GET", "/api/v1/reports/2023Q3.html?lang=en", None, R, {}),
    ("GET", "/api/v1/reports/2023Q3.csv", None, R, {}),
    ("GET", "/api/v1/reports/2023Q3.md", None, R, {}),
    ("GET", "/api/v1/reports/2023Q3.docx", None, R, {}),
    ("GET", "/api/v1/reports/2023Q3.docx?lang=en&owner=经信局", None, R, {}),
    ("GET", "/api/v1/reports/2023Q3.DOCX", None, R, dict.fromkeys(ROLES[2:], 404)),
    ("GET", "/api/v1/reports/2023Q3.pdf", None, R, dict.fromkeys(ROLES[2:], 404)),
    ("GET", "/api/v1/reports/2023Q9.json", None, R, dict.fromkeys(ROLES[2:], 422)),
    # the seed again, before anything changed it: nothing new (200)
    ("POST", "/api/v1/import", "SEED", W,
     {"office": 200, "jxj": 403, "swj": 403, "deputy": 403, "leader": 403}),
    # writes in the scope of jxj (211-14 is 经信局's) and outside it (211-01)
    ("POST", "/api/v1/commitments/211-14/checkins", {"note": "{role} 报送进展"}, W,
     {"office": 201, "jxj": 201, "swj": 403, "deputy": 403, "leader": 403}),
    ("POST", "/api/v1/commitments/211-01/checkins", {"note": "{role} 报送进展"}, W,
     {"office": 201, "jxj": 403, "swj": 403, "deputy": 403, "leader": 403}),
    ("POST", "/api/v1/commitments/211-14/checkins", {"value": -1}, W,
     {"office": 422, "jxj": 422, "swj": 403, "deputy": 403, "leader": 403}),
    ("POST", "/api/v1/commitments/211-14/status", {"status": "{status}", "reason": "{role}"}, W,
     {"office": 200, "jxj": 200, "swj": 403, "deputy": 403, "leader": 403}),
    ("PATCH", "/api/v1/commitments/211-14", {"title": "新增工业机器人800台以上（{role}）"}, W,
     {"office": 200, "jxj": 200, "swj": 403, "deputy": 403, "leader": 403}),
    ("PATCH", "/api/v1/commitments/211-14", {"due": "2024-06-30"}, W,
     {"office": 422, "jxj": 422, "swj": 403, "deputy": 403, "leader": 403}),
    # a member the API does not take is refused before the scope is asked
    ("PATCH", "/api/v1/commitments/211-14", {"quote": "改"}, W,
     {"office": 422, "jxj": 422, "swj": 422, "deputy": 403, "leader": 403}),
    ("DELETE", "/api/v1/commitments/211-14", None, W, dict.fromkeys(ROLES, 405)),
]


# The pages, signed in with a session cookie: a GET without one goes to
# the sign-in page (303), a POST without one is 401; every POST carries the
# session's csrf field unless the row says "nocsrf". Expected statuses for
# the signed-in roles; 200 where not listed.
NOT_SIGNED_IN = {"anon": 401, "bad": 401}
PAGES = [
    ("GET", "/login", None, R, {"anon": 200, "bad": 200, **dict.fromkeys(ROLES[2:], 303)}),
    ("GET", "/", None, R, {}),
    ("GET", "/?status=open&health=no_data&sort=key", None, R, {}),
    ("GET", "/?status=finished", None, R, dict.fromkeys(ROLES[2:], 422)),
    ("GET", "/c/211-14", None, R, {}),
    ("GET", "/c/211-99", None, R, dict.fromkeys(ROLES[2:], 404)),
    ("GET", "/reports", None, R, dict.fromkeys(ROLES[2:], 303)),
    ("GET", "/reports/2023Q3", None, R, {}),
    ("GET", "/reports/2023Q3.csv", None, R, {}),
    ("GET", "/reports/2023Q3.json?lang=en", None, R, {}),
    ("GET", "/reports/2023Q9", None, R, dict.fromkeys(ROLES[2:], 422)),
    ("GET", "/letters", None, R, {}),
    ("GET", "/letters/211", None, R, {}),
    ("GET", "/letters/999", None, R, dict.fromkeys(ROLES[2:], 404)),
    ("GET", "/calendar", None, R, {}),
    ("GET", "/calendar.ics", None, R, {}),
    ("GET", "/admin", None, R, {"office": 200, "jxj": 403, "swj": 403, "deputy": 403, "leader": 403}),
    ("POST", "/c/211-14/checkin", {"note": "{role} 网页报送", "as_of": "2023-09-30"}, W,
     {"office": 303, "jxj": 303, "swj": 403, "deputy": 403, "leader": 403}),
    ("POST", "/c/211-01/checkin", {"note": "{role} 网页报送"}, W,
     {"office": 303, "jxj": 403, "swj": 403, "deputy": 403, "leader": 403}),
    ("POST", "/c/211-14/checkin", {"value": "-1"}, W,
     {"office": 422, "jxj": 422, "swj": 403, "deputy": 403, "leader": 403}),
    ("POST", "/c/211-14/checkin", {"value": "12x"}, W,
     {"office": 422, "jxj": 422, "swj": 403, "deputy": 403, "leader": 403}),
    ("POST", "/c/211-14/checkin", {"note": "no csrf", "nocsrf": True}, W,
     {"office": 403, "jxj": 403, "swj": 403, "deputy": 403, "leader": 403}),
    ("POST", "/c/211-14/status", {"status": "{status}", "reason": "{role}"}, W,
     {"office": 303, "jxj": 303, "swj": 403, "deputy": 403, "leader": 403}),
    ("POST", "/c/211-14/status", {"status": "finished", "reason": "x"}, W,
     {"office": 422, "jxj": 422, "swj": 403, "deputy": 403, "leader": 403}),
    ("POST", "/admin/users", {"name": "new-{role}", "role": "viewer"}, W,
     {"office": 303, "jxj": 403, "swj": 403, "deputy": 403, "leader": 403}),
    ("POST", "/admin/users", {"name": "bad-{role}", "role": "emperor"}, W,
     {"office": 422, "jxj": 403, "swj": 403, "deputy": 403, "leader": 403}),
    ("POST", "/admin/import", {"document": "{\"format\": \"tracker/1\", \"letters\": [}"}, W,
     {"office": 422, "jxj": 403, "swj": 403, "deputy": 403, "leader": 403}),
    ("POST", "/calendar", {}, W, {}),
    ("DELETE", "/", None, W, dict.fromkeys(ROLES, 405)),
]


def page_expected(row, role):
    method, statuses = row[0], row[4]
    if role in statuses:
        return statuses[role]
    if role in ("anon", "bad"):
        return 303 if method == "GET" else 401
    return 200


def page_form(row, role, session):
    form = row[2]
    if form is None:
        return None
    status = {"office": "in_progress", "jxj": "blocked"}.get(role, "done")
    out = {k: v.replace("{role}", role).replace("{status}", status) for k, v in form.items()
           if k != "nocsrf"}
    if "nocsrf" not in form and role not in ("anon", "bad"):
        out["csrf"] = session.signed_in_csrf()
    return out


def check_pages(s, t):
    sessions = page_sessions(s)
    for row in PAGES:
        method, path, _, kind, _ = row
        for role in ROLES:
            want = page_expected(row, role)
            ps = sessions[role]
            form = page_form(row, role, ps)
            before = s.head() if kind == W else None
            status, headers, page = ps.request(method, path, form=form)
            what = f"page {method} {path} as {role}"
            t.eq(status, want, what)
            t.true(headers.get("content-type", "").endswith("charset=utf-8"), f"{what}: a charset")
            t.true("frame-ancestors 'none'" in headers.get("content-security-policy", ""), f"{what}: CSP")
            if status >= 400:
                t.true(headers.get("content-type", "").startswith("text/html") and 'role="alert"' in page,
                       f"{what}: the error is a page")
            if status == 303 and method == "GET" and role in ("anon", "bad"):
                t.true(headers.get("location", "").startswith("/login?next="), f"{what}: to sign in")
            if kind == W and status >= 400:
                t.eq(s.head(), before, f"{what}: nothing written")
            if kind == W and method == "POST" and status == 303 and "/c/" in path:
                key = path.split("/")[2]
                _, _, shown = s.request("GET", f"/api/v1/commitments/{key}", s.tokens["office"])
                rec = json.loads(shown)
                last = rec["history"][-1] if path.endswith("/status") else rec["checkins"][-1]
                t.eq(last["author"], role, f"{what}: recorded as its author")


def expected(row, role):
    statuses = row[4]
    if role in statuses:
        return statuses[role]
    if role in ("anon", "bad"):
        return 401
    return 200


def body_for(row, role, seed):
    body = row[2]
    if body == "SEED":
        return seed
    if body is None:
        return None
    # each writer moves the status on: setting the status it has is refused
    status = {"office": "in_progress", "jxj": "blocked"}.get(role, "done")
    return json.loads(json.dumps(body, ensure_ascii=False).replace("{role}", role).replace("{status}", status))


def check_docx(t, s, tokens):
    """The Word bulletin over HTTP: a file to save under its Chinese name
    (RFC 5987), the same document the CLI writes, opened by python-docx."""
    import io
    import urllib.parse
    import docx
    status, headers, data = s.request("GET", "/api/v1/reports/2023Q3.docx", tokens["office"])
    t.eq(headers.get("content-type"), DOCX, "docx: its media type")
    disp = headers.get("content-disposition", "")
    t.true(disp.startswith('attachment; filename="bulletin-2023Q3.docx"; filename*=UTF-8\'\''),
           "docx: an attachment with an ASCII name: " + disp)
    t.eq(urllib.parse.unquote(disp.split("''", 1)[1]), "督查通报-2023Q3.docx",
         "docx: the Chinese name in filename*")
    paras = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs if p.text]
    t.true(paras[2].startswith("关于2023年第三季度"), "docx: the bulletin's title: %r" % paras[2])
    _, headers, data = s.request("GET", "/api/v1/reports/2023Q3.docx?lang=en", tokens["deputy"])
    t.true("filename*=UTF-8''bulletin-2023Q3.docx" in headers.get("content-disposition", ""),
           "docx: the English name")
    d = docx.Document(io.BytesIO(data))
    keys = {r.cells[0].text for tb in d.tables for r in tb.rows[1:]}
    t.true(keys and all(k.startswith("211-") for k in keys if k[:1].isdigit()),
           "docx for a viewer: its letter's commitments")


def main():
    s = Server(TRACKER)
    t = Checks()
    seed = seed_inline()
    tokens = dict(s.tokens, bad="trk_" + "A" * 43)
    try:
        for row in ROUTES:
            method, path, _, kind, _ = row
            for role in ROLES:
                want = expected(row, role)
                before = s.head() if kind == W else None
                status, headers, data = s.request(method, path, tokens.get(role), body_for(row, role, seed))
                t.eq(status, want, f"{method} {path} as {role}")
                t.true(headers.get("content-type", "").endswith("charset=utf-8") or status == 304
                       or headers.get("content-type") == DOCX and status == 200,
                       f"{method} {path} as {role}: a charset (text) or the Word type")
                t.eq(headers.get("x-content-type-options"), "nosniff", f"{method} {path}: nosniff")
                t.true("frame-ancestors 'none'" in headers.get("content-security-policy", ""),
                       f"{method} {path}: CSP")
                if status >= 400:
                    err = json.loads(data)["error"]
                    t.true(err["code"] and err["message"], f"{method} {path} as {role}: JSON error")
                if kind == W and status >= 400:
                    t.eq(s.head(), before, f"{method} {path} as {role}: nothing written")
                if kind == W and status in (200, 201) and method != "POST" or status == 201:
                    if "/api/v1/commitments/" in path:
                        key = path.split("/")[4]
                        _, _, shown = s.request("GET", f"/api/v1/commitments/{key}", tokens["office"])
                        rec = json.loads(shown)
                        last = rec["history"][-1] if method == "PATCH" else rec["checkins"][-1]
                        t.eq(last["author"], role, f"{method} {path} as {role}: recorded as its author")
        # A viewer limited to letter 211 sees nothing of another letter.
        other = {"format": "tracker/1", "letters": [{"doc_no": "慈商务〔2023〕9号", "title": "另一份答复",
                                                      "text": "我局将于2023年底前完成试点。", "commitments": [
                    {"key": "9-01", "title": "完成试点", "quote": "我局将于2023年底前完成试点", "owner": "商务局",
                     "kind": "milestone", "due": "2023-12-31"}]}]}
        status, _, data = s.request("POST", "/api/v1/import", tokens["office"], other)
        t.eq(status, 201, "import a second letter")
        st, _, listed = s.request("GET", "/api/v1/commitments", tokens["deputy"])
        t.true(all(c["letter"] == "慈经信建〔2023〕3号" for c in json.loads(listed)), "deputy sees letter 211 only")
        t.eq(s.request("GET", "/api/v1/commitments/9-01", tokens["deputy"])[0], 404, "deputy: another letter's commitment")
        t.eq(s.request("GET", "/api/v1/commitments/9-01", tokens["leader"])[0], 200, "leader reads every letter")
        t.eq(s.request("GET", "/api/v1/reports/2023Q3.json?letter=慈商务〔2023〕9号", tokens["deputy"])[0], 403, "deputy: another letter's report")
        check_docx(t, s, tokens)
        lettrs = json.loads(s.request("GET", "/api/v1/letters", tokens["deputy"])[2])
        t.eq([l["doc_no"] for l in lettrs], ["慈经信建〔2023〕3号"], "deputy's letters")
        check_pages(s, t)
        t.eq(s.cli("check").returncode, 0, "tracker check after it all")
        status = s.stop()
        t.eq(status, 0, "the server stops cleanly on SIGTERM (under ASan: no error, no leak)")
        if status != 0:
            print(s.log_text()[-3000:])
    finally:
        s.close()
    return t.done("server matrix")


sys.exit(main())
