import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadAuthConfig } from './config';
import { getKeyRing } from './keys';

afterEach(() => vi.restoreAllMocks());

describe('getKeyRing', () => {
  it('imports the keys once per set of secrets', async () => {
    const config = loadAuthConfig({ JWT_SECRET: 'keys-test-secret-once-0123456789abcdefghij' });
    expect(await getKeyRing(config)).toBe(await getKeyRing({ ...config }));
  });

  it('tries again after a failed import, instead of failing for the life of the process', async () => {
    const config = loadAuthConfig({ JWT_SECRET: 'keys-test-secret-retry-0123456789abcdefghi' });
    vi.spyOn(crypto.subtle, 'importKey').mockRejectedValueOnce(new Error('WebCrypto is unavailable'));
    await expect(getKeyRing(config)).rejects.toThrow('WebCrypto is unavailable');
    const ring = await getKeyRing(config);
    expect(ring.current.key.type).toBe('secret');
  });

  it('keeps the keys it has when an import for secrets that have since changed fails', async () => {
    const replaced = loadAuthConfig({ JWT_SECRET: 'keys-test-secret-replaced-0123456789abcdef' });
    const current = loadAuthConfig({ JWT_SECRET: 'keys-test-secret-current-0123456789abcdefg' });
    let failReplaced!: () => void;
    vi.spyOn(crypto.subtle, 'importKey').mockImplementationOnce(
      () => new Promise((_, reject) => (failReplaced = () => reject(new Error('WebCrypto is unavailable')))),
    );
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
    vi.spyOn(crypto.subtle, 'importKey')
      .mockImplementationOnce(() => new Promise((_, reject) => (failFirst = () => reject(new Error('slow failure')))))
      .mockRejectedValueOnce(new Error('fast failure'));
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
