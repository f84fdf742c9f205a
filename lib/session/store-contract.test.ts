import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { migratedDatabase } from '@/test/postgres-databases';
import { startRedisServer, type RedisServer } from '@/test/redis-server';
import { MemoryStore } from './memory-store';
import { PostgresConnection } from '../store/postgres';
import { RedisConnection, STORE_TIMEOUT_MS } from '../store/redis';
import { PostgresSessionStore } from './postgres-store';
import { RedisStore } from './redis-store';
import { ROTATION_DEADLINE_MS } from './sessions';
import { MAX_SESSIONS_PER_USER, type SessionRecord, type SessionStore } from './store';

// One contract, run against every store: the memory store of development, a real redis-server and
// a real PostgreSQL (a database of the suite's own).

let redis: RedisServer;
const connections: { close(): Promise<void> }[] = [];
/** A Redis store on a connection of its own, closed after the suite. */
function redisStore(url: string) {
  const connection = new RedisConnection(url);
  connections.push(connection);
  return new RedisStore(connection);
}
/** A PostgreSQL store on a pool of its own, closed after the suite. */
function postgresStore(url: string) {
  const connection = new PostgresConnection(url);
  connections.push(connection);
  return new PostgresSessionStore(connection);
}
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await Promise.all(connections.map((c) => c.close()));
  await redis.dispose();
});

const stores: [string, () => Promise<SessionStore>][] = [
  ['the memory store', async () => new MemoryStore()],
  ['the Redis store', async () => redisStore(redis.url)],
  ['the PostgreSQL store', async () => postgresStore(await migratedDatabase())],
];

const HOUR = 3_600_000;
const GRACE = 10_000;
let counter = 0;
const sid = () => `sid-${process.pid}-${++counter}`;
const record = (jti = 'jti-1', userId = 'user-alice', createdAt = 1_700_000_000_000): SessionRecord => ({
  userId,
  user: 'alice',
  role: 'admin',
  accessTtl: 300,
  end: 2_000_000_000,
  jti,
  iat: 1_800_000_000,
  createdAt,
  refreshedAt: null,
  userAgent: 'Chrome 159 on Linux',
});

describe.each(stores)('%s', (_name, makeStore) => {
  let store: SessionStore;
  beforeAll(async () => {
    store = await makeStore();
  });

  async function started(now = Date.now()) {
    const id = sid();
    await store.create(id, record(), now + HOUR);
    return id;
  }
  const rotate = (id: string, presented: string, nextJti: string, now: number, graceMs = GRACE) =>
    store.rotate(id, { presented, next: { jti: nextJti, iat: 1_800_000_100 }, now, graceMs, refreshExpiresAt: now + HOUR, deadline: Date.now() + HOUR });

  it('keeps a new session live, and knows no session it never stored', async () => {
    const id = await started();
    expect(await store.isLive(id, Date.now())).toBe(true);
    expect(await store.isLive('never-issued', Date.now())).toBe(false);
  });

  describe("the pages' check of a session's use", () => {
    const MINUTE = 60_000;
    const use = { idleMs: 30 * MINUTE, writeEveryMs: MINUTE };
    async function startedAt(now: number, changes: Partial<SessionRecord> = {}) {
      const id = sid();
      await store.create(id, { ...record('jti-1', `user-${id}`, now), ...changes }, Date.now() + HOUR);
      return id;
    }

    it('sees a session used within the idle timeout, each use moving it on, and ends one idle longer', async () => {
      const now = Date.now();
      const id = await startedAt(now);
      expect(await store.seen(id, now + 29 * MINUTE, use)).toBe(true);
      expect(await store.seen(id, now + 58 * MINUTE, use)).toBe(true);
      expect(await store.seen(id, now + 88 * MINUTE, use)).toBe(false);
      expect(await store.isLive(id, Date.now())).toBe(false);
      expect(await store.seen('never-issued', now, use)).toBe(false);
    });

    it('writes a use at most once per interval, so the timeout counts from up to that long before', async () => {
      const now = Date.now();
      const id = await startedAt(now);
      // Within the first minute: not written, so the timeout still counts from the start.
      expect(await store.seen(id, now + MINUTE - 1, use)).toBe(true);
      expect(await store.seen(id, now + 30 * MINUTE, use)).toBe(false);
    });

    it('counts a refresh as a use', async () => {
      const now = Date.now();
      const id = await startedAt(now);
      await rotate(id, 'jti-1', 'jti-2', now + 20 * MINUTE);
      expect(await store.seen(id, now + 45 * MINUTE, use)).toBe(true);
    });

    it('never sees a session at or past its end, however recently used', async () => {
      const now = Date.now();
      const id = await startedAt(now, { end: Math.floor(now / 1000) + 60 });
      expect(await store.seen(id, now + 59_000, use)).toBe(true);
      expect(await store.seen(id, Math.floor(now / 1000) * 1000 + 60_000, use)).toBe(false);
    });

    it('keeps the key of a session in use past its refresh token, for another idle period', async () => {
      const now = Date.now();
      const id = sid();
      await store.create(id, { ...record('jti-1', `user-${id}`, now), accessTtl: 0 }, now + 200);
      expect(await store.seen(id, now, { idleMs: 5000, writeEveryMs: 0 })).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(await store.isLive(id, Date.now())).toBe(true);
    });
  });

  it('ends a session on revoke, and revoking it again is fine', async () => {
    const id = await started();
    await store.revoke(id);
    expect(await store.isLive(id, Date.now())).toBe(false);
    await expect(store.revoke(id)).resolves.toBeUndefined();
  });

  it('forgets a session once it expires, so the store never grows without bound', async () => {
    const id = sid();
    // Long enough that a loaded machine's slow create does not outlast it (Redis expires by its own clock).
    const created = Date.now();
    await store.create(id, record(), created + 1000);
    expect(await store.isLive(id, created)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await store.isLive(id, Date.now())).toBe(false);
    expect(await rotate(id, 'jti-1', 'jti-2', Date.now())).toEqual({ outcome: 'unknown' });
  });

  it('never keeps a rotated session past its end plus one access token\'s life', async () => {
    const now = Date.now();
    const id = sid();
    // It ends within the next second, and its access tokens live a second.
    const ending = { ...record(), end: Math.floor(now / 1000) + 1, accessTtl: 1 };
    await store.create(id, ending, now + HOUR);
    const rotation = await store.rotate(id, { presented: 'jti-1', next: { jti: 'jti-2', iat: 1 }, now, graceMs: GRACE, refreshExpiresAt: now + HOUR, deadline: now + HOUR });
    expect(rotation.outcome).toBe('rotated');
    expect(await store.isLive(id, Date.now())).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect(await store.isLive(id, Date.now())).toBe(false);
  });

  it('never rotates a session past its end, though it lingers for its last access tokens', async () => {
    const now = Date.now();
    const id = sid();
    await store.create(id, { ...record(), end: Math.floor(now / 1000) }, now + HOUR);
    expect(await rotate(id, 'jti-1', 'jti-2', now + 1000)).toEqual({ outcome: 'unknown' });
    expect(await store.isLive(id, now + 1000)).toBe(true);
  });

  it('rotates the live refresh token to its successor', async () => {
    const now = Date.now();
    const id = await started(now);
    expect(await rotate(id, 'jti-1', 'jti-2', now)).toEqual({
      outcome: 'rotated',
      session: { ...record(), jti: 'jti-2', iat: 1_800_000_100, refreshedAt: now },
    });
    expect(await store.isLive(id, now)).toBe(true);
  });

  it('answers a spent token within the grace window with the same successor, and no new branch', async () => {
    const now = Date.now();
    const id = await started(now);
    await rotate(id, 'jti-1', 'jti-2', now);
    const again = await rotate(id, 'jti-1', 'jti-3', now + GRACE - 1);
    expect(again).toMatchObject({ outcome: 'replayed', session: { jti: 'jti-2' } });
    // The successor is still the live token: it rotates normally.
    expect(await rotate(id, 'jti-2', 'jti-4', now + GRACE - 1)).toMatchObject({ outcome: 'rotated', session: { jti: 'jti-4' } });
  });

  it('revokes the whole session when a spent token comes back after the grace window', async () => {
    const now = Date.now();
    const id = await started(now);
    await rotate(id, 'jti-1', 'jti-2', now);
    expect(await rotate(id, 'jti-1', 'jti-3', now + GRACE)).toEqual({ outcome: 'reused' });
    expect(await store.isLive(id, now + GRACE)).toBe(false);
    // The successor dies with it.
    expect(await rotate(id, 'jti-2', 'jti-4', now + GRACE)).toEqual({ outcome: 'unknown' });
  });

  it('revokes the session for a token two rotations old, even within the grace window', async () => {
    const now = Date.now();
    const id = await started(now);
    await rotate(id, 'jti-1', 'jti-2', now);
    await rotate(id, 'jti-2', 'jti-3', now + 1);
    expect(await rotate(id, 'jti-1', 'jti-4', now + 2)).toEqual({ outcome: 'reused' });
    expect(await store.isLive(id, now + 2)).toBe(false);
  });

  it('allows no replay at all with a grace window of 0', async () => {
    const now = Date.now();
    const id = await started(now);
    await rotate(id, 'jti-1', 'jti-2', now, 0);
    expect(await rotate(id, 'jti-1', 'jti-3', now, 0)).toEqual({ outcome: 'reused' });
  });

  it('tells which refresh token the last rotation spent, and when; nothing before the first', async () => {
    const now = Date.now();
    const id = await started(now);
    expect(await store.spent(id, now)).toBeNull();
    await rotate(id, 'jti-1', 'jti-2', now);
    expect(await store.spent(id, now)).toEqual({ jti: 'jti-1', iat: record().iat, rotatedAt: now, end: record().end });
    await rotate(id, 'jti-2', 'jti-3', now + 5);
    expect(await store.spent(id, now + 5)).toEqual({ jti: 'jti-2', iat: 1_800_000_100, rotatedAt: now + 5, end: record().end });
    await store.revoke(id);
    expect(await store.spent(id, now + 5)).toBeNull();
  });

  it('does nothing with a rotation that arrives after its deadline, and says it came too late', async () => {
    const now = Date.now();
    const id = await started(now);
    const late = { presented: 'jti-1', next: { jti: 'jti-2', iat: 1_800_000_100 }, now, graceMs: GRACE, refreshExpiresAt: now + HOUR, deadline: Date.now() - 1 };
    expect(await store.rotate(id, late)).toEqual({ outcome: 'late' });
    // The session is as it was: its live token still rotates, and nothing was spent.
    expect(await store.spent(id, now)).toBeNull();
    expect(await rotate(id, 'jti-1', 'jti-2', now)).toMatchObject({ outcome: 'rotated' });
  });

  it('lists a user\'s live sessions, oldest first, and no one else\'s', async () => {
    const user = `user-${sid()}`;
    const now = Date.now();
    const [first, second] = [sid(), sid()];
    await store.create(second, record('a', user, now - 1000), now + HOUR);
    await store.create(first, record('b', user, now - 2000), now + HOUR);
    await store.create(sid(), record('c', `other-${user}`), now + HOUR);
    expect(await store.listForUser(user, now)).toEqual([
      { sid: first, createdAt: now - 2000, refreshedAt: null, userAgent: 'Chrome 159 on Linux' },
      { sid: second, createdAt: now - 1000, refreshedAt: null, userAgent: 'Chrome 159 on Linux' },
    ]);
    await rotate(second, 'a', 'a2', now);
    expect((await store.listForUser(user, now))[1]).toMatchObject({ sid: second, refreshedAt: now });
    await store.revoke(first);
    expect((await store.listForUser(user, now)).map((s) => s.sid)).toEqual([second]);
  });

  it('leaves out of the list a session that has expired', async () => {
    const user = `user-${sid()}`;
    const gone = sid();
    await store.create(gone, record('a', user), Date.now() + 100);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await store.listForUser(user, Date.now())).toEqual([]);
  });

  it('ends one of a user\'s sessions, but not another user\'s', async () => {
    const user = `user-${sid()}`;
    const [mine, theirs] = [sid(), sid()];
    await store.create(mine, record('a', user), Date.now() + HOUR);
    await store.create(theirs, record('b', `other-${user}`), Date.now() + HOUR);
    expect(await store.revokeForUser(user, theirs)).toBe(false);
    expect(await store.isLive(theirs, Date.now())).toBe(true);
    expect(await store.revokeForUser(user, mine)).toBe(true);
    expect(await store.isLive(mine, Date.now())).toBe(false);
    expect(await store.revokeForUser(user, mine)).toBe(false);
  });

  it('ends every session of a user but the one kept, and says how many', async () => {
    const user = `user-${sid()}`;
    const sids = [sid(), sid(), sid()];
    for (const id of sids) await store.create(id, record('a', user), Date.now() + HOUR);
    const other = sid();
    await store.create(other, record('a', `other-${user}`), Date.now() + HOUR);
    expect(await store.revokeAllForUser(user, sids[0])).toBe(2);
    expect(await Promise.all(sids.map((id) => store.isLive(id, Date.now())))).toEqual([true, false, false]);
    expect(await store.isLive(other, Date.now())).toBe(true);
    expect(await store.revokeAllForUser(user)).toBe(1);
    expect(await store.listForUser(user, Date.now())).toEqual([]);
  });

  it(`keeps at most ${MAX_SESSIONS_PER_USER} sessions per user, ending the oldest for a new one`, async () => {
    const user = `user-${sid()}`;
    const now = Date.now();
    const sids = Array.from({ length: MAX_SESSIONS_PER_USER }, () => sid());
    for (const [i, id] of sids.entries()) await store.create(id, record('a', user, now - 100_000 + i), now + HOUR);
    const newest = sid();
    await store.create(newest, record('a', user, now), now + HOUR);
    const listed = (await store.listForUser(user, now)).map((s) => s.sid);
    expect(listed).toHaveLength(MAX_SESSIONS_PER_USER);
    expect(listed).not.toContain(sids[0]);
    expect(listed.at(-1)).toBe(newest);
    expect(await store.isLive(sids[0]!, now)).toBe(false);
  });

  it(`keeps at most ${MAX_SESSIONS_PER_USER} sessions per user when twenty logins come at once`, async () => {
    const user = `user-${sid()}`;
    const now = Date.now();
    for (let i = 0; i < MAX_SESSIONS_PER_USER; i++) await store.create(sid(), record('a', user, now - 100_000 + i), now + HOUR);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.create(sid(), record('a', user, now + i), now + HOUR)));
    expect(await store.listForUser(user, now)).toHaveLength(MAX_SESSIONS_PER_USER);
  });

  it('lets twenty concurrent rotations of one token make exactly one successor', async () => {
    const now = Date.now();
    const id = await started(now);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => rotate(id, 'jti-1', `next-${i}`, now)));
    expect(results.filter((r) => r.outcome === 'rotated')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'replayed')).toHaveLength(19);
    const successors = new Set(results.map((r) => ('session' in r ? r.session.jti : null)));
    expect(successors.size).toBe(1);
    expect(await store.isLive(id, now)).toBe(true);
  });
});

describe('the PostgreSQL store', () => {
  it('deletes sessions whose time is up as new ones are stored, so the table never grows without bound', async () => {
    const url = await migratedDatabase();
    const store = postgresStore(url);
    const db = new PostgresConnection(url);
    connections.push(db);
    const rows = async () => Number((await db.query<{ count: string }>('SELECT count(*) FROM sessions'))[0]!.count);
    for (let i = 0; i < 5; i++) await store.create(sid(), record('a', `user-${sid()}`), Date.now() + 100);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await store.create(sid(), record(), Date.now() + HOUR);
    expect(await rows()).toBe(1);
  });

  it('rotates a token once across two pools, as two instances of the app would', async () => {
    const url = await migratedDatabase();
    const [a, b] = [postgresStore(url), postgresStore(url)];
    const id = sid();
    const now = Date.now();
    await a.create(id, record(), now + HOUR);
    const request = (i: number) => ({ presented: 'jti-1', next: { jti: `next-${i}`, iat: 1 }, now, graceMs: GRACE, refreshExpiresAt: now + HOUR, deadline: Date.now() + HOUR });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).rotate(id, request(i))));
    expect(results.filter((r) => r.outcome === 'rotated')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'replayed')).toHaveLength(19);
  });
});

describe('the Redis store when Redis is down', () => {
  it('fails closed with StoreUnavailableError, logs the outage once, and recovers by itself when Redis is back', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const outage = await startRedisServer();
    const store: SessionStore = redisStore(outage.url);
    const id = sid();
    await store.create(id, record(), Date.now() + HOUR);

    await outage.stop();
    await expect(store.isLive(id, Date.now())).rejects.toMatchObject({ name: 'StoreUnavailableError' });
    await expect(store.rotate(id, { presented: 'jti-1', next: { jti: 'x', iat: 1 }, now: Date.now(), graceMs: 0, refreshExpiresAt: Date.now() + HOUR, deadline: Date.now() + 1500 }))
      .rejects.toMatchObject({ name: 'StoreUnavailableError' });

    await expect(store.isLive(id, Date.now())).rejects.toMatchObject({ name: 'StoreUnavailableError' });
    expect(log.mock.calls.filter(([line]) => String(line).startsWith('Redis is unreachable'))).toHaveLength(1);

    await outage.start();
    // Nothing persisted across the restart: the session is gone, but the store answers again.
    await expect.poll(() => store.isLive(id, Date.now()).catch(() => 'down'), { timeout: 10_000 }).toBe(false);
    expect(log).toHaveBeenLastCalledWith('Redis is reachable again.');
    await outage.dispose();
    log.mockRestore();
  });
});

describe('the Redis store when Redis is frozen', () => {
  it('answers every call within its bound, and a rotation that runs late, once Redis is back, changes nothing', { timeout: 20_000 }, async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const frozen = await startRedisServer();
    const store: SessionStore = redisStore(frozen.url);
    const id = sid();
    const now = Date.now();
    await store.create(id, record(), now + HOUR);

    frozen.freeze();
    const timed = async (call: Promise<unknown>) => {
      const started = performance.now();
      await expect(call).rejects.toMatchObject({ name: 'StoreUnavailableError' });
      return performance.now() - started;
    };
    const request = () => ({ presented: 'jti-1', next: { jti: 'jti-2', iat: 1_800_000_100 }, now: Date.now(), graceMs: 0, refreshExpiresAt: Date.now() + HOUR, deadline: Date.now() + ROTATION_DEADLINE_MS });
    const waits = await Promise.all([
      timed(store.isLive(id, Date.now())),
      timed(store.rotate(id, request())),
      timed(store.create(sid(), record(), Date.now() + HOUR)),
      timed(store.revoke(sid())),
      timed(store.spent(id, Date.now())),
    ]);
    for (const ms of waits) expect(ms).toBeLessThan(STORE_TIMEOUT_MS + 500);
    // Thawed well after the rotation's deadline: Redis now runs the rotation it was sent.
    await new Promise((resolve) => setTimeout(resolve, 500));
    frozen.thaw();

    // The session is as it was before the freeze: the same refresh token rotates, with no grace needed.
    await expect.poll(() => store.isLive(id, Date.now()).catch(() => 'down'), { timeout: 10_000 }).toBe(true);
    expect(await store.spent(id, Date.now())).toBeNull();
    expect(await store.rotate(id, request())).toMatchObject({ outcome: 'rotated', session: { jti: 'jti-2' } });
    // Said once each way, however many calls timed out.
    expect(log.mock.calls.map(([line]) => String(line))).toEqual([
      'Redis did not answer within 2000 ms; session routes answer 503 until it does.',
      'Redis is answering again.',
    ]);
    await frozen.dispose();
    vi.restoreAllMocks();
  });
});

describe('the Redis store on a cold start', () => {
  it('answers the first calls, however many come at once, once its connection is up: none fails for want of it', async () => {
    const store: SessionStore = redisStore(redis.url);
    const answers = await Promise.allSettled(Array.from({ length: 10 }, () => store.isLive('never-issued', Date.now())));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill('fulfilled'));
  });
});
