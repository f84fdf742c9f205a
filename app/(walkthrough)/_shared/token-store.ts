import { externalStore } from './external-store';
import { hasExpired, heldToken, type HeldToken } from './held-token';
import { decodeUnverified, lifetimeOf } from './jwt-display';

// The token lives in sessionStorage so a reload keeps it until it expires, and beside it the time
// it expires by this page's clock (held-token.ts says why not at its exp). The tab's copy in memory
// is the source of truth, so a browser that refuses storage still works for one visit.
const TOKEN_KEY = 'jwt-walkthrough:token';
const EXPIRES_KEY = 'jwt-walkthrough:token-expires-at';

const held = externalStore<HeldToken | null>({
  initial() {
    try {
      const token = sessionStorage.getItem(TOKEN_KEY);
      const stored = token === null ? null : { token, expiresAt: Number(sessionStorage.getItem(EXPIRES_KEY)) };
      if (stored !== null && !hasExpired(stored)) return stored;
      removeStored();
    } catch {
      // Storage disabled: keep the token in memory only.
    }
    return null;
  },
  server: null,
});

function writeToken(token: string | null): void {
  const decoded = token === null ? null : decodeUnverified(token);
  // Received just now: the answer that brought it has just come.
  const next = token === null ? null : heldToken(token, (decoded && lifetimeOf(decoded)) ?? 0, Date.now());
  try {
    if (next === null) removeStored();
    else {
      sessionStorage.setItem(TOKEN_KEY, next.token);
      sessionStorage.setItem(EXPIRES_KEY, String(next.expiresAt));
    }
  } catch {
    // Storage disabled: the token still lasts until the page is closed.
  }
  held.set(next);
}

function removeStored(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(EXPIRES_KEY);
}

/**
 * The token kept for this tab, with when it expires, and a setter for a token just received;
 * null on the server and before the first login.
 */
export function useStoredToken(): [HeldToken | null, (token: string | null) => void] {
  return [held.useValue(), writeToken];
}

// How long this server's tokens live when no `ttl` is asked for (its TOKEN_TTL_SECONDS), once a
// login without `ttl` has shown it: a login that asks for a short token never asks for more.
const serverLifetime = externalStore<number | null>({ initial: () => null, server: null });

/** Records the lifetime of a token issued without `ttl`. */
export function rememberServerLifetime(seconds: number): void {
  serverLifetime.set(seconds);
}

/** The server's own token lifetime in seconds, or null until a login has shown it. */
export function useServerLifetime(): number | null {
  return serverLifetime.useValue();
}
