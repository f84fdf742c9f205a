import 'server-only';
import type { AuthConfig } from '../auth/config';
import { signAccessToken, signPageToken, signRefreshToken, type SessionSubject } from '../auth/token';
import type { Role } from '../contract';
import { csrfTokenFor } from './csrf';
import { shortUserAgent } from './user-agent';
import type { SessionTokenBody } from '../contract';
import type { SessionCookies } from './cookies';
import type { UserDirectory } from '../users/directory';
import { keyExpiry, StoreUnavailableError, type PageUse, type SessionRecord, type SessionStore } from './store';

/** The pages' session's last use is written at most once a minute: a render is a read, not a write. */
const SEEN_WRITE_INTERVAL_MS = 60_000;

/**
 * How the pages' check treats a session idle for `idleSeconds`: it ends; a use writes the time of
 * last use at most once a minute (a tenth of the timeout when that is shorter, so that a short one
 * still slides), so the timeout counts from up to that long before the last use.
 */
export function pageUse(idleSeconds: number): PageUse {
  const idleMs = idleSeconds * 1000;
  return { idleMs, writeEveryMs: Math.min(SEEN_WRITE_INTERVAL_MS, idleMs / 10) };
}

/**
 * How long a rotation may take to reach the store and be carried out. Shorter than the store's own
 * bound (STORE_TIMEOUT_MS, 2 s), so that a rotation carried out in time has half a second left for
 * its answer to come back; one carried out later does nothing, and the client's cookie stays live.
 * Assumes this server's clock and the store's agree to well within that (NTP keeps them to milliseconds).
 */
export const ROTATION_DEADLINE_MS = 1500;

/** What a login or a refresh hands out: the JSON body and the cookies. */
export interface Issued {
  body: SessionTokenBody;
  cookies: SessionCookies;
  /** The new access token's `jti`, for the page to show the rotation. */
  jti: string;
  /** The session's id. */
  sid: string;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

// The refresh token's life: REFRESH_TTL_SECONDS, but never past the session's absolute end.
const refreshExp = (config: AuthConfig, session: SessionRecord) => Math.min(session.iat + config.refreshTtlSeconds, session.end);


/** Who a session is for: the user as the directory has them when it starts. */
export interface SessionUser {
  id: string;
  name: string;
  role: Role;
}

/** Starts a session for `user`: stores it, and issues its first access and refresh tokens. */
export async function startSession(config: AuthConfig, store: SessionStore, user: SessionUser, accessTtl: number, userAgent: string | null): Promise<Issued> {
  const iat = nowSeconds();
  const sid = crypto.randomUUID();
  const session: SessionRecord = {
    userId: user.id,
    user: user.name,
    role: user.role,
    accessTtl,
    end: iat + config.sessionLifetimeSeconds,
    jti: crypto.randomUUID(),
    iat,
    createdAt: Date.now(),
    refreshedAt: null,
    userAgent: shortUserAgent(userAgent),
  };
  await store.create(sid, session, keyExpiry(session, (iat + config.refreshTtlSeconds) * 1000));
  return issue(config, sid, session);
}

/** How often a login starts its session again when the user's role keeps changing meanwhile. */
const LOGIN_ATTEMPTS = 3;

/**
 * Starts a session for a user whose password was just checked, then reads the user again: a role
 * changed or a removal made since they were read (during the hash's verification, say) ends the
 * session, and a new one starts under the role the directory has now. A change of role writes the
 * role before it ends the user's sessions, so either that ending finds this session or this read
 * finds the new role: no session outlives a role it no longer matches. Null when the user was
 * removed, or their role changed at every attempt.
 */
export async function startUserSession(
  config: AuthConfig,
  stores: { sessions: SessionStore; users: UserDirectory },
  user: SessionUser,
  accessTtl: number,
  userAgent: string | null,
): Promise<Issued | null> {
  let current: SessionUser = user;
  for (let attempt = 0; attempt < LOGIN_ATTEMPTS; attempt++) {
    const issued = await startSession(config, stores.sessions, current, accessTtl, userAgent);
    const now = await stores.users.byId(current.id);
    if (now?.role === current.role) return issued;
    await stores.sessions.revoke(issued.sid);
    if (!now) return null;
    current = now;
  }
  return null;
}

export type Refreshed = { ok: true; issued: Issued; outcome: 'rotated' | 'replayed' } | { ok: false; outcome: 'reused' | 'unknown' };

/**
 * Spends the presented refresh token: a new pair when it was the live one, the same successor
 * within the grace window, and the whole session revoked when a spent token comes back later.
 */
export async function refreshSession(
  config: AuthConfig,
  store: SessionStore,
  presented: { sid: string; jti: string },
  graceSeconds: number,
): Promise<Refreshed> {
  const now = Date.now();
  const next = { jti: crypto.randomUUID(), iat: Math.floor(now / 1000) };
  const rotation = await store.rotate(presented.sid, {
    presented: presented.jti,
    next,
    now,
    graceMs: graceSeconds * 1000,
    refreshExpiresAt: (next.iat + config.refreshTtlSeconds) * 1000,
    deadline: now + ROTATION_DEADLINE_MS,
  });
  if (rotation.outcome === 'late') throw new StoreUnavailableError('The session store carried out the rotation too late: nothing changed.');
  if (rotation.outcome === 'reused' || rotation.outcome === 'unknown') return { ok: false, outcome: rotation.outcome };
  return { ok: true, outcome: rotation.outcome, issued: await issue(config, presented.sid, rotation.session) };
}

async function issue(config: AuthConfig, sid: string, session: SessionRecord): Promise<Issued> {
  const exp = refreshExp(config, session);
  const subject = subjectOf(session);
  const [access, refreshToken, pageToken, csrfToken] = await Promise.all([
    signAccessToken(config, { ...subject, sid }, session.accessTtl),
    // The same claims sign to the same token: a replay within grace gets the successor byte for byte.
    signRefreshToken(config, { ...subject, sid, jti: session.jti, iat: session.iat, exp }),
    // The pages' cookie lives until the session's end: the store's idle timeout ends it sooner.
    signPageToken(config, { ...subject, sid, jti: crypto.randomUUID(), iat: nowSeconds(), exp: session.end }),
    csrfTokenFor(config, sid),
  ]);
  const body: SessionTokenBody = { access_token: access.token, token_type: 'Bearer', expires_in: access.exp - nowSeconds(), csrf_token: csrfToken };
  const cookies = { refreshToken, csrfToken, pageToken, maxAgeSeconds: Math.max(0, exp - nowSeconds()), pageMaxAgeSeconds: Math.max(0, session.end - nowSeconds()) };
  return { body, cookies, jti: access.jti, sid };
}

/** What a session's tokens say of its user: `sub`, `user` and `roles`. */
export function subjectOf(session: Pick<SessionRecord, 'userId' | 'user' | 'role'>): SessionSubject {
  return { sub: session.userId, user: session.user, roles: [session.role] };
}
