"""serverlib.py - runs `tracker serve` on a loopback port for the server
tests: a fresh database with the seed letter and a user of each role, the
server started on a free port (--ready-file), requests over http.client,
and the record's chain head (tracker check --head) to prove that a refused
request wrote nothing. With TRACKER_TEST_PG set to a PostgreSQL conninfo
(tests/pg/cluster.sh), the fresh database is a new schema of that database;
Server(db=...) serves a database another Server made (two servers, one
record)."""
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.parse

NOW = "2023-10-10T02:00:00Z"   # a fixed clock: the seed's 2023Q3 is over


def pg_schema(pg, name):
    """A new empty schema NAME of the PostgreSQL database pg, and its location."""
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", pg, "-c", f"DROP SCHEMA IF EXISTS {name} CASCADE",
                    "-c", f"CREATE SCHEMA {name}"], check=True, capture_output=True,
                   env=dict(os.environ, PGOPTIONS="-c client_min_messages=warning"))
    return f"{pg} options='-csearch_path={name}'"


class Server:
    def __init__(self, tracker, env_extra=None, args=(), users=True, db=None, tokens=None):
        self.tracker = os.path.realpath(tracker)
        self.dir = tempfile.mkdtemp(prefix="tracker-server.")
        self.env = dict(os.environ, TRACKER_NOW=NOW, TZ="Asia/Shanghai", LC_ALL="C.UTF-8")
        self.env.pop("TRACKER_DB", None)
        self.tokens = dict(tokens or {})
        self.db = db
        if db is None:
            pg = os.environ.get("TRACKER_TEST_PG")
            self.db = pg_schema(pg, f"srv_{os.getpid()}_{os.path.basename(self.dir)[15:].lower()}") \
                if pg else os.path.join(self.dir, "t.db")
            self.cli("seed")
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

    def set_password(self, name, password):
        self.cli("user", "password", name, input=(password + "\n").encode())

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


class PageSession:
    """A person's browser without the browser, for the pages: cookies kept,
    the sign-in form filled in, forms posted with the page's csrf field."""
    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def _cookie_header(self):
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def _keep(self, headers):
        for k, v in headers:
            if k.lower() != "set-cookie":
                continue
            name, _, rest = v.partition("=")
            value = rest.split(";", 1)[0]
            if "Max-Age=0" in v:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value

    def request(self, method, path, form=None, headers=None, raw=None):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        h = dict(headers or {})
        if self.cookies:
            h["Cookie"] = self._cookie_header()
        data = raw
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            h.setdefault("Content-Type", "application/x-www-form-urlencoded")
        c.request(method, urllib.parse.quote(path, safe="/?&=,%:#"), body=data, headers=h)
        r = c.getresponse()
        hdrs = r.getheaders()
        self._keep(hdrs)
        out = r.status, {k.lower(): v for k, v in hdrs}, r.read().decode("utf-8", "replace")
        c.close()
        return out

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, form, **kw):
        return self.request("POST", path, form=form, **kw)

    def csrf(self, page):
        m = re.search(r'name="csrf" value="([^"]+)"', page)
        return m.group(1) if m else None

    def sign_in(self, user, password):
        _, _, page = self.get("/login")
        return self.post("/login", {"csrf": self.csrf(page), "user": user, "password": password})

    def signed_in_csrf(self):
        """The session's csrf token, from a page that carries it."""
        return self.csrf(self.get("/calendar")[2])


def field_error(page, name):
    """The error a page writes beside its field name, or None."""
    m = re.search(r'<p class="error" id="e-[a-z]+-%s" role="alert">(.*?)</p>' % re.escape(name), page)
    return m.group(1) if m else None


PASSWORDS = {"office": "office pass phrase", "jxj": "jxj pass phrase", "swj": "swj pass phrase",
             "deputy": "deputy pass phrase", "leader": "leader pass phrase"}


def page_sessions(server):
    """A signed-in page session for each user (passwords set where the
    users have none), plus "anon" (no cookie) and "bad" (a forged one)."""
    server.set_password("swj", PASSWORDS["swj"])
    server.set_password("deputy", PASSWORDS["deputy"])
    sessions = {}
    for name, password in PASSWORDS.items():
        ps = PageSession(server.port)
        status = ps.sign_in(name, password)[0]
        if status != 303:
            raise RuntimeError(f"sign-in as {name}: {status}")
        sessions[name] = ps
    sessions["anon"] = PageSession(server.port)
    sessions["bad"] = PageSession(server.port)
    sessions["bad"].cookies["tracker_session"] = "A" * 43
    return sessions


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
