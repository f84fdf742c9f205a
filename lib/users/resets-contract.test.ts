import { afterAll, describe, expect, it } from 'vitest';
import { migratedDatabase } from '@/test/postgres-databases';
import { PostgresConnection } from '../store/postgres';
import type { UserDirectory } from './directory';
import { MemoryDirectory } from './memory-directory';
import { MemoryResets } from './memory-resets';
import { PostgresDirectory } from './postgres-directory';
import { PostgresResets } from './postgres-resets';
import type { ResetStore } from './resets';

// One contract, run against every reset store: memory, and a real PostgreSQL (a fresh database for
// each set of peers, which share it as instances do).

const connections: PostgresConnection[] = [];
afterAll(async () => {
  await Promise.all(connections.map((c) => c.close()));
});

// `peers`: stores that share one store as instances do, and the directory their users live in.
type Backend = [name: string, peers: (count: number) => Promise<{ resets: ResetStore[]; users: UserDirectory }>];
const backends: Backend[] = [
  ['the memory store', async (count) => ({ resets: Array<ResetStore>(count).fill(new MemoryResets()), users: new MemoryDirectory() })],
  ['the PostgreSQL store', async (count) => {
    const url = await migratedDatabase();
    const open = () => {
      const connection = new PostgresConnection(url);
      connections.push(connection);
      return connection;
    };
    return { resets: Array.from({ length: count }, () => new PostgresResets(open())), users: new PostgresDirectory(open()) };
  }],
];

let counter = 0;
const HOUR = 3_600_000;

describe.each(backends)('%s', (_name, peers) => {
  async function oneStore() {
    const { resets: [resets], users } = await peers(1);
    const user = async () => {
      const id = `user-${++counter}`;
      await users.create({ id, name: id, passwordHash: '$argon2id$x', role: 'user', createdAt: Date.now() });
      return id;
    };
    return { resets: resets!, users, user };
  }

  it('finds a live link by its hash and leaves it live; using it gives its user once', async () => {
    const { resets, user } = await oneStore();
    const ann = await user();
    const now = Date.now();
    await resets.create('hash-ann', { userId: ann, expiresAt: now + HOUR });
    expect(await resets.peek('hash-ann', now)).toBe(ann);
    expect(await resets.peek('hash-ann', now)).toBe(ann);
    expect(await resets.consume('hash-ann', now)).toBe(ann);
    expect(await resets.consume('hash-ann', now)).toBeNull();
    expect(await resets.peek('hash-ann', now)).toBeNull();
  });

  it('finds no link that has ended or was never made, and uses none', async () => {
    const { resets, user } = await oneStore();
    const ben = await user();
    const now = Date.now();
    await resets.create('hash-ben', { userId: ben, expiresAt: now + 1000 });
    expect(await resets.peek('hash-ben', now + 1000)).toBeNull();
    expect(await resets.consume('hash-ben', now + 1000)).toBeNull();
    expect(await resets.peek('hash-nobody', now)).toBeNull();
    expect(await resets.consume('hash-nobody', now)).toBeNull();
  });

  it('keeps one link a user: a new one ends the one before, and leaves other users\' alone', async () => {
    const { resets, user } = await oneStore();
    const [cat, dan] = [await user(), await user()];
    const now = Date.now();
    await resets.create('hash-cat-1', { userId: cat, expiresAt: now + HOUR });
    await resets.create('hash-dan', { userId: dan, expiresAt: now + HOUR });
    await resets.create('hash-cat-2', { userId: cat, expiresAt: now + HOUR });
    expect(await resets.peek('hash-cat-1', now)).toBeNull();
    expect(await resets.peek('hash-cat-2', now)).toBe(cat);
    expect(await resets.peek('hash-dan', now)).toBe(dan);
  });

  it('gives a link to exactly one of twenty uses at once, on several instances', async () => {
    const { resets: shared, users } = await peers(10);
    const id = `user-${++counter}`;
    await users.create({ id, name: id, passwordHash: '$argon2id$x', role: 'user', createdAt: Date.now() });
    const now = Date.now();
    await shared[0]!.create('hash-race', { userId: id, expiresAt: now + HOUR });
    // Every instance's connection opens first, so that the twenty uses run side by side.
    await Promise.all(shared.map((peer) => peer.peek('hash-warm', now)));
    const used = await Promise.all(Array.from({ length: 20 }, (_, i) => shared[i % 10]!.consume('hash-race', now)));
    expect(used.filter((user) => user === id)).toHaveLength(1);
    expect(used.filter((user) => user === null)).toHaveLength(19);
  });
});
