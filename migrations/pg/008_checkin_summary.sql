-- 008 (PostgreSQL): as migrations/008_checkin_summary.sql, each
-- commitment's check-ins in one row, kept with every append and verified
-- by `tracker check`. Figures as double precision, the type the program
-- computes in, so a row reads back to the bit.
CREATE TABLE checkin_summary (
  commitment_id  BIGINT PRIMARY KEY REFERENCES commitment(id),
  n              INTEGER NOT NULL,
  last_as_of     TEXT COLLATE "C" NOT NULL,
  current_value  DOUBLE PRECISION,
  current_as_of  TEXT COLLATE "C",
  current_seq    INTEGER,
  slope          DOUBLE PRECISION
);
