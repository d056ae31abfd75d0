-- 003 (PostgreSQL): lookup indexes, as migrations/003_lookup_indexes.sql.
CREATE INDEX checkin_supersedes ON checkin(commitment_id, supersedes) WHERE supersedes > 0;
CREATE INDEX owner_alias_by_owner ON owner_alias(owner_id);
