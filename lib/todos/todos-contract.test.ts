import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase } from '@/test/postgres-databases';
import { PostgresConnection } from '../store/postgres';
import { MemoryTodos } from './memory-todos';
import { PostgresTodos } from './postgres-todos';
import { MAX_TODOS_PER_USER, type TodoRecord, type TodoStore } from './store';

let postgresUrl: string;
const connections: { close(): Promise<void> }[] = [];
beforeAll(async () => {
  postgresUrl = await migratedDatabase();
});
afterAll(async () => {
  await Promise.all(connections.map((c) => c.close()));
});

function opened<T extends { close(): Promise<void> }>(connection: T): T {
  connections.push(connection);
  return connection;
}

// `peers` makes stores that share one backend, as instances do: one memory store (one process), or
// connections of their own to one database.
const stores: [string, () => TodoStore, (count: number) => TodoStore[]][] = [
  ['the memory to-dos', () => new MemoryTodos(), (count) => Array<TodoStore>(count).fill(new MemoryTodos())],
  ['the PostgreSQL to-dos', () => new PostgresTodos(opened(new PostgresConnection(postgresUrl))), (count) => Array.from({ length: count }, () => new PostgresTodos(opened(new PostgresConnection(postgresUrl))))],
];

let n = 0;
const user = () => `user-${process.pid}-${++n}`;
const todo = (text: string, createdAt: number): TodoRecord => ({ id: `todo-${++n}`, text, complete: false, createdAt, updatedAt: createdAt });

describe.each(stores)('%s', (_name, make, peers) => {
  let store: TodoStore;
  beforeAll(() => {
    store = make();
  });

  it("lists a user's to-dos newest first, and no one else's", async () => {
    const [me, you] = [user(), user()];
    const [old, fresh] = [todo('milk', 1000), todo('bread', 2000)];
    await store.add(me, old);
    await store.add(me, fresh);
    await store.add(you, todo('eggs', 3000));
    expect(await store.list(me)).toEqual([fresh, old]);
  });

  it("finds a to-do only among its owner's: another user's id is not there", async () => {
    const [me, you] = [user(), user()];
    const mine = todo('milk', 1000);
    await store.add(me, mine);
    expect(await store.get(me, mine.id)).toEqual(mine);
    expect(await store.get(you, mine.id)).toBeNull();
    expect(await store.update(you, mine.id, { complete: true }, 2000)).toBeNull();
    expect(await store.remove(you, mine.id)).toBe(false);
    expect(await store.get(me, mine.id)).toEqual(mine);
  });

  it('changes text and completion, each alone or both, stamping the time', async () => {
    const me = user();
    const mine = todo('milk', 1000);
    await store.add(me, mine);
    expect(await store.update(me, mine.id, { complete: true }, 2000)).toEqual({ ...mine, complete: true, updatedAt: 2000 });
    expect(await store.update(me, mine.id, { text: 'oat milk' }, 3000)).toEqual({ ...mine, text: 'oat milk', complete: true, updatedAt: 3000 });
    expect(await store.update(me, mine.id, { text: 'milk', complete: false }, 4000)).toEqual({ ...mine, updatedAt: 4000 });
  });

  it('keeps text as it was given, quotes and all', async () => {
    const me = user();
    const odd = todo('say "hi" \\ <b>é</b> 🐱', 1000);
    const sql = todo("it's'; DROP TABLE todos; --", 1001);
    await store.add(me, odd);
    await store.add(me, sql);
    expect(await store.get(me, odd.id)).toEqual(odd);
    expect(await store.get(me, sql.id)).toEqual(sql);
    expect((await store.update(me, odd.id, { text: '{"json": true}' }, 2000))!.text).toBe('{"json": true}');
    expect((await store.update(me, odd.id, { text: "x' OR '1'='1" }, 3000))!.text).toBe("x' OR '1'='1");
    expect(await store.list(me)).toHaveLength(2);
  });

  it('removes one, and all of a user\'s', async () => {
    const me = user();
    const [a, b] = [todo('a', 1), todo('b', 2)];
    await store.add(me, a);
    await store.add(me, b);
    expect(await store.remove(me, a.id)).toBe(true);
    expect(await store.remove(me, a.id)).toBe(false);
    await store.removeAll(me);
    expect(await store.list(me)).toEqual([]);
  });

  it(`holds at most ${MAX_TODOS_PER_USER} to-dos per user`, async () => {
    const me = user();
    await Promise.all(Array.from({ length: MAX_TODOS_PER_USER }, (_, i) => store.add(me, todo(`t${i}`, i))));
    expect(await store.add(me, todo('one more', 1e6))).toBe('full');
    expect(await store.list(me)).toHaveLength(MAX_TODOS_PER_USER);
    expect(await store.add(user(), todo('another user', 1))).toBe('added');
  });

  it('never passes the limit when instances race adds for the last free places', { timeout: 30_000 }, async () => {
    // Four instances of five connections each (POOL_MAX), every connection opened beforehand, so
    // that twenty adds are under way at the same moment; 100 of them for the last 10 places.
    const me = user();
    const instances = peers(4);
    const first = instances[0]!;
    await Promise.all(instances.flatMap((instance) => Array.from({ length: 5 }, () => instance.list(me))));
    for (let i = 0; i < MAX_TODOS_PER_USER - 10; i++) await first.add(me, todo(`t${i}`, i));
    const outcomes = await Promise.all(Array.from({ length: 100 }, (_, i) => instances[i % 4]!.add(me, todo(`racer ${i}`, 1e6 + i))));
    expect(outcomes.filter((outcome) => outcome === 'added')).toHaveLength(10);
    expect(await first.list(me)).toHaveLength(MAX_TODOS_PER_USER);
  });
});
