import { useSyncExternalStore } from 'react';
import { decodeUnverified, expiresAt } from './jwt-display';

// The token lives in sessionStorage so a reload keeps it until it expires; the tab's copy in
// memory is the source of truth, so a browser that refuses storage still works for one visit.
const TOKEN_KEY = 'jwt-walkthrough:token';
let token: string | null | undefined;
const tokenListeners = new Set<() => void>();

function readToken(): string | null {
  if (token === undefined) {
    token = null;
    try {
      const stored = sessionStorage.getItem(TOKEN_KEY);
      if (stored !== null && !hasExpired(stored)) token = stored;
      else sessionStorage.removeItem(TOKEN_KEY);
    } catch {
      // Storage disabled: keep the token in memory only.
    }
  }
  return token;
}

function writeToken(next: string | null): void {
  token = next;
  try {
    if (next === null) sessionStorage.removeItem(TOKEN_KEY);
    else sessionStorage.setItem(TOKEN_KEY, next);
  } catch {
    // Storage disabled: the token still lasts until the page is closed.
  }
  tokenListeners.forEach((listener) => listener());
}

function subscribeToken(listener: () => void): () => void {
  tokenListeners.add(listener);
  return () => tokenListeners.delete(listener);
}

/** True when the token's unverified `exp` has passed (or it has none to read). */
export function hasExpired(value: string): boolean {
  const decoded = decodeUnverified(value);
  const exp = decoded && expiresAt(decoded);
  return exp === null || exp * 1000 <= Date.now();
}

/** The token kept for this tab, and a setter; null on the server and before the first login. */
export function useStoredToken(): [string | null, (next: string | null) => void] {
  return [useSyncExternalStore(subscribeToken, readToken, () => null), writeToken];
}

// How long this server's tokens live when no `ttl` is asked for (its TOKEN_TTL_SECONDS), once a
// login without `ttl` has shown it: a login that asks for a short token never asks for more.
let serverLifetime: number | null = null;

/** Records the lifetime of a token issued without `ttl`. */
export function rememberServerLifetime(seconds: number): void {
  serverLifetime = seconds;
  tokenListeners.forEach((listener) => listener());
}

/** The server's own token lifetime in seconds, or null until a login has shown it. */
export function useServerLifetime(): number | null {
  return useSyncExternalStore(subscribeToken, () => serverLifetime, () => null);
}
