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

/** Who is trying: the name they gave (none when the header held none), their IP where a trusted proxy says it, and their device where its cookie is one of ours for that name. */
export interface Attempt {
  name: string | null;
  ip: string | null;
  device: string | null;
}

/**
 * Where the IP is known, the name as a whole locks only at this many times a (name, IP) pair's
 * limit: a guesser from one address locks that pair, not the user everywhere.
 */
export const NAME_WIDE_FACTOR = 4;

/**
 * The buckets a real user's login counts in. A device that logged in as this name before counts in
 * its own bucket alone: guessing from elsewhere cannot lock it out. Anyone else counts per IP (where
 * it is known) and per name: per (name, IP) first, and the name as a whole at NAME_WIDE_FACTOR times
 * that; without a known IP every client looks alike, and the name locks at the pair's limit.
 */
export function loginBuckets(rules: ThrottleRules, { name, ip, device }: Attempt): Bucket[] {
  if (name !== null && device !== null) return [{ key: `device:${device}`, limit: rules.maxFailuresPerName }];
  const buckets: Bucket[] = ip === null ? [] : [{ key: `ip:${ip}`, limit: rules.maxFailuresPerIp }];
  if (name === null) return buckets;
  if (ip === null) return [...buckets, nameBucket(rules, name, false)];
  return [...buckets, { key: `name-ip:${nameKey(name)}@${ip}`, limit: rules.maxFailuresPerName }, nameBucket(rules, name, true)];
}

/**
 * The bucket of a name as a whole, as logins count in it: at the pair's limit without a known IP,
 * at NAME_WIDE_FACTOR times it where the IP is known. A change of password that gives a wrong
 * current one counts here too, so that a stolen session cannot guess at the password for longer.
 */
export function nameBucket(rules: ThrottleRules, name: string, ipKnown: boolean): Bucket {
  return { key: `name:${nameKey(name)}`, limit: ipKnown ? rules.maxFailuresPerName * NAME_WIDE_FACTOR : rules.maxFailuresPerName };
}

/**
 * The tutorial login's buckets. Its one password is the secret, whatever name comes with it, so its
 * failures count against the route as a whole (as many as one IP may make at real logins) and,
 * where the IP is known, per IP (as many as one name may). They share no bucket with real users.
 */
export function tutorialBuckets(rules: ThrottleRules, ip: string | null): Bucket[] {
  const route: Bucket = { key: 'tutorial', limit: rules.maxFailuresPerIp };
  return ip === null ? [route] : [route, { key: `tutorial-ip:${ip}`, limit: rules.maxFailuresPerName }];
}

/**
 * Runs a login's credential check behind the throttle: the attempt is reserved in its buckets
 * first, atomically, and refused before any hashing while one of them is locked, the right password
 * too. So twenty attempts sent at once get no more checks than the limit allows. A failure keeps
 * its reservation; a success gives it back.
 */
export async function throttledLogin<T>(throttle: LoginThrottle, rules: ThrottleRules, buckets: Bucket[], check: () => Promise<T | null>): Promise<LoginOutcome<T>> {
  const id = crypto.randomUUID();
  const locked = await throttle.reserve(buckets, rules.lockSeconds, Date.now(), id);
  if (locked > 0) return { ok: false, reason: 'throttled', retryAfter: Math.ceil(locked / 1000) };
  const value = await check();
  if (value === null) return { ok: false, reason: 'bad_credentials' };
  await throttle.release(buckets, id, Date.now());
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
  // Only in place of the hash just verified: a password changed meanwhile stays changed.
  if (check.rehash !== null) await directory.setPasswordHash(user.id, check.rehash, user.passwordHash);
  return user;
}
