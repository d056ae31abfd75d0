#!/usr/bin/python3
"""gen_man.py - tracker(1) and tracker-serve(8) from its prose (man/tracker.1.in), the one
declaration of commands and options (`tracker help --json`), and the exit
statuses and examples of README.md.

The same program fills tracker-serve(8) (man/tracker-serve.8.in) from the
declaration of `serve` and the `user` commands and from the routes of the
OpenAPI document the server serves.

Usage: gen_man.py TRACKER TEMPLATE README VERSION OPENAPI > PAGE"""
import json
import re
import subprocess
import sys


def esc(text):
    """Text for a roff line: backslashes and hyphens escaped, `code` in bold."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    text = re.sub(r"`([^`]+)`", r"\\fB\1\\fR", text)
    return text


def line(text):
    """A text line that cannot be taken for a request."""
    text = esc(text)
    return "\\&" + text if text[:1] in (".", "'") else text


def usage(c):
    parts = []
    for a in c["args"]:
        name = f"\\fI{a['name']}\\fR" + ("..." if a["repeat"] else "")
        parts.append(f"[{name}]" if a["optional"] else name)
    if c["options"]:
        parts.append("[\\fIoptions\\fR]")
    head = f".SS \"tracker {esc(c['name'])}\"\n.B tracker {esc(c['name'])}"
    return head + ("\n" + " ".join(parts) if parts else "")


def options(c):
    """The options of a command as tagged paragraphs, under their groups."""
    out, group = [], None
    for o in c["options"]:
        if o.get("group") != group:
            group = o.get("group")
            if group:
                out.append(".PP")
                out.append(line(group[:1].upper() + group[1:] + ":"))
        out.append(".TP")
        flag = f".BI \"\\-\\-{esc(o['name'])}\" \" {o['arg']}\"" if o["arg"] else \
            f".B \\-\\-{esc(o['name'])}"
        out.append(flag)
        out.append(line(o["help"] + (" (repeatable)" if o["repeatable"] else "")))
    return out


def commands(decl, prefix=""):
    """Every command (whose name starts with prefix): usage, summary,
    description, the words its arguments take, its options."""
    out = []
    for c in decl["commands"]:
        if c.get("hidden") or not c["name"].startswith(prefix):
            continue
        out.append(usage(c))
        out.append(".PP")
        out.append(line(c["summary"][:1].upper() + c["summary"][1:] + "."))
        if c.get("description"):
            out.append(".PP")
            out.append(line(c["description"]))
        for a in c["args"]:
            if a.get("words"):
                out.append(".TP")
                out.append(f".I {a['name']}")
                out.append(line(a["words"]))
        out += options(c)
    return "\n".join(out)


def command(decl, name):
    return next(c for c in decl["commands"] if c["name"] == name)


def routes(openapi_path):
    """The server's routes as the OpenAPI document (which the route table
    is tested against, both ways) declares them."""
    doc = json.load(open(openapi_path, encoding="utf-8"))
    out = []
    for path, item in doc["paths"].items():
        for method, op in item.items():
            if isinstance(op, dict) and "summary" in op:
                out += [".TP", f".B {method.upper()} {esc(path)}",
                        line(op["summary"][:1].upper() + op["summary"][1:] + ".")]
    return "\n".join(out)


def readme_section(readme, heading):
    """The lines of README.md under a heading, up to the next heading."""
    lines = readme.splitlines()
    start = lines.index(heading) + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("#")), len(lines))
    return lines[start:end]


def exit_status(readme):
    out = []
    for row in readme_section(readme, "### Exit status"):
        m = re.match(r"\|\s*(\d+)\s*\|\s*(.*?)\s*\|$", row)
        if m:
            out += [".TP", f".B {m.group(1)}", line(m.group(2)[:1].upper() + m.group(2)[1:] + ".")]
    return "\n".join(out)


def examples(readme):
    body = readme_section(readme, "## Using it")
    start = body.index("```sh") + 1
    end = body.index("```", start)
    out = [".PP", ".nf", ".RS 4"]
    out += [line(row) for row in body[start:end]]
    out += [".RE", ".fi"]
    return "\n".join(out)


def main():
    tracker, template, readme_path, version, openapi = sys.argv[1:6]
    decl = json.loads(subprocess.run([tracker, "help", "--json"], check=True, capture_output=True,
                                     text=True, env={"LC_ALL": "C.UTF-8"}).stdout)
    readme = open(readme_path, encoding="utf-8").read()
    date = subprocess.run(["git", "-C", sys.path[0], "log", "-1", "--format=%cs"],
                          capture_output=True, text=True).stdout.strip() or "2023-10-01"
    text = open(template, encoding="utf-8").read()
    fill = (("@COMMANDS@", lambda: commands(decl)),
            ("@USER_COMMANDS@", lambda: commands(decl, "user ")),
            ("@SERVE_OPTIONS@", lambda: "\n".join(options(command(decl, "serve")))),
            ("@SERVE_DESCRIPTION@", lambda: line(command(decl, "serve")["description"])),
            ("@ROUTES@", lambda: routes(openapi)),
            ("@EXIT_STATUS@", lambda: exit_status(readme)),
            ("@EXAMPLES@", lambda: examples(readme)))
    for key, value in fill:
        if key in text:
            text = text.replace(key, value())
    for key, value in (("@VERSION@", version), ("@DATE@", date)):
        text = text.replace(key, value)
    sys.stdout.write(text)


main()
