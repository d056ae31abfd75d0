#!/usr/bin/python3
"""man_pages.py TRACKER MAN1 MAN5 MAN8 OPENAPI - the man pages render
without a warning (`man --warnings -l`), and tracker(1) names every command
and every option of the declaration (`tracker help --json`), hidden commands
left out, with each option's help; tracker-format(5) names every member of
the format's commitment table; tracker-serve(8) names every option of serve,
every user command with its options, and every route of the OpenAPI
document."""
import json
import os
import subprocess
import sys

tracker, man1, man5, man8, openapi = sys.argv[1:6]
env = dict(os.environ, LC_ALL="C.UTF-8", MANWIDTH="200", MAN_KEEP_FORMATTING="")
failures = 0


def fail(msg):
    global failures
    failures += 1
    print("FAIL:", msg)


def render(path):
    p = subprocess.run(["man", "--warnings", "-l", path], env=env, capture_output=True, text=True)
    if p.returncode or p.stderr.strip():
        fail(f"{path}: man --warnings says {p.stderr.strip()!r} (exit {p.returncode})")
    # Joined into one line with single spaces: the text as a reader sees it,
    # whatever the filling and hyphenation.
    text = p.stdout.replace("\u2010\n", "").replace("-\n", "-")
    return " ".join(text.replace("\u2010", "-").split())


page = render(man1)
decl = json.loads(subprocess.run([tracker, "help", "--json"], capture_output=True, check=True,
                                 env=env).stdout)
checked = 0


def options_in(page, c, where):
    """Each option of c, with its help, after the command's title."""
    section = page[page.find(f"tracker {c['name']}"):]
    for o in c["options"]:
        flag = f"--{o['name']}" + (f" {o['arg']}" if o["arg"] else "")
        if flag not in section or " ".join(o["help"].split()) not in section:
            fail(f"{c['name']}: {flag} or its help is not in {where}")
    return len(c["options"])


for c in decl["commands"]:
    title = f"tracker {c['name']}"
    if c.get("hidden"):
        if title + " " in page:
            fail(f"hidden command {c['name']!r} is in tracker(1)")
        continue
    if title not in page:
        fail(f"command {c['name']!r} is not in tracker(1)")
    checked += options_in(page, c, "tracker(1)")
for heading in ("EXIT STATUS", "ENVIRONMENT", "FILES", "EXAMPLES", "DATES"):
    if heading not in page:
        fail(f"tracker(1) has no {heading} section")
for status in range(0, 12):
    if f" {status} " not in page[page.find("EXIT STATUS"):page.find("ENVIRONMENT")]:
        fail(f"exit status {status} is not in tracker(1)")

fmt = render(man5)
for member in ("key", "quote", "title", "owner", "kind", "target", "window_start", "checkins",
               "history", "text_sha256", "tracker/1"):
    if member not in fmt:
        fail(f"tracker-format(5) does not name {member!r}")
serve_page = render(man8)
for c in decl["commands"]:
    if c["name"] == "serve" or c["name"].startswith("user "):
        if f"tracker {c['name']}" not in serve_page:
            fail(f"command {c['name']!r} is not in tracker-serve(8)")
        checked += options_in(serve_page, c, "tracker-serve(8)")
for path, item in json.load(open(openapi, encoding="utf-8"))["paths"].items():
    for method, op in item.items():
        if isinstance(op, dict) and f"{method.upper()} {path}" not in serve_page:
            fail(f"route {method.upper()} {path} is not in tracker-serve(8)")
for heading in ("OPTIONS", "USERS", "ROUTES", "SIGNALS", "SEE ALSO"):
    if heading not in serve_page:
        fail(f"tracker-serve(8) has no {heading} section")
print(f"{checked} options checked, {failures} failed")
sys.exit(1 if failures else 0)
