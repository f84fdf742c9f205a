import { hash } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { checkPassword, hashPassword, HASH_PARAMETERS, isCurrentHash, isPasswordHash } from './passwords';

describe('passwords', () => {
  it('hashes with argon2id at OWASP\'s minimum, as a self-describing PHC string with its own salt', async () => {
    const [a, b] = await Promise.all([hashPassword('correct horse'), hashPassword('correct horse')]);
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[\w+/]{22}\$[\w+/]{43}$/);
    expect(a).not.toBe(b);
  });

  it('accepts the right password and refuses a wrong or empty one', async () => {
    const stored = await hashPassword('correct horse');
    expect(await checkPassword(stored, 'correct horse')).toEqual({ ok: true, rehash: null });
    expect(await checkPassword(stored, 'Correct horse')).toEqual({ ok: false });
    expect(await checkPassword(stored, '')).toEqual({ ok: false });
  });

  it('rehashes an old hash with today\'s parameters at the next good login, and not at a bad one', async () => {
    const old = await hash('correct horse', { ...HASH_PARAMETERS, memoryCost: 8192, timeCost: 1 });
    expect(isCurrentHash(old)).toBe(false);
    expect(await checkPassword(old, 'wrong')).toEqual({ ok: false });
    const check = await checkPassword(old, 'correct horse');
    if (!check.ok || check.rehash === null) throw new Error('expected a rehash');
    expect(check.rehash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await checkPassword(check.rehash, 'correct horse')).toEqual({ ok: true, rehash: null });
  });

  it('refuses every password for an unknown user, having done the same work as for a known one', async () => {
    const stored = await hashPassword('password');
    const time = async (work: () => Promise<unknown>) => {
      const started = performance.now();
      for (let i = 0; i < 5; i++) await work();
      return performance.now() - started;
    };
    await checkPassword(null, 'warm up');
    expect(await checkPassword(null, 'password')).toEqual({ ok: false });
    const known = await time(() => checkPassword(stored, 'wrong'));
    const unknown = await time(() => checkPassword(null, 'wrong'));
    // A real argon2 verify each time, not a shortcut: within a factor of 3 either way on a noisy machine.
    expect(unknown / known).toBeGreaterThan(1 / 3);
    expect(unknown / known).toBeLessThan(3);
  });

  it('tells a PHC hash from a plain password, and a weaker hash from a current one', async () => {
    expect(isPasswordHash(await hashPassword('x'))).toBe(true);
    expect(isPasswordHash('$argon2id$not-a-hash')).toBe(false);
    expect(isPasswordHash('hunter2hunter2hunter2')).toBe(false);
    expect(isCurrentHash('plain text')).toBe(false);
  });
});
