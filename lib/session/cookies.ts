import 'server-only';
import { AUTH_PATH, sessionCookieNames } from '../contract';
import { cookieFromHeader } from '../http/cookie-header';
import { DEVICE_LIFETIME_SECONDS } from '../users/devices';

/** What the session cookies carry, and for how long. */
export interface SessionCookies {
  refreshToken: string;
  csrfToken: string;
  /** The pages' session cookie: names the session to Server Components. */
  pageToken: string;
  /** The refresh and CSRF cookies' life: the refresh token's. */
  maxAgeSeconds: number;
  /** The pages' cookie's life: the session's absolute end, since each page view extends the session (the store ends an idle one). */
  pageMaxAgeSeconds: number;
}

/** One cookie, as Next's cookies API (`response.cookies.set`, `(await cookies()).set`) takes it. */
export interface CookieSpec {
  name: string;
  value: string;
  path: string;
  maxAge: number;
  httpOnly: boolean;
  sameSite: 'strict' | 'lax';
  secure: boolean;
}

// The refresh cookie is HttpOnly (no script can read it), goes to /auth only, and SameSite=Strict:
// a request from another site never carries it. The CSRF cookie is readable by the page, so that a
// reloaded page can send it back as X-CSRF-Token. The pages' cookie is HttpOnly and goes to every
// path with SameSite=Lax, so that a link from elsewhere to /account arrives signed in; it
// authorizes no API call and no refresh, and Server Actions are guarded by Next's Origin check.
// Secure in production, where HTTPS is a given, and then named with the `__Host-` or `__Secure-`
// prefix (lib/contract.ts), by the same rule: a prefixed cookie must be Secure.
function spec(name: string, value: string, path: string, maxAge: number, httpOnly: boolean, secure: boolean, sameSite: CookieSpec['sameSite'] = 'strict'): CookieSpec {
  return { name, value, path, maxAge, httpOnly, sameSite, secure };
}

/** The cookies that start or continue a session. */
export function sessionCookies({ refreshToken, csrfToken, pageToken, maxAgeSeconds, pageMaxAgeSeconds }: SessionCookies): CookieSpec[] {
  const production = process.env.NODE_ENV === 'production';
  const names = sessionCookieNames(production);
  return [
    spec(names.refresh, refreshToken, AUTH_PATH, maxAgeSeconds, true, production),
    spec(names.csrf, csrfToken, '/', maxAgeSeconds, false, production),
    spec(names.page, pageToken, '/', pageMaxAgeSeconds, true, production, 'lax'),
  ];
}

/** The cookies that end a session in the browser: each emptied, on the path it was set for. */
export function clearedSessionCookies(): CookieSpec[] {
  return sessionCookies({ refreshToken: '', csrfToken: '', pageToken: '', maxAgeSeconds: 0, pageMaxAgeSeconds: 0 });
}

/** The device cookie a good login leaves (lib/users/devices.ts): HttpOnly, on every path a login is posted to. */
export function deviceCookie(token: string): CookieSpec {
  const production = process.env.NODE_ENV === 'production';
  return spec(sessionCookieNames(production).device, token, '/', DEVICE_LIFETIME_SECONDS, true, production);
}

/** A cookie's value from the request's Cookie header; null when absent or sent more than once (lib/http/cookie-header.ts). */
export function readCookie(request: Pick<Request, 'headers'>, name: string): string | null {
  return cookieFromHeader(request.headers.get('cookie'), name);
}
