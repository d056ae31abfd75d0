-- 004 (PostgreSQL): a record that guards itself, as migrations/004_record.sql:
-- the journal, and a reason on check-ins. A PostgreSQL store is born at a
-- later version (it is created new, or filled by `tracker migrate`), so
-- there is nothing to backfill: the SQLite data step of 004 has no
-- counterpart here.

ALTER TABLE checkin ADD COLUMN reason TEXT;

CREATE TABLE journal (
  seq        BIGINT PRIMARY KEY,
  at         TEXT COLLATE "C" NOT NULL,
  kind       TEXT NOT NULL,
  subject    TEXT NOT NULL,
  content    TEXT NOT NULL,
  author     TEXT,
  reason     TEXT,
  prev_hash  TEXT COLLATE "C",
  hash       TEXT COLLATE "C" NOT NULL
);

CREATE TRIGGER journal_append_only_update BEFORE UPDATE ON journal
  FOR EACH ROW EXECUTE PROCEDURE tracker_append_only();
CREATE TRIGGER journal_append_only_delete BEFORE DELETE ON journal
  FOR EACH ROW EXECUTE PROCEDURE tracker_append_only();
