import 'server-only';
import { checkToken, failureResponse, getAuthConfig, type SessionLookup } from './auth';
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
    getAuthConfig();
    const stores = await getStores(getUsersConfig().seeds);
    if (!stores) return failureResponse({ kind: 'unavailable', message: MESSAGES.storeNotConfigured });

    let user: UserRecord | null = null;
    // The session and its user, asked for together: one round trip's wait, not two.
    const sessions: SessionLookup = async ({ sid, sub }) => {
      try {
        const [live, found] = await Promise.all([stores.sessions.isLive(sid, Date.now()), stores.users.byId(sub)]);
        user = found;
        return { live: live && found !== null };
      } catch (error) {
        if (error instanceof StoreUnavailableError) return { unavailable: MESSAGES.storeUnavailable };
        throw error;
      }
    };
    const check = await checkToken(request, 'route', { sessions, requireSession: true });
    if (!check.ok) return check.response;
    const found = user as UserRecord | null;
    if (!found || !check.session) return failureResponse({ kind: 'invalid_token', reason: 'revoked' });
    // The token is good, and the route refuses: its Server-Timing entry says so.
    if (rule === 'admin' && found.role !== 'admin') return withTiming(failureResponse({ kind: 'insufficient_scope' }), refused(check.serverTiming));

    const caller: Caller = { id: found.id, name: found.name, role: found.role, sid: check.session.sid };
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
