-- 009 (PostgreSQL): as migrations/009_row_order_indexes.sql, the order in
-- which a commitment's co-owners, tags and shortest alias are read, as
-- indexes.
CREATE INDEX commitment_coowner_by_position ON commitment_coowner(commitment_id, position);
CREATE INDEX commitment_tag_by_position ON commitment_tag(commitment_id, position);
CREATE INDEX owner_alias_shortest ON owner_alias(owner_id, (length(alias)), alias);
