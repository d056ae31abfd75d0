#!/usr/bin/env python3
"""no_sql_building.py SRC_DIR - the store is the one door to the database:
fails on any SQLite call or <sqlite3.h> include outside tracker/core/store/
sqlite/ (and on libpq outside store/pg/), and on SQL text built at run time
anywhere: sqlite3_mprintf and friends, SQL keywords in snprintf/strbuf_addf
formats, and SQL sinks (sqlite3_exec, sqlite3_prepare*) whose SQL is not a
string literal, a `static const char NAME[] = "..."`, or the parameter of a
wrapper whose every caller passes one (checked transitively).
The allow-list below names the only exceptions, each with its reason."""
import os
import re
import sys

ALLOW = {
    # PRAGMA takes no bound parameters: the schema version from the embedded
    # migration table and the application id constant are formatted into it.
    ("sqlite_migrate.c", "snprintf", "PRAGMA user_version = %d; |PRAGMA application_id = 1414679345"),
    ("sqlite_migrate.c", "sq_script", "pragma"),
    # The embedded migration files (migrations/*.sql), fixed at build time.
    ("sqlite_migrate.c", "sq_script", "m->sql"),
    # sq_scan(): the WHERE clause is put together from the fixed fragments of
    # the conditions[] table (string literals picked by a bit mask of which
    # filters are set) and the ORDER BY from order_by[]; no text from input
    # reaches it, and every value is bound. Kept so the planner can use the
    # index of each filter ("?1 IS NULL OR ..." would defeat them).
    ("sqlite_scan.c", "sqlite3_prepare_v3", "sql"),
    ("sqlite_scan.c", "strbuf_addf", "%s %s |AND|WHERE"),
    ("sqlite_scan.c", "strbuf_addf", "ORDER BY %s"),
    # One of the three literals of the checkins_sql[] table (the check-ins
    # without their texts, with them, with them and their hashes), picked by
    # which columns the query wants.
    ("sqlite_scan.c", "sq_stmt", "checkins_sql[rows]"),
    # A queued row of a bulk write keeps the SQL it was queued with: the sql
    # of sq_write_begin(), a wrapper whose every caller passes a literal
    # (checked here like the others); the writer thread prepares it.
    ("sqlite_bulk.c", "sq_cached", "r->sql"),
}

# Where each database library may be used: the engines of the store.
ENGINE_DIRS = {
    "SQLite": (os.path.join("tracker", "core", "store", "sqlite"),
               re.compile(r"\bsqlite3_\w+\s*\(|#\s*include\s*[<\"]sqlite3\.h")),
    "libpq": (os.path.join("tracker", "core", "store", "pg"),
              re.compile(r"\bPQ\w+\s*\(|#\s*include\s*[<\"]libpq-fe\.h")),
}


def boundary(root, files):
    """Calls of a database library outside its engine's folder."""
    problems = []
    for path, src in files.items():
        rel = os.path.relpath(path, root)
        for lib, (folder, pattern) in ENGINE_DIRS.items():
            if rel.startswith(folder + os.sep):
                continue
            for m in pattern.finditer(src):
                ln = src.count("\n", 0, m.start()) + 1
                problems.append(f"{rel}:{ln}: {lib} used outside {folder}/: "
                                f"{m.group(0).strip()}")
    return problems
SINKS = {"sqlite3_exec": 1, "sqlite3_prepare": 1, "sqlite3_prepare_v2": 1,
         "sqlite3_prepare_v3": 1, "sqlite3_prepare16_v2": 1}
BANNED = ("sqlite3_mprintf", "sqlite3_vmprintf", "sqlite3_str_appendf", "sqlite3_str_vappendf",
          "sqlite3_snprintf")
FORMATTERS = ("snprintf", "vsnprintf", "strbuf_addf", "asprintf", "fprintf")
SQL_WORDS = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|PRAGMA|CREATE|DROP|ALTER|WHERE|"
                       r"BEGIN|COMMIT|ROLLBACK|VALUES|ATTACH|ORDER BY|AND|OR|LIMIT)\b")


def strip_comments(src):
    out, i, n = [], 0, len(src)
    while i < n:
        if src.startswith("/*", i):
            j = src.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", src[i:j]))
            i = j
        elif src.startswith("//", i):
            j = src.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif src[i] in "\"'":
            q, j = src[i], i + 1
            while j < n and src[j] != q:
                j += 2 if src[j] == "\\" else 1
            out.append(src[i:j + 1])
            i = j + 1
        else:
            out.append(src[i])
            i += 1
    return "".join(out)


def split_args(src, open_paren):
    """Arguments of the call whose '(' is at open_paren."""
    depth, args, cur, i = 0, [], [], open_paren
    while i < len(src):
        c = src[i]
        if c in "\"'":
            j = i + 1
            while j < len(src) and src[j] != c:
                j += 2 if src[j] == "\\" else 1
            cur.append(src[i:j + 1])
            i = j + 1
            continue
        if c in "([{":
            depth += 1
            if depth > 1:
                cur.append(c)
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                args.append("".join(cur).strip())
                return args
            cur.append(c)
        elif c == "," and depth == 1:
            args.append("".join(cur).strip())
            cur = []
        else:
            cur.append(c)
        i += 1
    return args


FUNC_RE = re.compile(r"^[A-Za-z_][\w \t\*]*?\b(\w+)\s*\(([^;{}]*?)\)\s*\{", re.M)


def enclosing(src, pos):
    best = None
    for m in FUNC_RE.finditer(src, 0, pos):
        best = m
    if not best:
        return None, []
    params = [re.sub(r"\[.*\]", "", p).strip().split()[-1].lstrip("*")
              for p in best.group(2).split(",") if p.strip() and p.strip() != "void"]
    return best.group(1), params


def literal_macros(files):
    """Macros that expand to string literals only (COMMITMENT_SELECT)."""
    bodies = {}
    for src in files.values():
        for m in re.finditer(r"^#define\s+(\w+)[ \t]+((?:.*\\\n)*.*)$", src, re.M):
            bodies[m.group(1)] = m.group(2).replace("\\\n", " ")
    found = set()
    while True:
        more = {n for n, b in bodies.items() if n not in found and '"' in b or
                n not in found and b.split() and all(t in found for t in b.split())}
        more = {n for n in more
                if all(t in found for t in re.sub(r'"(?:[^"\\]|\\.)*"', "", bodies[n]).split())}
        if not more:
            return found
        found |= more


def main(root):
    files = {}
    for d, _, names in os.walk(os.path.join(root, "tracker")):
        for name in names:
            if name.endswith((".c", ".h")):
                files[os.path.join(d, name)] = strip_comments(open(os.path.join(d, name),
                                                                   encoding="utf-8").read())
    problems, sinks = boundary(root, files), dict(SINKS)
    outside = len(problems)
    for path, src in files.items():
        base = os.path.basename(path)
        line = lambda pos: src.count("\n", 0, pos) + 1
        for b in BANNED:
            for m in re.finditer(r"\b%s\s*\(" % b, src):
                problems.append(f"{path}:{line(m.start())}: {b} builds SQL text")
        for f in FORMATTERS:
            for m in re.finditer(r"\b%s\s*\(" % f, src):
                args = split_args(src, m.end() - 1)
                lit = "|".join(re.findall(r'"((?:[^"\\]|\\.)*)"', " ".join(args[1:])))
                if SQL_WORDS.search(lit) and (base, f, lit) not in ALLOW:
                    problems.append(f"{path}:{line(m.start())}: {f} formats SQL: \"{lit[:60]}\"")
    # Sinks, and wrappers passing a parameter through to a sink, to a fixed point.
    checked = set()
    while True:
        new = {}
        for path, src in files.items():
            base = os.path.basename(path)
            consts = set(re.findall(r"static\s+const\s+char\s+(\w+)\s*\[\s*\]\s*=\s*\"", src))
            macros = literal_macros(files)
            for name, idx in sinks.items():
                for m in re.finditer(r"(?<![\w.>])%s\s*\(" % name, src):
                    if (path, m.start()) in checked:
                        continue
                    head = src[max(0, m.start() - 200):m.start()]
                    if re.search(r"(int|void|char|bool|static)\s*\**\s*$", head):
                        continue          # the definition or declaration itself
                    args = split_args(src, m.end() - 1)
                    if len(args) <= idx:
                        continue
                    checked.add((path, m.start()))
                    arg = args[idx]
                    fn, params = enclosing(src, m.start())
                    ln = src.count("\n", 0, m.start()) + 1
                    pieces = re.sub(r'"(?:[^"\\]|\\.)*"', "", arg).split()
                    literal = arg.startswith('"') and all(p in macros for p in pieces)
                    literal |= bool(pieces) and pieces[0] in macros and \
                        all(p in macros for p in pieces)
                    if literal or arg in consts or (base, name, arg) in ALLOW:
                        continue
                    if arg in params and fn:
                        new[fn] = params.index(arg)
                        continue
                    problems.append(f"{path}:{ln}: {name}() gets SQL from '{arg}', "
                                    f"not a literal")
        added = {k: v for k, v in new.items() if k not in sinks}
        if not added:
            break
        sinks.update(added)
    for p in problems:
        print(p)
    wrappers = sorted(k for k in sinks if k not in SINKS)
    print(f"checked {len(files)} files; database calls outside the engines: {outside}; "
          f"SQL reaches SQLite through: "
          f"{', '.join(sorted(SINKS))} and the wrappers {', '.join(wrappers)}")
    return 1 if problems else 0


sys.exit(main(sys.argv[1]))
