import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthConfigError, getAuthConfig, loadAuthConfig } from './config';

const SECRET = 'a-test-secret-that-is-at-least-32-bytes-long';

describe('loadAuthConfig', () => {
  it('uses the documented defaults when only a secret is set', () => {
    const config = loadAuthConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET });
    expect(config).toMatchObject({
      secret: SECRET,
      previousSecrets: [],
      ttlSeconds: 1800,
      demoPassword: 'password',
      users: null,
      usingTutorialPassword: true,
    });
  });

  it('has no development secret of its own: without JWT_SECRET it says npm run dev makes one', () => {
    expect(() => loadAuthConfig({ NODE_ENV: 'development' })).toThrow(/JWT_SECRET is not set: `npm run dev` makes one/);
    expect(() => loadAuthConfig({})).toThrow(AuthConfigError);
  });

  it('knows when the tutorial password is in use: neither DEMO_PASSWORD nor DEMO_USERS set', () => {
    expect(loadAuthConfig({ JWT_SECRET: SECRET, DEMO_PASSWORD: 'pw' }).usingTutorialPassword).toBe(false);
    expect(loadAuthConfig({ JWT_SECRET: SECRET, DEMO_USERS: 'alice:pw' }).usingTutorialPassword).toBe(false);
    expect(loadAuthConfig({ JWT_SECRET: SECRET, DEMO_PASSWORD: '', DEMO_USERS: ' ' }).usingTutorialPassword).toBe(true);
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
    expect(loadAuthConfig({ NODE_ENV: 'production', JWT_SECRET: 'é'.repeat(16) }).secret).toBe('é'.repeat(16));
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

  it('reads DEMO_USERS, splitting each entry at its first colon', () => {
    const { users } = loadAuthConfig({ JWT_SECRET: SECRET, DEMO_USERS: 'alice:pw1, bob:p:w:2' });
    expect(users).toEqual(new Map([['alice', 'pw1'], ['bob', 'p:w:2']]));
  });

  it('accepts a one-letter user name in DEMO_USERS', () => {
    expect(loadAuthConfig({ JWT_SECRET: SECRET, DEMO_USERS: 'a:pw' }).users).toEqual(new Map([['a', 'pw']]));
  });

  it.each(['alice', ':pw', ' :pw', 'alice:', 'alice:pw,,bob:pw'])('refuses DEMO_USERS=%j without echoing it', (users) => {
    expect(() => loadAuthConfig({ JWT_SECRET: SECRET, DEMO_USERS: users })).toThrow(
      expect.objectContaining({ message: expect.stringContaining('DEMO_USERS must look like') }),
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
