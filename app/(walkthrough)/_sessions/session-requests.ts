// Client-safe: the requests of the page's second part, to the session routes, and when the page
// refreshes by itself. Nothing here knows the secret, and nothing here ever holds the refresh token.
import { CSRF_HEADER } from '@/lib/contract';
import { basicLogin, type ApiRequest } from '../_shared/route-requests';

/** The access token lives the page offers: 15 s to watch it refresh, 1 min, or the server's own. */
export const SESSION_LIFETIMES = [15, 60] as const;

/** POST /auth/login: Basic credentials, `ttl` only when a lifetime is asked for; keeps the cookies it sets. */
export function sessionLoginRequest(username: string, password: string, ttlSeconds?: number): ApiRequest<'/auth/login'> {
  return { ...basicLogin('/auth/login', username, password, ttlSeconds), method: 'POST', withCookies: true };
}

/**
 * POST /auth/refresh: the browser adds the refresh cookie, the page adds the CSRF token. With
 * `csrfToken` null it sends none, as a forged request from another site would.
 */
export const refreshRequest = (csrfToken: string | null) => withRefreshCookie('/auth/refresh', csrfToken);

/** POST /auth/logout, with the cookie and the CSRF token. */
export const logoutRequest = (csrfToken: string | null) => withRefreshCookie('/auth/logout', csrfToken);

/** POST /auth/demo/replay: asks the server to replay the session's spent refresh token, as a thief would. */
export const replayRequest = (csrfToken: string | null) => withRefreshCookie('/auth/demo/replay', csrfToken);

// A POST that the browser sends with the refresh cookie, and the page with the CSRF token (if any).
function withRefreshCookie<P extends '/auth/refresh' | '/auth/logout' | '/auth/demo/replay'>(path: P, csrfToken: string | null): ApiRequest<P> {
  return { path, method: 'POST', url: path, headers: csrfToken === null ? {} : { [CSRF_HEADER]: csrfToken }, withCookies: true };
}

// setTimeout waits at most 2^31 − 1 ms, under 25 days: asked to wait longer, it fires at once.
const LONGEST_TIMER_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

/**
 * Seconds from receiving an access token that lives `expiresIn` seconds to refreshing it: shortly
 * before it expires, a fifth of its life early but at least 1 s and at most 30 s, so that a slow
 * answer still comes back in time; and never later than a timer can wait, or the page would
 * refresh at once, again and again.
 */
export function refreshDelaySeconds(expiresIn: number): number {
  const early = Math.min(30, Math.max(1, expiresIn / 5));
  return Math.min(LONGEST_TIMER_SECONDS, Math.max(0, expiresIn - early));
}

/** A cookie's value from `document.cookie` (pass it in); null when absent or empty. */
export function cookieValue(cookies: string, name: string): string | null {
  for (const pair of cookies.split(';')) {
    const [key, ...value] = pair.trim().split('=');
    if (key === name) return value.join('=') || null;
  }
  return null;
}
