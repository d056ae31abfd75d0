#!/usr/bin/python3
"""help_matches.py TRACKER - every command's help shows every option and
argument of its declaration (`tracker help --json`), its usage line names
the command, and a usage error prints that usage line."""
import json
import subprocess
import sys

tracker = sys.argv[1]
decl = json.loads(subprocess.run([tracker, "help", "--json"], capture_output=True, check=True).stdout)
listing = subprocess.run([tracker, "help"], capture_output=True, check=True).stdout.decode()
failures = 0


def fail(msg):
    global failures
    failures += 1
    print("FAIL:", msg)


for c in decl["commands"]:
    words = c["name"].split()
    if c.get("hidden"):
        if c["summary"] in listing:
            fail(f"{c['name']}: hidden, but in `tracker help`")
    elif c["name"] not in listing or c["summary"] not in listing:
        fail(f"{c['name']}: not in `tracker help`")
    for flag in ("--help", "-h"):
        text = subprocess.run([tracker, *words, flag], capture_output=True).stdout.decode()
        if not text.startswith(f"usage: tracker {c['name']}"):
            fail(f"{c['name']} {flag}: no usage line")
        for o in c["options"]:
            line = f"--{o['name']}" + (f" {o['arg']}" if o["arg"] else "")
            if line not in text or o["help"] not in text:
                fail(f"{c['name']} {flag}: option {line} or its help is missing")
        for a in c["args"]:
            if a["name"] not in text:
                fail(f"{c['name']} {flag}: argument {a['name']} is missing")
    p = subprocess.run([tracker, *words, "--no-such-option"], capture_output=True)
    err = p.stderr.decode()
    if p.returncode != 2 or f"usage: tracker {c['name']}" not in err:
        fail(f"{c['name']}: a usage error gives exit {p.returncode} and {err!r}")
print(f"{len(decl['commands'])} commands checked, {failures} failures")
sys.exit(1 if failures else 0)
