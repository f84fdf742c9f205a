import 'server-only';
import { failureResponse, getAuthConfig, unexpectedErrorResponse, type AuthConfig } from '../auth';
import { AuthConfigError } from '../auth/config';
import { MESSAGES } from '../contract';
import { getTrustProxy } from '../http/forwarded';
import { getStores, type Stores } from '../stores';
import { getUsersConfig, type UsersConfig } from '../users/config';
import { getSessionConfig } from './config';
import { StoreUnavailableError } from './store';

/** What a session route's handler works with. */
export interface SessionContext {
  config: AuthConfig;
  stores: Stores;
  graceSeconds: number;
  trustProxy: boolean;
  users: UsersConfig;
}

/**
 * Runs a session route's handler with the configuration and the stores, and answers what can go
 * wrong around it: a broken configuration (500, naming the variable), no store or an unreachable
 * one (503, failing closed), anything else (a generic 500).
 */
export async function sessionRoute(where: string, handle: (context: SessionContext) => Promise<Response>): Promise<Response> {
  try {
    const config = getAuthConfig();
    const { graceSeconds } = getSessionConfig();
    const users = getUsersConfig();
    const trustProxy = getTrustProxy();
    const stores = await getStores(users.seeds);
    if (!stores) return failureResponse({ kind: 'unavailable', message: MESSAGES.storeNotConfigured });
    return await handle({ config, stores, graceSeconds, trustProxy, users });
  } catch (error) {
    return storeOrConfigFailure(error, where);
  }
}

/** The answer to what a route's store or configuration threw: 500 naming the variable, 503 failing closed, else a generic 500. */
export function storeOrConfigFailure(error: unknown, where: string): Response {
  if (error instanceof AuthConfigError) return failureResponse({ kind: 'config', message: error.message });
  if (error instanceof StoreUnavailableError) return failureResponse({ kind: 'unavailable', message: MESSAGES.storeUnavailable });
  return unexpectedErrorResponse(error, where);
}
