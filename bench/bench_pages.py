#!/usr/bin/python3
"""bench_pages.py TRACKER - how long the pages take for the office on the
seed (50 requests each, one at a time, over loopback, signed in): median
and 95th percentile in ms, and the size of each page."""
import os
import sys, time, statistics
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "server"))
from serverlib import Server, PageSession
s = Server(sys.argv[1])
try:
    ps = PageSession(s.port)
    ps.sign_in("office", "office pass phrase")
    for path in ["/", "/c/211-14", "/letters/211", "/reports/2023Q3", "/admin"]:
        ts, size = [], 0
        for _ in range(50):
            t0 = time.perf_counter(); st, h, p = ps.get(path); ts.append((time.perf_counter() - t0) * 1000)
            assert st == 200, (path, st)
            size = len(p.encode())
        ts.sort()
        print(f"{path:18} {size:7d} bytes  median {statistics.median(ts):6.1f} ms  p95 {ts[int(len(ts)*0.95)-1]:6.1f} ms")
finally:
    s.close()
