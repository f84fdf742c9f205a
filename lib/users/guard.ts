import 'server-only';
import type { LoginGuard } from '../auth';
import type { AuthConfig } from '../auth/config';
import { clientIp, getTrustProxy } from '../http/forwarded';
import { StoreUnavailableError } from '../store/unavailable';
import { sharedStores } from '../stores';
import { getStoreChoice } from '../store/config';
import { getUsersConfig } from './config';
import { trustedDevice } from './devices';
import { loginBuckets, throttledLogin, tutorialBuckets } from './login';
import { MemoryThrottle } from './memory-throttle';
import type { Bucket, LoginThrottle, ThrottleRules } from './throttle';

/** A login guard: the credential check behind the throttle, in the buckets `bucketsFor` gives the name tried. */
function guardWith(throttle: LoginThrottle, rules: ThrottleRules, bucketsFor: (name: string | null) => Bucket[] | Promise<Bucket[]>): LoginGuard {
  return async (name, check) => {
    const outcome = await throttledLogin(throttle, rules, await bucketsFor(name), check);
    if (outcome.ok) return outcome;
    return { ok: false, failure: outcome.reason === 'throttled' ? { kind: 'throttled', retryAfter: outcome.retryAfter } : { kind: 'bad_credentials' } };
  };
}

/** Who is logging in, as far as the request tells: its IP (null: no trusted proxy) and its device cookie's value. */
export interface Client {
  ip: string | null;
  deviceToken: string | null;
}

/** A real user's login guard (POST /auth/login, /sign-in): per device, IP, name and (name, IP), as loginBuckets says. */
export function throttleGuard(throttle: LoginThrottle, rules: ThrottleRules, config: AuthConfig, { ip, deviceToken }: Client): LoginGuard {
  return guardWith(throttle, rules, async (name) => loginBuckets(rules, { name, ip, device: name === null ? null : await trustedDevice(config, name, deviceToken) }));
}

// The tutorial login's own buckets in this process, for when the store is not there.
const local = new MemoryThrottle();
let outage = false;

/**
 * The store's throttle, or this process's while the store cannot be reached: a local limit, never
 * none. The tutorial's routes need no store, so an outage must not stop its login.
 */
function withLocalFallback(store: LoginThrottle): LoginThrottle {
  let reservedLocally = false;
  return {
    async reserve(buckets, lockSeconds, now, id) {
      try {
        const locked = await store.reserve(buckets, lockSeconds, now, id);
        outage = false;
        return locked;
      } catch (error) {
        if (!(error instanceof StoreUnavailableError)) throw error;
        if (!outage) console.error("The login throttle's store cannot be reached: GET /login counts its failures in this process's memory until it can.");
        outage = true;
        reservedLocally = true;
        return local.reserve(buckets, lockSeconds, now, id);
      }
    },
    async release(buckets, id, now) {
      if (reservedLocally) return local.release(buckets, id, now);
      // A store lost since the reservation keeps it counted: the good login still goes through.
      await store.release(buckets, id, now).catch((error: unknown) => {
        if (!(error instanceof StoreUnavailableError)) throw error;
      });
    },
  };
}

/** GET /login's guard: the tutorial's own buckets (tutorialBuckets), in the store, or locally without one. */
export function tutorialGuard(request: Request): LoginGuard {
  const rules = getUsersConfig().throttle;
  const stores = sharedStores(getStoreChoice());
  const buckets = tutorialBuckets(rules, clientIp(request, getTrustProxy()));
  return guardWith(stores ? withLocalFallback(stores.throttle) : local, rules, () => buckets);
}
