import 'server-only';
import type { LoginGuard } from '../auth';
import { clientIp, getTrustProxy } from '../http/forwarded';
import { sharedStores } from '../stores';
import { getStoreChoice } from '../store/config';
import { getUsersConfig } from './config';
import { throttledLogin } from './login';
import type { LoginThrottle, ThrottleRules } from './throttle';

/** The login guard of a Node route: the credential check behind the throttle, for this client's IP (null: none trusted). */
export function throttleGuard(throttle: LoginThrottle, rules: ThrottleRules, ip: string | null): LoginGuard {
  return async (name, check) => {
    const outcome = await throttledLogin(throttle, rules, { name, ip }, check);
    if (outcome.ok) return outcome;
    return { ok: false, failure: outcome.reason === 'throttled' ? { kind: 'throttled', retryAfter: outcome.retryAfter } : { kind: 'bad_credentials' } };
  };
}

/** GET /login's guard: the throttle when a store is configured; without one there is none (the server said so at start). */
export function tutorialGuard(request: Request): LoginGuard | undefined {
  const stores = sharedStores(getStoreChoice());
  if (!stores) return undefined;
  return throttleGuard(stores.throttle, getUsersConfig().throttle, clientIp(request, getTrustProxy()));
}
