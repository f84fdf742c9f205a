import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadAuthConfig } from './config';
import { checkCredentials, parseBasicAuth, timingSafeEqual } from './credentials';
import { basicHeader } from '@/test/hostile-cases';

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

  it('allows more than one space between the scheme and the credentials (RFC 7235: 1*SP)', () => {
    expect(parseBasicAuth(basicHeader('alice:password').replace(' ', '   '))).toEqual({ username: 'alice', password: 'password' });
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

  it('accepts any username with the demo password, as in the tutorial', async () => {
    const config = loadAuthConfig({ JWT_SECRET: SECRET });
    expect(await checkCredentials(config, { username: 'anyone', password: 'password' })).toBe(true);
    expect(await checkCredentials(config, { username: 'anyone', password: 'Password' })).toBe(false);
    expect(await checkCredentials(config, { username: 'anyone', password: '' })).toBe(false);
  });

  it('uses DEMO_PASSWORD when set', async () => {
    const config = loadAuthConfig({ JWT_SECRET: SECRET, DEMO_PASSWORD: 's3cret' });
    expect(await checkCredentials(config, { username: 'bob', password: 's3cret' })).toBe(true);
    expect(await checkCredentials(config, { username: 'bob', password: 'password' })).toBe(false);
  });

  it('refuses an empty password even where the expected one is empty', async () => {
    // The environment cannot configure an empty password; code that builds a config by hand can.
    const config = { ...loadAuthConfig({ JWT_SECRET: SECRET }), demoPassword: '' };
    expect(await checkCredentials(config, { username: 'anyone', password: '' })).toBe(false);
  });
});

describe('timingSafeEqual', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is true only for identical strings', async () => {
    expect(await timingSafeEqual('password', 'password')).toBe(true);
    expect(await timingSafeEqual('password', 'passwore')).toBe(false);
    expect(await timingSafeEqual('password', 'password1')).toBe(false);
    expect(await timingSafeEqual('', 'a')).toBe(false);
    expect(await timingSafeEqual('', '')).toBe(true);
  });

  it('tries again after failing to make its comparison key, instead of failing every login for the life of the process', async () => {
    vi.resetModules();
    const fresh = await import('./credentials');
    vi.spyOn(crypto.subtle, 'generateKey').mockRejectedValueOnce(new Error('WebCrypto is unavailable'));
    await expect(fresh.timingSafeEqual('password', 'password')).rejects.toThrow('WebCrypto is unavailable');
    expect(await fresh.timingSafeEqual('password', 'password')).toBe(true);
  });

  it('compares HMAC digests of both strings, so neither length shows in the comparison', async () => {
    const sign = vi.spyOn(crypto.subtle, 'sign');
    await timingSafeEqual('a', 'a much longer password than the first');
    expect(sign).toHaveBeenCalledTimes(2);
    const [first, second] = sign.mock.results.map((r) => r.value as Promise<ArrayBuffer>);
    expect((await first!).byteLength).toBe(32);
    expect((await second!).byteLength).toBe(32);
    expect(sign.mock.calls[0]![1]).toBe(sign.mock.calls[1]![1]);
  });
});
