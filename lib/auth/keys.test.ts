import { createPrivateKey } from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { publicHalf, publicKeysEnv, signingKeyEnv, TEST_SIGNING_KEYS } from '@/test/signing-keys';
import { loadAuthConfig } from './config';
import { getKeyRing } from './keys';

afterEach(() => vi.restoreAllMocks());

// Makes the next HMAC imports (format 'raw') do what `failures` say; the ES256 imports run as usual.
function mockHmacImports(...failures: Array<() => Promise<CryptoKey>>) {
  const importKey = crypto.subtle.importKey.bind(crypto.subtle) as (...args: unknown[]) => Promise<CryptoKey>;
  vi.spyOn(crypto.subtle, 'importKey').mockImplementation(((...args: unknown[]) =>
    args[0] === 'raw' && failures.length > 0 ? failures.shift()!() : importKey(...args)) as typeof crypto.subtle.importKey);
}

describe('getKeyRing', () => {
  it('imports the keys once per set of secrets', async () => {
    const config = loadAuthConfig({ JWT_SECRET: 'keys-test-secret-once-0123456789abcdefghij' });
    expect(await getKeyRing(config)).toBe(await getKeyRing({ ...config }));
  });

  it('tries again after a failed import, instead of failing for the life of the process', async () => {
    const config = loadAuthConfig({ JWT_SECRET: 'keys-test-secret-retry-0123456789abcdefghi' });
    mockHmacImports(() => Promise.reject(new Error('WebCrypto is unavailable')));
    await expect(getKeyRing(config)).rejects.toThrow('WebCrypto is unavailable');
    const ring = await getKeyRing(config);
    expect(ring.current.key.type).toBe('secret');
  });

  it('keeps the keys it has when an import for secrets that have since changed fails', async () => {
    const replaced = loadAuthConfig({ JWT_SECRET: 'keys-test-secret-replaced-0123456789abcdef' });
    const current = loadAuthConfig({ JWT_SECRET: 'keys-test-secret-current-0123456789abcdefg' });
    let failReplaced!: () => void;
    mockHmacImports(() => new Promise((_, reject) => (failReplaced = () => reject(new Error('WebCrypto is unavailable')))));
    const stale = getKeyRing(replaced);
    await vi.waitFor(() => expect(failReplaced).toBeDefined());
    const ring = getKeyRing(current);
    await ring;
    failReplaced();
    await expect(stale).rejects.toThrow('WebCrypto is unavailable');
    expect(getKeyRing(current)).toBe(ring);
  });

  it('survives two failed imports that finish out of order', async () => {
    const first = loadAuthConfig({ JWT_SECRET: 'keys-test-secret-first-0123456789abcdefghi' });
    const second = loadAuthConfig({ JWT_SECRET: 'keys-test-secret-second-0123456789abcdefgh' });
    let failFirst!: () => void;
    mockHmacImports(
      () => new Promise((_, reject) => (failFirst = () => reject(new Error('slow failure')))),
      () => Promise.reject(new Error('fast failure')),
    );
    const slow = getKeyRing(first);
    await vi.waitFor(() => expect(failFirst).toBeDefined());
    await expect(getKeyRing(second)).rejects.toThrow('fast failure');
    failFirst();
    await expect(slow).rejects.toThrow('slow failure');
    expect((await getKeyRing(first)).current.key.type).toBe('secret');
  });

  it('imports again when the secrets change, even where their texts run together the same', async () => {
    const [a, b] = ['keys-test-secret-a-0123456789abcdefghijklm', 'keys-test-secret-b-0123456789abcdefghijklm'];
    expect((await getKeyRing(loadAuthConfig({ JWT_SECRET: a + b }))).all).toHaveLength(1);
    expect((await getKeyRing(loadAuthConfig({ JWT_SECRET: a, JWT_PREVIOUS_SECRETS: b }))).all).toHaveLength(2);
  });

  it('imports keys that cannot be exported, so no code can read the secret back out of WebCrypto', async () => {
    const ring = await getKeyRing(loadAuthConfig({ JWT_SECRET: 'keys-test-secret-sealed-0123456789abcdefgh' }));
    await expect(crypto.subtle.exportKey('raw', ring.current.key)).rejects.toThrow();
  });

  it('never takes one secret holding a newline for two secrets', async () => {
    const [a, b] = ['keys-test-a-0123456789abcdefghijklmnopqr', 'keys-test-b-0123456789abcdefghijklmnopqr'];
    const one = await getKeyRing(loadAuthConfig({ JWT_SECRET: `${a}\n${b}` }));
    const two = await getKeyRing(loadAuthConfig({ JWT_SECRET: a, JWT_PREVIOUS_SECRETS: b }));
    expect(two.all).toHaveLength(2);
    expect(one.all).toHaveLength(1);
  });
});

describe('the ES256 keys of access tokens', () => {
  const SECRET = 'keys-test-secret-es256-0123456789abcdefghij';
  const [current, previous] = TEST_SIGNING_KEYS;

  it('names each key by its RFC 7638 thumbprint and publishes public halves only', async () => {
    const ring = await getKeyRing(loadAuthConfig({ JWT_SECRET: SECRET, JWT_SIGNING_KEY: signingKeyEnv(current), JWT_PREVIOUS_PUBLIC_KEYS: publicKeysEnv(previous) }));
    const kids = await Promise.all([current, previous].map((jwk) => calculateJwkThumbprint(publicHalf(jwk))));
    expect(ring.access.current.kid).toBe(kids[0]);
    expect(ring.access.jwks).toEqual([current, previous].map((jwk, i) => ({ ...publicHalf(jwk), kid: kids[i], use: 'sig', alg: 'ES256' })));
    expect(JSON.stringify(ring.access.jwks)).not.toMatch(/"d"/);
  });

  it('signs with a key that cannot be exported', async () => {
    const ring = await getKeyRing(loadAuthConfig({ JWT_SECRET: SECRET, JWT_SIGNING_KEY: signingKeyEnv(current) }));
    await expect(crypto.subtle.exportKey('jwk', ring.access.current.key)).rejects.toThrow();
  });

  it('reads the same key from a PKCS#8 PEM as from its JWK, with its newlines written \\n', async () => {
    const pem = createPrivateKey({ key: { ...current }, format: 'jwk' }).export({ type: 'pkcs8', format: 'pem' }).toString();
    const fromJwk = await getKeyRing(loadAuthConfig({ JWT_SECRET: SECRET, JWT_SIGNING_KEY: signingKeyEnv(current) }));
    for (const text of [pem, pem.trim().replaceAll('\n', '\\n')]) {
      const fromPem = await getKeyRing(loadAuthConfig({ JWT_SECRET: SECRET, JWT_SIGNING_KEY: text }));
      expect(fromPem.access.jwks).toEqual(fromJwk.access.jwks);
    }
  });

  it('outside production, with no JWT_SIGNING_KEY, derives one key per JWT_SECRET, apart from the HMAC key', async () => {
    const a = await getKeyRing(loadAuthConfig({ JWT_SECRET: SECRET }));
    const again = await getKeyRing(loadAuthConfig({ JWT_SECRET: SECRET, JWT_PREVIOUS_SECRETS: 'keys-test-previous-0123456789abcdefghijklm' }));
    const other = await getKeyRing(loadAuthConfig({ JWT_SECRET: 'keys-test-secret-other-0123456789abcdefghij' }));
    expect(again.access.jwks).toEqual(a.access.jwks);
    expect(other.access.current.kid).not.toBe(a.access.current.kid);
  });

  it('lists a previous key that is the current one again only once', async () => {
    const ring = await getKeyRing(loadAuthConfig({ JWT_SECRET: SECRET, JWT_SIGNING_KEY: signingKeyEnv(current), JWT_PREVIOUS_PUBLIC_KEYS: publicKeysEnv(current, previous, previous) }));
    expect(ring.access.all).toHaveLength(2);
  });
});
