import { describe, expect, it } from 'vitest';
import type { KeyRing } from './keys';
import { VerifiedTokens } from './verified-tokens';

const ring = (name: string) => ({ name }) as unknown as KeyRing;

describe('VerifiedTokens', () => {
  it('remembers a verified token for the ring that verified it, by its exact text', () => {
    const cache = new VerifiedTokens<{ user: string }>(10);
    const keys = ring('a');
    cache.remember(keys, 'h.p.s', { user: 'alice' });
    expect(cache.get(keys, 'h.p.s')).toEqual({ user: 'alice' });
    expect(cache.get(keys, 'h.p.t')).toBeUndefined();
  });

  it('forgets everything when the ring changes, so a rotated-out secret verifies nothing from memory', () => {
    const cache = new VerifiedTokens<{ user: string }>(10);
    cache.remember(ring('old'), 'h.p.s', { user: 'alice' });
    const rotated = ring('new');
    expect(cache.get(rotated, 'h.p.s')).toBeUndefined();
    cache.remember(rotated, 'h.p.t', { user: 'bob' });
    expect(cache.get(rotated, 'h.p.t')).toEqual({ user: 'bob' });
  });

  it('holds at most its capacity, forgetting the oldest first', () => {
    const cache = new VerifiedTokens<{ user: string }>(3);
    const keys = ring('a');
    for (const token of ['t1', 't2', 't3', 't4']) cache.remember(keys, token, { user: token });
    expect(cache.get(keys, 't1')).toBeUndefined();
    expect(['t2', 't3', 't4'].map((t) => cache.get(keys, t)?.user)).toEqual(['t2', 't3', 't4']);
  });

  it('keeps payloads frozen, so a caller cannot change what the next request sees', () => {
    const cache = new VerifiedTokens<{ user: string }>(3);
    const keys = ring('a');
    cache.remember(keys, 't', { user: 'alice' });
    expect(Object.isFrozen(cache.get(keys, 't'))).toBe(true);
  });
});
