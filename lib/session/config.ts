import 'server-only';
import { AuthConfigError, type Env } from '../auth/config';

export interface SessionConfig {
  /** How long a spent refresh token still gets its successor instead of revoking the session. */
  graceSeconds: number;
}

export const DEFAULT_GRACE_SECONDS = 10;

/** Validates the session environment; throws AuthConfigError with one sentence saying what to fix. */
export function loadSessionConfig(env: Env): SessionConfig {
  const graceText = env.REFRESH_GRACE_SECONDS ?? '';
  const graceSeconds = graceText === '' ? DEFAULT_GRACE_SECONDS : Number(graceText);
  if (!/^\d*$/.test(graceText) || !Number.isSafeInteger(graceSeconds)) {
    throw new AuthConfigError(`REFRESH_GRACE_SECONDS must be a whole number of seconds, 0 or more (default ${DEFAULT_GRACE_SECONDS}).`);
  }
  return { graceSeconds };
}

/** The session config from process.env, read at call time, so `next build` needs nothing. */
export function getSessionConfig(): SessionConfig {
  return loadSessionConfig({ REFRESH_GRACE_SECONDS: process.env.REFRESH_GRACE_SECONDS });
}
