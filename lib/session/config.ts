import { AuthConfigError, type Env } from '../auth/config';

export interface SessionConfig {
  /** Where sessions live; `none` answers 503 on the session routes, naming REDIS_URL. */
  store: { kind: 'redis'; url: string } | { kind: 'memory' } | { kind: 'none' };
  /** How long a spent refresh token still gets its successor instead of revoking the session. */
  graceSeconds: number;
}

export const DEFAULT_GRACE_SECONDS = 10;

/** Validates the session environment; throws AuthConfigError with one sentence saying what to fix. */
export function loadSessionConfig(env: Env): SessionConfig {
  const url = env.REDIS_URL || env.KV_URL || '';
  const choice = env.AUTH_STORE ?? '';
  if (!['', 'memory', 'redis'].includes(choice)) {
    throw new AuthConfigError('AUTH_STORE must be "memory" or "redis", or unset.');
  }
  const graceText = env.REFRESH_GRACE_SECONDS ?? '';
  const graceSeconds = graceText === '' ? DEFAULT_GRACE_SECONDS : Number(graceText);
  if (!/^\d*$/.test(graceText) || !Number.isSafeInteger(graceSeconds)) {
    throw new AuthConfigError(`REFRESH_GRACE_SECONDS must be a whole number of seconds, 0 or more (default ${DEFAULT_GRACE_SECONDS}).`);
  }

  // Memory only when asked for, or in development with no Redis: in production a process's memory
  // is not shared by other instances, and is lost on every restart or cold start.
  if (choice === 'memory') return { store: { kind: 'memory' }, graceSeconds };
  if (url !== '') return { store: { kind: 'redis', url }, graceSeconds };
  if (choice === '' && env.NODE_ENV !== 'production') return { store: { kind: 'memory' }, graceSeconds };
  return { store: { kind: 'none' }, graceSeconds };
}

/** The session config from process.env, read at call time, so `next build` needs nothing. */
export function getSessionConfig(): SessionConfig {
  return loadSessionConfig({
    NODE_ENV: process.env.NODE_ENV,
    REDIS_URL: process.env.REDIS_URL,
    KV_URL: process.env.KV_URL,
    AUTH_STORE: process.env.AUTH_STORE,
    REFRESH_GRACE_SECONDS: process.env.REFRESH_GRACE_SECONDS,
  });
}
