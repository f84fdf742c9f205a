// Client-safe: the requests the walkthrough page sends, what the API should answer to each, and
// how to show and reproduce them. Nothing here knows the secret.
import {
  CSRF_COOKIE,
  CSRF_HEADER,
  REFRESH_COOKIE,
  TOKEN_PARAM,
  TTL_PARAM,
  type InvalidTokenReason,
  type LoginBody,
  type ProtectedBody,
  type ReplayDemoBody,
  type SessionList,
  type SessionsEnded,
  type SessionTokenBody,
  type TodoList,
  type TodoView,
  type UnprotectedBody,
  type UserList,
  type UserView,
} from '@/lib/contract';
import type { JSONWebKeySet } from 'jose';
import { base64Encode, shortenToken, tamperedToken, unsignedToken } from './jwt-display';

/** The API's routes, each with the body it answers when it succeeds. */
export interface SuccessBodies {
  '/unprotected': UnprotectedBody;
  '/login': LoginBody;
  '/protected': ProtectedBody;
  '/auth/login': SessionTokenBody;
  '/auth/refresh': SessionTokenBody;
  /** 204: no body. */
  '/auth/logout': null;
  '/auth/demo/replay': ReplayDemoBody;
  // Who may do what: each route by its pattern, a path's id shown as :id. A DELETE answers 204.
  '/api/users': UserList | UserView;
  '/api/users/:id': UserView | null;
  '/api/todos': TodoList | TodoView;
  '/api/todos/:id': TodoView | null;
  '/api/sessions': SessionList | SessionsEnded;
  '/api/sessions/:id': null;
  /** The public keys that verify the session's access tokens (RFC 7517). */
  '/.well-known/jwks.json': JSONWebKeySet;
}

export type ApiPath = keyof SuccessBodies;

/** A request the page sends: the route, the path and query as sent, and the headers it adds. */
export interface ApiRequest<P extends ApiPath = ApiPath> {
  path: P;
  /** GET unless said otherwise: the session routes are POST only. */
  method?: 'POST' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  /** A JSON body; its request's headers say Content-Type: application/json. */
  body?: object;
  /**
   * Sent with the browser's cookies for this site, and its answer's cookies kept: the session
   * routes need the refresh cookie. Every other request omits them.
   */
  withCookies?: true;
  /** A token carried in the URL or a header: shortened wherever the request is shown. */
  token?: string;
  /** For a forged `token`, the token it was made from: its shortened form shows where they differ. */
  forgedFrom?: string;
  /** Set on a login: the Basic credentials are never shown, and curl asks for the password. */
  username?: string;
}

/** What a step expects back: a status and, for an invalid token, the `reason`. */
export interface Outcome {
  status: number;
  reason?: InvalidTokenReason;
}

export type ActionId = 'unprotected' | 'login-challenge' | 'no-token' | 'garbage' | 'query' | 'bearer' | 'tampered' | 'alg-none';

export interface RouteAction {
  id: ActionId;
  /** The request in words; it also names the action's Send button. */
  title: string;
  needsToken: boolean;
  request(token: string): ApiRequest<'/unprotected' | '/login' | '/protected'>;
  expected(tokenExpired: boolean): Outcome;
}

/** The tutorial's garbage token, as typed in the video. */
export const GARBAGE_TOKEN = 'thisisthesecretkey';

const bearer = (token: string): ApiRequest<'/protected'> => ({
  path: '/protected',
  url: '/protected',
  headers: { Authorization: `Bearer ${token}` },
  token,
});
const yours = (expired: boolean): Outcome => (expired ? { status: 401, reason: 'expired' } : { status: 200 });

/** Every request the page sends with a Send button, by id. */
export const ROUTE_ACTIONS: Readonly<Record<ActionId, RouteAction>> = {
  unprotected: {
    id: 'unprotected',
    title: 'GET /unprotected',
    needsToken: false,
    request: () => ({ path: '/unprotected', url: '/unprotected', headers: {} }),
    expected: () => ({ status: 200 }),
  },
  'login-challenge': {
    id: 'login-challenge',
    title: 'GET /login without credentials',
    needsToken: false,
    request: () => ({ path: '/login', url: '/login', headers: {} }),
    expected: () => ({ status: 401 }),
  },
  'no-token': {
    id: 'no-token',
    title: 'GET /protected with no token',
    needsToken: false,
    request: () => ({ path: '/protected', url: '/protected', headers: {} }),
    expected: () => ({ status: 401 }),
  },
  garbage: {
    id: 'garbage',
    title: `GET /protected?${TOKEN_PARAM}=${GARBAGE_TOKEN}`,
    needsToken: false,
    request: () => ({ path: '/protected', url: `/protected?${TOKEN_PARAM}=${GARBAGE_TOKEN}`, headers: {} }),
    expected: () => ({ status: 401, reason: 'malformed' }),
  },
  query: {
    id: 'query',
    title: `GET /protected?${TOKEN_PARAM}=<your token>`,
    needsToken: true,
    request: (token) => ({ path: '/protected', url: `/protected?${TOKEN_PARAM}=${encodeURIComponent(token)}`, headers: {}, token }),
    expected: yours,
  },
  bearer: {
    id: 'bearer',
    title: 'GET /protected with Authorization: Bearer',
    needsToken: true,
    request: bearer,
    expected: yours,
  },
  tampered: {
    id: 'tampered',
    title: 'GET /protected with a tampered token',
    needsToken: true,
    request: (token) => ({ ...bearer(tamperedToken(token)), forgedFrom: token }),
    expected: () => ({ status: 401, reason: 'bad_signature' }),
  },
  'alg-none': {
    id: 'alg-none',
    title: 'GET /protected with alg: none',
    needsToken: true,
    request: (token) => bearer(unsignedToken(token)),
    expected: () => ({ status: 401, reason: 'unsupported_algorithm' }),
  },
};

/** The lifetime a short login asks for, so that a token expires while you watch. */
export const SHORT_TTL_SECONDS = 15;

/** The login request: Basic credentials, and `ttl` only when a lifetime is asked for. */
export function loginRequest(username: string, password: string, ttlSeconds?: number): ApiRequest<'/login'> {
  return basicLogin('/login', username, password, ttlSeconds);
}

/** A request to either login route: the tutorial's `GET /login` or the session's `POST /auth/login`. */
export function basicLogin<P extends '/login' | '/auth/login'>(path: P, username: string, password: string, ttlSeconds?: number): ApiRequest<P> {
  return {
    path,
    url: ttlSeconds === undefined ? path : `${path}?${TTL_PARAM}=${ttlSeconds}`,
    headers: { Authorization: `Basic ${base64Encode(`${username}:${password}`)}` },
    username,
  };
}

/** True when the answer has the expected status and, if one is expected, the expected reason. */
export function matches(expected: Outcome, actual: Outcome): boolean {
  return actual.status === expected.status && (expected.reason === undefined || actual.reason === expected.reason);
}

/** An outcome in words: `401, reason expired`. */
export function describeOutcome({ status, reason }: Outcome): string {
  return reason ? `${status}, reason ${reason}` : String(status);
}

/** The request as shown on the page: tokens shortened, Basic credentials hidden, the refresh cookie named. */
export function displayRequest(request: ApiRequest): { method: string; url: string; headers: [string, string][]; body?: string } {
  const { token, forgedFrom } = request;
  const shorten = (text: string) => (token ? text.replace(token, shortenToken(token, forgedFrom)) : text);
  const url = token ? request.url.replace(encodeURIComponent(token), shortenToken(token, forgedFrom)) : request.url;
  const headers = Object.entries(request.headers).map(([name, value]): [string, string] =>
    request.username !== undefined && name === 'Authorization'
      ? [name, `Basic base64(${request.username}:••••••••)`]
      : [name, shorten(value)],
  );
  // The browser adds the cookie on its own; the page can only say that it does.
  if (sendsRefreshCookie(request)) headers.push(['Cookie', `${REFRESH_COOKIE}=… (HttpOnly: the browser adds it; this page cannot read it)`]);
  return { method: request.method ?? 'GET', url, headers, ...(request.body && { body: JSON.stringify(request.body) }) };
}

/**
 * A curl command that sends the same request; for a login, curl asks for the password itself.
 * For the session routes, curl's cookie jar plays the browser's part: `-c jar` keeps the cookies a
 * login sets, `-b jar` sends them back, and the Origin header is what the browser would add. The
 * CSRF token is read from the jar, as SESSIONS.md does: the browser's belongs to the browser's
 * session, and curl, logged in on its own, has another.
 */
export function curlCommand(origin: string, request: ApiRequest): string {
  const parts = ['curl', '-i'];
  if (request.method) parts.push('-X', request.method);
  if (request.username !== undefined) parts.push('-u', shellQuote(request.username));
  if (sendsRefreshCookie(request)) parts.push('-b', 'jar', '-H', shellQuote(`Origin: ${origin}`));
  if (request.withCookies) parts.push('-c', 'jar');
  for (const [name, value] of Object.entries(request.headers)) {
    if (request.username !== undefined && name === 'Authorization') continue;
    if (name === CSRF_HEADER) parts.push('-H', `"${CSRF_HEADER}: $(awk '$6 == "${CSRF_COOKIE}" {print $7}' jar)"`);
    else parts.push('-H', shellQuote(`${name}: ${value}`));
  }
  if (request.body) parts.push('-d', shellQuote(JSON.stringify(request.body)));
  parts.push(shellQuote(origin + request.url));
  return parts.join(' ');
}

// Every session route but the login wants the refresh cookie.
function sendsRefreshCookie(request: ApiRequest): boolean {
  return request.withCookies === true && request.path !== '/auth/login';
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
