import { decodeJwt } from 'jose';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadAuthConfig } from '../auth/config';
import { MemoryStore } from './memory-store';
import { refreshSession, startSession } from './sessions';

const config = loadAuthConfig({ JWT_SECRET: 'sessions-test-secret-0123456789abcdefghijk' });
const NOW = new Date('2026-06-01T12:00:00Z').getTime();

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

const ALICE = { id: 'user-id-alice', name: 'alice', role: 'admin' as const };

const presented = (refreshToken: string) => {
  const { sid, jti } = decodeJwt(refreshToken) as { sid: string; jti: string };
  return { sid, jti };
};

describe('a session', () => {
  it('starts with a refresh token living REFRESH_TTL_SECONDS, in a cookie that lasts as long', async () => {
    const { cookies } = await startSession(config, new MemoryStore(), ALICE, 300, null);
    expect(decodeJwt(cookies.refreshToken).exp! - NOW / 1000).toBe(config.refreshTtlSeconds);
    expect(cookies.maxAgeSeconds).toBe(config.refreshTtlSeconds);
  });

  it('never gives a refresh token a life past the session\'s absolute end, however often it refreshes', async () => {
    const store = new MemoryStore();
    let { cookies } = await startSession(config, store, ALICE, 300, null);
    const end = NOW / 1000 + config.sessionLifetimeSeconds;
    // Every 20 hours, until the next refresh would pass the end.
    for (let at = NOW + 72_000_000; at < end * 1000; at += 72_000_000) {
      vi.setSystemTime(at);
      const refreshed = await refreshSession(config, store, presented(cookies.refreshToken), 10);
      if (!refreshed.ok) throw new Error(`refresh at ${new Date(at).toISOString()} failed: ${refreshed.outcome}`);
      cookies = refreshed.issued.cookies;
      expect(decodeJwt(cookies.refreshToken).exp).toBeLessThanOrEqual(end);
    }
    expect(decodeJwt(cookies.refreshToken).exp).toBe(end);
    expect(cookies.maxAgeSeconds).toBe(end - Math.floor(Date.now() / 1000));
    vi.setSystemTime(end * 1000);
    expect(await refreshSession(config, store, presented(cookies.refreshToken), 10)).toMatchObject({ ok: false });
  });

  it('gives each refresh a new access token for the same session, with the life the login asked for', async () => {
    const store = new MemoryStore();
    const first = await startSession(config, store, ALICE, 15, 'curl/8.5.0');
    const refreshed = await refreshSession(config, store, presented(first.cookies.refreshToken), 10);
    if (!refreshed.ok) throw new Error(refreshed.outcome);
    const [a, b] = [first.body.access_token, refreshed.issued.body.access_token].map((t) => decodeJwt(t));
    expect(b!.sid).toBe(a!.sid);
    expect(b!.jti).not.toBe(a!.jti);
    expect(refreshed.issued.body.expires_in).toBe(15);
  });

  it('names its user by public id, name and role in both tokens, and keeps its client for the list', async () => {
    const store = new MemoryStore();
    const { body, cookies } = await startSession(config, store, ALICE, 300, 'curl/8.5.0');
    for (const token of [body.access_token, cookies.refreshToken]) {
      expect(decodeJwt(token)).toMatchObject({ sub: 'user-id-alice', user: 'alice', roles: ['admin'], iss: config.issuer, aud: config.audience });
    }
    expect(await store.listForUser('user-id-alice', Date.now())).toEqual([
      { sid: decodeJwt(body.access_token).sid, createdAt: NOW, refreshedAt: null, userAgent: 'curl 8.5.0' },
    ]);
  });
});
