-- 001 (PostgreSQL): the model, as migrations/001_core.sql. Letters make
-- commitments; owners own them; check-ins and history are append-only
-- records against a commitment.
--
-- How this differs from the SQLite schema, and why:
--  * text that is compared or ordered is COLLATE "C" (byte order, as
--    SQLite's BINARY): keys, dates and timestamps sort the same in both
--    engines whatever the database's locale. Chinese names and titles are
--    ordered in C with ICU (util/collate.h), never by the database.
--  * figures are NUMERIC, written and read as text by the program (the
--    shortest text that gives the same double back), so the database never
--    formats a float and a value reads back bit for bit.
--  * the first link of a chain has prev_hash NULL, not '': the record does
--    not rely on '' differing from NULL (openGauss in A mode makes them one).
--  * dates and timestamps stay text (YYYY-MM-DD, YYYY-MM-DDTHH:MM:SSZ):
--    the canonical forms are the program's, not the server's DateStyle.

-- The mark of a tracker database and its schema version (SQLite keeps both
-- in its file header: application_id and user_version).
CREATE TABLE tracker_meta (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  application  TEXT NOT NULL,
  version      INTEGER NOT NULL
);
INSERT INTO tracker_meta (id, application, version) VALUES (1, 'tracker', 0);

-- One row per lock a writer takes for the whole record (SELECT ... FOR
-- UPDATE): 'record' serialises the journal's tail and every write that
-- reads before it adds a letter, owner, alias, setting or user. Check-ins
-- lock only their commitment's row.
CREATE TABLE tracker_lock (
  name  TEXT PRIMARY KEY
);
INSERT INTO tracker_lock (name) VALUES ('record');

CREATE TABLE owner (
  id    BIGSERIAL PRIMARY KEY,
  name  TEXT COLLATE "C" NOT NULL UNIQUE
);

-- Every name an owner is known by, its canonical name included.
CREATE TABLE owner_alias (
  alias     TEXT COLLATE "C" PRIMARY KEY,
  owner_id  BIGINT NOT NULL REFERENCES owner(id)
);

CREATE TABLE letter (
  id             BIGSERIAL PRIMARY KEY,
  doc_no         TEXT COLLATE "C" NOT NULL UNIQUE,
  title          TEXT,
  issuer         TEXT,
  signer         TEXT,
  date           TEXT COLLATE "C",
  addressee      TEXT,
  suggestion_no  TEXT,
  session        TEXT,
  reply_class    TEXT,
  text           TEXT,
  text_sha256    TEXT COLLATE "C",
  created_at     TEXT COLLATE "C" NOT NULL
);

CREATE TABLE letter_cohandler (
  letter_id  BIGINT NOT NULL REFERENCES letter(id),
  position   INTEGER NOT NULL,
  name       TEXT NOT NULL,
  PRIMARY KEY (letter_id, position)
);

CREATE TABLE commitment (
  id              BIGSERIAL PRIMARY KEY,
  key             TEXT COLLATE "C" NOT NULL UNIQUE,
  uid             TEXT COLLATE "C" NOT NULL UNIQUE,
  letter_id       BIGINT NOT NULL REFERENCES letter(id),
  section         TEXT,
  quote           TEXT NOT NULL,
  title           TEXT NOT NULL,
  owner_id        BIGINT NOT NULL REFERENCES owner(id),
  kind            TEXT NOT NULL CHECK (kind IN ('quantitative', 'milestone', 'ongoing')),
  target_value    NUMERIC,
  target_unit     TEXT,
  target_cmp      TEXT CHECK (target_cmp IN ('>=', '<=', '=')),
  target_baseline NUMERIC,
  window_start    TEXT COLLATE "C",
  due             TEXT COLLATE "C",
  status          TEXT COLLATE "C" NOT NULL DEFAULT 'open'
                  CHECK (status IN ('open', 'in_progress', 'blocked', 'done', 'cancelled')),
  health_override        TEXT,
  health_override_reason TEXT,
  sequence        INTEGER NOT NULL DEFAULT 0,
  created_at      TEXT COLLATE "C" NOT NULL,
  updated_at      TEXT COLLATE "C" NOT NULL
);

CREATE TABLE commitment_coowner (
  commitment_id  BIGINT NOT NULL REFERENCES commitment(id),
  owner_id       BIGINT NOT NULL REFERENCES owner(id),
  position       INTEGER NOT NULL,
  PRIMARY KEY (commitment_id, owner_id)
);

CREATE TABLE commitment_tag (
  commitment_id  BIGINT NOT NULL REFERENCES commitment(id),
  tag            TEXT COLLATE "C" NOT NULL,
  position       INTEGER NOT NULL,
  PRIMARY KEY (commitment_id, tag)
);

CREATE TABLE checkin (
  commitment_id  BIGINT NOT NULL REFERENCES commitment(id),
  seq            INTEGER NOT NULL,
  as_of          TEXT COLLATE "C" NOT NULL,
  recorded_at    TEXT COLLATE "C" NOT NULL,
  value          NUMERIC,
  note           TEXT,
  evidence       TEXT,
  author         TEXT,
  supersedes     INTEGER NOT NULL DEFAULT 0,
  prev_hash      TEXT COLLATE "C",
  hash           TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (commitment_id, seq)
);

-- old_value and new_value keep "" apart from none (the hash tells them
-- apart) without relying on '' differing from NULL: an empty value is
-- stored as NULL with its bit in blank (1: old_value, 2: new_value).
CREATE TABLE history (
  commitment_id  BIGINT NOT NULL REFERENCES commitment(id),
  seq            INTEGER NOT NULL,
  field          TEXT NOT NULL,
  old_value      TEXT,
  new_value      TEXT,
  blank          SMALLINT NOT NULL DEFAULT 0,
  author         TEXT,
  changed_at     TEXT COLLATE "C" NOT NULL,
  reason         TEXT,
  prev_hash      TEXT COLLATE "C",
  hash           TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (commitment_id, seq)
);

-- The program only appends; these make a stray UPDATE or DELETE fail too.
CREATE FUNCTION tracker_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END
$$;
CREATE TRIGGER checkin_append_only_update BEFORE UPDATE ON checkin
  FOR EACH ROW EXECUTE PROCEDURE tracker_append_only();
CREATE TRIGGER checkin_append_only_delete BEFORE DELETE ON checkin
  FOR EACH ROW EXECUTE PROCEDURE tracker_append_only();
CREATE TRIGGER history_append_only_update BEFORE UPDATE ON history
  FOR EACH ROW EXECUTE PROCEDURE tracker_append_only();
CREATE TRIGGER history_append_only_delete BEFORE DELETE ON history
  FOR EACH ROW EXECUTE PROCEDURE tracker_append_only();
