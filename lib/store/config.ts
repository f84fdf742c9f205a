import 'server-only';
import { AuthConfigError, type Env } from '../auth/config';

/** Where what expires by itself lives: the sessions and the login throttle's buckets. */
export type EphemeralStore = { kind: 'memory' } | { kind: 'redis'; url: string } | { kind: 'postgres'; url: string };

/** Where the records live: the users and to-dos. Never in Redis, which keeps only what expires. */
export type RecordStore = { kind: 'memory' } | { kind: 'postgres'; url: string };

/**
 * Where the app's state lives; `none` when production has nowhere to keep the records (no
 * DATABASE_URL), and `redisWithoutDatabase` when a Redis is set all the same, so that the start
 * says what is missing.
 */
export type StoreChoice = { kind: 'none'; redisWithoutDatabase?: true } | { kind: 'stores'; ephemeral: EphemeralStore; records: RecordStore };

/**
 * Records (users, to-dos) in PostgreSQL from DATABASE_URL; what expires (sessions, throttle) in
 * Redis from REDIS_URL (or KV_URL, as Vercel names it), else in PostgreSQL too, so that one service
 * suffices. Memory only when AUTH_STORE=memory asks for it, or in development with neither: in
 * production a process's memory is not shared by other instances, and is lost on every restart or
 * cold start; and production keeps no records in Redis. AUTH_STORE=redis requires a Redis. `none`
 * answers 503, naming what to set.
 */
export function loadStoreChoice(env: Env): StoreChoice {
  const redisUrl = env.REDIS_URL || env.KV_URL || '';
  const databaseUrl = env.DATABASE_URL ?? '';
  const choice = env.AUTH_STORE ?? '';
  if (!['', 'memory', 'redis'].includes(choice)) {
    throw new AuthConfigError('AUTH_STORE must be "memory" or "redis", or unset.');
  }
  const records: RecordStore = databaseUrl ? { kind: 'postgres', url: databaseUrl } : { kind: 'memory' };
  if (choice === 'memory') return { kind: 'stores', ephemeral: { kind: 'memory' }, records };
  if (choice === 'redis' && !redisUrl) return { kind: 'none' };
  if (env.NODE_ENV === 'production' && !databaseUrl) return redisUrl ? { kind: 'none', redisWithoutDatabase: true } : { kind: 'none' };
  if (redisUrl) return { kind: 'stores', ephemeral: { kind: 'redis', url: redisUrl }, records };
  if (databaseUrl) return { kind: 'stores', ephemeral: { kind: 'postgres', url: databaseUrl }, records };
  return { kind: 'stores', ephemeral: { kind: 'memory' }, records };
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
