import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadAuthConfig } from './config';
import { signToken, verifyToken } from './token';
import { VERIFIED_CACHE_SIZE } from './verified-tokens';

const SECRET = 'token-cache-test-secret-0123456789abcdef';
const OTHER_SECRET = 'token-cache-test-other-secret-0123456789';

describe('verifyToken with a token it has verified before', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('refuses it as expired once its exp has passed', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    const config = loadAuthConfig({ JWT_SECRET: SECRET });
    const token = await signToken(config, 'alice', 60);
    expect(await verifyToken(config, token)).toMatchObject({ ok: true, user: 'alice' });
    expect(await verifyToken(config, token)).toMatchObject({ ok: true, user: 'alice' });

    vi.setSystemTime(new Date('2030-01-01T00:01:00Z'));
    expect(await verifyToken(config, token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses it once the secret that signed it is no longer configured', async () => {
    const old = loadAuthConfig({ JWT_SECRET: SECRET });
    const token = await signToken(old, 'alice', 60);
    expect(await verifyToken(old, token)).toMatchObject({ ok: true });

    const rotated = loadAuthConfig({ JWT_SECRET: OTHER_SECRET });
    expect(await verifyToken(rotated, token)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('accepts it while the old secret is still listed in previous secrets', async () => {
    const old = loadAuthConfig({ JWT_SECRET: SECRET });
    const token = await signToken(old, 'alice', 60);
    expect(await verifyToken(old, token)).toMatchObject({ ok: true });

    const rotating = loadAuthConfig({ JWT_SECRET: OTHER_SECRET, JWT_PREVIOUS_SECRETS: SECRET });
    expect(await verifyToken(rotating, token)).toMatchObject({ ok: true, user: 'alice' });
  });
});

describe('verifyToken and WebCrypto', () => {
  afterEach(() => vi.restoreAllMocks());

  it('verifies a repeated token from memory, with no WebCrypto call', async () => {
    const config = loadAuthConfig({ JWT_SECRET: 'token-cache-test-webcrypto-0123456789abcd' });
    const token = await signToken(config, 'repeat', 60);
    const verify = vi.spyOn(crypto.subtle, 'verify');
    expect(await verifyToken(config, token)).toMatchObject({ ok: true });
    expect(verify).toHaveBeenCalledTimes(1);
    expect(await verifyToken(config, token)).toMatchObject({ ok: true });
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it('remembers only tokens it accepted: a refused one is verified anew on every call', async () => {
    const config = loadAuthConfig({ JWT_SECRET: 'token-cache-test-refused-0123456789abcdef' });
    // Validly signed, but living longer than this server issues: refused after jose has verified it.
    const token = await signToken(config, 'refused', config.ttlSeconds + 3600);
    const verify = vi.spyOn(crypto.subtle, 'verify');
    expect(await verifyToken(config, token)).toEqual({ ok: false, reason: 'invalid_claims' });
    expect(await verifyToken(config, token)).toEqual({ ok: false, reason: 'invalid_claims' });
    expect(verify).toHaveBeenCalledTimes(2);
  });

  it(`remembers at most ${VERIFIED_CACHE_SIZE} tokens, so minting valid tokens cannot grow memory without bound`, async () => {
    const config = loadAuthConfig({ JWT_SECRET: 'token-cache-test-bound-0123456789abcdefg' });
    const tokens = await Promise.all(Array.from({ length: VERIFIED_CACHE_SIZE + 1 }, (_, i) => signToken(config, `user-${i}`, 60)));
    for (const token of tokens) await verifyToken(config, token);
    const verify = vi.spyOn(crypto.subtle, 'verify');
    await verifyToken(config, tokens.at(-1)!);
    expect(verify).not.toHaveBeenCalled();
    await verifyToken(config, tokens[0]!);
    expect(verify).toHaveBeenCalledTimes(1);
  });
});
