import { describe, expect, it } from 'vitest';
import { loadStoreChoice } from './config';

const memory = { kind: 'memory' } as const;
const databaseUrl = 'postgres://app@db/app';
const postgres = { kind: 'postgres', url: databaseUrl } as const;

describe('loadStoreChoice', () => {
  it('keeps everything in memory in development when neither Redis nor a database is configured', () => {
    expect(loadStoreChoice({ NODE_ENV: 'development' })).toEqual({ kind: 'stores', ephemeral: memory, records: memory });
  });

  it('keeps everything in PostgreSQL from DATABASE_URL alone, in production or not', () => {
    for (const NODE_ENV of ['production', 'development']) {
      expect(loadStoreChoice({ NODE_ENV, DATABASE_URL: databaseUrl })).toEqual({ kind: 'stores', ephemeral: postgres, records: postgres });
    }
  });

  it('keeps sessions and the throttle in Redis from REDIS_URL, or KV_URL as Vercel names it, and the records in PostgreSQL', () => {
    expect(loadStoreChoice({ NODE_ENV: 'production', REDIS_URL: 'redis://a:6379', DATABASE_URL: databaseUrl })).toEqual({ kind: 'stores', ephemeral: { kind: 'redis', url: 'redis://a:6379' }, records: postgres });
    expect(loadStoreChoice({ NODE_ENV: 'production', KV_URL: 'rediss://b:6380', DATABASE_URL: databaseUrl })).toEqual({ kind: 'stores', ephemeral: { kind: 'redis', url: 'rediss://b:6380' }, records: postgres });
  });

  it('keeps no records in Redis: with Redis alone production has no store, and development keeps them in memory', () => {
    expect(loadStoreChoice({ NODE_ENV: 'production', REDIS_URL: 'redis://a:6379' })).toEqual({ kind: 'none', redisWithoutDatabase: true });
    expect(loadStoreChoice({ NODE_ENV: 'development', REDIS_URL: 'redis://a:6379' })).toEqual({ kind: 'stores', ephemeral: { kind: 'redis', url: 'redis://a:6379' }, records: memory });
  });

  it('has no store in production with neither, unless AUTH_STORE=memory asks for one', () => {
    expect(loadStoreChoice({ NODE_ENV: 'production' })).toEqual({ kind: 'none' });
    expect(loadStoreChoice({ NODE_ENV: 'production', AUTH_STORE: 'memory' })).toEqual({ kind: 'stores', ephemeral: memory, records: memory });
    expect(loadStoreChoice({ NODE_ENV: 'production', AUTH_STORE: 'memory', REDIS_URL: 'redis://a:6379' })).toEqual({ kind: 'stores', ephemeral: memory, records: memory });
  });

  it('keeps the records in PostgreSQL with AUTH_STORE=memory and DATABASE_URL, the sessions in memory', () => {
    expect(loadStoreChoice({ NODE_ENV: 'production', AUTH_STORE: 'memory', DATABASE_URL: databaseUrl })).toEqual({ kind: 'stores', ephemeral: memory, records: postgres });
  });

  it('requires a Redis with AUTH_STORE=redis, a database alone not being one', () => {
    expect(loadStoreChoice({ NODE_ENV: 'production', AUTH_STORE: 'redis' })).toEqual({ kind: 'none' });
    expect(loadStoreChoice({ NODE_ENV: 'development', AUTH_STORE: 'redis', DATABASE_URL: databaseUrl })).toEqual({ kind: 'none' });
  });

  it('refuses an AUTH_STORE it does not know', () => {
    expect(() => loadStoreChoice({ AUTH_STORE: 'postgres' })).toThrow(/^AUTH_STORE must be "memory" or "redis"/);
  });
});
