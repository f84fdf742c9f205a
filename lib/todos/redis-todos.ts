import 'server-only';
import { script, type RedisConnection } from '../store/redis';
import { newestFirst } from './memory-todos';
import { MAX_TODOS_PER_USER, type TodoChange, type TodoRecord, type TodoStore } from './store';

// One hash per user, `todos:<userId>`: to-do id → the to-do as JSON. Deleted with its user.
const key = (userId: string) => `todos:${userId}`;

const ADD = script(`
  if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) then return 'full' end
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
  return 'added'
`);

// Read, change and write in one step, so that two changes at once cannot lose one.
const UPDATE = script(`
  local stored = redis.call('HGET', KEYS[1], ARGV[1])
  if not stored then return false end
  local todo, change = cjson.decode(stored), cjson.decode(ARGV[2])
  if change.text ~= nil then todo.text = change.text end
  if change.complete ~= nil then todo.complete = change.complete end
  todo.updatedAt = tonumber(ARGV[3])
  local updated = cjson.encode(todo)
  redis.call('HSET', KEYS[1], ARGV[1], updated)
  return updated
`);

/** To-dos in Redis, on the shared connection. */
export class RedisTodos implements TodoStore {
  constructor(private readonly redis: RedisConnection) {}

  async list(userId: string): Promise<TodoRecord[]> {
    const values = await this.redis.run((c) => c.hVals(key(userId)));
    return values.map(parse).sort(newestFirst);
  }

  async add(userId: string, todo: TodoRecord): Promise<'added' | 'full'> {
    return (await this.redis.eval(ADD, [key(userId)], [todo.id, JSON.stringify(todo), MAX_TODOS_PER_USER])) as 'added' | 'full';
  }

  async get(userId: string, id: string): Promise<TodoRecord | null> {
    const stored = await this.redis.run((c) => c.hGet(key(userId), id));
    return stored ? parse(stored) : null;
  }

  async update(userId: string, id: string, change: TodoChange, now: number): Promise<TodoRecord | null> {
    const updated = await this.redis.eval(UPDATE, [key(userId)], [id, JSON.stringify(change), now]);
    return typeof updated === 'string' ? parse(updated) : null;
  }

  async remove(userId: string, id: string): Promise<boolean> {
    return (await this.redis.run((c) => c.hDel(key(userId), id))) === 1;
  }

  async removeAll(userId: string): Promise<void> {
    await this.redis.run((c) => c.del(key(userId)));
  }
}

function parse(json: string): TodoRecord {
  const { id, text, complete, createdAt, updatedAt } = JSON.parse(json) as TodoRecord;
  return { id, text, complete, createdAt, updatedAt };
}
