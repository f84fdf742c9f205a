import { describe, expect, it } from 'vitest';
import { hasExpired, heldToken } from './held-token';

describe('heldToken', () => {
  it('counts a token’s life from when it was received, whatever time its exp names', () => {
    // Received by a page whose clock is an hour ahead of the server's: its exp, by that clock, has passed.
    const receivedAt = Date.UTC(2026, 0, 1, 13);
    const held = heldToken('a.b.c', 15, receivedAt);
    expect(held).toEqual({ token: 'a.b.c', expiresAt: receivedAt + 15_000 });
    expect(hasExpired(held, receivedAt + 14_999)).toBe(false);
    expect(hasExpired(held, receivedAt + 15_000)).toBe(true);
  });

  it('holds a token with no lifetime to read as expired at once', () => {
    expect(hasExpired(heldToken('a.b.c', 0, 1000), 1000)).toBe(true);
  });
});
