import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signAccessToken } from '@/lib/auth/token';
import { getAuthConfig } from '@/lib/auth';
import { MESSAGES } from '@/lib/contract';
import { publicHalf, publicKeysEnv, signingKeyEnv, TEST_SIGNING_KEYS } from '@/test/signing-keys';
import { GET, POST } from './route';

const SECRET = 'jwks-test-secret-0123456789abcdefghijklmnop';
const [current, previous] = TEST_SIGNING_KEYS;
const session = { sub: 'user-id-1', user: 'alice', roles: ['user' as const], sid: 'session-1' };

beforeEach(() => {
  vi.stubEnv('JWT_SECRET', SECRET);
  vi.stubEnv('JWT_SIGNING_KEY', signingKeyEnv(current));
  vi.stubEnv('JWT_PREVIOUS_PUBLIC_KEYS', publicKeysEnv(previous));
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('GET /.well-known/jwks.json', () => {
  it('serves the public keys, current first, each with use, alg and kid, and nothing private', async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    const { keys } = (await response.json()) as { keys: Record<string, string>[] };
    expect(keys.map(({ kty, crv, x, y }) => ({ kty, crv, x, y }))).toEqual([publicHalf(current), publicHalf(previous)]);
    for (const key of keys) {
      expect(key).toMatchObject({ use: 'sig', alg: 'ES256', kid: expect.stringMatching(/^[\w-]{43}$/) });
      expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
    }
    expect(JSON.stringify(keys)).not.toContain(current.d);
  });

  it('lets a client cache it for less than an access token lives', async () => {
    expect((await GET()).headers.get('cache-control')).toBe('public, max-age=60');
    vi.stubEnv('ACCESS_TTL_SECONDS', '10');
    expect((await GET()).headers.get('cache-control')).toBe('public, max-age=10');
  });

  it('is all a resource server needs to verify an access token', async () => {
    const { token } = await signAccessToken(getAuthConfig(), session, 60);
    const jwks = createLocalJWKSet((await (await GET()).json()) as { keys: [] });
    const { payload } = await jwtVerify(token, jwks, { algorithms: ['ES256'], issuer: 'nextjs-jwt-auth', audience: 'nextjs-jwt-auth/api' });
    expect(payload).toMatchObject({ user: 'alice', sid: 'session-1' });
  });

  it('names JWT_SIGNING_KEY in a 500 when production has none, and serves no key', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('JWT_SIGNING_KEY', '');
    const response = await GET();
    expect(response.status).toBe(500);
    expect(((await response.json()) as { message: string }).message).toMatch(/^JWT_SIGNING_KEY is not set/);
  });

  it('answers a WebCrypto failure with a generic JSON 500 and one log line', async () => {
    // A key set no other test imports, so the failure meets a fresh import.
    vi.stubEnv('JWT_SIGNING_KEY', signingKeyEnv(previous));
    vi.stubEnv('JWT_PREVIOUS_PUBLIC_KEYS', '');
    vi.spyOn(crypto.subtle, 'exportKey').mockRejectedValueOnce(new Error('WebCrypto is unavailable'));
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = await GET();
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: MESSAGES.serverError });
    expect(log).toHaveBeenCalledTimes(1);
    // Not kept: the next request imports again and serves the key.
    expect((await GET()).status).toBe(200);
  });

  it('answers other methods with a JSON 405', async () => {
    expect((await POST(new Request('http://localhost/.well-known/jwks.json', { method: 'POST' }))).status).toBe(405);
  });
});
