// Client-safe: a token as the page holds it, and the one rule by which the page judges it expired.

/** A token, and when it expires by this page's clock (ms since the epoch). */
export interface HeldToken {
  token: string;
  expiresAt: number;
}

/**
 * A token received at `receivedAt` (this page's clock, ms) that lives `lifetime` seconds. Its life
 * is counted from then, not to its `exp`: that is the server's clock, and this computer's may be
 * minutes off. Received a moment after it was issued, it may expire by this count up to a second
 * after the server has begun to refuse it.
 */
export function heldToken(token: string, lifetime: number, receivedAt: number): HeldToken {
  return { token, expiresAt: receivedAt + lifetime * 1000 };
}

/** True once the held token has expired, by this page's clock. */
export function hasExpired(held: HeldToken, now = Date.now()): boolean {
  return held.expiresAt <= now;
}
