import 'server-only';

// Logins that cannot be guessed at speed (OWASP Authentication and Credential Stuffing cheat
// sheets). Each login attempt is reserved in its buckets before any password is hashed, atomically,
// so that a crowd of attempts sent at once gets no more checks than one sent after another: while
// any of its buckets is locked the attempt is refused, the right password too; otherwise each bucket
// counts it as a failure, and locks at its limit, for longer each time it locks again. A good login
// gives its own reservation back, and nothing more. Counts and locks decay by themselves.

/** Failures older than this are forgotten. */
export const WINDOW_SECONDS = 15 * 60;
/** A bucket's lockouts are remembered this long after its last one, so that repeats lock for longer. */
export const LOCKOUT_MEMORY_SECONDS = 24 * 3600;
/** The longest a lock lasts, however often a bucket has locked. */
export const MAX_LOCK_SECONDS = 3600;

export interface ThrottleRules {
  /** Failed logins of one name (from one IP, where the IP is known), within the window, that lock it. */
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
  /** The reservation whose attempt set the lock: if it turns out a good login, it takes the lock back. */
  lockedBy: string;
}

export const EMPTY_BUCKET: BucketState = { failures: 0, windowStart: 0, lockedUntil: 0, lockouts: 0, lastLockout: 0, lockedBy: '' };

/**
 * An attempt reserved in an unlocked bucket, counted as a failure until it is given back: the state
 * after it. A lock that has run out starts the count again. The Redis script does the same in Lua;
 * PostgresThrottle calls this one.
 */
export function afterReserve(state: BucketState, limit: number, lockSeconds: number, now: number, id: string): BucketState {
  const fresh = now - state.windowStart >= WINDOW_SECONDS * 1000 || state.lockedUntil !== 0;
  const failures = (fresh ? 0 : state.failures) + 1;
  const windowStart = fresh ? now : state.windowStart;
  if (failures < limit) return { ...state, failures, windowStart, lockedUntil: 0, lockedBy: '' };
  const remembered = now - state.lastLockout < LOCKOUT_MEMORY_SECONDS * 1000 ? state.lockouts : 0;
  const lockouts = remembered + 1;
  const lock = Math.min(MAX_LOCK_SECONDS, lockSeconds * 2 ** (lockouts - 1)) * 1000;
  return { failures, windowStart, lockedUntil: now + lock, lockouts, lastLockout: now, lockedBy: id };
}

/**
 * A good login's reservation given back: one failure fewer, and the lock it set (if it did) undone.
 * The failures stay counted through a lock, so that attempts admitted before it, ending in any
 * order, each give back their own and no more. The Redis script does the same.
 */
export function afterRelease(state: BucketState, id: string, now: number): BucketState {
  const failures = Math.max(0, state.failures - 1);
  if (state.lockedBy === id && state.lockedUntil > now) return { ...state, failures, lockedUntil: 0, lockouts: state.lockouts - 1, lockedBy: '' };
  return { ...state, failures };
}

/** When the store may forget a bucket: nothing in it matters any more. */
export function forgetAt(state: BucketState): number {
  return Math.max(state.windowStart + WINDOW_SECONDS * 1000, state.lockedUntil, state.lockouts > 0 ? state.lastLockout + LOCKOUT_MEMORY_SECONDS * 1000 : 0);
}

/** Where the buckets live: memory in development; Redis, or PostgreSQL alone, in production. One contract suite runs against each. */
export interface LoginThrottle {
  /**
   * Reserves one attempt in every bucket, atomically: none while any of them is locked, and then
   * how long the longest lock still lasts, in milliseconds; otherwise 0, each bucket having counted
   * the attempt as a failure (and locked, if that reached its limit). `id` names the reservation.
   */
  reserve(buckets: Bucket[], lockSeconds: number, now: number, id: string): Promise<number>;
  /** Gives a good login's reservation back, in every bucket it was made in (afterRelease). */
  release(buckets: Bucket[], id: string, now: number): Promise<void>;
}
