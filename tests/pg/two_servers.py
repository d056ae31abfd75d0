#!/usr/bin/python3
"""two_servers.py TRACKER - two `tracker serve` processes on two loopback
ports in front of one PostgreSQL record (TRACKER_TEST_PG, through
with_pg.sh), and WRITERS threads posting check-ins to both at once, half of
them to each server, all into the same few commitments so that the chains
contend across processes. Every request must be acknowledged (201), every
acknowledged check-in must be stored exactly once, each chain's links run
1..n without a gap or a fork, requests after a restart of PostgreSQL under
the running servers succeed, while it is down they answer 503 (not 401),
and `tracker check` verifies the record. The
check-ins per second are printed (one server, then two), not asserted: speed
belongs to bench/."""
import json
import os
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "server"))
from serverlib import Checks, Server  # noqa: E402

TRACKER = sys.argv[1]
WRITERS = int(os.environ.get("WRITERS", "8"))
EACH = int(os.environ.get("EACH", "40"))
KEYS = ["211-14", "211-12", "211-15"]   # 经信局's and others': office writes all


def run_writers(servers, token, tag):
    """WRITERS threads, thread w posting EACH check-ins to servers[w % n].
    Returns (acknowledged notes per key, failures, seconds)."""
    acked = {k: [] for k in KEYS}
    failures = []
    lock = threading.Lock()

    def writer(w):
        srv = servers[w % len(servers)]
        for j in range(EACH):
            key = KEYS[(w + j) % len(KEYS)]
            note = f"{tag} w{w} #{j}"
            try:
                status, _, data = srv.request("POST", f"/api/v1/commitments/{key}/checkins", token,
                                              {"note": note})
            except OSError as e:
                status, data = None, str(e).encode()
            with lock:
                if status == 201:
                    acked[key].append(note)
                else:
                    failures.append(f"{key} via :{srv.port}: {status} {data[:200]!r}")

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(WRITERS)]
    start = time.monotonic()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return acked, failures, time.monotonic() - start


def stored(srv, token, key):
    status, _, data = srv.request("GET", f"/api/v1/commitments/{key}", token)
    return status, json.loads(data).get("checkins", []) if status == 200 else []


def main():
    t = Checks()
    a = Server(TRACKER, args=("--threads", "8"))
    b = None
    try:
        b = Server(TRACKER, db=a.db, tokens=a.tokens, args=("--threads", "8"))
        token = a.tokens["office"]
        t.true(a.port != b.port, "two servers on two ports")
        before = {k: len(stored(a, token, k)[1]) for k in KEYS}

        acked1, fail1, secs1 = run_writers([a], token, "one")
        acked2, fail2, secs2 = run_writers([a, b], token, "two")
        n = WRITERS * EACH
        print(f"one server:  {n} check-ins by {WRITERS} writers in {secs1:.2f} s ({n / secs1:.0f}/s)")
        print(f"two servers: {n} check-ins by {WRITERS} writers in {secs2:.2f} s ({n / secs2:.0f}/s)")
        for what, fails in (("one server", fail1), ("two servers", fail2)):
            t.eq(fails[:3], [], f"{what}: every check-in acknowledged")

        for key in KEYS:
            # Each server reads what both wrote: the record is one.
            for srv in (a, b):
                status, cks = stored(srv, token, key)
                t.eq(status, 200, f"GET {key} via :{srv.port}")
                notes = [c.get("note") for c in cks]
                want = acked1[key] + acked2[key]
                t.eq(len(cks), before[key] + len(want), f"{key} via :{srv.port}: check-ins stored")
                t.eq(sorted(x for x in notes if x in set(want)), sorted(want),
                     f"{key} via :{srv.port}: every acknowledged check-in there, once")
                t.eq([c["seq"] for c in cks], list(range(1, len(cks) + 1)),
                     f"{key} via :{srv.port}: links 1..n, no gap, no fork")
        # The database server restarts under both: each server's
        # connections are cut and opened again before the next transaction,
        # so no request fails (only with the cluster's directory at hand).
        pgdir = os.environ.get("TRACKER_TEST_PG_DIR")
        if pgdir:
            cluster = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cluster.sh")
            subprocess.run([cluster, "restart", pgdir], check=True)
            for srv in (a, b):
                got = [srv.request("POST", f"/api/v1/commitments/{KEYS[i % 3]}/checkins", token,
                                   {"note": f"after restart {srv.port} #{i}"})[0] for i in range(24)]
                t.eq([s for s in got if s != 201], [], f"after a restart of PostgreSQL, via :{srv.port}")
            # While it is down the servers say so (503), and do not take the
            # callers' credentials for bad ones (401).
            subprocess.run([cluster, "halt", pgdir], check=True)
            try:
                status, _, data = a.request("GET", "/api/v1/commitments/211-14", token)
                t.eq(status, 503, "PostgreSQL down: 503")
                t.eq(json.loads(data)["error"]["code"], "unavailable", "PostgreSQL down: unavailable")
                t.true(pgdir not in data.decode(), "PostgreSQL down: the answer does not name the database")
                t.true(pgdir in a.log_text(), "PostgreSQL down: the log does")
            finally:
                subprocess.run([cluster, "resume", pgdir], check=True)
            t.eq(a.request("GET", "/api/v1/commitments/211-14", token)[0], 200, "PostgreSQL back: 200")
        check = a.cli("check", check=False)
        t.eq(check.returncode, 0, "tracker check: every chain verifies")
        if check.returncode:
            print(check.stdout.decode()[:500], check.stderr.decode()[:500])
        for srv in (a, b):
            t.eq(srv.stop(), 0, f"server :{srv.port} stops cleanly on SIGTERM")
    finally:
        if b:
            b.close()
        a.close()
    return t.done("two servers on one PostgreSQL record")


sys.exit(main())
