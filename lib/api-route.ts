import 'server-only';
import { checkToken, failureResponse, type SessionLookup } from './auth';
import type { Caller } from './caller';
import { formatTimingEntry, MESSAGES, parseServerTiming, VERDICTS } from './contract';
import { StoreUnavailableError } from './store/unavailable';
import { storeOrConfigFailure } from './session/session-route';
import { getStores, type Stores } from './stores';
import { getUsersConfig } from './users/config';
import type { UserRecord } from './users/directory';

/** Who may call a route: any signed-in user, or admins only. */
export type Rule = 'user' | 'admin';

/** What an /api route's handler works with: the caller, as verified, and the stores. */
export interface ApiContext {
  caller: Caller;
  stores: Stores;
}

/**
 * Runs an /api route's handler for a verified caller. The gate has checked the token's signature
 * and claims; here they are checked again, the session must be alive and the user must still exist,
 * and the rule is judged by the user's role as the directory has it now, not by the token's
 * `roles`. 401 for no token or a bad one, 403 `insufficient_scope` for a user who may not. Every
 * answer says which layers answered (Server-Timing) and is never cached.
 */
export async function apiRoute(request: Request, where: string, rule: Rule, handle: (context: ApiContext) => Promise<Response>): Promise<Response> {
  try {
    const found: { stores?: Stores; user?: UserRecord | null } = {};
    // The session and its user, asked for together: one round trip's wait, not two. Asked inside
    // the check, so that a store that fails is answered with the check's Server-Timing too.
    const sessions: SessionLookup = async ({ sid, sub }) => {
      try {
        const stores = await getStores(getUsersConfig().seeds);
        if (!stores) return { unavailable: MESSAGES.storeNotConfigured };
        const [live, user] = await Promise.all([stores.sessions.isLive(sid, Date.now()), stores.users.byId(sub)]);
        Object.assign(found, { stores, user });
        return { live: live && user !== null };
      } catch (error) {
        if (error instanceof StoreUnavailableError) return { unavailable: MESSAGES.storeUnavailable };
        throw error;
      }
    };
    const check = await checkToken(request, 'route', { sessions, requireSession: true });
    if (!check.ok) return check.response;
    // A check that passed found a live session and its user.
    const { stores, user } = found as { stores: Stores; user: UserRecord };
    // The token is good, and the route refuses: its Server-Timing entry says so.
    if (rule === 'admin' && user.role !== 'admin') return withTiming(failureResponse({ kind: 'insufficient_scope' }), refused(check.serverTiming));

    const caller: Caller = { id: user.id, name: user.name, role: user.role, sid: check.session!.sid };
    return withTiming(await handle({ caller, stores }), check.serverTiming);
  } catch (error) {
    return storeOrConfigFailure(error, where);
  }
}

function withTiming(response: Response, serverTiming: string): Response {
  response.headers.set('Server-Timing', serverTiming);
  response.headers.set('Cache-Control', 'no-store');
  return response;
}

// The same entries, the route's last one now saying it refused.
function refused(serverTiming: string): string {
  const entries = parseServerTiming(serverTiming);
  return entries.map((entry, i) => formatTimingEntry(i === entries.length - 1 ? { ...entry, verdict: VERDICTS.refused } : entry)).join(', ');
}
