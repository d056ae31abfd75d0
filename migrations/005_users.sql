-- 005: the people who sign in to `tracker serve`. Secrets are never kept:
-- passwords as argon2id hashes, tokens and session ids as SHA-256 hashes of
-- random values. Users and tokens are journaled (without their secrets);
-- sessions and failed sign-ins are the server's working state, not the
-- record.

CREATE TABLE app_user (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL UNIQUE,
  role           TEXT NOT NULL,
  password_hash  TEXT,
  disabled       INTEGER NOT NULL DEFAULT 0,
  created_at     TEXT NOT NULL
);

-- The owners a department user writes for; the letters a viewer may read.
CREATE TABLE user_owner (
  user_id   INTEGER NOT NULL REFERENCES app_user(id),
  owner_id  INTEGER NOT NULL REFERENCES owner(id),
  PRIMARY KEY (user_id, owner_id)
) WITHOUT ROWID;

CREATE TABLE user_letter (
  user_id    INTEGER NOT NULL REFERENCES app_user(id),
  letter_id  INTEGER NOT NULL REFERENCES letter(id),
  PRIMARY KEY (user_id, letter_id)
) WITHOUT ROWID;

CREATE TABLE token (
  id          TEXT PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES app_user(id),
  kind        TEXT NOT NULL,
  hash        TEXT NOT NULL UNIQUE,
  created_at  TEXT NOT NULL,
  revoked_at  TEXT
) WITHOUT ROWID;

CREATE TABLE session (
  hash        TEXT PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES app_user(id),
  csrf        TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  last_seen   TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE login_failure (
  address  TEXT NOT NULL,
  at       TEXT NOT NULL
);
CREATE INDEX login_failure_by_address ON login_failure(address, at);
