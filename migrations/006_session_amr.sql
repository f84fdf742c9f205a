-- How a session's user signed in to start it: RFC 8176's `amr`, comma-separated ('pwd', or
-- 'pwd,otp,mfa' with a second factor). The sign-in's time is the session's created_at. Sessions
-- started before this column was added were started by password.
ALTER TABLE sessions ADD COLUMN amr text NOT NULL DEFAULT 'pwd';
