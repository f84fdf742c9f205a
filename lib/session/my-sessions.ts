import 'server-only';
import type { SessionView } from '../contract';
import type { Caller } from '../caller';
import type { Stores } from '../stores';

// The caller's own sessions: listed, one ended, or every other one ("log out everywhere else").
// Called alike by the /api routes and the account page's Server Actions.

/** The caller's live sessions, oldest first, the current one marked. */
export async function listSessions(stores: Stores, caller: Caller): Promise<SessionView[]> {
  const sessions = await stores.sessions.listForUser(caller.id, Date.now());
  return sessions.map(({ sid, createdAt, refreshedAt, userAgent }) => ({
    id: sid,
    startedAt: new Date(createdAt).toISOString(),
    refreshedAt: refreshedAt === null ? null : new Date(refreshedAt).toISOString(),
    userAgent,
    current: sid === caller.sid,
  }));
}

/** Ends one of the caller's sessions; false when they have none of that id (another user's included). */
export function endSession(stores: Stores, caller: Caller, sid: string): Promise<boolean> {
  return stores.sessions.revokeForUser(caller.id, sid);
}

/** Ends every session of the caller's but this one; how many ended. */
export function endOtherSessions(stores: Stores, caller: Caller): Promise<number> {
  return stores.sessions.revokeAllForUser(caller.id, caller.sid);
}
