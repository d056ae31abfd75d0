-- 003: corrections are rare; a partial index finds the check-ins that
-- supersede another without scanning a commitment's whole history.
CREATE INDEX checkin_supersedes ON checkin(commitment_id, supersedes) WHERE supersedes > 0;
