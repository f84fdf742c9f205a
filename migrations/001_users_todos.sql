-- Users and their to-dos. Times are milliseconds since the epoch, as the app keeps them.

CREATE TABLE users (
  id text PRIMARY KEY,
  name text NOT NULL,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'user')),
  created_at bigint NOT NULL,
  -- A user made for a while is found nowhere from then on; null for one who stays.
  expires_at bigint
);
-- Names are unique in any case: the database refuses the second, not a read before the write.
CREATE UNIQUE INDEX users_name_key ON users (lower(name));
CREATE INDEX users_by_age ON users (created_at, id);
CREATE INDEX users_expiring ON users (expires_at) WHERE expires_at IS NOT NULL;

-- The seeds applied once in the directory's life, by folded name: a seed user removed is not made again.
CREATE TABLE seeded_names (name_key text PRIMARY KEY);

CREATE TABLE todos (
  user_id text NOT NULL,
  id text NOT NULL,
  text text NOT NULL,
  complete boolean NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  PRIMARY KEY (user_id, id)
);
CREATE INDEX todos_newest_first ON todos (user_id, created_at DESC, id DESC);
