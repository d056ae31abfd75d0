-- 009: three indexes that give every commitment read its order without a
-- sort (issue 14), no change of meaning. A commitment's co-owners and tags
-- are read in position order, and its short owner name is the owner's
-- shortest alias: for each row read, SQLite built three temporary B-trees
-- to sort a handful of rows (20 % of the instructions of `tracker list`).
-- With these the order is the index's.
CREATE INDEX commitment_coowner_by_position ON commitment_coowner(commitment_id, position);
CREATE INDEX commitment_tag_by_position ON commitment_tag(commitment_id, position);
CREATE INDEX owner_alias_shortest ON owner_alias(owner_id, length(alias), alias);
