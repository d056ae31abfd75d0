-- 003: indexes for lookups the list and report make per commitment.
-- supersede another without scanning a commitment's whole history.
CREATE INDEX checkin_supersedes ON checkin(commitment_id, supersedes) WHERE supersedes > 0;

-- A commitment row shows its owner's shortest alias; find aliases by owner.
CREATE INDEX owner_alias_by_owner ON owner_alias(owner_id);
