-- One-time links an admin gives a user to set a new password (lib/users/resets.ts). Only the
-- SHA-256 of each link's token is kept: a copy of this table opens no account.

CREATE TABLE password_resets (
  token_hash text PRIMARY KEY,
  -- A user removed takes their links with them.
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at bigint NOT NULL
);
CREATE INDEX password_resets_by_user ON password_resets (user_id);
CREATE INDEX password_resets_expiring ON password_resets (expires_at);
