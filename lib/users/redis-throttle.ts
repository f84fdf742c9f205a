import 'server-only';
import { script, type RedisConnection } from '../store/redis';
import { LOCKOUT_MEMORY_SECONDS, MAX_LOCK_SECONDS, WINDOW_SECONDS, type Bucket, type LoginThrottle } from './throttle';

// One hash per bucket, `throttle:<key>`, holding a BucketState; it expires once nothing in it
// matters (forgetAt). The script is afterFailure() in throttle.ts, for every bucket of a login at once.
const hash = (key: string) => `throttle:${key}`;

const FAIL = script(`
  local now, window, memory, maxLock, lock = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
  local longest = 0
  for i, key in ipairs(KEYS) do
    local limit = tonumber(ARGV[5 + i])
    local s = redis.call('HMGET', key, 'failures', 'windowStart', 'lockedUntil', 'lockouts', 'lastLockout')
    local failures, windowStart, lockedUntil = tonumber(s[1]) or 0, tonumber(s[2]) or 0, tonumber(s[3]) or 0
    local lockouts, lastLockout = tonumber(s[4]) or 0, tonumber(s[5]) or 0
    if now - windowStart >= window then failures, windowStart = 0, now end
    failures = failures + 1
    if failures >= limit then
      if now - lastLockout >= memory then lockouts = 0 end
      lockouts = lockouts + 1
      lockedUntil = now + math.min(maxLock, lock * 2 ^ (lockouts - 1))
      failures, windowStart, lastLockout = 0, now, now
    end
    redis.call('HSET', key, 'failures', failures, 'windowStart', windowStart, 'lockedUntil', lockedUntil, 'lockouts', lockouts, 'lastLockout', lastLockout)
    local forget = math.max(windowStart + window, lockedUntil)
    if lockouts > 0 then forget = math.max(forget, lastLockout + memory) end
    redis.call('PEXPIREAT', key, forget)
    longest = math.max(longest, lockedUntil - now)
  end
  return longest
`);

/** The login throttle's buckets in Redis, on the shared connection: every instance counts the same failures. */
export class RedisThrottle implements LoginThrottle {
  constructor(private readonly redis: RedisConnection) {}

  async lockedFor(buckets: Bucket[], now: number): Promise<number> {
    if (buckets.length === 0) return 0;
    const until = await this.redis.run((c) => Promise.all(buckets.map(({ key }) => c.hGet(hash(key), 'lockedUntil'))));
    return Math.max(0, ...until.map((ms) => Number(ms ?? 0) - now));
  }

  async fail(buckets: Bucket[], lockSeconds: number, now: number): Promise<number> {
    if (buckets.length === 0) return 0;
    const args = [now, WINDOW_SECONDS * 1000, LOCKOUT_MEMORY_SECONDS * 1000, MAX_LOCK_SECONDS * 1000, lockSeconds * 1000, ...buckets.map((b) => b.limit)];
    return Math.max(0, Number(await this.redis.eval(FAIL, buckets.map(({ key }) => hash(key)), args)));
  }

  async clear(key: string): Promise<void> {
    await this.redis.run((c) => c.del(hash(key)));
  }
}
