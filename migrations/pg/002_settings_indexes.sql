-- 002 (PostgreSQL): settings and the indexes of the list filters, as
-- migrations/002_settings_indexes.sql.

CREATE TABLE setting (
  key    TEXT COLLATE "C" PRIMARY KEY,
  value  TEXT NOT NULL
);

INSERT INTO setting (key, value) VALUES
  ('health.at_risk_gap', '16.5'),
  ('health.off_track_gap', '33'),
  ('letter.reply_classes', 'A,B,C,D'),
  ('calendar.checkin_day', '25');

CREATE INDEX commitment_by_owner ON commitment(owner_id, due);
CREATE INDEX commitment_by_due ON commitment(due);
CREATE INDEX commitment_by_letter ON commitment(letter_id);
CREATE INDEX checkin_by_commitment_asof ON checkin(commitment_id, as_of, seq);
CREATE INDEX commitment_tag_by_tag ON commitment_tag(tag);
CREATE INDEX coowner_by_owner ON commitment_coowner(owner_id);
