import 'server-only';
import { MemoryStore } from './session/memory-store';
import { PostgresSessionStore } from './session/postgres-store';
import { RedisStore } from './session/redis-store';
import type { SessionStore } from './session/store';
import { MemoryTodos } from './todos/memory-todos';
import { PostgresTodos } from './todos/postgres-todos';
import type { TodoStore } from './todos/store';
import { getStoreChoice, type StoreChoice } from './store/config';
import { PostgresConnection } from './store/postgres';
import { RedisConnection } from './store/redis';
import type { SeedUser } from './users/config';
import type { UserDirectory } from './users/directory';
import { MemoryDirectory } from './users/memory-directory';
import { MemoryThrottle } from './users/memory-throttle';
import { PostgresDirectory } from './users/postgres-directory';
import { PostgresThrottle } from './users/postgres-throttle';
import { RedisThrottle } from './users/redis-throttle';
import { seedDirectory } from './users/seeds';
import type { LoginThrottle } from './users/throttle';

/**
 * Everything the app keeps: the records (users, to-dos) in PostgreSQL or this process's memory,
 * and what expires by itself (sessions, the throttle) in Redis, PostgreSQL or memory.
 */
export interface Stores {
  sessions: SessionStore;
  users: UserDirectory;
  throttle: LoginThrottle;
  todos: TodoStore;
  /**
   * Changes whenever the records' store may have lost what was put in it, so that the seeds are
   * applied again: PostgreSQL answering after an outage (it may be a restored or a new server).
   * Memory loses nothing while the process lives.
   */
  generation(): number;
}

/** Stores with connections of their own, which their opener closes (tests, a server shutting down). */
export type OpenedStores = Stores & { close(): Promise<void> };

// One set of stores per process, shared by every route: each route is bundled apart, so a
// module-level variable would give each its own memory store (and its own connections).
const STORES = Symbol.for('nextjs-jwt-auth.stores');
type Holder = { [STORES]?: { id: string; stores: Stores; seeded?: { seeds: string; done: Promise<void> } } };

/** This process's stores for the choice; null when none is configured (production with neither URL). */
export function sharedStores(choice: StoreChoice): Stores | null {
  if (choice.kind === 'none') return null;
  const id = JSON.stringify(choice);
  const holder = globalThis as Holder;
  if (holder[STORES]?.id !== id) holder[STORES] = { id, stores: openStores(choice) };
  return holder[STORES].stores;
}

/** New stores for the choice, with connections of their own: one process's, or a test's. */
export function openStores(choice: Exclude<StoreChoice, { kind: 'none' }>): OpenedStores {
  const { ephemeral, records } = choice;
  const opened: { close(): Promise<void> }[] = [];
  // One pool per database: with DATABASE_URL alone, the records and the sessions share it.
  const pools = new Map<string, PostgresConnection>();
  const postgres = (url: string) => {
    if (!pools.has(url)) opened.push(pools.set(url, new PostgresConnection(url)).get(url)!);
    return pools.get(url)!;
  };

  let expiring: Pick<Stores, 'sessions' | 'throttle'>;
  if (ephemeral.kind === 'redis') {
    const redis = new RedisConnection(ephemeral.url);
    opened.push(redis);
    expiring = { sessions: new RedisStore(redis), throttle: new RedisThrottle(redis) };
  } else if (ephemeral.kind === 'postgres') {
    const db = postgres(ephemeral.url);
    expiring = { sessions: new PostgresSessionStore(db), throttle: new PostgresThrottle(db) };
  } else {
    expiring = { sessions: new MemoryStore(), throttle: new MemoryThrottle() };
  }

  let kept: Pick<Stores, 'users' | 'todos' | 'generation'>;
  if (records.kind === 'postgres') {
    const db = postgres(records.url);
    kept = { users: new PostgresDirectory(db), todos: new PostgresTodos(db), generation: () => db.recoveries };
  } else {
    kept = { users: new MemoryDirectory(), todos: new MemoryTodos(), generation: () => 0 };
  }
  return {
    ...expiring,
    ...kept,
    close: async () => {
      await Promise.all(opened.map((store) => store.close()));
    },
  };
}

/** Every store in this process's memory: development, AUTH_STORE=memory, and unit tests. */
export function memoryStores(): OpenedStores {
  return openStores({ kind: 'stores', ephemeral: { kind: 'memory' }, records: { kind: 'memory' } });
}

/**
 * This process's stores, from the environment, with the directory seeded: once per process, set of
 * seeds and generation of the records' store (one that may have lost them is seeded again); a
 * failed seeding is tried again by the next call. Null when no store is configured. Each directory
 * records the seeds it applied with its users, so instances starting at once add each seed user
 * once, and a restart adds none that was removed since.
 */
export async function getStores(seeds: SeedUser[]): Promise<Stores | null> {
  const stores = sharedStores(getStoreChoice());
  if (!stores) return null;
  const held = (globalThis as Holder)[STORES]!;
  const key = JSON.stringify([seeds.map((seed) => seed.name), stores.generation()]);
  if (held.seeded?.seeds !== key) {
    const done = seedDirectory(stores.users, seeds);
    done.catch(() => held.seeded?.done === done && (held.seeded = undefined));
    held.seeded = { seeds: key, done };
  }
  await held.seeded.done;
  return stores;
}
