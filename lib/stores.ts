import 'server-only';
import { MemoryStore } from './session/memory-store';
import { RedisStore } from './session/redis-store';
import type { SessionStore } from './session/store';
import { MemoryTodos } from './todos/memory-todos';
import { PostgresTodos } from './todos/postgres-todos';
import { RedisTodos } from './todos/redis-todos';
import type { TodoStore } from './todos/store';
import { getStoreChoice, type StoreChoice } from './store/config';
import { PostgresConnection } from './store/postgres';
import { RedisConnection } from './store/redis';
import type { SeedUser } from './users/config';
import type { UserDirectory } from './users/directory';
import { MemoryDirectory } from './users/memory-directory';
import { MemoryResets } from './users/memory-resets';
import { MemoryThrottle } from './users/memory-throttle';
import { PostgresDirectory } from './users/postgres-directory';
import { PostgresResets } from './users/postgres-resets';
import { RedisDirectory } from './users/redis-directory';
import { RedisThrottle } from './users/redis-throttle';
import type { ResetStore } from './users/resets';
import { seedDirectory } from './users/seeds';
import type { LoginThrottle } from './users/throttle';

/** Everything the app keeps: in one Redis (or this process's memory), the users and to-dos perhaps in PostgreSQL. */
export interface Stores {
  sessions: SessionStore;
  users: UserDirectory;
  throttle: LoginThrottle;
  todos: TodoStore;
  /**
   * Password reset links: in memory with the memory stores, in PostgreSQL with DATABASE_URL. Absent
   * on Redis alone: a link kept in one instance's memory would be unknown to the others, and usable
   * once on each, so those routes answer 503 instead.
   */
  resets?: ResetStore;
  /** Changes whenever the store may have lost what was put in it (Redis reconnected, perhaps after a restart). */
  generation(): number;
}

/** Stores with connections of their own, which their opener closes (tests, a server shutting down). */
export type OpenedStores = Stores & { close(): Promise<void> };

// One set of stores per process, shared by every route: each route is bundled apart, so a
// module-level variable would give each its own memory store (and its own connections).
const STORES = Symbol.for('nextjs-jwt-auth.stores');
type Holder = { [STORES]?: { id: string; stores: Stores; seeded?: { seeds: string; done: Promise<void> } } };

/** This process's stores for the choice; null when none is configured (production without Redis). */
export function sharedStores(choice: StoreChoice): Stores | null {
  if (choice.kind === 'none') return null;
  const id = JSON.stringify(choice);
  const holder = globalThis as Holder;
  if (holder[STORES]?.id !== id) holder[STORES] = { id, stores: openStores(choice) };
  return holder[STORES].stores;
}

/** New stores for the choice, with connections of their own: one process's, or a test's. */
export function openStores(choice: Exclude<StoreChoice, { kind: 'none' }>): OpenedStores {
  const stores = choice.kind === 'redis' ? redisStores(choice.url) : memoryStores();
  if (choice.databaseUrl === undefined) return stores;
  const db = new PostgresConnection(choice.databaseUrl);
  return {
    ...stores,
    users: new PostgresDirectory(db),
    todos: new PostgresTodos(db),
    resets: new PostgresResets(db),
    close: async () => {
      await Promise.all([stores.close(), db.close()]);
    },
  };
}

function redisStores(url: string): OpenedStores {
  const redis = new RedisConnection(url);
  return {
    sessions: new RedisStore(redis),
    users: new RedisDirectory(redis),
    throttle: new RedisThrottle(redis),
    todos: new RedisTodos(redis),
    generation: () => redis.connections,
    close: () => redis.close(),
  };
}

/** Every store in this process's memory: development, AUTH_STORE=memory, and unit tests. */
export function memoryStores(): OpenedStores {
  return { sessions: new MemoryStore(), users: new MemoryDirectory(), throttle: new MemoryThrottle(), todos: new MemoryTodos(), resets: new MemoryResets(), generation: () => 0, close: async () => {} };
}

/**
 * This process's stores, from the environment, with the directory seeded: once per process, set of
 * seeds and connection to Redis (one that restarted empty is seeded again); a failed seeding is
 * tried again by the next call. Null when no store is configured. Each directory records the seeds
 * it applied with its users, so instances starting at once add each seed user once, and a restart
 * adds none that was removed since.
 */
export async function getStores(seeds: SeedUser[]): Promise<Stores | null> {
  const stores = sharedStores(getStoreChoice());
  if (!stores) return null;
  const held = (globalThis as Holder)[STORES]!;
  // The connection is made by the seeding's first command: count it as this generation's.
  const key = JSON.stringify([seeds.map((seed) => seed.name), Math.max(1, stores.generation())]);
  if (held.seeded?.seeds !== key) {
    const done = seedDirectory(stores.users, seeds);
    done.catch(() => held.seeded?.done === done && (held.seeded = undefined));
    held.seeded = { seeds: key, done };
  }
  await held.seeded.done;
  return stores;
}
