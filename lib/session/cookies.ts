import 'server-only';
import { AUTH_PATH, CSRF_COOKIE, REFRESH_COOKIE } from '../contract';

/** What the session cookies carry, and for how long. */
export interface SessionCookies {
  refreshToken: string;
  csrfToken: string;
  maxAgeSeconds: number;
}

// SameSite=Strict: a request from another site never carries them. The refresh cookie is HttpOnly
// (no script can read it) and goes to /auth only; the CSRF cookie is readable by the page, so that
// a reloaded page can send it back as X-CSRF-Token. Secure in production, where HTTPS is a given.
function cookie(name: string, value: string, path: string, maxAge: number, httpOnly: boolean): string {
  const parts = [`${name}=${value}`, `Path=${path}`, `Max-Age=${maxAge}`, 'SameSite=Strict'];
  if (httpOnly) parts.push('HttpOnly');
  if (process.env.NODE_ENV === 'production') parts.push('Secure');
  return parts.join('; ');
}

/** The Set-Cookie values that start or continue a session. */
export function setSessionCookies({ refreshToken, csrfToken, maxAgeSeconds }: SessionCookies): string[] {
  return [cookie(REFRESH_COOKIE, refreshToken, AUTH_PATH, maxAgeSeconds, true), cookie(CSRF_COOKIE, csrfToken, '/', maxAgeSeconds, false)];
}

/** The Set-Cookie values that end a session in the browser. */
export function clearSessionCookies(): string[] {
  return [cookie(REFRESH_COOKIE, '', AUTH_PATH, 0, true), cookie(CSRF_COOKIE, '', '/', 0, false)];
}

/** A cookie's value from the request's Cookie header; null when absent or sent more than once. */
export function readCookie(request: Request, name: string): string | null {
  const values = (request.headers.get('cookie') ?? '')
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair.startsWith(`${name}=`))
    .map((pair) => pair.slice(name.length + 1));
  return values.length === 1 ? values[0]! : null;
}
