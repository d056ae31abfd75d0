#!/usr/bin/python3
"""lazy_libraries.py TRACKER - the everyday commands of the embedded store
load none of libpq, libmicrohttpd, libical, ICU or the office libraries
(util/dynlib.h: resolving them and what they pull in was most of every
command's start), each other command loads only what it uses, and what
needs a library still gets it: a sort in pinyin order, a calendar, a
workbook and a bulletin are written, and a PostgreSQL location reaches
libpq and fails on the connection, not on loading."""
import os
import subprocess
import sys
import tempfile

tracker = os.path.realpath(sys.argv[1])
tmp = tempfile.mkdtemp(prefix="tracker-lazy.")
db = os.path.join(tmp, "t.db")
env = dict(os.environ, TRACKER_DB=db, TRACKER_NOW="2023-09-30T08:00:00Z", LC_ALL="C.UTF-8")
failures = 0


def run(*args):
    """Exit status, stderr without the loader's lines, and the files loaded."""
    p = subprocess.run([tracker, *args], env=dict(env, LD_DEBUG="files"), capture_output=True,
                       cwd=tmp, text=True)
    loaded = [l for l in p.stderr.splitlines() if "file=" in l and ("needed by" in l or
                                                                      "dynamically loaded" in l)]
    said = [l for l in p.stderr.splitlines() if "file=" not in l and not l.lstrip()[:1].isdigit()]
    return p.returncode, "\n".join(said), "\n".join(loaded)


def check(cond, what):
    global failures
    if not cond:
        failures += 1
        print("FAIL:", what)


subprocess.run([tracker, "seed"], env=env, capture_output=True, check=True)
LAZY = ("libpq.so", "libmicrohttpd.so", "libgnutls", "libkrb5", "libldap", "libxlsxwriter.so",
        "libzip.so", "libxml2.so", "libical.so", "libicui18n.so")


def loads(args, wanted=(), also_allowed=()):
    """args succeeds, loads each of wanted, and of the lazy ones no other."""
    rc, said, loaded = run(*args)
    check(rc == 0, f"{args}: exit {rc}: {said}")
    check("libsqlite3" in loaded, f"{args}: LD_DEBUG shows no libraries: {loaded[:200]}")
    for lib in wanted:
        check(lib in loaded, f"{args} did not load {lib}")
    for lib in LAZY:
        if lib not in wanted and lib not in also_allowed:
            check(lib not in loaded, f"{args} loaded {lib}")


# What people type every day: none of them.
for args in (["list"], ["show", "211-14"], ["log", "211-14", "--value", "1", "--note", "n"],
             ["list", "--owner", "经信局"]):
    loads(args)
# ICU for an order in pinyin, libical for a calendar.
ICU = ("libicui18n.so",)
loads(["list", "--sort", "owner"], ICU)
loads(["report", "--format", "json", "--out", os.path.join(tmp, "r.json")], ICU)
loads(["check"], ICU)
loads(["export", "ics", "--out", os.path.join(tmp, "c.ics")], ("libical.so",), ICU)

# The office documents load their libraries, and only theirs.
for args, wanted in ((["export", "xlsx", "--out", os.path.join(tmp, "l.xlsx")], "libxlsxwriter.so"),
                     (["report", "--format", "docx", "--out", os.path.join(tmp, "r.docx")],
                      "libzip.so")):
    loads(args, (wanted,), ICU + ("libzip.so", "libxml2.so"))
rc, said, loaded = run("import", os.path.join(tmp, "l.xlsx"))   # the ledger, not filled in
check(rc == 0, f"reading the ledger back: exit {rc}: {said}")
check("libxml2.so" in loaded and "libzip.so" in loaded, f"reading a workbook: {loaded[:300]}")

# A PostgreSQL location loads libpq when it is opened; nothing listens on
# port 1, so the error is libpq's own, about the connection.
rc, said, loaded = run("--db", "postgresql://nobody@127.0.0.1:1/none", "list")
check(rc != 0, "a PostgreSQL location with no server succeeded")
check("libpq.so.5" in loaded, f"a PostgreSQL location did not load libpq: {loaded[:300]}")
check("cannot connect to PostgreSQL database 'none' on 127.0.0.1:1" in said,
      f"not the connection's error: {said}")
check("cannot be loaded" not in said, f"libpq did not load: {said}")

print("lazy_libraries:", "ok" if not failures else f"{failures} failures")
sys.exit(1 if failures else 0)
