import 'server-only';
import { AuthConfigError, type Env } from '../auth/config';

/**
 * Where the app's state lives: sessions and the login throttle in Redis or in memory, and the
 * records (users, to-dos) beside them, or in PostgreSQL when `databaseUrl` is set.
 */
export type StoreChoice = { kind: 'redis'; url: string; databaseUrl?: string } | { kind: 'memory'; databaseUrl?: string } | { kind: 'none' };

/**
 * Redis from REDIS_URL (or KV_URL, as Vercel names it); memory only when AUTH_STORE=memory asks for
 * it, or in development with no Redis: in production a process's memory is not shared by other
 * instances, and is lost on every restart or cold start. `none` answers 503, naming REDIS_URL.
 * DATABASE_URL moves the users and to-dos to PostgreSQL; sessions stay where the rest says.
 */
export function loadStoreChoice(env: Env): StoreChoice {
  const url = env.REDIS_URL || env.KV_URL || '';
  const choice = env.AUTH_STORE ?? '';
  if (!['', 'memory', 'redis'].includes(choice)) {
    throw new AuthConfigError('AUTH_STORE must be "memory" or "redis", or unset.');
  }
  const records = env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {};
  if (choice === 'memory') return { kind: 'memory', ...records };
  if (url !== '') return { kind: 'redis', url, ...records };
  if (choice === '' && env.NODE_ENV !== 'production') return { kind: 'memory', ...records };
  return { kind: 'none' };
}

/** The store choice from process.env, read at call time, so `next build` needs nothing. */
export function getStoreChoice(): StoreChoice {
  return loadStoreChoice({
    NODE_ENV: process.env.NODE_ENV,
    REDIS_URL: process.env.REDIS_URL,
    KV_URL: process.env.KV_URL,
    AUTH_STORE: process.env.AUTH_STORE,
    DATABASE_URL: process.env.DATABASE_URL,
  });
}
