import { describe, expect, it } from 'vitest';
import { loadAuthConfig } from './config';
import { checkCredentials, parseBasicAuth, timingSafeEqual } from './credentials';
import { basicHeader } from '../../e2e/hostile-cases';

describe('parseBasicAuth', () => {
  it('reads a user and password', () => {
    expect(parseBasicAuth(basicHeader('alice:password'))).toEqual({ username: 'alice', password: 'password' });
  });

  it('splits at the first colon, so a password may contain colons (RFC 7617)', () => {
    expect(parseBasicAuth(basicHeader('alice:pa:ss'))).toEqual({ username: 'alice', password: 'pa:ss' });
  });

  it('accepts the scheme name in any case and UTF-8 credentials', () => {
    expect(parseBasicAuth(`bASIC ${Buffer.from('zoë:pässword').toString('base64')}`)).toEqual({
      username: 'zoë',
      password: 'pässword',
    });
  });

  it.each([
    ['no header', null],
    ['another scheme', 'Bearer abc.def.ghi'],
    ['the scheme alone', 'Basic'],
    ['text that is not base64', 'Basic !!!notbase64'],
    ['base64 with no colon inside', basicHeader('alice')],
    ['an empty user', basicHeader(':password')],
    ['a NUL byte', basicHeader('alice:pass\u0000word')],
    ['a newline', basicHeader('alice\n:password')],
    ['a C1 control', basicHeader('alice:pass\u0085')],
    ['invalid UTF-8', `Basic ${Buffer.from([0x61, 0x3a, 0xff, 0xfe]).toString('base64')}`],
    ['a header far too long', basicHeader(`alice:${'x'.repeat(100_000)}`)],
  ])('returns null for %s', (_what, header) => {
    expect(parseBasicAuth(header)).toBeNull();
  });
});

describe('checkCredentials', () => {
  const SECRET = 'a-test-secret-that-is-at-least-32-bytes-long';

  it('accepts any username with the demo password, as in the tutorial', () => {
    const config = loadAuthConfig({ JWT_SECRET: SECRET });
    expect(checkCredentials(config, { username: 'anyone', password: 'password' })).toBe(true);
    expect(checkCredentials(config, { username: 'anyone', password: 'Password' })).toBe(false);
    expect(checkCredentials(config, { username: 'anyone', password: '' })).toBe(false);
  });

  it('uses DEMO_PASSWORD when set', () => {
    const config = loadAuthConfig({ JWT_SECRET: SECRET, DEMO_PASSWORD: 's3cret' });
    expect(checkCredentials(config, { username: 'bob', password: 's3cret' })).toBe(true);
    expect(checkCredentials(config, { username: 'bob', password: 'password' })).toBe(false);
  });

  it('limits logins to DEMO_USERS, each with their own password', () => {
    const config = loadAuthConfig({ JWT_SECRET: SECRET, DEMO_USERS: 'alice:pw1,bob:pw2' });
    expect(checkCredentials(config, { username: 'alice', password: 'pw1' })).toBe(true);
    expect(checkCredentials(config, { username: 'alice', password: 'pw2' })).toBe(false);
    expect(checkCredentials(config, { username: 'carol', password: 'password' })).toBe(false);
  });
});

describe('timingSafeEqual', () => {
  it('is true only for identical strings', () => {
    expect(timingSafeEqual('password', 'password')).toBe(true);
    expect(timingSafeEqual('password', 'passwore')).toBe(false);
    expect(timingSafeEqual('password', 'password1')).toBe(false);
    expect(timingSafeEqual('', 'a')).toBe(false);
  });
});
