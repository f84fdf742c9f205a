import 'server-only';
import { verifyRefreshToken, type SessionClaims } from '../auth/token';
import type { AuthConfig } from '../auth/config';
import { CSRF_HEADER, REFRESH_COOKIE } from '../contract';
import { readCookie } from './cookies';
import { checkCsrfToken } from './csrf';
import { csrfRefusedResponse, issuedResponse, refreshRefusedResponse } from './responses';
import type { SessionContext } from './session-route';
import { refreshSession } from './sessions';

type Presented = SessionClaims;

/** The refresh token the request's cookie carries, verified; null when it is missing or fails. */
export function presentedRefreshToken(config: AuthConfig, request: Request): Promise<Presented | null> {
  return verifiedRefreshToken(config, readCookie(request, REFRESH_COOKIE));
}

/** The CSRF token the request's header carries. */
export const presentedCsrfToken = (request: Request) => request.headers.get(CSRF_HEADER);

async function verifiedRefreshToken(config: AuthConfig, token: string | null): Promise<Presented | null> {
  if (token === null) return null;
  const verified = await verifyRefreshToken(config, token);
  if (!verified.ok) return null;
  const { sub, user, roles, sid, jti } = verified;
  return { sub, user, roles, sid, jti };
}

/**
 * What POST /auth/refresh answers to a refresh token and a CSRF token, once the request is known to
 * come from this site: the replay demonstration sends the spent token through here too, as a thief
 * would send it, so that both meet the same rules.
 */
export async function refreshAnswer({ config, stores, graceSeconds }: SessionContext, refreshToken: string | null, csrfToken: string | null): Promise<Response> {
  const presented = await verifiedRefreshToken(config, refreshToken);
  if (!presented) return refreshRefusedResponse();
  if (!(await checkCsrfToken(config, presented.sid, csrfToken))) return csrfRefusedResponse();

  const refreshed = await refreshSession(config, stores.sessions, presented, graceSeconds);
  if (refreshed.outcome === 'reused') console.warn('A spent refresh token came back after the grace window: its session is revoked.');
  return refreshed.ok ? issuedResponse(refreshed.issued) : refreshRefusedResponse();
}
