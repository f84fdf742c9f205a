import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { migratedDatabase } from '@/test/postgres-databases';
import { startRedisServer, type RedisServer } from '@/test/redis-server';
import { loadStoreChoice } from './store/config';
import { getStores, openStores, type Stores } from './stores';
import { changeRole, createUser, removeUser } from './users/accounts';
import type { SeedUser } from './users/config';
import { seedDirectory } from './users/seeds';

// The seeds as the app applies them: through getStores, on a real Redis, across a reconnection
// and a restart of Redis; and the users in PostgreSQL when DATABASE_URL is set, across restarts
// of the app.

const PASSWORD_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaA';
const SEEDS: SeedUser[] = [
  { name: 'alice', role: 'admin', secret: { hash: PASSWORD_HASH } },
  { name: 'bob', role: 'user', secret: { hash: PASSWORD_HASH } },
];

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
  vi.stubEnv('REDIS_URL', redis.url);
  vi.stubEnv('AUTH_STORE', 'redis');
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await redis.dispose();
});

async function killClientConnections() {
  const admin = createClient({ url: redis.url });
  await admin.connect();
  await admin.sendCommand(['CLIENT', 'KILL', 'TYPE', 'normal', 'SKIPME', 'yes']);
  await admin.close();
}

/** The stores once the shared connection has made a new connection (it takes a moment), seeded for it. */
async function storesAfterReconnect(before: number): Promise<Stores> {
  await expect.poll(async () => (await getStores(SEEDS).catch(() => null))?.generation() ?? 0, { timeout: 5000 }).toBeGreaterThan(before);
  return (await getStores(SEEDS))!;
}

it('never adds again a seed user removed, demoted or given another password, after a reconnection to Redis', async () => {
  const stores = (await getStores(SEEDS))!;
  const alice = (await stores.users.byName('alice'))!;
  const bob = (await stores.users.byName('bob'))!;
  const carol = { id: crypto.randomUUID(), name: 'carol', passwordHash: PASSWORD_HASH, role: 'admin' as const, createdAt: Date.now() };
  await stores.users.create(carol);
  expect(await removeUser(stores, alice.id)).toBe('changed');
  expect(await changeRole(stores, bob.id, 'admin')).toMatchObject({ role: 'admin' });

  const before = stores.generation();
  await killClientConnections();
  const again = await storesAfterReconnect(before);

  expect(await again.users.byName('alice')).toBeNull();
  expect(await again.users.byName('bob')).toMatchObject({ id: bob.id, role: 'admin' });
  expect((await again.users.list()).map((user) => user.name)).toEqual(['bob', 'carol']);
});

it('seeds again a Redis that restarted empty: it lost the users and the record of the seeds alike', async () => {
  const before = (await getStores(SEEDS))!.generation();
  await redis.stop();
  await redis.start();
  const stores = await storesAfterReconnect(before);
  expect((await stores.users.list()).map((user) => user.name).sort()).toEqual(['alice', 'bob']);
});

describe('with DATABASE_URL', () => {
  const onPostgres = async () => {
    const choice = loadStoreChoice({ NODE_ENV: 'development', DATABASE_URL: await migratedDatabase() });
    if (choice.kind === 'none') throw new Error('No store for DATABASE_URL.');
    return choice;
  };

  it('keeps the users in PostgreSQL: an instance started again, with a new pool, still finds them and their to-dos', async () => {
    const choice = await onPostgres();
    const before = openStores(choice);
    const dana = await createUser(before, { name: 'dana', password: 'correct horse battery', role: 'user' });
    if (typeof dana === 'string') throw new Error(`createUser: ${dana}`);
    await before.todos.add(dana.id, { id: crypto.randomUUID(), text: 'milk', complete: false, createdAt: 1, updatedAt: 1 });
    await before.close();

    const after = openStores(choice);
    expect(await after.users.byName('DANA')).toMatchObject({ id: dana.id, name: 'dana', role: 'user' });
    expect((await after.todos.list(dana.id)).map((todo) => todo.text)).toEqual(['milk']);
    await after.close();
  });

  it('seeds a database once when two instances start at the same moment, and never again a seed user removed since', async () => {
    const choice = await onPostgres();
    const [one, two] = [openStores(choice), openStores(choice)];
    await Promise.all([seedDirectory(one.users, SEEDS), seedDirectory(two.users, SEEDS)]);
    expect((await one.users.list()).map((user) => user.name).sort()).toEqual(['alice', 'bob']);
    const bob = (await one.users.byName('bob'))!;
    expect(await one.users.remove(bob.id)).toBe('changed');
    await Promise.all([one.close(), two.close()]);

    const again = openStores(choice);
    await seedDirectory(again.users, SEEDS);
    expect((await again.users.list()).map((user) => user.name)).toEqual(['alice']);
    await again.close();
  });
});
