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
