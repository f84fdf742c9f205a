import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { migrate, migratedDatabase } from '@/test/postgres-databases';
import { startPostgresServer } from '@/test/postgres-server';
import { startRedisServer, type RedisServer } from '@/test/redis-server';
import type { SessionRecord } from './session/store';
import { loadStoreChoice } from './store/config';
import { PostgresConnection } from './store/postgres';
import { getStores, openStores, type OpenedStores } from './stores';
import { createUser } from './users/accounts';
import type { SeedUser } from './users/config';
import { seedDirectory } from './users/seeds';

// Where each configuration keeps each kind of data, seen from outside the stores: a session in the
// PostgreSQL table or under its Redis key, users that a new pool (an instance started again) still
// finds, or that are gone with the process. And the seeds as the app applies them, through
// getStores, once per database and again after one came back without them.

const PASSWORD_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaA';
const SEEDS: SeedUser[] = [
  { name: 'alice', role: 'admin', secret: { hash: PASSWORD_HASH } },
  { name: 'bob', role: 'user', secret: { hash: PASSWORD_HASH } },
];
const HOUR = 3_600_000;

let redis: RedisServer;
const closing: { close(): Promise<void> }[] = [];
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await Promise.all(closing.map((c) => c.close()));
  await redis.dispose();
});

/** Stores for the environment, as a server started with it opens them. */
function started(env: Record<string, string>): OpenedStores {
  const choice = loadStoreChoice(env);
  if (choice.kind === 'none') throw new Error('No store for this environment.');
  return openStores(choice);
}

let counter = 0;
/** A session started through the stores; its id. */
async function sessionIn(stores: OpenedStores): Promise<string> {
  const sid = `sid-${process.pid}-${++counter}`;
  const now = Date.now();
  const session: SessionRecord = { userId: 'user-1', user: 'dana', role: 'user', accessTtl: 300, end: Math.floor(now / 1000) + 3600, jti: 'j', iat: 1, createdAt: now, refreshedAt: null, userAgent: '' };
  await stores.sessions.create(sid, session, now + HOUR);
  return sid;
}

async function inPostgres(url: string, sql: string, values: unknown[]): Promise<number> {
  const db = new PostgresConnection(url);
  try {
    return (await db.query(sql, values)).length;
  } finally {
    await db.close();
  }
}

async function inRedis(key: string): Promise<boolean> {
  const client = createClient({ url: redis.url });
  await client.connect();
  try {
    return (await client.exists(key)) === 1;
  } finally {
    await client.close();
  }
}

async function dana(stores: OpenedStores) {
  const created = await createUser(stores, { name: `dana-${++counter}`, password: 'correct horse battery', role: 'user' });
  if (typeof created === 'string') throw new Error(`createUser: ${created}`);
  return created;
}

describe('with DATABASE_URL alone', () => {
  it('keeps sessions, throttle buckets, users and to-dos in PostgreSQL: an instance started again, with a new pool, finds them all', async () => {
    const env = { NODE_ENV: 'production', DATABASE_URL: await migratedDatabase() };
    const before = started(env);
    const sid = await sessionIn(before);
    const user = await dana(before);
    await before.todos.add(user.id, { id: crypto.randomUUID(), text: 'milk', complete: false, createdAt: 1, updatedAt: 1 });
    expect(await before.throttle.reserve([{ key: 'name:dana', limit: 1 }], 60, Date.now(), 'r1')).toBe(0);
    await before.close();

    expect(await inPostgres(env.DATABASE_URL, 'SELECT 1 FROM sessions WHERE sid = $1', [sid])).toBe(1);
    expect(await inPostgres(env.DATABASE_URL, 'SELECT 1 FROM throttle_buckets WHERE key = $1', ['name:dana'])).toBe(1);
    const after = started(env);
    closing.push(after);
    expect(await after.sessions.isLive(sid, Date.now())).toBe(true);
    expect(await after.users.byName(user.name.toUpperCase())).toMatchObject({ id: user.id, role: 'user' });
    expect((await after.todos.list(user.id)).map((todo) => todo.text)).toEqual(['milk']);
    // The lock the first instance's attempt set holds in the second.
    expect(await after.throttle.reserve([{ key: 'name:dana', limit: 1 }], 60, Date.now(), 'r2')).toBeGreaterThan(0);
  });
});

describe('with DATABASE_URL and REDIS_URL', () => {
  it('keeps sessions in Redis, not in PostgreSQL, and users and to-dos in PostgreSQL across a restart', async () => {
    const env = { NODE_ENV: 'production', DATABASE_URL: await migratedDatabase(), REDIS_URL: redis.url };
    const before = started(env);
    const sid = await sessionIn(before);
    const user = await dana(before);
    await before.close();

    expect(await inRedis(`session:${sid}`)).toBe(true);
    expect(await inPostgres(env.DATABASE_URL, 'SELECT 1 FROM sessions WHERE sid = $1', [sid])).toBe(0);
    const after = started(env);
    closing.push(after);
    expect(await after.sessions.isLive(sid, Date.now())).toBe(true);
    expect(await after.users.byId(user.id)).toMatchObject({ name: user.name });
  });
});

describe('with REDIS_URL alone', () => {
  it('in production opens no store, so that nothing is kept where the records would be lost', async () => {
    const choice = loadStoreChoice({ NODE_ENV: 'production', REDIS_URL: redis.url });
    expect(choice.kind).toBe('none');
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('REDIS_URL', redis.url);
    vi.stubEnv('DATABASE_URL', '');
    expect(await getStores(SEEDS)).toBeNull();
    vi.unstubAllEnvs();
  });

  it('in development keeps sessions in Redis and the records in memory: a restart loses the users, not the sessions', async () => {
    const env = { NODE_ENV: 'development', REDIS_URL: redis.url };
    const before = started(env);
    const sid = await sessionIn(before);
    const user = await dana(before);
    expect(await before.users.byId(user.id)).not.toBeNull();
    await before.close();

    const after = started(env);
    closing.push(after);
    expect(await after.sessions.isLive(sid, Date.now())).toBe(true);
    expect(await after.users.byId(user.id)).toBeNull();
  });
});

describe('with neither, in development', () => {
  it('keeps everything in memory: a restart loses the sessions and the users alike', async () => {
    const before = started({ NODE_ENV: 'development' });
    const sid = await sessionIn(before);
    const user = await dana(before);
    expect(await before.sessions.isLive(sid, Date.now())).toBe(true);

    const after = started({ NODE_ENV: 'development' });
    expect(await after.sessions.isLive(sid, Date.now())).toBe(false);
    expect(await after.users.byId(user.id)).toBeNull();
  });
});

describe('the seeds, through getStores', () => {
  it('seeds a database once when two instances start at the same moment, and never again a seed user removed since', async () => {
    const env = { NODE_ENV: 'production', DATABASE_URL: await migratedDatabase() };
    const [one, two] = [started(env), started(env)];
    await Promise.all([seedDirectory(one.users, SEEDS), seedDirectory(two.users, SEEDS)]);
    expect((await one.users.list()).map((user) => user.name).sort()).toEqual(['alice', 'bob']);
    const bob = (await one.users.byName('bob'))!;
    expect(await one.users.remove(bob.id)).toBe('changed');
    await Promise.all([one.close(), two.close()]);

    const again = started(env);
    await seedDirectory(again.users, SEEDS);
    expect((await again.users.list()).map((user) => user.name)).toEqual(['alice']);
    await again.close();
  });

  it('seeds again a database that answers after an outage without its seeds, as one restored from an earlier backup would', { timeout: 30_000 }, async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const server = await startPostgresServer();
    try {
      await migrate(server.url);
      vi.stubEnv('NODE_ENV', 'production');
      vi.stubEnv('DATABASE_URL', server.url);
      vi.stubEnv('REDIS_URL', '');
      const stores = (await getStores(SEEDS))!;
      expect((await stores.users.list()).map((user) => user.name).sort()).toEqual(['alice', 'bob']);

      await server.stop();
      await expect(getStores(SEEDS)).resolves.toBe(stores);
      await expect(stores.users.list()).rejects.toMatchObject({ name: 'StoreUnavailableError' });
      await server.start();
      expect(await inPostgres(server.url, 'DELETE FROM users RETURNING id', [])).toBe(2);
      await inPostgres(server.url, 'DELETE FROM seeded_names', []);

      await expect.poll(async () => (await getStores(SEEDS).then((s) => s!.users.list()).catch(() => [])).map((user) => user.name).sort(), { timeout: 10_000 })
        .toEqual(['alice', 'bob']);
    } finally {
      vi.unstubAllEnvs();
      log.mockRestore();
      await server.dispose();
    }
  });
});
