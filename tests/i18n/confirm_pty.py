#!/usr/bin/python3
"""confirm_pty.py TRACKER - a change of many commitments asks first when a
person is at a terminal: run on a pseudo-terminal, `tracker status`,
`override` and `edit` with filters show what will change, ask "[y/N]", and
change nothing unless the answer is yes (y, Y, yes, or in Chinese 是 or 确认);
no answer (end of input) is a no. What was changed is read back with
`tracker list --json`."""
import json
import os
import select
import subprocess
import sys
import tempfile

TRACKER = os.path.realpath(sys.argv[1])
failures = checks = 0


def check(ok, what):
    global failures, checks
    checks += 1
    if not ok:
        failures += 1
        print("FAIL:", what)


def env(lang):
    return dict(os.environ, TRACKER_DB=os.path.join(tmp, "t.db"), LC_ALL=lang, NO_COLOR="1",
                TRACKER_NOW="2023-09-30T08:00:00Z", TZ="Asia/Shanghai", HOME=tmp)


def read_until(fd, needle, seen=b""):
    """What the terminal shows, up to needle (or the program's end)."""
    while needle not in seen:
        ready, _, _ = select.select([fd], [], [], 60)   # a hang guard, not a speed limit
        if not ready:
            break
        try:
            chunk = os.read(fd, 4096)
        except OSError:                                  # the other side closed
            break
        if not chunk:
            break
        seen += chunk
    return seen


def on_terminal(args, answer, lang="C.UTF-8", prompt="[y/N] "):
    """Runs tracker with stdin and stderr on a pseudo-terminal, answers the
    prompt (None: end of input); returns (exit status, what the terminal showed)."""
    master, slave = os.openpty()
    p = subprocess.Popen([TRACKER] + args, stdin=slave, stderr=slave, stdout=subprocess.PIPE,
                         env=env(lang), cwd=tmp)
    os.close(slave)
    shown = read_until(master, prompt.encode())
    if prompt.encode() in shown:
        os.write(master, b"\x04" if answer is None else answer.encode() + b"\n")
    p.stdout.read()
    status = p.wait()
    shown = read_until(master, b"\x00never", shown)
    os.close(master)
    return status, shown.decode("utf-8", "replace")


def field(owner, name):
    out = subprocess.run([TRACKER, "list", "--owner", owner, "--json"], env=env("C.UTF-8"),
                         capture_output=True, check=True, cwd=tmp).stdout
    return sorted({c[name] if c.get(name) is not None else "-" for c in json.loads(out)})


tmp = tempfile.mkdtemp()
subprocess.run([TRACKER, "seed"], env=env("C.UTF-8"), capture_output=True, check=True)

# No: nothing changes, and the command fails.
for answer in ("n", "", "no", "yess", "是的", None):
    status, shown = on_terminal(["status", "--owner", "商务局", "done", "--reason", "r"], answer)
    check("3 of the 3 commitments that match will change" in shown and "211-20" in shown,
          f"answer {answer!r}: the change was not shown first: {shown!r}")
    check(status == 2 and "not confirmed: nothing changed" in shown,
          f"answer {answer!r}: exit {status}, {shown!r}")
    check(field("商务局", "status") == ["open"], f"answer {answer!r}: something changed")

# Yes, in English.
status, shown = on_terminal(["status", "--owner", "商务局", "in_progress"], "y")
check(status == 0 and "changed 3 commitments" in shown, f"y: exit {status}, {shown!r}")
check(field("商务局", "status") == ["in_progress"], "y: the statuses did not change")
status, shown = on_terminal(["override", "--owner", "商务局", "at_risk", "--reason", "r"], "Y")
check(status == 0 and field("商务局", "health_override") == ["at_risk"],
      f"Y: exit {status}, {shown!r}")
status, shown = on_terminal(["edit", "--where-owner", "商务局", "--due", "2024-06-30",
                             "--reason", "r"], "yes")
check(status == 0 and field("商务局", "due") == ["2024-06-30"], f"yes: exit {status}, {shown!r}")

# In Chinese: the question in Chinese, and 是 or 确认 (or y) for yes.
zh_prompt = "修改这 3 条承诺事项？[y/N] "
for answer, new in (("否", None), ("是", "blocked"), ("确认", "open")):
    before = field("商务局", "status")
    status, shown = on_terminal(["status", "--owner", "商务局", new or "done", "--reason", "r"],
                                answer, "zh_CN.UTF-8", zh_prompt)
    check("符合条件的 3 条承诺事项中有 3 条将被修改" in shown and zh_prompt in shown,
          f"zh {answer!r}: not asked in Chinese: {shown!r}")
    if new:
        check(status == 0 and "已修改 3 条承诺事项" in shown and field("商务局", "status") == [new],
              f"zh {answer!r}: exit {status}, {shown!r}")
    else:
        check(status == 2 and "未确认：没有修改" in shown and field("商务局", "status") == before,
              f"zh {answer!r}: exit {status}, {shown!r}")

print(f"bulk confirmation on a terminal: {checks - failures} passed, {failures} failed")
sys.exit(1 if failures else 0)
