-- 005 (PostgreSQL): the people who sign in to `tracker serve`, as
-- migrations/005_users.sql.

CREATE TABLE app_user (
  id             BIGSERIAL PRIMARY KEY,
  name           TEXT COLLATE "C" NOT NULL UNIQUE,
  role           TEXT NOT NULL,
  password_hash  TEXT,
  disabled       INTEGER NOT NULL DEFAULT 0,
  created_at     TEXT COLLATE "C" NOT NULL
);

CREATE TABLE user_owner (
  user_id   BIGINT NOT NULL REFERENCES app_user(id),
  owner_id  BIGINT NOT NULL REFERENCES owner(id),
  PRIMARY KEY (user_id, owner_id)
);

CREATE TABLE user_letter (
  user_id    BIGINT NOT NULL REFERENCES app_user(id),
  letter_id  BIGINT NOT NULL REFERENCES letter(id),
  PRIMARY KEY (user_id, letter_id)
);

CREATE TABLE token (
  id          TEXT COLLATE "C" PRIMARY KEY,
  user_id     BIGINT NOT NULL REFERENCES app_user(id),
  kind        TEXT NOT NULL,
  hash        TEXT COLLATE "C" NOT NULL UNIQUE,
  created_at  TEXT COLLATE "C" NOT NULL,
  revoked_at  TEXT COLLATE "C"
);

CREATE TABLE session (
  hash        TEXT COLLATE "C" PRIMARY KEY,
  user_id     BIGINT NOT NULL REFERENCES app_user(id),
  csrf        TEXT NOT NULL,
  created_at  TEXT COLLATE "C" NOT NULL,
  last_seen   TEXT COLLATE "C" NOT NULL
);

CREATE TABLE login_failure (
  address  TEXT COLLATE "C" NOT NULL,
  at       TEXT COLLATE "C" NOT NULL
);
CREATE INDEX login_failure_by_address ON login_failure(address, at);
