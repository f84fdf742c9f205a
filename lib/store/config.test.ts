import { describe, expect, it } from 'vitest';
import { loadStoreChoice } from './config';

describe('loadStoreChoice', () => {
  it('uses the memory store in development when no Redis is configured', () => {
    expect(loadStoreChoice({ NODE_ENV: 'development' })).toEqual({ kind: 'memory' });
  });

  it('uses Redis from REDIS_URL, or from KV_URL as Vercel names it', () => {
    expect(loadStoreChoice({ NODE_ENV: 'production', REDIS_URL: 'redis://a:6379' })).toEqual({ kind: 'redis', url: 'redis://a:6379' });
    expect(loadStoreChoice({ NODE_ENV: 'production', KV_URL: 'rediss://b:6380' })).toEqual({ kind: 'redis', url: 'rediss://b:6380' });
  });

  it('has no store in production without Redis, unless AUTH_STORE=memory asks for one', () => {
    expect(loadStoreChoice({ NODE_ENV: 'production' })).toEqual({ kind: 'none' });
    expect(loadStoreChoice({ NODE_ENV: 'production', AUTH_STORE: 'redis' })).toEqual({ kind: 'none' });
    expect(loadStoreChoice({ NODE_ENV: 'production', AUTH_STORE: 'memory' })).toEqual({ kind: 'memory' });
  });

  it('keeps users and to-dos in PostgreSQL from DATABASE_URL, sessions in Redis or memory as before', () => {
    const databaseUrl = 'postgres://app@db/app';
    expect(loadStoreChoice({ NODE_ENV: 'production', REDIS_URL: 'redis://a:6379', DATABASE_URL: databaseUrl })).toEqual({ kind: 'redis', url: 'redis://a:6379', databaseUrl });
    expect(loadStoreChoice({ NODE_ENV: 'development', DATABASE_URL: databaseUrl })).toEqual({ kind: 'memory', databaseUrl });
    expect(loadStoreChoice({ NODE_ENV: 'production', AUTH_STORE: 'memory', DATABASE_URL: databaseUrl })).toEqual({ kind: 'memory', databaseUrl });
    // Sessions kept in one instance's memory would be unknown to the others: production still needs a Redis.
    expect(loadStoreChoice({ NODE_ENV: 'production', DATABASE_URL: databaseUrl })).toEqual({ kind: 'none' });
  });

  it('refuses an AUTH_STORE it does not know', () => {
    expect(() => loadStoreChoice({ AUTH_STORE: 'postgres' })).toThrow(/^AUTH_STORE must be "memory" or "redis"/);
  });
});
