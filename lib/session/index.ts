import { AuthConfigError } from '../auth/config';
import { checkCsrfToken, failureResponse, getAuthConfig, NO_STORE, unexpectedErrorResponse, verifyRefreshToken, type AuthConfig, type SessionLookup } from '../auth';
import { CSRF_HEADER, MESSAGES, REFRESH_COOKIE, type MessageBody } from '../contract';
import { getSessionConfig, type SessionConfig } from './config';
import { clearSessionCookies, readCookie, setSessionCookies } from './cookies';
import { MemoryStore } from './memory-store';
import { RedisStore } from './redis-store';
import { refreshSession, type Issued } from './sessions';
import { StoreUnavailableError, type SessionStore } from './store';

export { refreshSession, startSession } from './sessions';
export { isSameOrigin } from './forwarded';
export { readCookie } from './cookies';

// Node only: the session routes and /protected's second check. The edge gate never touches a store.

// One store per process, shared by every route: each route is bundled apart, so a module-level
// variable would give each its own memory store (and its own Redis connection).
const STORE = Symbol.for('nextjs-jwt-auth.session-store');
type Holder = { [STORE]?: { id: string; store: SessionStore } };

function storeFor({ store }: SessionConfig): SessionStore | null {
  if (store.kind === 'none') return null;
  const id = store.kind === 'redis' ? `redis ${store.url}` : 'memory';
  const holder = globalThis as Holder;
  if (holder[STORE]?.id !== id) {
    holder[STORE] = { id, store: store.kind === 'redis' ? new RedisStore(store.url) : new MemoryStore() };
  }
  return holder[STORE].store;
}

export interface SessionContext {
  config: AuthConfig;
  store: SessionStore;
  graceSeconds: number;
  trustProxy: boolean;
}

/**
 * Runs a session route's handler with the configuration and the store, and answers what can go
 * wrong around it: a broken configuration (500, naming the variable), no store or an unreachable
 * one (503, failing closed), anything else (a generic 500).
 */
export async function sessionRoute(where: string, handle: (context: SessionContext) => Promise<Response>): Promise<Response> {
  try {
    const config = getAuthConfig();
    const sessions = getSessionConfig();
    const store = storeFor(sessions);
    if (!store) return failureResponse({ kind: 'unavailable', message: MESSAGES.storeNotConfigured });
    return await handle({ config, store, graceSeconds: sessions.graceSeconds, trustProxy: sessions.trustProxy });
  } catch (error) {
    if (error instanceof AuthConfigError) return failureResponse({ kind: 'config', message: error.message });
    if (error instanceof StoreUnavailableError) return failureResponse({ kind: 'unavailable', message: MESSAGES.storeUnavailable });
    return unexpectedErrorResponse(error, where);
  }
}

/** /protected's session check: is the session of this access token still alive? */
export const sessionLookup: SessionLookup = async (sid) => {
  let sessions: SessionConfig;
  try {
    sessions = getSessionConfig();
  } catch (error) {
    if (error instanceof AuthConfigError) return { unavailable: error.message };
    throw error;
  }
  const store = storeFor(sessions);
  if (!store) return { unavailable: MESSAGES.storeNotConfigured };
  try {
    return { live: await store.isLive(sid, Date.now()) };
  } catch (error) {
    if (error instanceof StoreUnavailableError) return { unavailable: MESSAGES.storeUnavailable };
    throw error;
  }
};

/** The refresh token the request's cookie carries, verified; null when it is missing or fails. */
export function presentedRefreshToken(config: AuthConfig, request: Request): Promise<{ user: string; sid: string; jti: string } | null> {
  return verifiedRefreshToken(config, readCookie(request, REFRESH_COOKIE));
}

async function verifiedRefreshToken(config: AuthConfig, token: string | null): Promise<{ user: string; sid: string; jti: string } | null> {
  if (token === null) return null;
  const verified = await verifyRefreshToken(config, token);
  return verified.ok ? { user: verified.user, sid: verified.sid, jti: verified.jti } : null;
}

/**
 * What POST /auth/refresh answers to a refresh token and a CSRF token, once the request is known to
 * come from this site: the replay demonstration sends the spent token through here too, as a thief
 * would send it, so that both meet the same rules.
 */
export async function refreshAnswer({ config, store, graceSeconds }: SessionContext, refreshToken: string | null, csrfToken: string | null): Promise<Response> {
  const presented = await verifiedRefreshToken(config, refreshToken);
  if (!presented) return refreshRefusedResponse();
  if (!(await checkCsrfToken(config, presented.sid, csrfToken))) return csrfRefusedResponse();

  const refreshed = await refreshSession(config, store, presented, graceSeconds);
  if (refreshed.outcome === 'reused') console.warn('A spent refresh token came back after the grace window: its session is revoked.');
  return refreshed.ok ? issuedResponse(refreshed.issued) : refreshRefusedResponse();
}

/** The CSRF token the request's header carries. */
export const presentedCsrfToken = (request: Request) => request.headers.get(CSRF_HEADER);

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

/** 200 with the tokens, and the cookies that carry the session. */
export function issuedResponse({ body, cookies }: Issued): Response {
  const headers = new Headers(NO_STORE);
  for (const value of setSessionCookies(cookies)) headers.append('Set-Cookie', value);
  return Response.json(body, { headers });
}

/** 401: no usable refresh token. The cookies are cleared, so the browser stops sending a dead one. */
export function refreshRefusedResponse(): Response {
  return withClearedCookies(Response.json({ message: MESSAGES.refreshInvalid } satisfies MessageBody, { status: 401 }));
}

/** 403: a request that could have been forged by another site. */
export function csrfRefusedResponse(): Response {
  return Response.json({ message: MESSAGES.csrfRefused } satisfies MessageBody, { status: 403, headers: NO_STORE });
}

/** 204: logged out, cookies cleared. */
export function loggedOutResponse(): Response {
  return withClearedCookies(new Response(null, { status: 204 }));
}

function withClearedCookies(response: Response): Response {
  response.headers.set('Cache-Control', 'no-store');
  for (const value of clearSessionCookies()) response.headers.append('Set-Cookie', value);
  return response;
}
