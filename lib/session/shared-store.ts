import 'server-only';
import type { SessionConfig } from './config';
import { MemoryStore } from './memory-store';
import { RedisStore } from './redis-store';
import type { SessionStore } from './store';

// One store per process, shared by every route: each route is bundled apart, so a module-level
// variable would give each its own memory store (and its own Redis connection).
const STORE = Symbol.for('nextjs-jwt-auth.session-store');
type Holder = { [STORE]?: { id: string; store: SessionStore } };

/** This process's session store for the configuration; null when none is configured (production without Redis). */
export function sharedStore({ store }: SessionConfig): SessionStore | null {
  if (store.kind === 'none') return null;
  const id = store.kind === 'redis' ? `redis ${store.url}` : 'memory';
  const holder = globalThis as Holder;
  if (holder[STORE]?.id !== id) {
    holder[STORE] = { id, store: store.kind === 'redis' ? new RedisStore(store.url) : new MemoryStore() };
  }
  return holder[STORE].store;
}
