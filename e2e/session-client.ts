import { expect, type APIRequestContext, type APIResponse } from '@playwright/test';
import { sessionCookieNames, type SessionTokenBody } from '@/lib/contract';
import { basicHeader } from '@/test/hostile-cases';

// The session API as a client without a cookie jar sees it: cookies read from Set-Cookie and sent
// back by hand, so that each request carries exactly what the test means it to.

/** The session cookies' names as the servers under test set them: production builds, so prefixed. */
export const COOKIES = sessionCookieNames(true);

/** Set-Cookie lines of an answer, as sent. */
export const setCookies = (response: APIResponse) =>
  response.headersArray().filter((h) => h.name.toLowerCase() === 'set-cookie').map((h) => h.value);

/** A cookie's value among Set-Cookie lines; undefined when none sets it. */
export const cookieValue = (lines: string[], name: string) => lines.find((c) => c.startsWith(`${name}=`))?.split(';')[0]!.slice(name.length + 1);

export interface Session {
  body: SessionTokenBody;
  refreshToken: string;
  /** Set-Cookie lines as sent. */
  cookies: string[];
}

/** POST /auth/login at `base` (a server's URL, or '' for the project's own), as alice. */
export async function sessionLogin(request: APIRequestContext, base = '', query = ''): Promise<Session> {
  const response = await request.post(`${base}/auth/login${query}`, { headers: { Authorization: basicHeader('alice:password') } });
  expect(response.status()).toBe(200);
  const cookies = setCookies(response);
  return { body: (await response.json()) as SessionTokenBody, refreshToken: cookieValue(cookies, COOKIES.refresh)!, cookies };
}

/** POST /auth/refresh or /auth/logout as the page would send it: the cookie, the CSRF token, the server's own Origin. */
export function sameSitePost(request: APIRequestContext, origin: string, path: string, refreshToken: string, csrf: string, extra: Record<string, string> = {}) {
  return request.post(`${origin}${path}`, { headers: { Cookie: `${COOKIES.refresh}=${refreshToken}`, 'X-CSRF-Token': csrf, Origin: origin, ...extra } });
}
