-- Sessions and the login throttle's buckets, for a deploy with PostgreSQL alone. Times are
-- milliseconds since the epoch, as in 001, but for iat and prev_iat, the refresh tokens' own claim
-- in seconds (enough to sign a token again, byte for byte).
--
-- Both tables hold what expires by itself: a row past its expires_at (sessions) or forget_at
-- (buckets) is ignored by every read, as if it were gone. No job deletes them: each new session
-- (SessionStore.create) and each reservation (LoginThrottle.reserve) also deletes up to 100 rows
-- whose time is up, so a table never holds many more than its live rows.

CREATE TABLE sessions (
  sid text PRIMARY KEY,
  user_id text NOT NULL,
  user_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'user')),
  -- Each access token's life, in seconds.
  access_ttl integer NOT NULL,
  -- The session's absolute end: no refresh token outlives it.
  ends_at bigint NOT NULL,
  jti text NOT NULL,
  iat bigint NOT NULL,
  created_at bigint NOT NULL,
  refreshed_at bigint,
  -- Its last use: started, refreshed, or seen by the pages (the idle timeout counts from it).
  seen_at bigint NOT NULL,
  user_agent text NOT NULL,
  -- The refresh token the last rotation spent, and when: the grace window's replay answers with its successor.
  prev_jti text,
  prev_iat bigint,
  rotated_at bigint,
  -- When the row may go (keyExpiry() in lib/session/store.ts): past it, the session is gone.
  expires_at bigint NOT NULL
);
-- A user's sessions, oldest first: listing and ending them reads only theirs.
CREATE INDEX sessions_by_user ON sessions (user_id, created_at);
CREATE INDEX sessions_expiring ON sessions (expires_at);

-- One row per bucket (`name:alice`, `ip:203.0.113.9`): a BucketState of lib/users/throttle.ts.
CREATE TABLE throttle_buckets (
  key text PRIMARY KEY,
  failures integer NOT NULL DEFAULT 0,
  window_start bigint NOT NULL DEFAULT 0,
  locked_until bigint NOT NULL DEFAULT 0,
  lockouts integer NOT NULL DEFAULT 0,
  last_lockout bigint NOT NULL DEFAULT 0,
  locked_by text NOT NULL DEFAULT '',
  -- forgetAt(): from then on nothing in the bucket matters.
  forget_at bigint NOT NULL DEFAULT 0
);
CREATE INDEX throttle_buckets_forgettable ON throttle_buckets (forget_at);
