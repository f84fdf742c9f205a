import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getAuthConfig } from './auth/config';
import { verifyPageToken } from './auth/token';
import type { Caller } from './caller';
import { PAGE_SESSION_COOKIE, type Role } from './contract';
import { cookieFromHeader } from './http/cookie-header';
import { getSessionConfig } from './session/config';
import { pageUse } from './session/sessions';
import { getStores, type Stores } from './stores';
import { getUsersConfig } from './users/config';

// The Data Access Layer: where a Server Component or a Server Action learns who is asking, and the
// only way it should. The edge gate's look at the cookie is optimistic (it cannot reach the store);
// this is the real check: the pages' session cookie verified, its session alive in the store, and
// the user as the directory has them now. So a session ended anywhere (logout, log out everywhere,
// a change of role, a removal, reuse detection) is refused on the very next render or action. Each
// check is also a use of the session: one idle for PAGE_IDLE_TIMEOUT_SECONDS ends, one in use lives
// on until its absolute end (SESSION_LIFETIME_SECONDS), and its cookie lives as long. The time of
// use is kept in the store, since a Server Component cannot set a cookie.

/** This process's stores; the store's failure surfaces as StoreUnavailableError, for the page's error boundary. */
export async function stores(): Promise<Stores> {
  const found = await getStores(getUsersConfig().seeds);
  if (!found) throw new Error('No store is configured: set DATABASE_URL, or AUTH_STORE=memory for a single process.');
  return found;
}

/**
 * The signed-in user of this request, or null: checked once per request however many components
 * ask (React `cache`). A DTO: id, name, role (from the directory, not the cookie) and session id;
 * never a hash, never a token.
 */
export const getCurrentUser = cache(async (): Promise<Caller | null> => {
  // From the raw header: cookies() keeps one of two cookies of one name, and two are refused.
  const token = cookieFromHeader((await headers()).get('cookie'), PAGE_SESSION_COOKIE);
  if (!token) return null;
  const verified = await verifyPageToken(getAuthConfig(), token);
  if (!verified.ok) return null;
  const { sessions, users } = await stores();
  const use = pageUse(getSessionConfig().pageIdleSeconds);
  const [live, user] = await Promise.all([sessions.seen(verified.sid, Date.now(), use), users.byId(verified.sub)]);
  if (!live || !user) return null;
  return { id: user.id, name: user.name, role: user.role, sid: verified.sid };
});

/** The signed-in user; anyone else is sent to /sign-in. For pages and Server Actions alike. */
export async function requireUser(): Promise<Caller> {
  const user = await getCurrentUser();
  if (!user) redirect('/sign-in');
  return user;
}

/** The signed-in user if they have `role`; null for a user who has not (the caller says "not allowed"); /sign-in for anyone else. */
export async function requireRole(role: Role): Promise<Caller | null> {
  const user = await requireUser();
  return user.role === role ? user : null;
}
