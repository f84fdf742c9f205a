import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServer } from '@/test/redis-server';
import { RedisConnection } from '../store/redis';
import { MemoryThrottle } from './memory-throttle';
import { RedisThrottle } from './redis-throttle';
import { LOCKOUT_MEMORY_SECONDS, MAX_LOCK_SECONDS, WINDOW_SECONDS, type LoginThrottle } from './throttle';

// One contract for the login throttle's buckets, on memory and on a real redis-server. Time is
// passed in, so the decay of locks and counts is stepped through rather than waited for.

let redis: RedisServer;
let connection: RedisConnection;
beforeAll(async () => {
  redis = await startRedisServer();
  connection = new RedisConnection(redis.url);
});
afterAll(async () => {
  await connection.close();
  await redis.dispose();
});

const throttles: [string, () => LoginThrottle][] = [
  ['the memory throttle', () => new MemoryThrottle()],
  ['the Redis throttle', () => new RedisThrottle(connection)],
];

const T0 = 1_800_000_000_000;
const SECOND = 1000;
let n = 0;
const bucket = (limit = 3) => ({ key: `name:test-${process.pid}-${++n}`, limit });

describe.each(throttles)('%s', (_name, make) => {
  let throttle: LoginThrottle;
  beforeAll(() => {
    throttle = make();
  });
  const failTimes = async (b: { key: string; limit: number }, times: number, at: number) => {
    let lock = 0;
    for (let i = 0; i < times; i++) lock = await throttle.fail([b], 60, at);
    return lock;
  };

  it('locks a bucket at its limit of failures, for the lock time, and not before', async () => {
    const b = bucket(3);
    expect(await failTimes(b, 2, T0)).toBe(0);
    expect(await throttle.lockedFor([b], T0)).toBe(0);
    expect(await throttle.fail([b], 60, T0)).toBe(60 * SECOND);
    expect(await throttle.lockedFor([b], T0 + 10 * SECOND)).toBe(50 * SECOND);
  });

  it('lets a lock decay by itself', async () => {
    const b = bucket(3);
    await failTimes(b, 3, T0);
    expect(await throttle.lockedFor([b], T0 + 60 * SECOND)).toBe(0);
  });

  it('doubles the lock each time the same bucket locks again, up to the longest lock', async () => {
    const b = bucket(2);
    const locks = [];
    let at = T0;
    for (let i = 0; i < 8; i++) {
      locks.push(await failTimes(b, 2, at));
      at += locks.at(-1)!;
    }
    expect(locks.map((ms) => ms / SECOND)).toEqual([60, 120, 240, 480, 960, 1920, MAX_LOCK_SECONDS, MAX_LOCK_SECONDS]);
  });

  it('forgets old lockouts after a day, and failures outside the window', async () => {
    const b = bucket(2);
    await failTimes(b, 2, T0);
    const later = T0 + LOCKOUT_MEMORY_SECONDS * SECOND;
    expect(await failTimes(b, 2, later)).toBe(60 * SECOND);
    const c = bucket(2);
    await throttle.fail([c], 60, T0);
    expect(await throttle.fail([c], 60, T0 + WINDOW_SECONDS * SECOND)).toBe(0);
  });

  it('counts a failure against every bucket of a login, and the longest lock counts', async () => {
    const [name, ip] = [bucket(2), { key: `ip:test-${++n}`, limit: 3 }];
    await throttle.fail([name, ip], 60, T0);
    expect(await throttle.fail([name, ip], 60, T0)).toBe(60 * SECOND);
    expect(await throttle.lockedFor([ip], T0)).toBe(0);
    const other = bucket(2);
    // The IP reaches its limit through another name: a login from it is locked whatever its name.
    expect(await throttle.fail([other, ip], 60, T0)).toBe(60 * SECOND);
    expect(await throttle.lockedFor([bucket(2), ip], T0)).toBe(60 * SECOND);
  });

  it('clears a bucket: its failures and its lockouts', async () => {
    const b = bucket(2);
    await failTimes(b, 2, T0);
    await throttle.clear(b.key);
    expect(await throttle.lockedFor([b], T0)).toBe(0);
    expect(await throttle.fail([b], 60, T0)).toBe(0);
    expect(await throttle.fail([b], 60, T0)).toBe(60 * SECOND);
  });

  it('counts concurrent failures exactly', async () => {
    const b = bucket(10);
    await Promise.all(Array.from({ length: 9 }, () => throttle.fail([b], 60, T0)));
    expect(await throttle.lockedFor([b], T0)).toBe(0);
    expect(await throttle.fail([b], 60, T0)).toBe(60 * SECOND);
  });
});

describe('the Redis throttle', () => {
  it('lets a bucket expire once nothing in it matters, so the store never grows without bound', async () => {
    const throttle = new RedisThrottle(connection);
    const b = bucket(5);
    await throttle.fail([b], 60, Date.now());
    const ttl = await connection.run((c) => c.pTTL(`throttle:${b.key}`));
    expect(ttl).toBeGreaterThan(WINDOW_SECONDS * SECOND - 5 * SECOND);
    expect(ttl).toBeLessThanOrEqual(WINDOW_SECONDS * SECOND);
  });
});
