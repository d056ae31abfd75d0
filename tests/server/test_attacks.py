#!/usr/bin/python3
"""test_attacks.py TRACKER SEEDS_DIR - the server attacked as a stranger on
the network would: paths that climb out or smuggle headers, bodies and
headers too large, connections held open a byte at a time, bodies that are
not JSON, credentials in every wrong shape. Each attack must get a 4xx (a
JSON error where the route is the API's), leave the record as it was, and
leave the server serving others. Raw sockets: http.client would tidy the
requests up. Every wait is bounded."""
import json
import os
import socket
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serverlib import Checks, Server  # noqa: E402

TRACKER = sys.argv[1]
ok = Checks()


def raw(port, data, timeout=10):
    """Sends bytes, returns everything the server answers until it closes."""
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    s.sendall(data)
    out = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            out += chunk
    except (socket.timeout, ConnectionResetError):
        pass
    s.close()
    return out


def status_of(answer):
    try:
        return int(answer.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return None


def headers_of(answer):
    head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")[1:]
    return [h.lower() for h in head]


def body_of(answer):
    return answer.split(b"\r\n\r\n", 1)[1] if b"\r\n\r\n" in answer else b""


def get(path, extra=b""):
    return b"GET " + path + b" HTTP/1.1\r\nHost: t\r\n" + extra + b"Connection: close\r\n\r\n"


def json_error(answer):
    try:
        return json.loads(body_of(answer))["error"]["message"]
    except (ValueError, KeyError, TypeError):
        return None


def paths_that_climb(srv):
    for p in [b"/static/../../../../etc/passwd", b"/static/..%2F..%2F..%2Fetc%2Fpasswd",
              b"/static/%252e%252e%252f%252e%252e%252fetc%252fpasswd", b"/static/%2e%2e/tracker",
              b"/static/style.css%00.js", b"/static/.%2e/openapi.json", b"//etc/passwd",
              b"/api/v1/commitments/..%2F..%2Fhealthz", b"/calendar/..%2F..%2Fetc%2Fpasswd.ics"]:
        a = raw(srv.port, get(p))
        ok.true(status_of(a) in (400, 401, 404), f"{p}: refused ({status_of(a)})")
        ok.true(b"root:" not in a, f"{p}: no file from outside")


def headers_smuggled(srv):
    a = raw(srv.port, get(b"/api/v1/commitments/211%0d%0aSet-Cookie:%20x=1"))
    ok.true(status_of(a) in (400, 401, 404), "CR LF in the path: refused")
    ok.true(not any(h.startswith("set-cookie: x=1") for h in headers_of(a)), "no header from the path")
    tok = srv.tokens["office"].encode()
    a = raw(srv.port, get(b"/api/v1/commitments/211-14\x1b[31m", b"Authorization: Bearer " + tok + b"\r\n"))
    ok.true(status_of(a) in (None, 400, 404), "an escape sequence in the path: refused")
    ok.true("\x1b" not in srv.log_text(), "no escape sequence reaches the log")


def too_large(srv):
    tok = srv.tokens["office"].encode()
    s = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
    s.sendall(b"POST /api/v1/commitments/211-14/checkins HTTP/1.1\r\nHost: t\r\n"
              b"Authorization: Bearer " + tok + b"\r\nContent-Type: application/json\r\n"
              b"Content-Length: 10485760\r\n\r\n")
    a = s.recv(65536)   # answered before a byte of the body is sent
    s.close()
    ok.eq(status_of(a), 413, "a 10 MB body: 413 before it is sent")
    ok.true(json_error(a), "the 413 is a JSON error")
    big = b"X-Big: " + b"a" * 100000 + b"\r\n"
    a = raw(srv.port, get(b"/healthz", big))
    ok.true(status_of(a) in (None, 400, 413, 414, 431), f"a 100 KB header: refused ({status_of(a)})")
    a = raw(srv.port, get(b"/" + b"a" * 100000))
    ok.true(status_of(a) in (None, 400, 404, 413, 414, 431), f"a 100 KB path: refused ({status_of(a)})")


def not_json(srv):
    tok = srv.tokens["jxj"].encode()
    url = b"/api/v1/commitments/211-14/checkins"

    def post(body, ctype=b"application/json"):
        return raw(srv.port, b"POST " + url + b" HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + tok +
                   b"\r\nContent-Type: " + ctype + b"\r\nContent-Length: " + str(len(body)).encode() +
                   b"\r\nConnection: close\r\n\r\n" + body)
    cases = [(b'{"value": 500, "as_of": "2023-09-30"', 400, "cut short"),
             (b"[" * 100000 + b"]" * 100000, 400, "nested 100,000 deep"),
             (b'{"value": 500, "as_of": "2023-09-30", "note": "\xff\xfe"}', 400, "invalid UTF-8"),
             (b'{"value": 500, "value": 501, "as_of": "2023-09-30"}', 400, "a member twice"),
             (b'{"value": 1e999, "as_of": "2023-09-30"}', 422, "a number out of range"),
             (b'{"value": 500, "as_of": "2023-09-30", "sneaky": 1}', 422, "an unknown member"),
             (b'{"value": 500, "as_of": "2023-09-30", "note": "a\\u0000b"}', 400, "a NUL in a note"),
             (b"", 400, "no body")]
    for body, want, what in cases:
        a = post(body)
        ok.eq(status_of(a), want, f"body {what}")
        ok.true(json_error(a), f"body {what}: a JSON error")
    a = post(b'{"value": 500, "as_of": "2023-09-30"}', b"text/plain")
    ok.eq(status_of(a), 415, "a body that is not application/json")


def bad_credentials(srv):
    office = srv.tokens["office"]
    for h in [b"Bearer", b"Bearer ", b"Bearer  " + office.encode(), b"Basic b2ZmaWNlOng=",
              b"bearer " + office.encode() + b"x", b"Bearer " + b"t" * 5000,
              b"Bearer " + office[:-1].encode() + b"\x01", b"Bearer " + srv.tokens["jxj-feed"].encode()]:
        a = raw(srv.port, get(b"/api/v1/me", b"Authorization: " + h + b"\r\n"))
        ok.eq(status_of(a), 401, f"Authorization: {h[:30]!r}")
        ok.true(json_error(a), f"Authorization: {h[:30]!r}: a JSON error")
    a = raw(srv.port, get(b"/api/v1/me", b"Cookie: tracker_session=a; tracker_session=b\r\n"))
    ok.eq(status_of(a), 401, "two session cookies")
    a = raw(srv.port, get(b"/calendar/" + office.encode() + b".ics"))
    ok.eq(status_of(a), 404, "an API token is not a feed token")


def held_open(srv):
    """Twenty connections send a header a byte a second: the server (epoll,
    a pool of threads, not a thread per connection) serves others all the
    while; once they fall silent, --timeout 2 drops them. (A deadline for
    a whole header is the reverse proxy's job: README, nginx.)"""
    slow = []
    for _ in range(20):
        s = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Slow: ")
        slow.append(s)
    served = 0
    for _ in range(4):
        if status_of(raw(srv.port, get(b"/healthz"))) == 200:
            served += 1
        for s in slow:
            s.sendall(b"a")
        time.sleep(1)
    ok.eq(served, 4, "others served while 20 connections trickle")
    time.sleep(3.5)
    closed = 0
    for s in slow:
        s.settimeout(3)
        try:
            closed += s.recv(100) == b""
        except ConnectionResetError:
            closed += 1
        except socket.timeout:
            pass
        s.close()
    ok.eq(closed, len(slow), "silent for longer than --timeout: dropped")


def many_at_once(srv):
    codes = []
    lock = threading.Lock()

    def one():
        c = status_of(raw(srv.port, get(b"/api/v1/owners", b"Authorization: Bearer " +
                                         srv.tokens["leader"].encode() + b"\r\n"), timeout=20))
        with lock:
            codes.append(c)
    threads = [threading.Thread(target=one) for _ in range(150)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    ok.eq(codes.count(200), 150, "150 requests at once all answered")


def odd_methods(srv):
    for m in [b"TRACE", b"DELETE", b"PUT", b"CONNECT", b"FOO"]:
        a = raw(srv.port, m + b" /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        ok.true(status_of(a) in (400, 404, 405, 501), f"{m.decode()} /healthz refused ({status_of(a)})")
    a = raw(srv.port, b"GET /healthz HTTP/9.9\r\nHost: t\r\n\r\n")
    ok.true(status_of(a) in (None, 400, 505), "HTTP/9.9 refused")
    a = raw(srv.port, b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + b"\x00" * 64)
    ok.true(status_of(a) in (None, 400), "a TLS hello on the plain port refused")


def every_answer_guarded(srv):
    for path in [b"/healthz", b"/nothing", b"/api/v1/me"]:
        h = headers_of(raw(srv.port, get(path)))
        ok.true("x-content-type-options: nosniff" in h, f"{path}: nosniff")
        ok.true(any(x.startswith("content-security-policy: ") for x in h), f"{path}: a CSP")


def main():
    srv = Server(TRACKER, args=("--timeout", "2", "--threads", "4"))
    try:
        before = srv.head()
        for attack in [paths_that_climb, headers_smuggled, too_large, not_json, bad_credentials,
                       odd_methods, every_answer_guarded, held_open, many_at_once]:
            attack(srv)
        ok.eq(srv.head(), before, "the record is as it was")
        ok.eq(srv.request("GET", "/healthz")[0], 200, "the server still serves")
        ok.eq(srv.stop(), 0, "and stops cleanly")
        ok.true(srv.cli("check", check=False).returncode == 0, "tracker check passes")
    finally:
        srv.close()
    return ok.done("server attacks")


sys.exit(main())
