import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase } from '@/test/postgres-databases';
import { startRedisServer, type RedisServer } from '@/test/redis-server';
import { PostgresConnection } from '../store/postgres';
import { RedisConnection } from '../store/redis';
import { MemoryThrottle } from './memory-throttle';
import { PostgresThrottle } from './postgres-throttle';
import { RedisThrottle } from './redis-throttle';
import { LOCKOUT_MEMORY_SECONDS, MAX_LOCK_SECONDS, WINDOW_SECONDS, type Bucket, type LoginThrottle } from './throttle';

// One contract for the login throttle's buckets, on memory, a real redis-server and a real
// PostgreSQL (a database of the suite's own). Time is
// passed in, so the decay of locks and counts is stepped through rather than waited for.

let redis: RedisServer;
let connection: RedisConnection;
let postgresUrl: string;
const pools: PostgresConnection[] = [];
/** A pool of its own on the suite's database, closed after the suite. */
const pool = () => {
  const opened = new PostgresConnection(postgresUrl);
  pools.push(opened);
  return opened;
};
beforeAll(async () => {
  redis = await startRedisServer();
  connection = new RedisConnection(redis.url);
  postgresUrl = await migratedDatabase();
});
afterAll(async () => {
  await Promise.all([connection.close(), ...pools.map((p) => p.close())]);
  await redis.dispose();
});

const throttles: [string, () => LoginThrottle][] = [
  ['the memory throttle', () => new MemoryThrottle()],
  ['the Redis throttle', () => new RedisThrottle(connection)],
  ['the PostgreSQL throttle', () => new PostgresThrottle(pool())],
];

const T0 = 1_800_000_000_000;
const SECOND = 1000;
let n = 0;
const bucket = (limit = 3): Bucket => ({ key: `name:test-${process.pid}-${++n}`, limit });
const id = () => `r-${++n}`;

describe.each(throttles)('%s', (_name, make) => {
  let throttle: LoginThrottle;
  beforeAll(() => {
    throttle = make();
  });
  /** Reserves `times` attempts that all turn out wrong; the last one's answer. */
  const failTimes = async (buckets: Bucket[], times: number, at: number) => {
    let locked = 0;
    for (let i = 0; i < times; i++) locked = await throttle.reserve(buckets, 60, at, id());
    return locked;
  };
  /** How long the buckets stay locked: a reservation refused says so, and one admitted is given back. */
  const lockedFor = async (buckets: Bucket[], at: number) => {
    const probe = id();
    const locked = await throttle.reserve(buckets, 60, at, probe);
    if (locked === 0) await throttle.release(buckets, probe, at);
    return locked;
  };

  it('admits as many attempts as the limit, the last of them locking the bucket for the lock time', async () => {
    const b = bucket(3);
    expect(await failTimes([b], 3, T0)).toBe(0);
    expect(await throttle.reserve([b], 60, T0, id())).toBe(60 * SECOND);
    expect(await lockedFor([b], T0 + 10 * SECOND)).toBe(50 * SECOND);
  });

  it('admits no more than the limit out of a crowd reserving at once', async () => {
    for (const crowd of [20, 40, 64]) {
      const b = bucket(5);
      const answers = await Promise.all(Array.from({ length: crowd }, () => throttle.reserve([b], 60, T0, id())));
      expect(answers.filter((locked) => locked === 0), `${crowd} at once`).toHaveLength(5);
      expect(answers.filter((locked) => locked === 60 * SECOND)).toHaveLength(crowd - 5);
    }
  });

  it('lets a lock decay by itself', async () => {
    const b = bucket(3);
    await failTimes([b], 3, T0);
    expect(await lockedFor([b], T0 + 60 * SECOND)).toBe(0);
  });

  it('doubles the lock each time the same bucket locks again, up to the longest lock', async () => {
    const b = bucket(2);
    const locks = [];
    let at = T0;
    for (let i = 0; i < 8; i++) {
      await failTimes([b], 2, at);
      locks.push(await lockedFor([b], at));
      at += locks.at(-1)!;
    }
    expect(locks.map((ms) => ms / SECOND)).toEqual([60, 120, 240, 480, 960, 1920, MAX_LOCK_SECONDS, MAX_LOCK_SECONDS]);
  });

  it('forgets old lockouts after a day, and failures outside the window', async () => {
    const b = bucket(2);
    await failTimes([b], 2, T0);
    const later = T0 + LOCKOUT_MEMORY_SECONDS * SECOND;
    await failTimes([b], 2, later);
    expect(await lockedFor([b], later)).toBe(60 * SECOND);
    const c = bucket(2);
    await failTimes([c], 1, T0);
    await failTimes([c], 1, T0 + WINDOW_SECONDS * SECOND);
    expect(await lockedFor([c], T0 + WINDOW_SECONDS * SECOND)).toBe(0);
  });

  it('counts an attempt in every bucket, refuses it whole while any is locked, and the longest lock counts', async () => {
    const [name, ip] = [bucket(2), { key: `ip:test-${++n}`, limit: 3 }];
    await failTimes([name, ip], 2, T0);
    expect(await lockedFor([name], T0)).toBe(60 * SECOND);
    expect(await lockedFor([ip], T0)).toBe(0);
    // Refused whole: the IP's bucket did not count the refused attempt.
    expect(await throttle.reserve([name, ip], 60, T0, id())).toBe(60 * SECOND);
    const other = bucket(2);
    // The IP reaches its limit through another name: an attempt from it is locked whatever its name.
    await failTimes([other, ip], 1, T0);
    expect(await lockedFor([bucket(2), ip], T0)).toBe(60 * SECOND);
  });

  it('gives a good attempt back: one failure fewer, and nothing else', async () => {
    const b = bucket(4);
    await failTimes([b], 2, T0);
    const good = id();
    expect(await throttle.reserve([b], 60, T0, good)).toBe(0);
    await throttle.release([b], good, T0);
    // Two failures remain: the next wrong attempt is the third, and the one after it locks.
    await failTimes([b], 1, T0);
    expect(await lockedFor([b], T0)).toBe(0);
    await failTimes([b], 1, T0);
    expect(await lockedFor([b], T0)).toBe(60 * SECOND);
  });

  it('takes back the lock that a good attempt set when it reached the limit, and only that one', async () => {
    const b = bucket(3);
    await failTimes([b], 2, T0);
    const good = id();
    await throttle.reserve([b], 60, T0, good);
    expect(await lockedFor([b], T0)).toBe(60 * SECOND);
    await throttle.release([b], good, T0);
    expect(await lockedFor([b], T0)).toBe(0);
    // The lockout it set is not remembered either: the next lock is a first one.
    await failTimes([b], 1, T0);
    expect(await lockedFor([b], T0)).toBe(60 * SECOND);
    // An attempt admitted before another locked the bucket gives back its failure, not that lock.
    const c = bucket(2);
    const early = id();
    await throttle.reserve([c], 60, T0, early);
    await failTimes([c], 1, T0);
    await throttle.release([c], early, T0);
    expect(await lockedFor([c], T0)).toBe(60 * SECOND);
  });

  it('leaves nothing behind when good attempts crowd its limit, whatever order they end in', async () => {
    // Four admitted, then the fifth locks; the four end first, the locking one last.
    const b = bucket(5);
    const early = [id(), id(), id(), id()];
    for (const r of early) await throttle.reserve([b], 60, T0, r);
    const last = id();
    await throttle.reserve([b], 60, T0, last);
    for (const r of early) await throttle.release([b], r, T0);
    await throttle.release([b], last, T0);
    expect(await failTimes([b], 4, T0)).toBe(0);
    expect(await lockedFor([b], T0)).toBe(0);
    // Twenty good logins at once, each ending after a random wait, as a crowd of right passwords does.
    const c = bucket(5);
    const login = async () => {
      const r = id();
      if ((await throttle.reserve([c], 60, T0, r)) > 0) return;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
      await throttle.release([c], r, T0);
    };
    await Promise.all(Array.from({ length: 20 }, login));
    expect(await failTimes([c], 4, T0)).toBe(0);
    expect(await lockedFor([c], T0)).toBe(0);
  });
});

describe('the Redis throttle', () => {
  it('lets a bucket expire once nothing in it matters, so the store never grows without bound', async () => {
    const throttle = new RedisThrottle(connection);
    const b = bucket(5);
    await throttle.reserve([b], 60, Date.now(), id());
    const ttl = await connection.run((c) => c.pTTL(`throttle:${b.key}`));
    expect(ttl).toBeGreaterThan(WINDOW_SECONDS * SECOND - 5 * SECOND);
    expect(ttl).toBeLessThanOrEqual(WINDOW_SECONDS * SECOND);
  });

  it('reserves once across two connections, as two instances of the app would', async () => {
    const second = new RedisConnection(redis.url);
    try {
      const [a, b] = [new RedisThrottle(connection), new RedisThrottle(second)];
      const shared = bucket(5);
      const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).reserve([shared], 60, T0, id())));
      expect(answers.filter((locked) => locked === 0)).toHaveLength(5);
    } finally {
      await second.close();
    }
  });
});

describe('the PostgreSQL throttle', () => {
  it('reserves once across two pools, as two instances of the app would', async () => {
    const [a, b] = [new PostgresThrottle(pool()), new PostgresThrottle(pool())];
    const shared = bucket(5);
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).reserve([shared], 60, T0, id())));
    expect(answers.filter((locked) => locked === 0)).toHaveLength(5);
  });

  it('deletes buckets nothing matters in any more as attempts come, so the table never grows without bound', async () => {
    const db = pool();
    const throttle = new PostgresThrottle(db);
    const [old, fresh] = [bucket(5), bucket(5)];
    await throttle.reserve([old], 60, T0, id());
    await throttle.reserve([fresh], 60, T0 + WINDOW_SECONDS * SECOND, id());
    const kept = await db.query<{ key: string }>('SELECT key FROM throttle_buckets WHERE key = ANY($1)', [[old.key, fresh.key]]);
    expect(kept.map((row) => row.key)).toEqual([fresh.key]);
  });
});
