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
from serverlib import Checks, Server  # noqa: E402

TRACKER, SEEDS = sys.argv[1], sys.argv[2]
ROLES = ["anon", "bad", "office", "jxj", "swj", "deputy", "leader"]


def seed_inline():
    doc = json.load(open(os.path.join(SEEDS, "211.json"), encoding="utf-8"))
    for letter in doc["letters"]:
        if "text_file" in letter:
            letter["text"] = open(os.path.join(SEEDS, letter.pop("text_file")), encoding="utf-8").read()
    return doc


R, W = "read", "write"
# method, path, body, kind, expected status per role (anon and bad are 401
# wherever a user is needed; listed only where they differ).
ROUTES = [
    ("GET", "/healthz", None, R, dict.fromkeys(ROLES, 200)),
    ("GET", "/api/v1/openapi.json", None, R, dict.fromkeys(ROLES, 200)),
    ("GET", "/static/nothing.css", None, R, dict.fromkeys(ROLES, 404)),
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
                t.true(headers.get("content-type", "").endswith("charset=utf-8") or status == 304,
                       f"{method} {path} as {role}: a charset")
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
        lettrs = json.loads(s.request("GET", "/api/v1/letters", tokens["deputy"])[2])
        t.eq([l["doc_no"] for l in lettrs], ["慈经信建〔2023〕3号"], "deputy's letters")
        t.eq(s.cli("check").returncode, 0, "tracker check after it all")
    finally:
        s.close()
    return t.done("server matrix")


sys.exit(main())
