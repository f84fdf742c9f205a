import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { jsonSegment, signRaw } from '@/test/hostile-cases';
import { publicKeysEnv, signingKeyEnv, TEST_SIGNING_KEYS } from '@/test/signing-keys';
import { AuthConfigError, loadAuthConfig } from './config';
import { getKeyRing } from './keys';
import { signAccessToken, signToken, verifyToken } from './token';

const OLD = 'old-secret-0123456789abcdefghijklmnopqrstuv';
const NEW = 'new-secret-0123456789abcdefghijklmnopqrstuv';
const OLDER = 'older-secret-0123456789abcdefghijklmnopqrst';

const before = loadAuthConfig({ JWT_SECRET: OLD });
const during = loadAuthConfig({ JWT_SECRET: NEW, JWT_PREVIOUS_SECRETS: OLD });
const after = loadAuthConfig({ JWT_SECRET: NEW });

const kidOf = (token: string) => decodeProtectedHeader(token).kid;
const claims = () => {
  const now = Math.floor(Date.now() / 1000);
  return jsonSegment({ user: 'alice', iat: now, exp: now + 600 });
};

describe('rotating JWT_SECRET with JWT_PREVIOUS_SECRETS', () => {
  it('keeps tokens signed with the old secret valid while it is listed as previous', async () => {
    const token = await signToken(before, 'alice', 600);
    expect(await verifyToken(during, token)).toMatchObject({ ok: true, user: 'alice' });
  });

  it('signs new tokens with JWT_SECRET only, never a previous secret', async () => {
    const token = await signToken(during, 'alice', 600);
    expect(kidOf(token)).toBe(kidOf(await signToken(after, 'alice', 600)));
    expect(await verifyToken(after, token)).toMatchObject({ ok: true });
    expect(await verifyToken(before, token)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses old tokens once the old secret is dropped from the list', async () => {
    const token = await signToken(before, 'alice', 600);
    expect(await verifyToken(after, token)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('accepts any number of previous secrets, comma-separated with spaces', async () => {
    const config = loadAuthConfig({ JWT_SECRET: NEW, JWT_PREVIOUS_SECRETS: ` ${OLD} , ${OLDER},` });
    expect(config.previousSecrets).toEqual([OLD, OLDER]);
    const older = await signToken(loadAuthConfig({ JWT_SECRET: OLDER }), 'bob', 600);
    expect(await verifyToken(config, older)).toMatchObject({ ok: true, user: 'bob' });
  });

  it('refuses a previous secret shorter than 32 bytes, naming the variable', () => {
    expect(() => loadAuthConfig({ JWT_SECRET: NEW, JWT_PREVIOUS_SECRETS: 'short' })).toThrow(AuthConfigError);
    expect(() => loadAuthConfig({ JWT_SECRET: NEW, JWT_PREVIOUS_SECRETS: 'short' })).toThrow(/JWT_PREVIOUS_SECRETS/);
  });
});

describe('the three-deployment rotation in the README', () => {
  it('never refuses a token that any live deployment issued', async () => {
    const deployments = [
      loadAuthConfig({ JWT_SECRET: OLD }), // before
      loadAuthConfig({ JWT_SECRET: OLD, JWT_PREVIOUS_SECRETS: NEW }), // 1: every deployment learns the new secret
      loadAuthConfig({ JWT_SECRET: NEW, JWT_PREVIOUS_SECRETS: OLD }), // 2: sign with it
      loadAuthConfig({ JWT_SECRET: NEW }), // 3: once old tokens have expired
    ];
    // Neighbouring deployments serve side by side during a switch or after a rollback. Tokens
    // from before step 2 are refused after step 3, which is why step 3 waits for them to expire.
    for (let i = 1; i < deployments.length; i++) {
      const [older, newer] = [deployments[i - 1]!, deployments[i]!];
      expect(await verifyToken(newer, await signToken(older, 'alice', 600))).toMatchObject({ ok: true });
      expect(await verifyToken(older, await signToken(newer, 'alice', 600))).toMatchObject({ ok: true });
    }
  });
});

describe('the signing key\'s three-deployment rotation in docs/SESSIONS.md', () => {
  const [K1, K2] = TEST_SIGNING_KEYS;
  const session = { sub: 'u1', user: 'alice', roles: ['user' as const], sid: 's1' };
  const deployments = [
    loadAuthConfig({ JWT_SECRET: OLD, JWT_SIGNING_KEY: signingKeyEnv(K1) }), // before
    loadAuthConfig({ JWT_SECRET: OLD, JWT_SIGNING_KEY: signingKeyEnv(K1), JWT_PREVIOUS_PUBLIC_KEYS: publicKeysEnv(K2) }), // 1: publish K2
    loadAuthConfig({ JWT_SECRET: OLD, JWT_SIGNING_KEY: signingKeyEnv(K2), JWT_PREVIOUS_PUBLIC_KEYS: publicKeysEnv(K1, K2) }), // 2: sign with K2
    loadAuthConfig({ JWT_SECRET: OLD, JWT_SIGNING_KEY: signingKeyEnv(K2) }), // 3: once K1's tokens have expired
  ];
  const accessToken = async (config: (typeof deployments)[number]) => (await signAccessToken(config, session, 300)).token;
  // What a resource server verifies with: the JWKS one deployment served, cached, never fetched again.
  const cachedJwks = async (config: (typeof deployments)[number]) => createLocalJWKSet({ keys: (await getKeyRing(config)).access.jwks });

  it('never refuses, here, an access token that a neighbouring deployment issued', async () => {
    for (let i = 1; i < deployments.length; i++) {
      const [older, newer] = [deployments[i - 1]!, deployments[i]!];
      expect(await verifyToken(newer, await accessToken(older))).toMatchObject({ ok: true });
      expect(await verifyToken(older, await accessToken(newer))).toMatchObject({ ok: true });
    }
  });

  it('lets a service that cached the JWKS of the step before verify the next step\'s tokens without fetching it again', async () => {
    for (let i = 1; i < deployments.length; i++) {
      const token = await accessToken(deployments[i]!);
      await expect(jwtVerify(token, await cachedJwks(deployments[i - 1]!), { algorithms: ['ES256'] }), `step ${i}`).resolves.toBeDefined();
    }
    // Without step 1, a cache of the JWKS from before lacks the key that now signs.
    const skipped = await accessToken(deployments[3]!);
    await expect(jwtVerify(skipped, await cachedJwks(deployments[0]!), { algorithms: ['ES256'] })).rejects.toThrow();
  });

  it('publishes the current key first, so a cache filled at any step names the key that signs', async () => {
    for (const config of deployments) {
      const { jwks } = (await getKeyRing(config)).access;
      expect(jwks[0]!.kid).toBe(decodeProtectedHeader(await accessToken(config)).kid);
      expect(new Set(jwks.map((key) => key.kid)).size, 'each key once').toBe(jwks.length);
    }
  });
});

describe('the kid header', () => {
  it('names the key with a short hash that is stable and differs between secrets', async () => {
    const kid = kidOf(await signToken(before, 'alice', 600));
    expect(kid).toMatch(/^[\w-]{12}$/);
    expect(kidOf(await signToken(before, 'bob', 60))).toBe(kid);
    expect(kidOf(await signToken(after, 'alice', 600))).not.toBe(kid);
  });

  it('reveals nothing of the secret', async () => {
    const token = await signToken(before, 'alice', 600);
    const kid = kidOf(token)!;
    expect(OLD).not.toContain(kid);
    expect(Buffer.from(OLD).toString('base64url')).not.toContain(kid);
    expect(Buffer.from(token.split('.')[0]!, 'base64url').toString()).not.toContain(OLD.slice(0, 8));
  });

  it('picks the key directly: a token naming the previous key but signed with the current one is refused', async () => {
    const oldKid = kidOf(await signToken(before, 'alice', 600));
    const token = signRaw(jsonSegment({ alg: 'HS256', typ: 'JWT', kid: oldKid }), claims(), NEW);
    expect(await verifyToken(during, token)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('tries each key for a token without a kid, as the tutorial and other libraries issue them', async () => {
    const header = jsonSegment({ alg: 'HS256', typ: 'JWT' });
    expect(await verifyToken(during, signRaw(header, claims(), OLD))).toMatchObject({ ok: true });
    expect(await verifyToken(during, signRaw(header, claims(), NEW))).toMatchObject({ ok: true });
    expect(await verifyToken(during, signRaw(header, claims(), OLDER))).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a kid that names no configured key', async () => {
    const token = signRaw(jsonSegment({ alg: 'HS256', kid: 'AAAAAAAAAAAA' }), claims(), NEW);
    expect(await verifyToken(during, token)).toEqual({ ok: false, reason: 'bad_signature' });
  });
});
