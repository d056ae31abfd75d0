-- 006: speed for whole-store work (issue 14), no change of meaning.
-- The commitment table's three CHECK (x IN (...)) constraints, as OR
-- chains: SQLite 3.40 builds a temporary B-tree for an IN list on every
-- row written, about 2 µs of each commitment written here. The same
-- rules, the same rows (a NULL target_cmp passes both), so the text is
-- changed in place, as SQLite's ALTER TABLE documentation describes for
-- CHECK constraints; the CREATE INDEX below moves the schema cookie on, so
-- every other connection, and this one once reopened, reads the new text.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql =
  replace(replace(replace(sql,
    'CHECK (kind IN (''quantitative'', ''milestone'', ''ongoing''))',
    'CHECK (kind = ''quantitative'' OR kind = ''milestone'' OR kind = ''ongoing'')'),
    'CHECK (target_cmp IN (''>='', ''<='', ''=''))',
    'CHECK (target_cmp = ''>='' OR target_cmp = ''<='' OR target_cmp = ''='')'),
    'CHECK (status IN (''open'', ''in_progress'', ''blocked'', ''done'', ''cancelled''))',
    'CHECK (status = ''open'' OR status = ''in_progress'' OR status = ''blocked'' OR '
    || 'status = ''done'' OR status = ''cancelled'')')
WHERE type = 'table' AND name = 'commitment';
PRAGMA writable_schema = OFF;

-- A letter is found by its text's hash when a file names it differently
-- (store_letter_put); without an index that read every letter.
CREATE INDEX letter_by_text_sha256 ON letter(text_sha256) WHERE text_sha256 IS NOT NULL;
