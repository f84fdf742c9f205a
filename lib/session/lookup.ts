import 'server-only';
import type { SessionLookup } from '../auth';
import { AuthConfigError } from '../auth/config';
import { MESSAGES } from '../contract';
import { getSessionConfig, type SessionConfig } from './config';
import { sharedStore } from './shared-store';
import { StoreUnavailableError } from './store';

/** /protected's session check: is the session of this access token still alive? */
export const sessionLookup: SessionLookup = async (sid) => {
  let sessions: SessionConfig;
  try {
    sessions = getSessionConfig();
  } catch (error) {
    if (error instanceof AuthConfigError) return { unavailable: error.message };
    throw error;
  }
  const store = sharedStore(sessions);
  if (!store) return { unavailable: MESSAGES.storeNotConfigured };
  try {
    return { live: await store.isLive(sid, Date.now()) };
  } catch (error) {
    if (error instanceof StoreUnavailableError) return { unavailable: MESSAGES.storeUnavailable };
    throw error;
  }
};
