-- 006 (PostgreSQL): as migrations/006_speed.sql, the part that applies
-- here: a letter is found by its text's hash when a file names it
-- differently (store_letter_put). The CHECK rewrite there works around
-- SQLite's IN lists and has no counterpart.
CREATE INDEX letter_by_text_sha256 ON letter(text_sha256) WHERE text_sha256 IS NOT NULL;
