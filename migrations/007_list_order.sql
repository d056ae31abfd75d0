-- 007: the order `tracker list` shows (due date, undated last, then key) as
-- an index (issue 14), no change of meaning. With it the list's check-ins
-- can be read in one pass beside the commitments in that order, instead of
-- one query per commitment (62 % of `tracker list` at 100,000).
CREATE INDEX commitment_by_due_order ON commitment(due IS NULL, due, key);
