import { calculateJwkThumbprint, importJWK, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { publicHalf, publicKeysEnv, signingKeyEnv, TEST_SIGNING_KEYS } from '@/test/signing-keys';
import { loadAuthConfig } from './config';
import { MAX_TOKEN_LENGTH } from './limits';
import { signAccessToken, signRefreshToken, signToken, verifyRefreshToken, verifyToken } from './token';

const SECRET = 'a-test-secret-that-is-at-least-32-bytes-long';
const config = loadAuthConfig({ JWT_SECRET: SECRET });
const NOW = new Date('2026-06-01T12:00:00Z');
const nowSeconds = NOW.getTime() / 1000;

function segment(token: string, index: number): unknown {
  return JSON.parse(Buffer.from(token.split('.')[index]!, 'base64url').toString('utf8'));
}

/** A token with any claims, signed HS256 with `secret`: the shape an attacker or another issuer controls. */
function forge(payload: JWTPayload, secret = SECRET, header: Record<string, unknown> = {}) {
  return new SignJWT({ iat: nowSeconds, ...payload }).setProtectedHeader({ alg: 'HS256', typ: 'JWT', ...header }).sign(new TextEncoder().encode(secret));
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

describe('signToken', () => {
  it('signs HS256 with typ JWT and names its key', async () => {
    const token = await signToken(config, 'alice', 1800);
    expect(segment(token, 0)).toEqual({ alg: 'HS256', typ: 'JWT', kid: expect.stringMatching(/^[\w-]{12}$/) });
  });

  it('carries the user, when it was issued and when it expires, and nothing else', async () => {
    const payload = segment(await signToken(config, 'alice', 15), 1);
    expect(payload).toEqual({ user: 'alice', iat: nowSeconds, exp: nowSeconds + 15 });
  });

  it('names the key by a hash that does not contain the secret', async () => {
    const { kid } = segment(await signToken(config, 'alice', 60), 0) as { kid: string };
    expect(SECRET).not.toContain(kid);
    const other = loadAuthConfig({ JWT_SECRET: 'another-secret-that-is-at-least-32-bytes' });
    expect((segment(await signToken(other, 'alice', 60), 0) as { kid: string }).kid).not.toBe(kid);
  });
});

describe('verifyToken', () => {
  it('accepts a token it signed and returns its user', async () => {
    const result = await verifyToken(config, await signToken(config, 'alice', 1800));
    expect(result).toEqual({ ok: true, user: 'alice' });
  });

  it('accepts a token until the second before it expires', async () => {
    const token = await signToken(config, 'alice', 15);
    vi.setSystemTime(NOW.getTime() + 14_999);
    expect((await verifyToken(config, token)).ok).toBe(true);
  });

  it('rejects a token whose exp is in the past', async () => {
    const token = await signToken(config, 'alice', 15);
    vi.setSystemTime(NOW.getTime() + 16_000);
    expect(await verifyToken(config, token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('rejects a token at the very second it expires, with no clock tolerance for exp', async () => {
    const token = await signToken(config, 'alice', 15);
    vi.setSystemTime(NOW.getTime() + 15_000);
    expect(await verifyToken(config, token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('rejects a token signed with another secret', async () => {
    expect(await verifyToken(config, await forge({ user: 'alice', exp: nowSeconds + 60 }, 'thisisthesecretkey'))).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('rejects a token whose payload was changed after signing', async () => {
    const [header, , signature] = (await signToken(config, 'alice', 60)).split('.');
    const payload = Buffer.from(JSON.stringify({ user: 'admin', iat: nowSeconds, exp: nowSeconds + 60 })).toString('base64url');
    expect(await verifyToken(config, `${header}.${payload}.${signature}`)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('rejects alg none by name', async () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const token = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ user: 'admin', exp: nowSeconds + 60 })}.`;
    expect(await verifyToken(config, token)).toEqual({ ok: false, reason: 'unsupported_algorithm' });
  });

  it('rejects a token without exp', async () => {
    expect(await verifyToken(config, await forge({ user: 'alice' }))).toEqual({ ok: false, reason: 'invalid_claims' });
  });

  it('rejects a token whose nbf is beyond the clock tolerance, and accepts one within it', async () => {
    const exp = nowSeconds + 60;
    expect(await verifyToken(config, await forge({ user: 'alice', exp, nbf: nowSeconds + 10 }))).toEqual({
      ok: false,
      reason: 'not_yet_valid',
    });
    expect((await verifyToken(config, await forge({ user: 'alice', exp, nbf: nowSeconds + 3 }))).ok).toBe(true);
  });

  it('rejects a token without a user', async () => {
    expect(await verifyToken(config, await forge({ exp: nowSeconds + 60 }))).toEqual({ ok: false, reason: 'invalid_claims' });
    expect(await verifyToken(config, await forge({ user: '', exp: nowSeconds + 60 }))).toEqual({ ok: false, reason: 'invalid_claims' });
  });

  it.each(['thisisthesecretkey', '', 'a.b', 'a.b.c.d', 'a b.c.d'])('rejects %j as malformed', async (token) => {
    expect(await verifyToken(config, token)).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('session tokens', () => {
  const session = { sub: 'user-id-1', user: 'alice', roles: ['admin' as const], sid: 'session-1' };

  it('verifies an access token as a bearer, naming its user, roles and session', async () => {
    const { token, jti, exp } = await signAccessToken(config, session, 300);
    expect(segment(token, 0)).toMatchObject({ alg: 'ES256', typ: 'at+jwt' });
    expect(segment(token, 1)).toEqual({ ...session, jti, iss: 'nextjs-jwt-auth', aud: 'nextjs-jwt-auth/api', iat: nowSeconds, exp });
    expect(exp).toBe(nowSeconds + 300);
    expect(await verifyToken(config, token)).toEqual({ ok: true, user: 'alice', session: { ...session, jti } });
  });

  it('refuses a session token of another issuer or audience, signed with the right key', async () => {
    const elsewhere = loadAuthConfig({ JWT_SECRET: config.secret, JWT_ISSUER: 'https://other.example' });
    const { token } = await signAccessToken(elsewhere, session, 60);
    expect(await verifyToken(config, token)).toEqual({ ok: false, reason: 'invalid_claims' });
    const forOthers = loadAuthConfig({ JWT_SECRET: config.secret, JWT_AUDIENCE: 'https://other.example/api' });
    expect(await verifyToken(config, (await signAccessToken(forOthers, session, 60)).token)).toEqual({ ok: false, reason: 'invalid_claims' });
    const refresh = await signRefreshToken(elsewhere, { ...session, jti: 'r1', iat: nowSeconds, exp: nowSeconds + 600 });
    expect(await verifyRefreshToken(config, refresh)).toEqual({ ok: false, reason: 'invalid_claims' });
  });

  it('keeps the tutorial\'s token as the video has it: no iss, no aud', async () => {
    expect(Object.keys(segment(await signToken(config, 'alice', 60), 1) as object)).toEqual(['user', 'iat', 'exp']);
  });

  it('gives every access token its own jti', async () => {
    const [a, b] = await Promise.all([signAccessToken(config, session, 60), signAccessToken(config, session, 60)]);
    expect(a.jti).not.toBe(b.jti);
  });

  it('never takes a refresh token as a bearer, nor an access token as a refresh token', async () => {
    const refresh = await signRefreshToken(config, { ...session, jti: 'r1', iat: nowSeconds, exp: nowSeconds + 600 });
    expect(await verifyToken(config, refresh)).toEqual({ ok: false, reason: 'invalid_claims' });
    // An access token is ES256, an algorithm no refresh token has: refused before its `typ` is read.
    const { token } = await signAccessToken(config, session, 60);
    expect(await verifyRefreshToken(config, token)).toEqual({ ok: false, reason: 'unsupported_algorithm' });
    expect(await verifyRefreshToken(config, await signToken(config, 'alice', 60))).toEqual({ ok: false, reason: 'invalid_claims' });
  });

  it('verifies a refresh token, and signs the same claims to the same token', async () => {
    const claims = { ...session, jti: 'r1', iat: nowSeconds, exp: nowSeconds + 600 };
    const token = await signRefreshToken(config, claims);
    expect(segment(token, 0)).toMatchObject({ typ: 'rt+jwt' });
    expect(await signRefreshToken(config, claims)).toBe(token);
    expect(await verifyRefreshToken(config, token)).toEqual({ ok: true, ...session, jti: 'r1' });
  });

  it('refuses a refresh token living longer than REFRESH_TTL_SECONDS, and an expired one', async () => {
    const tooLong = await signRefreshToken(config, { ...session, jti: 'r1', iat: nowSeconds, exp: nowSeconds + config.refreshTtlSeconds + 60 });
    expect(await verifyRefreshToken(config, tooLong)).toEqual({ ok: false, reason: 'invalid_claims' });
    const token = await signRefreshToken(config, { ...session, jti: 'r1', iat: nowSeconds, exp: nowSeconds + 60 });
    vi.setSystemTime(NOW.getTime() + 60_000);
    expect(await verifyRefreshToken(config, token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('verifies a refresh token right at the 8 KiB cap, and refuses a longer one unread', async () => {
    const withSid = (sid: string) => signRefreshToken(config, { ...session, sid, jti: 'r1', iat: nowSeconds, exp: nowSeconds + 600 });
    let sid = 's'.repeat(5900);
    while ((await withSid(sid)).length < MAX_TOKEN_LENGTH) sid += 's';
    const atCap = await withSid(sid);
    expect(atCap).toHaveLength(MAX_TOKEN_LENGTH);
    expect(await verifyRefreshToken(config, atCap)).toMatchObject({ ok: true });
    expect(await verifyRefreshToken(config, await withSid(`${sid}s`))).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses a refresh token without its session or its jti', async () => {
    const without = await forge({ user: 'alice', jti: 'r1', exp: nowSeconds + 60 }, SECRET, { typ: 'rt+jwt' });
    expect(await verifyRefreshToken(config, without)).toEqual({ ok: false, reason: 'invalid_claims' });
    expect(await verifyRefreshToken(config, 'not.a.token')).toMatchObject({ ok: false });
  });
});

describe('access tokens for other services', () => {
  const session = { sub: 'user-id-1', user: 'alice', roles: ['user' as const], sid: 'session-1' };
  const [oldKey, newKey] = TEST_SIGNING_KEYS;
  const before = loadAuthConfig({ JWT_SECRET: SECRET, JWT_SIGNING_KEY: signingKeyEnv(oldKey) });
  const after = loadAuthConfig({ JWT_SECRET: SECRET, JWT_SIGNING_KEY: signingKeyEnv(newKey), JWT_PREVIOUS_PUBLIC_KEYS: publicKeysEnv(oldKey) });

  it('verifies with the public key alone, for every configured audience, and names it by kid', async () => {
    const withFlask = loadAuthConfig({ JWT_SECRET: SECRET, JWT_SIGNING_KEY: signingKeyEnv(oldKey), JWT_RESOURCE_AUDIENCES: 'flask-api' });
    const { token } = await signAccessToken(withFlask, session, 60);
    const publicKey = await importJWK(publicHalf(oldKey), 'ES256');
    const { payload, protectedHeader } = await jwtVerify(token, publicKey, { algorithms: ['ES256'], audience: 'flask-api', issuer: 'nextjs-jwt-auth' });
    expect(payload.aud).toEqual(['nextjs-jwt-auth/api', 'flask-api']);
    expect(protectedHeader.kid).toBe(await calculateJwkThumbprint(publicHalf(oldKey)));
    expect((await verifyToken(withFlask, token)).ok).toBe(true);
    // The resource servers' audiences are for access tokens only.
    const refresh = await signRefreshToken(withFlask, { ...session, jti: 'r1', iat: nowSeconds, exp: nowSeconds + 600 });
    expect(segment(refresh, 1)).toMatchObject({ aud: 'nextjs-jwt-auth/api' });
  });

  it('mid-rotation, still verifies a token of the previous key, and the new key signs', async () => {
    const old = (await signAccessToken(before, session, 60)).token;
    const fresh = (await signAccessToken(after, session, 60)).token;
    expect((await verifyToken(after, old)).ok).toBe(true);
    expect((await verifyToken(after, fresh)).ok).toBe(true);
    expect(await verifyToken(before, fresh)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a token of a retired key once its public half is no longer listed', async () => {
    const old = (await signAccessToken(before, session, 60)).token;
    const retired = loadAuthConfig({ JWT_SECRET: SECRET, JWT_SIGNING_KEY: signingKeyEnv(newKey) });
    expect(await verifyToken(retired, old)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('keeps the tutorial\'s tokens HS256 with the shared secret', async () => {
    const token = await signToken(after, 'alice', 60);
    expect(segment(token, 0)).toMatchObject({ alg: 'HS256', typ: 'JWT' });
    await expect(jwtVerify(token, new TextEncoder().encode(SECRET), { algorithms: ['HS256'] })).resolves.toBeDefined();
  });
});
