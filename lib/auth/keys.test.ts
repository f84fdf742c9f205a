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
});
