import 'server-only';
import type { BasicCredentials } from '../auth/credentials';
import type { UserDirectory, UserRecord } from './directory';
import { nameKey } from './names';
import { checkPassword } from './passwords';
import type { Bucket, LoginThrottle, ThrottleRules } from './throttle';

export type LoginOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; reason: 'bad_credentials' }
  /** A bucket is locked: refused without checking the password. `retryAfter` in whole seconds, rounded up. */
  | { ok: false; reason: 'throttled'; retryAfter: number };

/** Who is trying: the name they gave (none when the header held none), and their IP where a trusted proxy says it. */
export interface Attempt {
  name: string | null;
  ip: string | null;
}

/**
 * Runs a login's credential check behind the throttle: refused at once, before any hashing, while
 * the name's or the IP's bucket is locked, the right password too; a failure is counted against
 * both; a success clears the name's. Both logins use it: the tutorial's and the session's.
 */
export async function throttledLogin<T>(
  throttle: LoginThrottle,
  rules: ThrottleRules,
  attempt: Attempt,
  check: () => Promise<T | null>,
): Promise<LoginOutcome<T>> {
  const buckets: Bucket[] = [];
  if (attempt.name !== null) buckets.push({ key: `name:${nameKey(attempt.name)}`, limit: rules.maxFailuresPerName });
  if (attempt.ip !== null) buckets.push({ key: `ip:${attempt.ip}`, limit: rules.maxFailuresPerIp });

  const locked = await throttle.lockedFor(buckets, Date.now());
  if (locked > 0) return { ok: false, reason: 'throttled', retryAfter: Math.ceil(locked / 1000) };
  const value = await check();
  if (value === null) {
    await throttle.fail(buckets, rules.lockSeconds, Date.now());
    return { ok: false, reason: 'bad_credentials' };
  }
  if (attempt.name !== null) await throttle.clear(`name:${nameKey(attempt.name)}`);
  return { ok: true, value };
}

/**
 * The user these credentials belong to, or null. An unknown name costs a hash verification as a
 * known one does. A good password under an old hash's weaker parameters is rehashed and stored.
 */
export async function userForCredentials(directory: UserDirectory, { username, password }: BasicCredentials): Promise<UserRecord | null> {
  const user = await directory.byName(username);
  const check = await checkPassword(user?.passwordHash ?? null, password);
  if (!check.ok || !user) return null;
  if (check.rehash !== null) await directory.setPasswordHash(user.id, check.rehash);
  return user;
}
