// Client-safe: the requests of the page's third part, to the /api routes, each with a session's
// access token as Bearer. Nothing here knows the secret.
import type { Role } from '@/lib/contract';
import { basicLogin, type ApiPath, type ApiRequest } from '../_shared/route-requests';
import type { Exchange } from '../_shared/send-request';

/**
 * POST /auth/login for one of this part's users. Sent without cookies, and its answer's cookies
 * are not kept: each user's session lives in this part alone, and part two's session, in the
 * browser's cookies, stays as it was.
 */
export function userLoginRequest(name: string, password: string): ApiRequest<'/auth/login'> {
  return { ...basicLogin('/auth/login', name, password), method: 'POST' };
}

/** A request to an /api route: `token` as Bearer (none when null), `body` as JSON. */
export function apiRequest<P extends ApiPath & `/api/${string}`>(
  path: P,
  token: string | null,
  { method, id, body }: { method?: ApiRequest['method']; id?: string; body?: object } = {},
): ApiRequest<P> {
  const headers: Record<string, string> = {};
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (body) headers['Content-Type'] = 'application/json';
  return {
    path,
    url: id === undefined ? path : path.replace(':id', encodeURIComponent(id)),
    headers,
    ...(method && { method }),
    ...(body && { body }),
    ...(token !== null && { token }),
  };
}

/** A throwaway made here is removed by itself an hour later, should the walk not remove it. */
export const THROWAWAY_SECONDS = 3600;

/** POST /api/users, as an admin: a new user with a password of NIST's length, made for an hour. */
export const createUserRequest = (token: string, name: string, password: string, role: Role) =>
  apiRequest('/api/users', token, { method: 'POST', body: { name, password, role, expiresIn: THROWAWAY_SECONDS } });

/**
 * A name and password for a user made here to be changed or locked out, and removed after: never
 * bob or alice, whom everyone trying this page shares. 20 random characters, above NIST's 15.
 */
export function throwawayUser(prefix: string): { name: string; password: string } {
  const random = (bytes: number) => Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
  return { name: `${prefix}-${random(3)}`, password: random(10) };
}

/** The id in a 201's body: the new to-do's or user's. */
export function createdId(exchange: Exchange): string | null {
  return exchange.status === 201 && exchange.answer.ok && exchange.answer.body !== null && 'id' in exchange.answer.body ? exchange.answer.body.id : null;
}
