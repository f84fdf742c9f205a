import 'server-only';
import type { SessionLookup } from '../auth';
import { AuthConfigError } from '../auth/config';
import { MESSAGES } from '../contract';
import { sharedStores } from '../stores';
import { getStoreChoice, type StoreChoice } from '../store/config';
import { StoreUnavailableError } from './store';

/** /protected's session check: is the session of this access token still alive? */
export const sessionLookup: SessionLookup = async ({ sid }) => {
  let choice: StoreChoice;
  try {
    choice = getStoreChoice();
  } catch (error) {
    if (error instanceof AuthConfigError) return { unavailable: error.message };
    throw error;
  }
  const stores = sharedStores(choice);
  if (!stores) return { unavailable: MESSAGES.storeNotConfigured };
  try {
    return { live: await stores.sessions.isLive(sid, Date.now()) };
  } catch (error) {
    if (error instanceof StoreUnavailableError) return { unavailable: MESSAGES.storeUnavailable };
    throw error;
  }
};
