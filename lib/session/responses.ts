import 'server-only';
import { NextResponse } from 'next/server';
import { NO_STORE } from '../auth';
import { MESSAGES, type MessageBody } from '../contract';
import { clearedSessionCookies, deviceCookie, sessionCookies, type CookieSpec } from './cookies';
import type { Issued } from './sessions';

// NextResponse for what only it does: Next's own cookie serialiser, which Server Actions use too.
function withCookies(response: NextResponse, cookies: CookieSpec[]): NextResponse {
  for (const cookie of cookies) response.cookies.set(cookie);
  return response;
}

/** 200 with the tokens, and the cookies that carry the session; after a login, the device cookie too. */
export function issuedResponse({ body, cookies }: Issued, deviceToken?: string): Response {
  const all = deviceToken === undefined ? sessionCookies(cookies) : [...sessionCookies(cookies), deviceCookie(deviceToken)];
  return withCookies(NextResponse.json(body, { headers: NO_STORE }), all);
}

/** 401: no usable refresh token. The cookies are cleared, so the browser stops sending a dead one. */
export function refreshRefusedResponse(): Response {
  return withClearedCookies(NextResponse.json({ message: MESSAGES.refreshInvalid } satisfies MessageBody, { status: 401 }));
}

/** 403: a request that could have been forged by another site. */
export function csrfRefusedResponse(): Response {
  return Response.json({ message: MESSAGES.csrfRefused } satisfies MessageBody, { status: 403, headers: NO_STORE });
}

/** 204: logged out, cookies cleared. */
export function loggedOutResponse(): Response {
  return withClearedCookies(new NextResponse(null, { status: 204 }));
}

function withClearedCookies(response: NextResponse): Response {
  response.headers.set('Cache-Control', 'no-store');
  return withCookies(response, clearedSessionCookies());
}

/**
 * The answer, without its Basic challenge when a page's script sent the request. A page must send
 * the session login with cookies (or the browser would not keep the ones it sets), and on a 401
 * with a Basic challenge such a request makes the browser open its own password dialog over the
 * page. Fetch metadata tells the cases apart: a script's fetch says `Sec-Fetch-Mode: cors` or
 * `same-origin`; curl sends none, and a navigation says `navigate`. Those keep the challenge.
 */
export function withoutBrowserDialog(request: Request, response: Response): Response {
  const mode = request.headers.get('sec-fetch-mode');
  if (mode !== null && mode !== 'navigate') response.headers.delete('WWW-Authenticate');
  return response;
}
