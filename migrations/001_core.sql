-- 001: the model. Letters make commitments; owners own them; check-ins and
-- history are append-only records against a commitment.

CREATE TABLE owner (
  id    INTEGER PRIMARY KEY,
  name  TEXT NOT NULL UNIQUE
);

-- Every name an owner is known by, its canonical name included, so one
-- lookup resolves any alias.
CREATE TABLE owner_alias (
  alias     TEXT PRIMARY KEY,
  owner_id  INTEGER NOT NULL REFERENCES owner(id)
) WITHOUT ROWID;

CREATE TABLE letter (
  id             INTEGER PRIMARY KEY,
  doc_no         TEXT NOT NULL UNIQUE,
  title          TEXT,
  issuer         TEXT,
  signer         TEXT,
  date           TEXT,
  addressee      TEXT,
  suggestion_no  TEXT,
  session        TEXT,
  reply_class    TEXT,
  text           TEXT,
  text_sha256    TEXT,
  created_at     TEXT NOT NULL
);

CREATE TABLE letter_cohandler (
  letter_id  INTEGER NOT NULL REFERENCES letter(id),
  position   INTEGER NOT NULL,
  name       TEXT NOT NULL,
  PRIMARY KEY (letter_id, position)
) WITHOUT ROWID;

CREATE TABLE commitment (
  id              INTEGER PRIMARY KEY,
  key             TEXT NOT NULL UNIQUE,
  uid             TEXT NOT NULL UNIQUE,
  letter_id       INTEGER NOT NULL REFERENCES letter(id),
  section         TEXT,
  quote           TEXT NOT NULL,
  title           TEXT NOT NULL,
  owner_id        INTEGER NOT NULL REFERENCES owner(id),
  kind            TEXT NOT NULL CHECK (kind IN ('quantitative', 'milestone', 'ongoing')),
  target_value    REAL,
  target_unit     TEXT,
  target_cmp      TEXT CHECK (target_cmp IN ('>=', '<=', '=')),
  target_baseline REAL,
  window_start    TEXT,
  due             TEXT,
  status          TEXT NOT NULL DEFAULT 'open'
                  CHECK (status IN ('open', 'in_progress', 'blocked', 'done', 'cancelled')),
  health_override        TEXT,
  health_override_reason TEXT,
  sequence        INTEGER NOT NULL DEFAULT 0,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);

CREATE TABLE commitment_coowner (
  commitment_id  INTEGER NOT NULL REFERENCES commitment(id),
  owner_id       INTEGER NOT NULL REFERENCES owner(id),
  position       INTEGER NOT NULL,
  PRIMARY KEY (commitment_id, owner_id)
) WITHOUT ROWID;

CREATE TABLE commitment_tag (
  commitment_id  INTEGER NOT NULL REFERENCES commitment(id),
  tag            TEXT NOT NULL,
  position       INTEGER NOT NULL,
  PRIMARY KEY (commitment_id, tag)
) WITHOUT ROWID;

-- Keyed by (commitment, seq) without a rowid: one B-tree per record kind
-- instead of a table and a unique index.
CREATE TABLE checkin (
  commitment_id  INTEGER NOT NULL REFERENCES commitment(id),
  seq            INTEGER NOT NULL,
  as_of          TEXT NOT NULL,
  recorded_at    TEXT NOT NULL,
  value          REAL,
  note           TEXT,
  evidence       TEXT,
  author         TEXT,
  supersedes     INTEGER NOT NULL DEFAULT 0,
  prev_hash      TEXT NOT NULL,
  hash           TEXT NOT NULL,
  PRIMARY KEY (commitment_id, seq)
) WITHOUT ROWID;

CREATE TABLE history (
  commitment_id  INTEGER NOT NULL REFERENCES commitment(id),
  seq            INTEGER NOT NULL,
  field          TEXT NOT NULL,
  old_value      TEXT,
  new_value      TEXT,
  author         TEXT,
  changed_at     TEXT NOT NULL,
  reason         TEXT,
  prev_hash      TEXT NOT NULL,
  hash           TEXT NOT NULL,
  PRIMARY KEY (commitment_id, seq)
) WITHOUT ROWID;

-- The program only appends; these make a stray UPDATE or DELETE fail too.
CREATE TRIGGER checkin_append_only_update BEFORE UPDATE ON checkin
BEGIN SELECT RAISE(ABORT, 'check-ins are append-only'); END;
CREATE TRIGGER checkin_append_only_delete BEFORE DELETE ON checkin
BEGIN SELECT RAISE(ABORT, 'check-ins are append-only'); END;
CREATE TRIGGER history_append_only_update BEFORE UPDATE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER history_append_only_delete BEFORE DELETE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
