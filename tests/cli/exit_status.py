#!/usr/bin/python3
"""exit_status.py TRACKER README - the README's exit-status table is what
tracker does: for every status the table lists, a command that must end
with it (and the table lists every status this test knows a command for)."""
import os
import re
import sqlite3
import subprocess
import sys
import tempfile

tracker, readme = os.path.realpath(sys.argv[1]), sys.argv[2]
tmp = tempfile.mkdtemp(prefix="tracker-exit.")
db = os.path.join(tmp, "t.db")
env = dict(os.environ, TRACKER_DB=db, TRACKER_NOW="2023-09-30T08:00:00Z", LC_ALL="C.UTF-8")


def run(*args, **kw):
    return subprocess.run([tracker, *args], env=dict(env, **kw), capture_output=True, cwd=tmp)


def newer_db():
    path = os.path.join(tmp, "newer.db")
    run("--db", path, "init")
    c = sqlite3.connect(path)
    c.execute("PRAGMA user_version = 99")
    c.commit()
    c.close()
    return run("--db", path, "list")


def tampered():
    c = sqlite3.connect(db)
    c.execute("UPDATE commitment SET title = 'x' WHERE key = '211-14'")
    c.commit()
    c.close()
    return run("check")


def unwritable():
    out = os.path.join(tmp, "no-such-dir", "r.ics")
    return run("export", "ics", "--out", out)


COMMANDS = {   # status: what produces it
    0: lambda: run("list"),
    2: lambda: run("list", "--bogus"),
    3: lambda: run("log", "211-14", "--value", "abc"),
    4: lambda: run("show", "999-99"),
    5: lambda: run("add", "211-14", "--letter", "慈经信建〔2023〕3号", "--title", "t", "--quote", "新增",
                   "--owner", "人社局", "--kind", "milestone"),
    6: lambda: run("--db", os.path.join(tmp, "other.db"), "list"),
    7: unwritable,
    8: newer_db,
    9: tampered,
}
NOT_FROM_THE_CLI = {1: "an internal error: a bug", 10: "only the server's users have a scope",
                    11: "only the server signs users in (tests/server checks its 401)"}

table = {}
for line in open(readme, encoding="utf-8"):
    m = re.match(r"\|\s*(\d+)\s*\|\s*(.+?)\s*\|\s*$", line)
    if m:
        table[int(m.group(1))] = m.group(2)
run("seed")
sqlite3.connect(os.path.join(tmp, "other.db")).execute("CREATE TABLE t(x)").connection.commit()
failures = 0
for status, meaning in sorted(table.items()):
    if status in NOT_FROM_THE_CLI:
        print(f"skip {status}: {NOT_FROM_THE_CLI[status]}")
        continue
    if status not in COMMANDS:
        print(f"FAIL {status} ({meaning}): no command in this test produces it")
        failures += 1
        continue
    p = COMMANDS[status]()
    ok = p.returncode == status
    failures += not ok
    err = p.stderr.decode().strip().splitlines()[:1] if p.stderr else []
    print(f"{'ok' if ok else 'FAIL'} {status} ({meaning}): got {p.returncode} {err}")
for status in COMMANDS:
    if status not in table:
        print(f"FAIL {status}: tracker exits with it but the README does not say")
        failures += 1
sys.exit(1 if failures else 0)
