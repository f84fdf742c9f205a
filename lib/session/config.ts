import 'server-only';
import { AuthConfigError, seconds, type Env } from '../auth/config';

export interface SessionConfig {
  /** How long a spent refresh token still gets its successor instead of revoking the session. */
  graceSeconds: number;
  /** How long the pages' session may go unused (no page view, no refresh) before it ends. */
  pageIdleSeconds: number;
}

export const DEFAULT_GRACE_SECONDS = 10;
/**
 * 30 minutes: the top of the OWASP Session Management Cheat Sheet's 15 to 30 minutes for
 * low-risk applications, and NIST SP 800-63B's inactivity limit at AAL2 (ASVS V7.3.1 asks for one,
 * documented). A to-do list is low-risk; an app holding more should set it shorter.
 */
export const DEFAULT_PAGE_IDLE_SECONDS = 1800;

/** Validates the session environment; throws AuthConfigError with one sentence saying what to fix. */
export function loadSessionConfig(env: Env): SessionConfig {
  const graceText = env.REFRESH_GRACE_SECONDS ?? '';
  const graceSeconds = graceText === '' ? DEFAULT_GRACE_SECONDS : Number(graceText);
  if (!/^\d*$/.test(graceText) || !Number.isSafeInteger(graceSeconds)) {
    throw new AuthConfigError(`REFRESH_GRACE_SECONDS must be a whole number of seconds, 0 or more (default ${DEFAULT_GRACE_SECONDS}).`);
  }
  return { graceSeconds, pageIdleSeconds: seconds(env, 'PAGE_IDLE_TIMEOUT_SECONDS', DEFAULT_PAGE_IDLE_SECONDS) };
}

/** The session config from process.env, read at call time, so `next build` needs nothing. */
export function getSessionConfig(): SessionConfig {
  return loadSessionConfig({ REFRESH_GRACE_SECONDS: process.env.REFRESH_GRACE_SECONDS, PAGE_IDLE_TIMEOUT_SECONDS: process.env.PAGE_IDLE_TIMEOUT_SECONDS });
}
