import 'server-only';
import { failureResponse, getAuthConfig, unexpectedErrorResponse, type AuthConfig } from '../auth';
import { AuthConfigError } from '../auth/config';
import { MESSAGES } from '../contract';
import { getSessionConfig } from './config';
import { sharedStore } from './shared-store';
import { StoreUnavailableError, type SessionStore } from './store';

/** What a session route's handler works with. */
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
    const store = sharedStore(sessions);
    if (!store) return failureResponse({ kind: 'unavailable', message: MESSAGES.storeNotConfigured });
    return await handle({ config, store, graceSeconds: sessions.graceSeconds, trustProxy: sessions.trustProxy });
  } catch (error) {
    if (error instanceof AuthConfigError) return failureResponse({ kind: 'config', message: error.message });
    if (error instanceof StoreUnavailableError) return failureResponse({ kind: 'unavailable', message: MESSAGES.storeUnavailable });
    return unexpectedErrorResponse(error, where);
  }
}
