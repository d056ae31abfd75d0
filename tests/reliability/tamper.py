#!/usr/bin/python3
"""tamper.py TRACKER SOURCE_DIR - every way of rewriting the record behind
tracker's back is seen, by `tracker check` or by `tracker check --report`
with a report that was sent before.

The record is the sample year (reports/samples/checkins.sh: the seed letter,
check-ins, corrections, edits and status changes from 2023Q2 to 2023Q4),
with two reports "as sent": Q3 on 2023-10-10 and Q4 on 2024-01-10. Each case
below is one edit of a fresh copy of the database, made with SQL as a
tamperer with write access to the file would (dropping the append-only
guards where they are in the way, and putting them back). A case passes when
`check` or `check --report` of either report exits 9. Cases marked "careful"
recompute every hash after their edit, as a tamperer who read the source
would: only the sent reports can see those.

Tests as data: add a case as one line of CASES."""
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

TRACKER, SRC = os.path.realpath(sys.argv[1]), os.path.realpath(sys.argv[2])
TMP = tempfile.mkdtemp(prefix="tracker-tamper.")
BASE = os.path.join(TMP, "base.db")
ENV = dict(os.environ, TRACKER_NOW="2024-01-10T00:00:00Z", TZ="UTC", LC_ALL="C.UTF-8")
GUARDS = {
    "checkin": ("checkin_append_only_update", "checkin_append_only_delete", "check-ins are append-only"),
    "history": ("history_append_only_update", "history_append_only_delete", "history is append-only"),
    "journal": ("journal_append_only_update", "journal_append_only_delete", "the journal is append-only"),
}


def run(*args, db=BASE, env=ENV):
    return subprocess.run([TRACKER, "--db", db, *args], env=env, capture_output=True)


def setup():
    subprocess.run(["sh", os.path.join(SRC, "reports/samples/checkins.sh"), TRACKER,
                    TMP, BASE], check=True, capture_output=True)
    later = dict(ENV, TRACKER_NOW="2024-01-11T00:00:00Z")
    for args in (["user", "add", "jxj", "--role", "department", "--owner", "经信局", "--password"],
                 ["user", "add", "deputy", "--role", "viewer", "--letter", "211"],
                 ["user", "feed", "deputy"]):
        p = subprocess.run([TRACKER, "--db", BASE, *args], env=later, capture_output=True,
                           input=b"a password\n")
        assert p.returncode == 0, (args, p.stderr)
    q4 = run("report", "--quarter", "2023Q4", "--lang", "zh", "--format", "json",
             "--out", os.path.join(TMP, "report-2023Q4.json"))
    assert q4.returncode == 0, q4.stderr
    for args in (["check"], ["check", "--report", os.path.join(TMP, "report-2023Q3.json")],
                 ["check", "--report", os.path.join(TMP, "report-2023Q4.json")]):
        p = run(*args)
        assert p.returncode == 0, (args, p.stdout, p.stderr)


# ---- the hashed forms, as model/canonical.c writes them ------------------------

def field(v):
    return (v if v is not None else "").encode() + b"\x1f"


def num(v):
    if v is None:
        return ""
    if v == 0:
        return "0"
    return "%.17g" % v


def checkin_hash(key, r):
    parts = [field("checkin/1"), field(key), field(str(r["seq"])), field(r["as_of"]),
             field(r["recorded_at"]), field(num(r["value"])), field(r["note"]),
             field(r["evidence"]), field(r["author"]), field(str(r["supersedes"])),
             field(r["prev_hash"])]
    if r["reason"]:
        parts += [field("reason"), field(r["reason"])]
    return hashlib.sha256(b"".join(parts)).hexdigest()


def rehash_checkins(db, key):
    """Recomputes a commitment's check-in chain after an edit: the careful
    tamperer's last step."""
    db.row_factory = sqlite3.Row
    cid = db.execute("SELECT id FROM commitment WHERE key = ?", (key,)).fetchone()[0]
    prev = ""
    for r in db.execute("SELECT * FROM checkin WHERE commitment_id = ? ORDER BY seq", (cid,)).fetchall():
        r = dict(r, prev_hash=prev)
        h = checkin_hash(key, r)
        db.execute("UPDATE checkin SET prev_hash = ?, hash = ? WHERE commitment_id = ? AND seq = ?",
                   (prev, h, cid, r["seq"]))
        prev = h


# ---- the cases -------------------------------------------------------------------

def sql(text, unguard=()):
    def apply(db):
        for table in unguard:
            upd, dele, _ = GUARDS[table]
            db.execute(f"DROP TRIGGER {upd}")
            db.execute(f"DROP TRIGGER {dele}")
        db.executescript(text)
        for table in unguard:
            upd, dele, msg = GUARDS[table]
            db.execute(f"CREATE TRIGGER {upd} BEFORE UPDATE ON {table} BEGIN SELECT RAISE(ABORT, '{msg}'); END")
            db.execute(f"CREATE TRIGGER {dele} BEFORE DELETE ON {table} BEGIN SELECT RAISE(ABORT, '{msg}'); END")
    return apply


def careful(text, key, unguard=("checkin",)):
    def apply(db):
        sql(text, unguard)(db)
        for table in unguard:
            upd, dele, _ = GUARDS[table]
            db.execute(f"DROP TRIGGER {upd}")
        rehash_checkins(db, key)
        for table in unguard:
            upd, dele, msg = GUARDS[table]
            db.execute(f"CREATE TRIGGER {upd} BEFORE UPDATE ON {table} BEGIN SELECT RAISE(ABORT, '{msg}'); END")
    return apply


K = "(SELECT id FROM commitment WHERE key = '211-14')"
K12 = "(SELECT id FROM commitment WHERE key = '211-12')"
COMMITMENT = "UPDATE commitment SET {} WHERE key = '211-14'"
CASES = [
    # Every column of a commitment row.
    ("commitment.key", sql(COMMITMENT.format("key = '211-99'"))),
    ("commitment.uid", sql(COMMITMENT.format("uid = 'forged@tracker'"))),
    ("commitment.letter_id", sql(COMMITMENT.format("letter_id = 99"))),
    ("commitment.section", sql(COMMITMENT.format("section = '改过的章节'"))),
    ("commitment.quote", sql(COMMITMENT.format("quote = '新增工业机器人'"))),
    ("commitment.title", sql(COMMITMENT.format("title = '新增工业机器人80台'"))),
    ("commitment.owner_id", sql(COMMITMENT.format("owner_id = (SELECT owner_id FROM owner_alias WHERE alias = '商务局')"))),
    ("commitment.kind", sql(COMMITMENT.format("kind = 'milestone'"))),
    ("commitment.target_value", sql(COMMITMENT.format("target_value = 5"))),
    ("commitment.target_unit", sql(COMMITMENT.format("target_unit = '家'"))),
    ("commitment.target_cmp", sql(COMMITMENT.format("target_cmp = '<='"))),
    ("commitment.target_baseline", sql(COMMITMENT.format("target_baseline = 300"))),
    ("commitment.window_start", sql(COMMITMENT.format("window_start = '2023-06-01'"))),
    ("commitment.due", sql(COMMITMENT.format("due = '2024-12-31'"))),
    ("commitment.status", sql(COMMITMENT.format("status = 'open'"))),
    ("commitment.health_override", sql(COMMITMENT.format("health_override = 'on_track', health_override_reason = 'x'"))),
    ("commitment.health_override_reason", sql("UPDATE commitment SET health_override_reason = '改' WHERE health_override IS NOT NULL; "
                                              "UPDATE commitment SET health_override_reason = '改' WHERE key = '211-14'")),
    ("commitment.sequence", sql(COMMITMENT.format("sequence = 0"))),
    ("commitment.created_at", sql(COMMITMENT.format("created_at = '2023-01-01T00:00:00Z'"))),
    ("commitment.updated_at", sql(COMMITMENT.format("updated_at = '2022-01-01T00:00:00Z'"))),
    ("commitment_coowner added", sql(f"INSERT INTO commitment_coowner VALUES ({K}, (SELECT owner_id FROM owner_alias WHERE alias = '商务局'), 0)")),
    ("commitment_coowner removed", sql("DELETE FROM commitment_coowner WHERE commitment_id = (SELECT commitment_id FROM commitment_coowner LIMIT 1) AND position = 0")),
    ("commitment_tag added", sql(f"INSERT INTO commitment_tag VALUES ({K}, '改', 9)")),
    ("commitment_tag removed", sql(f"DELETE FROM commitment_tag WHERE commitment_id = {K}")),
    ("a commitment deleted with its records", sql(f"DELETE FROM checkin WHERE commitment_id = {K12}; "
                                                  f"DELETE FROM history WHERE commitment_id = {K12}; "
                                                  f"DELETE FROM commitment_tag WHERE commitment_id = {K12}; "
                                                  f"DELETE FROM commitment WHERE id = {K12}", ("checkin", "history"))),
    # Letters, their co-handlers and text.
    ("letter.doc_no", sql("UPDATE letter SET doc_no = '慈经信建〔2023〕9号'")),
    ("letter.title", sql("UPDATE letter SET title = '改过的标题'")),
    ("letter.issuer", sql("UPDATE letter SET issuer = '慈溪市商务局'")),
    ("letter.signer", sql("UPDATE letter SET signer = '某某'")),
    ("letter.date", sql("UPDATE letter SET date = '2023-01-01'")),
    ("letter.addressee", sql("UPDATE letter SET addressee = '某代表'")),
    ("letter.suggestion_no", sql("UPDATE letter SET suggestion_no = '999'")),
    ("letter.session", sql("UPDATE letter SET session = '某次会议'")),
    ("letter.reply_class", sql("UPDATE letter SET reply_class = 'A'")),
    ("letter.text", sql("UPDATE letter SET text = replace(text, '800台', '80台')")),
    ("letter.text with its text_sha256 recomputed", None),   # filled in below
    ("letter.created_at", sql("UPDATE letter SET created_at = '2020-01-01T00:00:00Z'")),
    ("letter_cohandler", sql("UPDATE letter_cohandler SET name = '市某局' WHERE position = 0")),
    # Owners, aliases, settings.
    ("owner.name", sql("UPDATE owner SET name = '改名局' WHERE id = 1")),
    ("owner_alias added", sql("INSERT INTO owner_alias VALUES ('冒名局', 1)")),
    ("owner_alias removed", sql("DELETE FROM owner_alias WHERE alias = '经信局'")),
    ("setting.value", sql("UPDATE setting SET value = '50' WHERE key = 'health.at_risk_gap'")),
    ("setting added", sql("INSERT INTO setting VALUES ('x.y', 'z')")),
    # Check-ins.
    ("checkin.value", sql(f"UPDATE checkin SET value = 800 WHERE commitment_id = {K} AND seq = 2", ("checkin",))),
    ("checkin.as_of", sql(f"UPDATE checkin SET as_of = '2023-05-31' WHERE commitment_id = {K} AND seq = 2", ("checkin",))),
    ("checkin.note", sql(f"UPDATE checkin SET note = '改' WHERE commitment_id = {K} AND seq = 1", ("checkin",))),
    ("checkin.author", sql(f"UPDATE checkin SET author = '他人' WHERE commitment_id = {K} AND seq = 1", ("checkin",))),
    ("checkin.recorded_at backdated", sql(f"UPDATE checkin SET recorded_at = '2023-06-01T00:00:00Z' WHERE commitment_id = {K} AND seq = 3", ("checkin",))),
    ("checkin.supersedes", sql(f"UPDATE checkin SET supersedes = 0 WHERE commitment_id = {K} AND supersedes > 0", ("checkin",))),
    ("the last check-in deleted", sql(f"DELETE FROM checkin WHERE commitment_id = {K} AND seq = (SELECT max(seq) FROM checkin WHERE commitment_id = {K})", ("checkin",))),
    ("all of a commitment's check-ins deleted", sql(f"DELETE FROM checkin WHERE commitment_id = {K12}", ("checkin",))),
    ("check-ins reordered", sql(f"UPDATE checkin SET seq = 100 WHERE commitment_id = {K} AND seq = 1; "
                                f"UPDATE checkin SET seq = 1 WHERE commitment_id = {K} AND seq = 2; "
                                f"UPDATE checkin SET seq = 2 WHERE commitment_id = {K} AND seq = 100", ("checkin",))),
    ("a check-in inserted in the middle", sql(f"INSERT INTO checkin SELECT commitment_id, 99, as_of, recorded_at, value, note, evidence, author, supersedes, prev_hash, hash, reason FROM checkin WHERE commitment_id = {K} AND seq = 2", ())),
    # The careful tamperer: every hash recomputed.
    ("checkin.value, hashes recomputed", careful(f"UPDATE checkin SET value = 800 WHERE commitment_id = {K} AND seq = 2", "211-14")),
    ("the last check-in deleted, hashes fine", careful(f"DELETE FROM checkin WHERE commitment_id = {K} AND seq = (SELECT max(seq) FROM checkin WHERE commitment_id = {K})", "211-14")),
    ("a check-in backdated, hashes recomputed", careful(f"UPDATE checkin SET recorded_at = '2023-09-01T00:00:00Z', as_of = '2023-08-31' WHERE commitment_id = {K} AND seq = 4", "211-14")),
    # The check-in summaries (derived, but what a whole-store list shows).
    ("checkin_summary.current_value", sql(f"UPDATE checkin_summary SET current_value = 800 WHERE commitment_id = {K}")),
    ("checkin_summary.n", sql(f"UPDATE checkin_summary SET n = n + 1 WHERE commitment_id = {K}")),
    ("checkin_summary.last_as_of", sql(f"UPDATE checkin_summary SET last_as_of = '2023-06-30' WHERE commitment_id = {K}")),
    ("checkin_summary.current_seq", sql(f"UPDATE checkin_summary SET current_seq = 1 WHERE commitment_id = {K}")),
    ("checkin_summary.slope", sql(f"UPDATE checkin_summary SET slope = coalesce(slope * 2, 1) WHERE commitment_id = {K}")),
    ("a checkin_summary row deleted", sql(f"DELETE FROM checkin_summary WHERE commitment_id = {K}")),
    ("a checkin_summary row for no check-ins", sql("INSERT INTO checkin_summary SELECT id, 1, '2023-09-30', 5, '2023-09-30', 1, NULL "
                                                    "FROM commitment WHERE id NOT IN (SELECT commitment_id FROM checkin) LIMIT 1")),
    # History and creation records.
    ("history.new_value", sql(f"UPDATE history SET new_value = '2023-12-31' WHERE commitment_id = {K12} AND seq = 1", ("history",))),
    ("history.reason", sql(f"UPDATE history SET reason = '改' WHERE commitment_id = {K12} AND seq = 1", ("history",))),
    ("history.changed_at backdated", sql(f"UPDATE history SET changed_at = '2023-01-01T00:00:00Z' WHERE commitment_id = {K12} AND seq = 1", ("history",))),
    ("the last history record deleted", sql(f"DELETE FROM history WHERE commitment_id = {K} AND seq = (SELECT max(seq) FROM history WHERE commitment_id = {K})", ("history",))),
    ("the creation record deleted", sql(f"DELETE FROM history WHERE commitment_id = {K} AND seq = 0", ("history",))),
    ("the creation record rewritten", sql(f"UPDATE history SET new_value = replace(new_value, '800', '80') WHERE commitment_id = {K} AND seq = 0", ("history",))),
    # Users and their credentials: rights nobody granted.
    ("app_user.role raised", sql("UPDATE app_user SET role = 'admin' WHERE name = 'deputy'")),
    ("app_user.disabled", sql("UPDATE app_user SET disabled = 1 WHERE name = 'jxj'")),
    ("app_user.password_hash swapped", sql("UPDATE app_user SET password_hash = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g' WHERE name = 'jxj'")),
    ("app_user.password_hash given", sql("UPDATE app_user SET password_hash = (SELECT password_hash FROM app_user WHERE name = 'jxj') WHERE name = 'deputy'")),
    ("a user added", sql("INSERT INTO app_user (name, role, created_at) VALUES ('mole', 'admin', '2024-01-11T00:00:00Z')")),
    ("user_owner added", sql("INSERT INTO user_owner SELECT u.id, o.id FROM app_user u, owner o WHERE u.name = 'jxj' AND o.id <> (SELECT owner_id FROM user_owner)")),
    ("user_letter removed", sql("DELETE FROM user_letter")),
    ("token added", sql("INSERT INTO token SELECT 'aaaaaaaaaaaa', id, 'api', 'aaaaaaaaaaaa00', '2024-01-11T00:00:00Z', NULL FROM app_user WHERE name = 'deputy'")),
    ("token.hash swapped", sql("UPDATE token SET hash = id || substr(hash, 13, 51) || 'ffff' WHERE kind = 'api' AND user_id = (SELECT id FROM app_user WHERE name = 'jxj')")),
    ("token.kind", sql("UPDATE token SET kind = 'api' WHERE kind = 'feed'")),
    ("token.revoked_at set", sql("UPDATE token SET revoked_at = '2024-01-11T00:00:00Z' WHERE kind = 'feed'")),
    ("a token deleted", sql("DELETE FROM token WHERE kind = 'feed'")),
    # The journal.
    ("journal.content", sql("UPDATE journal SET content = replace(content, '16.5', '50') WHERE kind = 'setting'", ("journal",))),
    ("the last journal entry deleted", sql("DELETE FROM journal WHERE seq = (SELECT max(seq) FROM journal)", ("journal",))),
    ("a journal entry deleted in the middle", sql("DELETE FROM journal WHERE seq = 2", ("journal",))),
    # The guards themselves.
    ("an append-only guard dropped", sql("DROP TRIGGER checkin_append_only_delete")),
]


def text_and_hash(db):
    text = db.execute("SELECT text FROM letter").fetchone()[0].replace("800台", "80台")
    db.execute("UPDATE letter SET text = ?, text_sha256 = ?",
               (text, hashlib.sha256(text.encode()).hexdigest()))


CASES = [(n, text_and_hash if f is None else f) for n, f in CASES]


def seen(db):
    reports = [os.path.join(TMP, f"report-2023Q{q}.json") for q in (3, 4)]
    for args in [["check"]] + [["check", "--report", r] for r in reports]:
        p = run(*args, db=db)
        if p.returncode == 9:
            return " ".join(args[:2]), p.stdout.decode().splitlines()[0] if p.stdout else ""
        if p.returncode != 0:
            return None, f"{args}: exit {p.returncode}: {p.stderr.decode().strip()}"
    return None, "check and both reports pass"


ORPHANS = ("INSERT INTO checkin (commitment_id, seq, as_of, recorded_at, value, prev_hash, hash) "
           "VALUES ({id}, 1, '2023-09-01', '2023-09-01T00:00:00Z', 1, '', 'x'); "
           "INSERT INTO history (commitment_id, seq, field, changed_at, prev_hash, hash) "
           "VALUES ({id}, 1, 'status', '2023-09-01T00:00:00Z', '', 'x'); "
           "INSERT INTO commitment_tag VALUES ({id}, '孤', 0); "
           "INSERT INTO commitment_coowner VALUES ({id}, 1, 0); ")


def copy_of_base(name):
    path = os.path.join(TMP, name)
    subprocess.run(["sqlite3", BASE, f".backup '{path}'"], check=True)
    return path


def orphans_left_out():
    """Records of a commitment that is not there (ids before, between and
    after the others') change no report and no calendar: a whole-store pass
    reads each table in its own key order (sqlite_scan.c, in place), and
    must step over them as the join did. check names them."""
    deleted = f"DELETE FROM commitment WHERE id = {K12};"
    whole, kept = copy_of_base("whole.db"), copy_of_base("kept.db")
    for path, edit in ((whole, sql(f"DELETE FROM checkin WHERE commitment_id = {K12}; "
                                   f"DELETE FROM history WHERE commitment_id = {K12}; "
                                   f"DELETE FROM commitment_tag WHERE commitment_id = {K12}; "
                                   f"DELETE FROM commitment_coowner WHERE commitment_id = {K12}; "
                                   + deleted, ("checkin", "history"))),
                       (kept, sql(ORPHANS.format(id=0) + ORPHANS.format(id=1000000) + deleted))):
        db = sqlite3.connect(path)
        edit(db)
        db.commit()
        db.close()
    problems = []
    for args, sign in ((("report", "--quarter", "2023Q4", "--lang", "zh", "--format", "json"),
                        b'"211-13"'),
                       (("export", "ics", "--todo", "--checkins"), b"211-13")):
        want, got = run(*args, db=whole), run(*args, db=kept)
        if want.returncode or got.returncode:
            problems.append(f"{args[0]} exit {want.returncode} / {got.returncode}: "
                            f"{got.stderr.decode()}")
        elif want.stdout != got.stdout or sign not in got.stdout:
            problems.append(f"{' '.join(args[:2])} with the orphans differs from without")
    if run("check", db=kept).returncode != 9:
        problems.append("check did not name the orphans")
    for p in problems:
        print(f"FAIL: orphaned records: {p}")
    if not problems:
        print("ok: orphaned records: left out of the report and the calendar, named by check")
    return len(problems)


def main():
    setup()
    failures = orphans_left_out()
    for name, apply in CASES:
        db_path = os.path.join(TMP, "case.db")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(db_path + suffix):
                os.remove(db_path + suffix)
        subprocess.run(["sqlite3", BASE, f".backup '{db_path}'"], check=True)
        db = sqlite3.connect(db_path)
        apply(db)
        db.commit()
        db.close()
        how, first = seen(db_path)
        if how:
            print(f"ok: {name}: seen by {how}: {first}")
        else:
            failures += 1
            print(f"FAIL: {name}: not seen ({first})")
    print(f"{len(CASES) - failures} of {len(CASES)} tamper cases seen")
    shutil.rmtree(TMP)
    sys.exit(1 if failures else 0)


main()
