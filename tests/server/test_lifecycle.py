#!/usr/bin/python3
"""test_lifecycle.py TRACKER SEEDS_DIR - the server over its life: the
calendar feed is the CLI's export byte for byte and answers "unchanged"
with 304; check-ins sent at once from eight clients are all stored, each
acknowledged one exactly once; memory running out answers 503 for that
request and the server goes on; SIGTERM and SIGINT stop it with status 0;
a port in use or a bad --listen is refused at start; with --tls-cert and
--tls-key it speaks HTTPS only (HSTS on every answer), and a certificate or
key GnuTLS cannot use is refused at start in one line that says why."""
import http.client
import json
import os
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serverlib import Checks, Server  # noqa: E402

TRACKER = sys.argv[1]
ok = Checks()


def without_dtstamp(data):
    return b"\n".join(l for l in data.split(b"\n") if not l.startswith(b"DTSTAMP:"))


def feed(srv):
    url = "/calendar/" + srv.tokens["jxj-feed"] + ".ics"
    st, h, body = srv.request("GET", url)
    ok.eq(st, 200, "the feed")
    ok.eq(h.get("content-type", "").split(";")[0], "text/calendar", "feed content type")
    cli = srv.cli("export", "ics", "--owner", "经信局", "--allow-empty").stdout
    ok.eq(without_dtstamp(body), without_dtstamp(cli), "the feed is the CLI's export")
    ok.true(b"BEGIN:VEVENT" in body, "the feed has events")
    etag, modified = h.get("etag"), h.get("last-modified")
    ok.true(etag and modified, "ETag and Last-Modified")
    st, _, body = srv.request("GET", url, headers={"If-None-Match": etag})
    ok.eq((st, body), (304, b""), "unchanged: 304 with no body")
    st, _, _ = srv.request("GET", url, headers={"If-Modified-Since": modified})
    ok.eq(st, 304, "not modified since: 304")
    srv.request("POST", "/api/v1/commitments/211-14/checkins", srv.tokens["jxj"],
                {"value": 700, "as_of": "2023-10-09"})
    st, _, _ = srv.request("GET", url, headers={"If-None-Match": etag})
    ok.eq(st, 200, "after a check-in the feed has changed")
    feed_id = json.loads(srv.cli("user", "tokens", "jxj", "--json").stdout)
    feed_id = [t["id"] for t in feed_id if t["kind"] == "feed"][0]
    srv.cli("user", "revoke", feed_id)
    ok.eq(srv.request("GET", url)[0], 404, "a revoked feed is gone")


def concurrent_checkins(srv):
    results = []
    lock = threading.Lock()

    def client(n):
        for i in range(5):
            st, _, body = srv.request("POST", "/api/v1/commitments/211-14/checkins",
                                      srv.tokens["office"],
                                      {"value": 720, "as_of": "2023-10-09",
                                       "note": f"client {n} #{i}"})
            with lock:
                results.append((st, f"client {n} #{i}", body))
    threads = [threading.Thread(target=client, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    ok.eq(sorted(set(r[0] for r in results)), [201], "40 check-ins at once: all 201")
    for st, what, body in results:
        if st != 201:
            print(what, body)
    shown = json.loads(srv.cli("show", "211-14", "--json").stdout)
    notes = [c.get("note") for c in shown["checkins"]]
    ok.eq(sorted(n for n in notes if n and n.startswith("client")), sorted(r[1] for r in results if r[0] == 201),
          "each acknowledged check-in stored exactly once")
    ok.eq(srv.cli("check", check=False).returncode, 0, "tracker check passes after them")


def out_of_memory(tracker):
    """Allocations over 100,000 bytes fail (TRACKER_FAULT_ALLOC_OVER): a
    600 KB body cannot be kept, a report of the seed can be made."""
    srv = Server(tracker, env_extra={"TRACKER_FAULT_ALLOC_OVER": "100000"})
    try:
        before = srv.head()
        big = {"format": "tracker/1", "letters": [{"doc_no": "大", "text": "字" * 200000,
                                                   "commitments": []}]}
        st, _, body = srv.request("POST", "/api/v1/import", srv.tokens["office"], big)
        ok.eq(st, 503, "a body larger than the memory there is: 503")
        ok.true(b'"out_of_memory"' in body, "the 503 is a JSON error")
        ok.eq(srv.head(), before, "nothing written")
        ok.eq(srv.request("GET", "/healthz")[0], 200, "the server goes on")
        st, _, _ = srv.request("GET", "/api/v1/reports/2023Q3.json", srv.tokens["office"])
        ok.eq(st, 200, "and makes a report")
        ok.true("out of memory" in srv.log_text(), "the log says why")
        stops_cleanly(srv, "and stops cleanly")
    finally:
        srv.close()
    # Over 65,536 bytes: the store's 64 KB arena blocks fail inside the
    # handler, which is left by the guard (the request's 503), not abort.
    # What the handler had allocated is given up (server.c, run_guarded):
    # LeakSanitizer, in the ASan build, is told so.
    asan = os.environ.get("ASAN_OPTIONS", "")
    srv = Server(tracker, env_extra={"TRACKER_FAULT_ALLOC_OVER": "65536",
                                     "ASAN_OPTIONS": asan + (":" if asan else "") + "detect_leaks=0"})
    try:
        for _ in range(3):
            st, _, body = srv.request("GET", "/api/v1/commitments/211-14", srv.tokens["office"])
            ok.eq((st, b'"out_of_memory"' in body), (503, True), "a handler out of memory: 503")
            ok.eq(srv.request("GET", "/healthz")[0], 200, "and the server goes on")
        stops_cleanly(srv, "and stops cleanly")
    finally:
        srv.close()


def stop_on_sigterm(tracker):
    srv = Server(tracker)
    try:
        ok.eq(srv.request("GET", "/api/v1/me", srv.tokens["jxj"])[0], 200, "serving")
        ok.eq(srv.stop(signal.SIGTERM), 0, "SIGTERM: status 0")
        ok.true("tracker serve: stopped" in srv.log_text(), "the log says it stopped")
        ok.true("MHD_OPTION" not in srv.log_text(), "no libmicrohttpd warning about its options")
        ok.eq(srv.cli("check", check=False).returncode, 0, "the record is whole")
    finally:
        srv.close()
    srv = Server(tracker)
    try:
        ok.eq(srv.stop(signal.SIGINT), 0, "SIGINT (Ctrl-C): status 0")
    finally:
        srv.close()


def refuses_to_start(tracker):
    srv = Server(tracker)
    try:
        p = subprocess.run([srv.tracker, "--db", srv.db, "serve", "--listen", f"127.0.0.1:{srv.port}"],
                           env=srv.env, capture_output=True, timeout=30)
        ok.true(p.returncode != 0 and str(srv.port).encode() in p.stderr,
                "a port in use: refused, naming the port")
        ok.eq(len(p.stderr.splitlines()), 1, f"a port in use: one line: {p.stderr!r}")
        ok.true(b"Address already in use" in p.stderr, "a port in use: says so")
        for bad in ["localhost", "127.0.0.1:99999", "[::1", "127.0.0.1:-1"]:
            p = subprocess.run([srv.tracker, "--db", srv.db, "serve", "--listen", bad],
                               env=srv.env, capture_output=True, timeout=30)
            ok.true(p.returncode == 2 and b"listen" in p.stderr, f"--listen {bad}: usage error")
    finally:
        srv.close()


def stops_cleanly(srv, what):
    """Stops srv with SIGTERM and checks it exits 0; when it does not (a
    sanitizer's report aborts it), the end of its log says why."""
    rc = srv.stop()
    ok.eq(rc, 0, what)
    if rc != 0:
        print(f"--- the server's log ({what}) ---\n{srv.log_text()[-6000:]}", file=sys.stderr)


def make_certificate(d, name, cn="127.0.0.1"):
    """A self-signed certificate for cn (and its key) in d: (cert, key)."""
    cert, key = os.path.join(d, name + ".crt"), os.path.join(d, name + ".key")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                    "-out", cert, "-days", "2", "-subj", "/CN=" + cn,
                    "-addext", "subjectAltName=IP:" + cn if cn[0].isdigit() else "subjectAltName=DNS:" + cn],
                   check=True, capture_output=True)
    return cert, key


def https(srv, cafile, path, token):
    c = http.client.HTTPSConnection("127.0.0.1", srv.port, timeout=30,
                                    context=ssl.create_default_context(cafile=cafile))
    c.request("GET", path, headers={"Authorization": "Bearer " + token})
    r = c.getresponse()
    out = r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    c.close()
    return out


def tls(tracker):
    d = tempfile.mkdtemp(prefix="tracker-tls.")
    try:
        cert, key = make_certificate(d, "good")
        other_cert, other_key = make_certificate(d, "other", "example.org")
        srv = Server(tracker, args=("--tls-cert", cert, "--tls-key", key))
        try:
            st, h, body = https(srv, cert, "/api/v1/me", srv.tokens["jxj"])
            ok.eq((st, json.loads(body).get("name")), (200, "jxj"), "HTTPS: the API answers")
            ok.eq(h.get("strict-transport-security"), "max-age=31536000", "HTTPS: HSTS")
            ok.true("(https)" in srv.log_text(), "the log says https")
            try:
                https(srv, other_cert, "/healthz", "")
                ok.true(False, "a client that trusts another certificate got through")
            except ssl.SSLCertVerificationError:
                ok.true(True, "the certificate served is the one given")
            try:
                st = srv.request("GET", "/healthz")[0]
                ok.true(False, f"plain HTTP to the HTTPS port answered {st}")
            except (http.client.HTTPException, ConnectionError):
                ok.true(True, "plain HTTP to the HTTPS port: no answer")
            ok.eq(https(srv, cert, "/healthz", "")[0], 200, "and HTTPS goes on")
            stops_cleanly(srv, "HTTPS: stops cleanly")
        finally:
            srv.close()
        srv = Server(tracker)
        try:
            ok.true("strict-transport-security" not in srv.request("GET", "/healthz")[1],
                    "plain HTTP: no HSTS (it would pin browsers to a port that has no TLS)")
        finally:
            srv.close()
        subprocess.run([tracker, "--db", os.path.join(d, "t.db"), "init"], check=True,
                       capture_output=True)
        garbage = os.path.join(d, "garbage.pem")
        with open(garbage, "w") as f:
            f.write("not a certificate\n")
        for args, status, says in [
                ((garbage, key), 3, "Base64"),
                ((cert, garbage), 3, "--tls-key"),
                ((key, cert), 3, "--tls-cert"),               # the two swapped
                ((cert, other_key), 3, "do not match"),
                ((os.path.join(d, "none.pem"), key), 7, "none.pem")]:
            p = subprocess.run([tracker, "--db", os.path.join(d, "t.db"), "serve", "--listen",
                                "127.0.0.1:0", "--tls-cert", args[0], "--tls-key", args[1]],
                               env=dict(os.environ, TRACKER_NOW="2023-10-10T02:00:00Z"),
                               capture_output=True, timeout=30, text=True)
            what = f"--tls-cert {os.path.basename(args[0])} --tls-key {os.path.basename(args[1])}"
            ok.eq(p.returncode, status, f"{what}: exit status ({p.stderr.strip()})")
            ok.true(says in p.stderr, f"{what}: says {says!r}: {p.stderr.strip()}")
            ok.eq(len(p.stderr.splitlines()), 1, f"{what}: one line: {p.stderr!r}")
        p = subprocess.run([tracker, "--db", os.path.join(d, "t.db"), "serve", "--tls-cert", cert],
                           capture_output=True, timeout=30, text=True)
        ok.true(p.returncode == 2 and "both" in p.stderr, f"a certificate alone: {p.stderr.strip()}")
    finally:
        shutil.rmtree(d, ignore_errors=True)


def main():
    srv = Server(TRACKER)
    try:
        feed(srv)
        concurrent_checkins(srv)
    finally:
        srv.close()
    out_of_memory(TRACKER)
    stop_on_sigterm(TRACKER)
    refuses_to_start(TRACKER)
    tls(TRACKER)
    return ok.done("server lifecycle")


sys.exit(main())
