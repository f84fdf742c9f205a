import 'server-only';
import { AuthConfigError, type Env } from '../auth/config';

export interface SessionConfig {
  /** Where sessions live; `none` answers 503 on the session routes, naming REDIS_URL. */
  store: { kind: 'redis'; url: string } | { kind: 'memory' } | { kind: 'none' };
  /** How long a spent refresh token still gets its successor instead of revoking the session. */
  graceSeconds: number;
  /**
   * Whether the X-Forwarded-* headers come from a proxy this server trusts rather than from the
   * client: on Vercel, whose platform sets them; self-hosted, when TRUST_PROXY=1. See forwarded.ts.
   */
  trustProxy: boolean;
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

  const trust = env.TRUST_PROXY ?? '';
  if (!['', '0', '1'].includes(trust)) {
    throw new AuthConfigError('TRUST_PROXY must be 1 (a proxy in front sets X-Forwarded-*), 0 (none does), or unset (trusted on Vercel only).');
  }
  const trustProxy = trust === '' ? env.VERCEL === '1' : trust === '1';

  return { store: storeChoice(env, choice, url), graceSeconds, trustProxy };
}

// Memory only when asked for, or in development with no Redis: in production a process's memory
// is not shared by other instances, and is lost on every restart or cold start.
function storeChoice(env: Env, choice: string, url: string): SessionConfig['store'] {
  if (choice === 'memory') return { kind: 'memory' };
  if (url !== '') return { kind: 'redis', url };
  if (choice === '' && env.NODE_ENV !== 'production') return { kind: 'memory' };
  return { kind: 'none' };
}

/** The session config from process.env, read at call time, so `next build` needs nothing. */
export function getSessionConfig(): SessionConfig {
  return loadSessionConfig({
    NODE_ENV: process.env.NODE_ENV,
    REDIS_URL: process.env.REDIS_URL,
    KV_URL: process.env.KV_URL,
    AUTH_STORE: process.env.AUTH_STORE,
    REFRESH_GRACE_SECONDS: process.env.REFRESH_GRACE_SECONDS,
    TRUST_PROXY: process.env.TRUST_PROXY,
    VERCEL: process.env.VERCEL,
  });
}
