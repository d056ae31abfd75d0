-- 002: settings (thresholds, reply classes, reporting day) and the indexes
-- the list filters and the as-of queries use.

CREATE TABLE setting (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
) WITHOUT ROWID;

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
