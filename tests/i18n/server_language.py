#!/usr/bin/python3
"""server_language.py TRACKER - `tracker serve` started in a Chinese locale
(LC_ALL=zh_CN.UTF-8, LANGUAGE=zh_CN) answers exactly as one started in
English: its JSON is read by programs, so errors from the core (which the
command line shows in Chinese) stay the msgids, and records keep their
machine words."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "server"))
from serverlib import Checks, Server  # noqa: E402

REQUESTS = [
    ("GET", "/api/v1/commitments/999-99", None),
    ("GET", "/api/v1/commitments/211-14", None),
    ("GET", "/api/v1/commitments?owner=不存在局", None),
    ("POST", "/api/v1/commitments/211-14/status", {"status": "finished", "reason": "r"}),
    ("POST", "/api/v1/commitments/211-07/status", {"status": "cancelled"}),
    ("POST", "/api/v1/commitments/211-14/checkins", {"value": "1e999", "as_of": "2023-06-30"}),
]


def answers(tracker, env):
    s = Server(tracker, env_extra=env)
    try:
        return [s.request(m, p, s.tokens["office"], body)[::2] for m, p, body in REQUESTS]
    finally:
        s.close()


def main():
    c = Checks()
    en = answers(sys.argv[1], {"LC_ALL": "C.UTF-8"})
    zh = answers(sys.argv[1], {"LC_ALL": "zh_CN.UTF-8", "LANGUAGE": "zh_CN"})
    for (m, p, _), (st_en, body_en), (st_zh, body_zh) in zip(REQUESTS, en, zh):
        c.eq(st_zh, st_en, f"{m} {p}: status")
        c.eq(body_zh, body_en, f"{m} {p}: body")
    c.true(b"no commitment '999-99'" in en[0][1], "the 404's message")
    # The same environment gives the command line its Chinese: the catalogue
    # is there, and the server chose not to use it.
    s = Server(sys.argv[1], users=False)
    try:
        s.env.update(LC_ALL="zh_CN.UTF-8", LANGUAGE="zh_CN")
        c.true("没有承诺事项 '999-99'" in s.cli("show", "999-99", check=False).stderr.decode(),
               "the command line in Chinese")
    finally:
        s.close()
    c.true(any(st >= 400 for st, _ in en[2:]), "the bad requests are refused")
    return c.done("server language")


sys.exit(main())
