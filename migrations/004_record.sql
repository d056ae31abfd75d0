-- 004: a record that guards itself.
-- The journal: every change to what is not a commitment (owners, aliases,
-- letters, settings, later users) as one hash chain, so `tracker check`
-- can hold those tables to it and the chain head covers them.
-- Check-ins gain a reason (a figure that falls says why).
-- Each commitment gains a creation record (history seq 0), written by the
-- program when this migration runs (store/sqlite/sqlite_migrate.c), so its
-- row can always be rebuilt from its records.

ALTER TABLE checkin ADD COLUMN reason TEXT;

CREATE TABLE journal (
  seq        INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  kind       TEXT NOT NULL,
  subject    TEXT NOT NULL,
  content    TEXT NOT NULL,
  author     TEXT,
  reason     TEXT,
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL
);

CREATE TRIGGER journal_append_only_update BEFORE UPDATE ON journal
BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
CREATE TRIGGER journal_append_only_delete BEFORE DELETE ON journal
BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
