import 'server-only';
import { script, type RedisConnection } from '../store/redis';
import { LOCKOUT_MEMORY_SECONDS, MAX_LOCK_SECONDS, WINDOW_SECONDS, type Bucket, type LoginThrottle } from './throttle';

// One hash per bucket, `throttle:<key>`, holding a BucketState; it expires once nothing in it
// matters (forgetAt). The scripts are afterReserve() and afterRelease() in throttle.ts, for every
// bucket of an attempt at once: Redis runs a script whole, so a check and its count are one step.
const hash = (key: string) => `throttle:${key}`;

const RESERVE = script(`
  local now, window, memory, maxLock, lock, id = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]), ARGV[6]
  local longest = 0
  for _, key in ipairs(KEYS) do
    longest = math.max(longest, (tonumber(redis.call('HGET', key, 'lockedUntil')) or 0) - now)
  end
  if longest > 0 then return longest end
  for i, key in ipairs(KEYS) do
    local limit = tonumber(ARGV[6 + i])
    local s = redis.call('HMGET', key, 'failures', 'windowStart', 'lockedUntil', 'lockouts', 'lastLockout')
    local failures, windowStart, lockedUntil = tonumber(s[1]) or 0, tonumber(s[2]) or 0, tonumber(s[3]) or 0
    local lockouts, lastLockout = tonumber(s[4]) or 0, tonumber(s[5]) or 0
    local lockedBy = ''
    if now - windowStart >= window or lockedUntil ~= 0 then failures, windowStart = 0, now end
    failures, lockedUntil = failures + 1, 0
    if failures >= limit then
      if now - lastLockout >= memory then lockouts = 0 end
      lockouts = lockouts + 1
      lockedUntil = now + math.min(maxLock, lock * 2 ^ (lockouts - 1))
      lastLockout, lockedBy = now, id
    end
    redis.call('HSET', key, 'failures', failures, 'windowStart', windowStart, 'lockedUntil', lockedUntil, 'lockouts', lockouts, 'lastLockout', lastLockout, 'lockedBy', lockedBy)
    local forget = math.max(windowStart + window, lockedUntil)
    if lockouts > 0 then forget = math.max(forget, lastLockout + memory) end
    redis.call('PEXPIREAT', key, forget)
  end
  return 0
`);

const RELEASE = script(`
  local id, now = ARGV[1], tonumber(ARGV[2])
  for _, key in ipairs(KEYS) do
    local s = redis.call('HMGET', key, 'failures', 'lockedUntil', 'lockouts', 'lockedBy')
    if s[1] then
      redis.call('HSET', key, 'failures', math.max(0, tonumber(s[1]) - 1))
      if s[4] == id and (tonumber(s[2]) or 0) > now then
        redis.call('HSET', key, 'lockedUntil', 0, 'lockouts', tonumber(s[3]) - 1, 'lockedBy', '')
      end
    end
  end
  return 0
`);

/** The login throttle's buckets in Redis, on the shared connection: every instance counts the same attempts. */
export class RedisThrottle implements LoginThrottle {
  constructor(private readonly redis: RedisConnection) {}

  async reserve(buckets: Bucket[], lockSeconds: number, now: number, id: string): Promise<number> {
    if (buckets.length === 0) return 0;
    const args = [now, WINDOW_SECONDS * 1000, LOCKOUT_MEMORY_SECONDS * 1000, MAX_LOCK_SECONDS * 1000, lockSeconds * 1000, id, ...buckets.map((b) => b.limit)];
    return Math.max(0, Number(await this.redis.eval(RESERVE, buckets.map(({ key }) => hash(key)), args)));
  }

  async release(buckets: Bucket[], id: string, now: number): Promise<void> {
    if (buckets.length === 0) return;
    await this.redis.eval(RELEASE, buckets.map(({ key }) => hash(key)), [id, now]);
  }
}
