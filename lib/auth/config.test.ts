import { afterEach, describe, expect, it, vi } from 'vitest';
import { publicHalf, publicKeysEnv, signingKeyEnv, TEST_SIGNING_KEYS } from '@/test/signing-keys';
import { AuthConfigError, getAuthConfig, loadAuthConfig } from './config';

const SECRET = 'a-test-secret-that-is-at-least-32-bytes-long';
const JWT_SIGNING_KEY = signingKeyEnv();

describe('loadAuthConfig', () => {
  it('uses the documented defaults when only a secret is set', () => {
    const config = loadAuthConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET, JWT_SIGNING_KEY });
    expect(config).toMatchObject({
      secret: SECRET,
      previousSecrets: [],
      ttlSeconds: 1800,
      demoPassword: 'password',
      usingTutorialPassword: true,
      issuer: 'nextjs-jwt-auth',
      audience: 'nextjs-jwt-auth/api',
    });
  });

  it('has no development secret of its own: without JWT_SECRET it says npm run dev makes one', () => {
    expect(() => loadAuthConfig({ NODE_ENV: 'development' })).toThrow(/JWT_SECRET is not set: `npm run dev` makes one/);
    expect(() => loadAuthConfig({})).toThrow(AuthConfigError);
  });

  it('knows when the tutorial password is in use: DEMO_PASSWORD not set', () => {
    expect(loadAuthConfig({ JWT_SECRET: SECRET, DEMO_PASSWORD: 'pw' }).usingTutorialPassword).toBe(false);
    expect(loadAuthConfig({ JWT_SECRET: SECRET, DEMO_PASSWORD: '' }).usingTutorialPassword).toBe(true);
  });

  it('says DEMO_USERS has a successor, without echoing its passwords', () => {
    expect(() => loadAuthConfig({ JWT_SECRET: SECRET, DEMO_USERS: 'alice:pw1' })).toThrow(/^DEMO_USERS is replaced by SEED_USERS/);
    expect(() => loadAuthConfig({ JWT_SECRET: SECRET, DEMO_USERS: 'alice:pw1' })).not.toThrow(/pw1/);
    expect(() => loadAuthConfig({ JWT_SECRET: SECRET, DEMO_USERS: ' ' })).not.toThrow();
  });

  it('reads JWT_ISSUER and JWT_AUDIENCE, refusing spaces and control characters', () => {
    expect(loadAuthConfig({ JWT_SECRET: SECRET, JWT_ISSUER: 'https://app.example', JWT_AUDIENCE: 'https://app.example/api' })).toMatchObject({
      issuer: 'https://app.example',
      audience: 'https://app.example/api',
    });
    expect(() => loadAuthConfig({ JWT_SECRET: SECRET, JWT_ISSUER: 'my app' })).toThrow(/^JWT_ISSUER must be/);
    expect(() => loadAuthConfig({ JWT_SECRET: SECRET, JWT_AUDIENCE: 'x'.repeat(257) })).toThrow(/^JWT_AUDIENCE must be/);
  });

  it('refuses to run in production without a secret, naming JWT_SECRET and how to make one', () => {
    expect(() => loadAuthConfig({ NODE_ENV: 'production' })).toThrow(AuthConfigError);
    expect(() => loadAuthConfig({ NODE_ENV: 'production', JWT_SECRET: '' })).toThrow(/JWT_SECRET.*openssl rand -base64 32/);
  });

  it('never tells production to run `npm run dev`, which makes a secret only for a local checkout', () => {
    expect(() => loadAuthConfig({ NODE_ENV: 'production' })).toThrow(
      'JWT_SECRET is not set: set it to at least 32 random bytes. Generate one with `openssl rand -base64 32`.',
    );
  });

  it('calls itself AuthConfigError, the name a log of an uncaught one shows', () => {
    expect(() => loadAuthConfig({})).toThrow(expect.objectContaining({ name: 'AuthConfigError' }));
  });

  it('refuses a secret shorter than 32 bytes, counting bytes rather than characters', () => {
    expect(() => loadAuthConfig({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(/JWT_SECRET is shorter than 32 bytes/);
    expect(() => loadAuthConfig({ NODE_ENV: 'development', JWT_SECRET: 'x'.repeat(31) })).toThrow(AuthConfigError);
    // 16 characters, 32 bytes in UTF-8.
    expect(loadAuthConfig({ NODE_ENV: 'production', JWT_SECRET: 'é'.repeat(16), JWT_SIGNING_KEY }).secret).toBe('é'.repeat(16));
  });

  it('never puts the secret into its error message', () => {
    expect(() => loadAuthConfig({ NODE_ENV: 'production', JWT_SECRET: 'hunter2-secret' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });

  it('reads previous secrets for rotation and checks each one', () => {
    const previous = `${'p'.repeat(32)}, ${'q'.repeat(40)}`;
    expect(loadAuthConfig({ JWT_SECRET: SECRET, JWT_PREVIOUS_SECRETS: previous }).previousSecrets).toEqual([
      'p'.repeat(32),
      'q'.repeat(40),
    ]);
    expect(() => loadAuthConfig({ JWT_SECRET: SECRET, JWT_PREVIOUS_SECRETS: 'short' })).toThrow(/JWT_PREVIOUS_SECRETS/);
  });

  it.each(['0', '-1', '1.5', 'abc', '30m', ' 60'])('refuses TOKEN_TTL_SECONDS=%j', (ttl) => {
    expect(() => loadAuthConfig({ JWT_SECRET: SECRET, TOKEN_TTL_SECONDS: ttl })).toThrow(/TOKEN_TTL_SECONDS/);
  });

  it('accepts a whole TOKEN_TTL_SECONDS, down to one second', () => {
    expect(loadAuthConfig({ JWT_SECRET: SECRET, TOKEN_TTL_SECONDS: '60' }).ttlSeconds).toBe(60);
    expect(loadAuthConfig({ JWT_SECRET: SECRET, TOKEN_TTL_SECONDS: '1' }).ttlSeconds).toBe(1);
  });

  it('reads ACCESS_TTL_SECONDS and REFRESH_TTL_SECONDS, naming the one it refuses', () => {
    expect(loadAuthConfig({ JWT_SECRET: SECRET, ACCESS_TTL_SECONDS: '120', REFRESH_TTL_SECONDS: '3600' })).toMatchObject({
      accessTtlSeconds: 120,
      refreshTtlSeconds: 3600,
    });
    expect(() => loadAuthConfig({ JWT_SECRET: SECRET, ACCESS_TTL_SECONDS: '0' })).toThrow(/^ACCESS_TTL_SECONDS must be/);
    expect(() => loadAuthConfig({ JWT_SECRET: SECRET, REFRESH_TTL_SECONDS: '1h' })).toThrow(/^REFRESH_TTL_SECONDS must be/);
  });

  it('bounds ACCESS_TTL_SECONDS at a day: an access token is meant to be refreshed, not kept', () => {
    expect(loadAuthConfig({ JWT_SECRET: SECRET, ACCESS_TTL_SECONDS: '86400' }).accessTtlSeconds).toBe(86_400);
    expect(() => loadAuthConfig({ JWT_SECRET: SECRET, ACCESS_TTL_SECONDS: '2200000' })).toThrow(
      'ACCESS_TTL_SECONDS must be a whole number of seconds from 1 to 86400 (default 300).',
    );
  });
});

describe('getAuthConfig', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('reads process.env at call time, so a changed environment is seen', () => {
    vi.stubEnv('JWT_SECRET', SECRET);
    vi.stubEnv('TOKEN_TTL_SECONDS', '60');
    expect(getAuthConfig().ttlSeconds).toBe(60);
    vi.stubEnv('TOKEN_TTL_SECONDS', '90');
    expect(getAuthConfig().ttlSeconds).toBe(90);
  });
});

describe('the ES256 signing key', () => {
  it('refuses to run in production without JWT_SIGNING_KEY, saying what to set and how to make one', () => {
    expect(() => loadAuthConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET })).toThrow(
      /^JWT_SIGNING_KEY is not set: set it to the ES256 private key .*openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256/,
    );
    expect(loadAuthConfig({ NODE_ENV: 'development', JWT_SECRET: SECRET }).signingKey).toBeNull();
  });

  it('refuses a key that is not a P-256 private key, without echoing it', () => {
    for (const value of ['not a key', JSON.stringify(publicHalf(TEST_SIGNING_KEYS[0])), JSON.stringify({ ...TEST_SIGNING_KEYS[0], crv: 'P-384' }), '{"kty":"oct","k":"c2VjcmV0"}']) {
      expect(() => loadAuthConfig({ JWT_SECRET: SECRET, JWT_SIGNING_KEY: value })).toThrow(/^JWT_SIGNING_KEY must be a P-256 private key/);
    }
    expect(() => loadAuthConfig({ JWT_SECRET: SECRET, JWT_SIGNING_KEY: '{"kty":"EC","d":"c2VjcmV0LWQ"}' })).not.toThrow(/c2VjcmV0LWQ/);
  });

  it('takes previous keys as the JWK Set the JWKS served, refusing private halves', () => {
    const config = loadAuthConfig({ JWT_SECRET: SECRET, JWT_PREVIOUS_PUBLIC_KEYS: publicKeysEnv(TEST_SIGNING_KEYS[1]) });
    expect(config.previousPublicKeys).toEqual([publicHalf(TEST_SIGNING_KEYS[1])]);
    expect(() => loadAuthConfig({ JWT_SECRET: SECRET, JWT_PREVIOUS_PUBLIC_KEYS: JSON.stringify({ keys: [TEST_SIGNING_KEYS[1]] }) })).toThrow(/public keys only/);
    expect(() => loadAuthConfig({ JWT_SECRET: SECRET, JWT_PREVIOUS_PUBLIC_KEYS: JSON.stringify([publicHalf(TEST_SIGNING_KEYS[1])]) })).toThrow(/must be a JWK Set/);
  });

  it('reads the resource servers\' audiences, comma-separated', () => {
    expect(loadAuthConfig({ JWT_SECRET: SECRET, JWT_RESOURCE_AUDIENCES: 'flask-api, billing' }).resourceAudiences).toEqual(['flask-api', 'billing']);
    expect(() => loadAuthConfig({ JWT_SECRET: SECRET, JWT_RESOURCE_AUDIENCES: 'flask api' })).toThrow(/^JWT_RESOURCE_AUDIENCES must be/);
  });
});
