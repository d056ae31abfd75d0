-- 007 (PostgreSQL): as migrations/007_list_order.sql, the order `tracker
-- list` shows as an index, so that the whole list is read without a sort.
CREATE INDEX commitment_by_due_order ON commitment((due IS NULL), due, key);
