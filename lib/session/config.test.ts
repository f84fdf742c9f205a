import { describe, expect, it } from 'vitest';
import { loadSessionConfig } from './config';

describe('loadSessionConfig', () => {
  it('uses the memory store in development when no Redis is configured', () => {
    expect(loadSessionConfig({ NODE_ENV: 'development' })).toEqual({ store: { kind: 'memory' }, graceSeconds: 10, trustProxy: false });
  });

  it('uses Redis from REDIS_URL, or from KV_URL as Vercel names it', () => {
    expect(loadSessionConfig({ NODE_ENV: 'production', REDIS_URL: 'redis://a:6379' }).store).toEqual({ kind: 'redis', url: 'redis://a:6379' });
    expect(loadSessionConfig({ NODE_ENV: 'production', KV_URL: 'rediss://b:6380' }).store).toEqual({ kind: 'redis', url: 'rediss://b:6380' });
  });

  it('has no store in production without Redis, unless AUTH_STORE=memory asks for one', () => {
    expect(loadSessionConfig({ NODE_ENV: 'production' }).store).toEqual({ kind: 'none' });
    expect(loadSessionConfig({ NODE_ENV: 'production', AUTH_STORE: 'redis' }).store).toEqual({ kind: 'none' });
    expect(loadSessionConfig({ NODE_ENV: 'production', AUTH_STORE: 'memory' }).store).toEqual({ kind: 'memory' });
  });

  it('reads REFRESH_GRACE_SECONDS, 0 included', () => {
    expect(loadSessionConfig({ REFRESH_GRACE_SECONDS: '0' }).graceSeconds).toBe(0);
    expect(loadSessionConfig({ REFRESH_GRACE_SECONDS: '30' }).graceSeconds).toBe(30);
  });

  it('trusts the forwarded headers on Vercel, and self-hosted only when TRUST_PROXY=1 says so', () => {
    expect(loadSessionConfig({}).trustProxy).toBe(false);
    expect(loadSessionConfig({ VERCEL: '1' }).trustProxy).toBe(true);
    expect(loadSessionConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(true);
    expect(loadSessionConfig({ VERCEL: '1', TRUST_PROXY: '0' }).trustProxy).toBe(false);
  });

  it.each([
    [{ TRUST_PROXY: 'yes' }, /TRUST_PROXY must be 1/],
    [{ AUTH_STORE: 'postgres' }, /AUTH_STORE must be "memory" or "redis"/],
    [{ REFRESH_GRACE_SECONDS: '-1' }, /REFRESH_GRACE_SECONDS must be a whole number/],
    [{ REFRESH_GRACE_SECONDS: '1.5' }, /REFRESH_GRACE_SECONDS/],
  ])('refuses %j with a sentence naming the variable', (env, message) => {
    expect(() => loadSessionConfig(env)).toThrow(message);
  });
});
