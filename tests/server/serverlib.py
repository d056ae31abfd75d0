"""serverlib.py - runs `tracker serve` on a loopback port for the server
tests: a fresh database with the seed letter and a user of each role, the
server started on a free port (--ready-file), requests over http.client,
and the record's chain head (tracker check --head) to prove that a refused
request wrote nothing."""
import http.client
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.parse

NOW = "2023-10-10T02:00:00Z"   # a fixed clock: the seed's 2023Q3 is over


class Server:
    def __init__(self, tracker, env_extra=None, args=(), users=True):
        self.tracker = os.path.realpath(tracker)
        self.dir = tempfile.mkdtemp(prefix="tracker-server.")
        self.db = os.path.join(self.dir, "t.db")
        self.env = dict(os.environ, TRACKER_NOW=NOW, TZ="Asia/Shanghai", LC_ALL="C.UTF-8")
        self.cli("seed")
        self.tokens = {}
        if users:
            self.add_users()
        env = dict(self.env, **(env_extra or {}))
        ready = os.path.join(self.dir, "ready")
        self.log = open(os.path.join(self.dir, "serve.log"), "w+")
        self.proc = subprocess.Popen([self.tracker, "--db", self.db, "serve", "--listen",
                                      "127.0.0.1:0", "--ready-file", ready, *args],
                                     env=env, stdout=self.log, stderr=self.log)
        for _ in range(200):
            if os.path.exists(ready) and open(ready).read().strip():
                break
            if self.proc.poll() is not None:
                raise RuntimeError("server exited: " + self.log_text())
            time.sleep(0.05)
        self.port = int(open(ready).read())

    def cli(self, *args, input=None, check=True):
        p = subprocess.run([self.tracker, "--db", self.db, *args], env=self.env,
                           capture_output=True, input=input)
        if check and p.returncode != 0:
            raise RuntimeError(f"tracker {args}: {p.stderr.decode()}")
        return p

    def add_users(self):
        def add(name, *args, password=None):
            p = self.cli("user", "add", name, *args, *(["--password"] if password else []),
                         input=(password + "\n").encode() if password else None)
            self.tokens[name] = p.stdout.decode().strip()
        add("office", "--role", "admin", password="office pass phrase")
        add("jxj", "--role", "department", "--owner", "经信局", password="jxj pass phrase")
        add("swj", "--role", "department", "--owner", "商务局")
        add("deputy", "--role", "viewer", "--letter", "211")
        add("leader", "--role", "viewer", password="leader pass phrase")
        feed = self.cli("user", "feed", "jxj").stdout.decode().strip()
        self.tokens["jxj-feed"] = feed.rsplit("/", 1)[1][:-len(".ics")]

    def request(self, method, path, token=None, body=None, headers=None, raw=None):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        h = dict(headers or {})
        if token:
            h["Authorization"] = "Bearer " + token
        data = raw
        if body is not None:
            data = json.dumps(body, ensure_ascii=False).encode()
            h.setdefault("Content-Type", "application/json")
        c.request(method, urllib.parse.quote(path, safe="/?&=,%:"), body=data, headers=h)
        r = c.getresponse()
        out = r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
        c.close()
        return out

    def head(self):
        return self.cli("check", "--head").stdout.decode().strip()

    def log_text(self):
        self.log.flush()
        with open(self.log.name) as f:
            return f.read()

    def stop(self, sig=signal.SIGTERM):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode

    def close(self):
        self.stop()
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


class Checks:
    """Counts and reports assertions like the C harness (check.h)."""
    def __init__(self):
        self.passed = self.failed = 0

    def eq(self, got, want, what):
        if got == want:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {what}: got {got!r}, want {want!r}")

    def true(self, cond, what):
        self.eq(bool(cond), True, what)

    def done(self, name):
        print(f"{name}: {self.passed} passed, {self.failed} failed")
        return 1 if self.failed else 0
