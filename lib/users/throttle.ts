import 'server-only';

// Logins that cannot be guessed at speed (OWASP Authentication and Credential Stuffing cheat
// sheets): failed logins are counted in buckets, one per user name and one per client IP. A bucket
// that reaches its limit within the window is locked, for longer each time it locks again; while
// any of a request's buckets is locked, the login is refused before a password is hashed, the right
// password too. Locks and counts decay by themselves; a good login clears its name's bucket.

/** Failures older than this are forgotten. */
export const WINDOW_SECONDS = 15 * 60;
/** A bucket's lockouts are remembered this long after its last one, so that repeats lock for longer. */
export const LOCKOUT_MEMORY_SECONDS = 24 * 3600;
/** The longest a lock lasts, however often a bucket has locked. */
export const MAX_LOCK_SECONDS = 3600;

export interface ThrottleRules {
  /** Failed logins of one name, within the window, that lock it. */
  maxFailuresPerName: number;
  /** Failed logins from one IP, within the window, that lock it. */
  maxFailuresPerIp: number;
  /** How long a first lock lasts; each further lock of the bucket doubles it, up to MAX_LOCK_SECONDS. */
  lockSeconds: number;
}

export const DEFAULT_THROTTLE: ThrottleRules = { maxFailuresPerName: 5, maxFailuresPerIp: 20, lockSeconds: 60 };

/** One bucket of failures: its key (`name:alice`, `ip:203.0.113.9`) and the failures that lock it. */
export interface Bucket {
  key: string;
  limit: number;
}

/** What the store keeps of a bucket. Times in milliseconds since the epoch. */
export interface BucketState {
  failures: number;
  windowStart: number;
  lockedUntil: number;
  lockouts: number;
  lastLockout: number;
}

export const EMPTY_BUCKET: BucketState = { failures: 0, windowStart: 0, lockedUntil: 0, lockouts: 0, lastLockout: 0 };

/** A failed login counted against a bucket: the state after it. The Redis script does the same in Lua. */
export function afterFailure(state: BucketState, limit: number, lockSeconds: number, now: number): BucketState {
  const fresh = now - state.windowStart >= WINDOW_SECONDS * 1000;
  const failures = (fresh ? 0 : state.failures) + 1;
  const windowStart = fresh ? now : state.windowStart;
  if (failures < limit) return { ...state, failures, windowStart };
  const remembered = now - state.lastLockout < LOCKOUT_MEMORY_SECONDS * 1000 ? state.lockouts : 0;
  const lockouts = remembered + 1;
  const lock = Math.min(MAX_LOCK_SECONDS, lockSeconds * 2 ** (lockouts - 1)) * 1000;
  return { failures: 0, windowStart: now, lockedUntil: now + lock, lockouts, lastLockout: now };
}

/** When the store may forget a bucket: nothing in it matters any more. */
export function forgetAt(state: BucketState): number {
  return Math.max(state.windowStart + WINDOW_SECONDS * 1000, state.lockedUntil, state.lockouts > 0 ? state.lastLockout + LOCKOUT_MEMORY_SECONDS * 1000 : 0);
}

/** Where the buckets live: memory in development, Redis in production. One contract suite runs against both. */
export interface LoginThrottle {
  /** How long the longest lock among the buckets still lasts, in milliseconds; 0 when none is locked. */
  lockedFor(buckets: Bucket[], now: number): Promise<number>;
  /** Counts a failed login against each bucket, atomically, and says how long the longest lock now lasts. */
  fail(buckets: Bucket[], lockSeconds: number, now: number): Promise<number>;
  /** Forgets a bucket: a good login clears its name's failures and lockouts. */
  clear(key: string): Promise<void>;
}
