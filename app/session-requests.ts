// Client-safe: the requests of the page's second part, to the session routes, and when the page
// refreshes by itself. Nothing here knows the secret, and nothing here ever holds the refresh token.
import { CSRF_HEADER, TTL_PARAM } from '@/lib/contract';
import { base64Encode } from './jwt-display';
import type { ApiRequest } from './route-requests';

/** The access token lives the page offers: 15 s to watch it refresh, 1 min, or the server's own. */
export const SESSION_LIFETIMES = [15, 60] as const;

/** POST /auth/login: Basic credentials, `ttl` only when a lifetime is asked for; keeps the cookies it sets. */
export function sessionLoginRequest(username: string, password: string, ttlSeconds?: number): ApiRequest<'/auth/login'> {
  return {
    path: '/auth/login',
    method: 'POST',
    url: ttlSeconds === undefined ? '/auth/login' : `/auth/login?${TTL_PARAM}=${ttlSeconds}`,
    headers: { Authorization: `Basic ${base64Encode(`${username}:${password}`)}` },
    withCookies: true,
    username,
  };
}

/**
 * POST /auth/refresh: the browser adds the refresh cookie, the page adds the CSRF token. With
 * `csrfToken` null it sends none, as a forged request from another site would.
 */
export function refreshRequest(csrfToken: string | null): ApiRequest<'/auth/refresh'> {
  return { path: '/auth/refresh', method: 'POST', url: '/auth/refresh', headers: csrf(csrfToken), withCookies: true };
}

/** POST /auth/logout, with the cookie and the CSRF token. */
export function logoutRequest(csrfToken: string | null): ApiRequest<'/auth/logout'> {
  return { path: '/auth/logout', method: 'POST', url: '/auth/logout', headers: csrf(csrfToken), withCookies: true };
}

/** POST /auth/demo/replay: asks the server to replay the session's spent refresh token, as a thief would. */
export function replayRequest(csrfToken: string | null): ApiRequest<'/auth/demo/replay'> {
  return { path: '/auth/demo/replay', method: 'POST', url: '/auth/demo/replay', headers: csrf(csrfToken), withCookies: true };
}

const csrf = (token: string | null): Record<string, string> => (token === null ? {} : { [CSRF_HEADER]: token });

/**
 * Seconds from receiving an access token that lives `expiresIn` seconds to refreshing it: shortly
 * before it expires, a fifth of its life early but at least 1 s and at most 30 s, so that a slow
 * answer still comes back in time.
 */
export function refreshDelaySeconds(expiresIn: number): number {
  const early = Math.min(30, Math.max(1, expiresIn / 5));
  return Math.max(0, expiresIn - early);
}

/** A cookie's value from `document.cookie` (pass it in); null when absent or empty. */
export function cookieValue(cookies: string, name: string): string | null {
  for (const pair of cookies.split(';')) {
    const [key, ...value] = pair.trim().split('=');
    if (key === name) return value.join('=') || null;
  }
  return null;
}
