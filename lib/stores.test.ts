import { createClient } from 'redis';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { startRedisServer, type RedisServer } from '@/test/redis-server';
import { getStores, type Stores } from './stores';
import { changeRole, removeUser } from './users/accounts';
import type { SeedUser } from './users/config';

// The seeds as the app applies them: through getStores, on a real Redis, across a reconnection
// and a restart of Redis.

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
