#!/usr/bin/python3
"""server_load.py TRACKER GEN_DATA N M [PG_CONNINFO] - the server under load
on a generated store of N commitments and M check-ins, in SQLite and (with
a conninfo, e.g. from tests/pg/cluster.sh; bench/pg.sh passes one) in a new
schema of that PostgreSQL database:
  - a department's list (GET /api/v1/commitments?owner=B7, 200 requests
    from 4 clients): median and p99 latency;
  - check-ins (POST .../checkins, 8 writers, each on its own commitments):
    per second through one server, then through two servers on the same
    record (PostgreSQL only: two servers cannot share a SQLite file over
    machines anyway)."""
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "server"))
from serverlib import Server, pg_schema  # noqa: E402

TRACKER, GEN = os.path.realpath(sys.argv[1]), os.path.realpath(sys.argv[2])
N, M = int(sys.argv[3]), int(sys.argv[4])
PG = sys.argv[5] if len(sys.argv) > 5 else None
WRITERS, EACH, LISTS = 8, 50, 200
ENV = dict(os.environ, TRACKER_NOW="2023-10-10T02:00:00Z", TZ="Asia/Shanghai", LC_ALL="C.UTF-8")


def cli(db, *args):
    p = subprocess.run([TRACKER, "--db", db, *args], env=ENV, capture_output=True, check=True)
    return p.stdout.decode().strip()


def make_store(db, data):
    cli(db, "import", data)
    return {"office": cli(db, "user", "add", "office", "--role", "admin"),
            "b7": cli(db, "user", "add", "b7", "--role", "department", "--owner", "B7")}


def in_threads(n, fn):
    threads = [threading.Thread(target=fn, args=(i,)) for i in range(n)]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.monotonic() - start


def lists(srv, token):
    times, bad = [], []

    def client(_):
        for _ in range(LISTS // 4):
            t0 = time.monotonic()
            status = srv.request("GET", "/api/v1/commitments?owner=B7", token)[0]
            times.append(time.monotonic() - t0)
            if status != 200:
                bad.append(status)
    in_threads(4, client)
    times.sort()
    return statistics.median(times) * 1000, times[int(len(times) * 0.99) - 1] * 1000, bad


def checkins(servers, token, tag):
    bad = []

    def writer(w):
        srv = servers[w % len(servers)]
        for j in range(EACH):
            key = f"B{(w * EACH + j) % N}"
            if srv.request("POST", f"/api/v1/commitments/{key}/checkins", token,
                           {"note": f"{tag} {w}-{j}"})[0] != 201:
                bad.append(key)
    secs = in_threads(WRITERS, writer)
    return WRITERS * EACH / secs, bad


def run(name, db, data, two):
    tokens = make_store(db, data)
    a = Server(TRACKER, db=db, tokens=tokens, args=("--threads", "8"))
    b = Server(TRACKER, db=db, tokens=tokens, args=("--threads", "8")) if two else None
    try:
        med, p99, bad = lists(a, tokens["b7"])
        print(f"{name:<11} department list (GET ?owner=B7)   median {med:6.1f} ms   p99 {p99:6.1f} ms"
              f"{'   FAILED ' + str(len(bad)) if bad else ''}")
        rate, bad = checkins([a], tokens["office"], "one")
        print(f"{name:<11} check-ins, one server            {rate:6.0f} /s"
              f"{'   FAILED ' + str(len(bad)) if bad else ''}")
        if b:
            rate2, bad = checkins([a, b], tokens["office"], "two")
            print(f"{name:<11} check-ins, two servers           {rate2:6.0f} /s ({rate2 / rate:.2f}x)"
                  f"{'   FAILED ' + str(len(bad)) if bad else ''}")
        check = subprocess.run([TRACKER, "--db", db, "check"], env=ENV, capture_output=True)
        print(f"{name:<11} tracker check afterwards: exit {check.returncode}")
    finally:
        for s in (a, b):
            if s:
                s.close()


def main():
    tmp = tempfile.mkdtemp(prefix="tracker-load.")
    data = os.path.join(tmp, "data.json")
    with open(data, "w") as f:
        subprocess.run([GEN, str(N), str(M)], stdout=f, check=True)
    print(f"{N} commitments, {M} check-ins; {WRITERS} writers x {EACH} check-ins; {LISTS} lists")
    run("SQLite", os.path.join(tmp, "load.db"), data, False)
    if PG:
        run("PostgreSQL", pg_schema(PG, "bench_load"), data, True)
    subprocess.run(["rm", "-rf", tmp])


main()
