import 'server-only';
import { MemoryStore } from './session/memory-store';
import { RedisStore } from './session/redis-store';
import type { SessionStore } from './session/store';
import { MemoryTodos } from './todos/memory-todos';
import { RedisTodos } from './todos/redis-todos';
import type { TodoStore } from './todos/store';
import { getStoreChoice, type StoreChoice } from './store/config';
import { RedisConnection } from './store/redis';
import type { SeedUser } from './users/config';
import type { UserDirectory } from './users/directory';
import { MemoryDirectory } from './users/memory-directory';
import { MemoryThrottle } from './users/memory-throttle';
import { RedisDirectory } from './users/redis-directory';
import { RedisThrottle } from './users/redis-throttle';
import { seedDirectory } from './users/seeds';
import type { LoginThrottle } from './users/throttle';

/** Everything the app keeps: all in one Redis (or all in this process's memory). */
export interface Stores {
  sessions: SessionStore;
  users: UserDirectory;
  throttle: LoginThrottle;
  todos: TodoStore;
  /** Changes whenever the store may have lost what was put in it (Redis reconnected, perhaps after a restart). */
  generation(): number;
}

// One set of stores per process, shared by every route: each route is bundled apart, so a
// module-level variable would give each its own memory store (and its own Redis connection).
const STORES = Symbol.for('nextjs-jwt-auth.stores');
type Holder = { [STORES]?: { id: string; stores: Stores; seeded?: { seeds: string; done: Promise<void> } } };

/** This process's stores for the choice; null when none is configured (production without Redis). */
export function sharedStores(choice: StoreChoice): Stores | null {
  if (choice.kind === 'none') return null;
  const id = choice.kind === 'redis' ? `redis ${choice.url}` : 'memory';
  const holder = globalThis as Holder;
  if (holder[STORES]?.id !== id) holder[STORES] = { id, stores: choice.kind === 'redis' ? redisStores(choice.url) : memoryStores() };
  return holder[STORES].stores;
}

function redisStores(url: string): Stores {
  const redis = new RedisConnection(url);
  return { sessions: new RedisStore(redis), users: new RedisDirectory(redis), throttle: new RedisThrottle(redis), todos: new RedisTodos(redis), generation: () => redis.connections };
}

/** Every store in this process's memory: development, AUTH_STORE=memory, and unit tests. */
export function memoryStores(): Stores {
  return { sessions: new MemoryStore(), users: new MemoryDirectory(), throttle: new MemoryThrottle(), todos: new MemoryTodos(), generation: () => 0 };
}

/**
 * This process's stores, from the environment, with the directory seeded: once per process, set of
 * seeds and connection to Redis (one that restarted empty is seeded again); a failed seeding is
 * tried again by the next call. Null when no store is configured.
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
