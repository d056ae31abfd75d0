-- 008: each commitment's check-ins in one row (issue 14), no change of
-- meaning. What progress and health take from a commitment's check-ins
-- (model/progress.h, struct progress_digest), kept by the store in the
-- transaction of every append, so that `tracker list` of the whole store
-- reads one row per commitment instead of every check-in. A commitment
-- without check-ins has no row. Derived, never a record: `tracker check`
-- recomputes every row from the check-ins, and the row is only used for a
-- date on or after last_as_of, as now (never under --as-known-at). The
-- rows of an existing store are written by this migration's data step.
CREATE TABLE checkin_summary (
  commitment_id  INTEGER PRIMARY KEY REFERENCES commitment(id),
  n              INTEGER NOT NULL,
  last_as_of     TEXT NOT NULL,
  current_value  REAL,             -- the figure that counts, when current_seq
  current_as_of  TEXT,             --   is not NULL
  current_seq    INTEGER,
  slope          REAL              -- per day; NULL: no pace
);
