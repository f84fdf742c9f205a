import 'server-only';
import type { Role } from '../contract';
import { script, type RedisConnection } from '../store/redis';
import { hasExpired, MAX_USERS, type ChangeOutcome, type CreateOutcome, type SeedOutcome, type UserDirectory, type UserRecord } from './directory';
import { nameKey } from './names';

// One hash per user, `user:<id>`; `user-name:<lower-case name>` → id, so a name is unique in any
// case; `users`, the ids ordered by creation; `admins`, the ids of the admins. Users do not expire:
// MAX_USERS bounds them. The scripts keep these four in step, and the last-admin rule atomic.
// `seeded`, the lower-case names of the seeds applied, never expires either: a seed user removed,
// demoted or given another password is not created again by the next start. Deleting it (`DEL
// seeded`) has every seed the directory lacks by name applied at the next connection.
const user = (id: string) => `user:${id}`;
const byName = (name: string) => `user-name:${nameKey(name)}`;
const USERS = 'users';
const ADMINS = 'admins';
const SEEDED = 'seeded';
const EXPIRING = 'users-expiring';

// A user is live while their expiresAt (a hash field, milliseconds) is absent or later than now;
// the last admin is the last live one.
const LIVE = `
  local function is_live(expires, now)
    return not expires or tonumber(expires) > now
  end
  local function live_admins(now)
    local count = 0
    for _, id in ipairs(redis.call('SMEMBERS', '${ADMINS}')) do
      if is_live(redis.call('HGET', 'user:' .. id, 'expiresAt'), now) then count = count + 1 end
    end
    return count
  end
`;

// Writes a new user's hash and indexes: KEYS user, name, users, admins; ARGV id, name, hash, role, createdAt, _, expiresAt ('' for none).
const ADD_USER = `
  local function add_user()
    redis.call('HSET', KEYS[1], 'id', ARGV[1], 'name', ARGV[2], 'passwordHash', ARGV[3], 'role', ARGV[4], 'createdAt', ARGV[5])
    if ARGV[7] ~= '' then
      redis.call('HSET', KEYS[1], 'expiresAt', ARGV[7])
      redis.call('ZADD', '${EXPIRING}', ARGV[7], ARGV[1])
    end
    redis.call('SET', KEYS[2], ARGV[1])
    redis.call('ZADD', KEYS[3], ARGV[5], ARGV[1])
    if ARGV[4] == 'admin' then redis.call('SADD', KEYS[4], ARGV[1]) end
  end
`;

const CREATE = script(ADD_USER + `
  if redis.call('EXISTS', KEYS[2]) == 1 then return 'name_taken' end
  if redis.call('ZCARD', KEYS[3]) >= tonumber(ARGV[6]) then return 'full' end
  add_user()
  return 'created'
`);

// CREATE, once per seed name: recorded with the creation in one script, so that two instances
// starting at once on one Redis add each seed user once.
const SEED = script(ADD_USER + `
  local key = string.lower(ARGV[2])
  if redis.call('SISMEMBER', KEYS[5], key) == 1 then return 'applied_before' end
  local outcome = 'created'
  if redis.call('EXISTS', KEYS[2]) == 1 then outcome = 'name_taken'
  elseif redis.call('ZCARD', KEYS[3]) >= tonumber(ARGV[6]) then return 'full'
  else add_user() end
  redis.call('SADD', KEYS[5], key)
  return outcome
`);

// Also a live admin's own expiresAt is checked: one whose time is up can be demoted or removed.
const SET_ROLE = script(LIVE + `
  local fields = redis.call('HMGET', KEYS[1], 'role', 'expiresAt')
  local current, now = fields[1], tonumber(ARGV[3])
  if not current then return 'not_found' end
  if current == 'admin' and is_live(fields[2], now) and ARGV[2] ~= 'admin' and live_admins(now) <= 1 then return 'last_admin' end
  redis.call('HSET', KEYS[1], 'role', ARGV[2])
  if ARGV[2] == 'admin' then redis.call('SADD', KEYS[2], ARGV[1]) else redis.call('SREM', KEYS[2], ARGV[1]) end
  return 'changed'
`);

// Names are ASCII (names.ts), so Lua's string.lower is nameKey().
const REMOVE = script(LIVE + `
  local fields = redis.call('HMGET', KEYS[1], 'role', 'name', 'expiresAt')
  local now = tonumber(ARGV[2])
  if not fields[1] then return 'not_found' end
  if fields[1] == 'admin' and is_live(fields[3], now) and live_admins(now) <= 1 then return 'last_admin' end
  redis.call('DEL', KEYS[1], 'user-name:' .. string.lower(fields[2]))
  redis.call('ZREM', KEYS[2], ARGV[1])
  redis.call('SREM', KEYS[3], ARGV[1])
  redis.call('ZREM', '${EXPIRING}', ARGV[1])
  return 'changed'
`);

const SET_HASH = script(`
  if redis.call('EXISTS', KEYS[1]) == 0 or (ARGV[2] ~= '' and redis.call('HGET', KEYS[1], 'passwordHash') ~= ARGV[2]) then return 0 end
  redis.call('HSET', KEYS[1], 'passwordHash', ARGV[1])
  return 1
`);

/** Users in Redis, on the shared connection. */
export class RedisDirectory implements UserDirectory {
  constructor(private readonly redis: RedisConnection) {}

  async create(record: UserRecord): Promise<CreateOutcome> {
    const { id, name, passwordHash, role, createdAt } = record;
    const keys = [user(id), byName(name), USERS, ADMINS];
    return (await this.redis.eval(CREATE, keys, [id, name, passwordHash, role, createdAt, MAX_USERS, record.expiresAt ?? ''])) as CreateOutcome;
  }

  async seed(record: UserRecord): Promise<SeedOutcome> {
    const { id, name, passwordHash, role, createdAt } = record;
    const keys = [user(id), byName(name), USERS, ADMINS, SEEDED];
    return (await this.redis.eval(SEED, keys, [id, name, passwordHash, role, createdAt, MAX_USERS, record.expiresAt ?? ''])) as SeedOutcome;
  }

  async wasSeeded(name: string): Promise<boolean> {
    return (await this.redis.run((c) => c.sIsMember(SEEDED, nameKey(name)))) === 1;
  }

  async byId(id: string): Promise<UserRecord | null> {
    return live(parse(await this.redis.run((c) => c.hGetAll(user(id)))));
  }

  async byName(name: string): Promise<UserRecord | null> {
    const id = await this.redis.run((c) => c.get(byName(name)));
    return id === null ? null : this.byId(id);
  }

  async list(): Promise<UserRecord[]> {
    const ids = await this.redis.run((c) => c.zRange(USERS, 0, -1));
    // Sent together: the client pipelines commands issued in one tick.
    const records = await this.redis.run((c) => Promise.all(ids.map((id) => c.hGetAll(user(id)))));
    return records.flatMap((fields) => live(parse(fields)) ?? []);
  }

  async expired(now: number): Promise<string[]> {
    return this.redis.run((c) => c.zRangeByScore(EXPIRING, '-inf', now));
  }

  async setRole(id: string, role: Role): Promise<ChangeOutcome> {
    return (await this.redis.eval(SET_ROLE, [user(id), ADMINS], [id, role, Date.now()])) as ChangeOutcome;
  }

  async setPasswordHash(id: string, passwordHash: string, expected: string | null): Promise<boolean> {
    return (await this.redis.eval(SET_HASH, [user(id)], [passwordHash, expected ?? ''])) === 1;
  }

  async remove(id: string): Promise<ChangeOutcome> {
    return (await this.redis.eval(REMOVE, [user(id), USERS, ADMINS], [id, Date.now()])) as ChangeOutcome;
  }
}

function parse(fields: Record<string, string>): UserRecord | null {
  const { id, name, passwordHash, role, createdAt, expiresAt } = fields;
  if (!id || !name || !passwordHash || !role) return null;
  const record: UserRecord = { id, name, passwordHash, role: role as Role, createdAt: Number(createdAt) };
  return expiresAt ? { ...record, expiresAt: Number(expiresAt) } : record;
}

const live = (record: UserRecord | null) => (record && !hasExpired(record) ? record : null);
