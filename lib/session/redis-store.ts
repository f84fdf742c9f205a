import 'server-only';
import type { Role } from '../contract';
import { script, type RedisConnection } from '../store/redis';
import {
  MAX_SESSIONS_PER_USER,
  type PageUse,
  type RotateRequest,
  type Rotation,
  type SessionRecord,
  type SessionStore,
  type SessionSummary,
  type SpentToken,
} from './store';

// One hash per session, `session:<sid>`, that expires with the session: the store never grows
// without bound. Fields: the SessionRecord's, and prevJti, prevIat, rotatedAt (the refresh token
// the live one replaced, and when), and seenAt (when it was last used: started, refreshed, or seen
// by the pages; createdAt for a session stored before seenAt was). Each user's session ids are a set, `user-sessions:<userId>`,
// that lives as long as the user's longest session; ids of sessions that have gone are pruned
// whenever it is read. The scripts name session keys themselves, so this layout assumes one Redis
// server (or a cluster's one slot), as Vercel's and most managed Redis are.
const key = (sid: string) => `session:${sid}`;
const index = (userId: string) => `user-sessions:${userId}`;

const FIELDS = ['userId', 'user', 'role', 'accessTtl', 'end', 'jti', 'iat', 'createdAt', 'refreshedAt', 'userAgent'] as const;

// A new session, and its place in the user's index; past the cap, the user's oldest session goes.
const CREATE = script(`
  local sid, latest, now, cap = ARGV[1], tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
  if redis.call('SCARD', KEYS[2]) >= cap then
    local oldest, oldestAt
    for _, member in ipairs(redis.call('SMEMBERS', KEYS[2])) do
      local at = redis.call('HGET', 'session:' .. member, 'createdAt')
      if not at then redis.call('SREM', KEYS[2], member)
      elseif not oldestAt or tonumber(at) < oldestAt then oldest, oldestAt = member, tonumber(at) end
    end
    if oldest and redis.call('SCARD', KEYS[2]) >= cap then
      redis.call('DEL', 'session:' .. oldest)
      redis.call('SREM', KEYS[2], oldest)
    end
  end
  redis.call('HSET', KEYS[1], unpack(ARGV, 6))
  redis.call('PEXPIREAT', KEYS[1], ARGV[2])
  local left = redis.call('PTTL', KEYS[2])
  redis.call('SADD', KEYS[2], sid)
  if left > 0 then latest = math.max(latest, now + left) end
  redis.call('PEXPIREAT', KEYS[2], latest)
`);

// The check-and-swap of a rotation, in one script, so that two instances racing on one refresh
// token cannot both branch: Redis runs a script with nothing else in between. It first checks the
// deadline against Redis's own clock: a rotation that waited in a frozen Redis's socket until its
// caller gave up must not spend the cookie that caller still holds.
const ROTATE = script(`
  local time = redis.call('TIME')
  if tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000) > tonumber(ARGV[7]) then return {'late'} end
  local live = redis.call('HMGET', KEYS[1], 'jti', 'prevJti', 'rotatedAt', 'end', 'accessTtl', 'iat')
  local presented, now, grace = ARGV[1], tonumber(ARGV[4]), tonumber(ARGV[5])
  -- Past its end a session only lingers for its last access tokens: it is never refreshed.
  if not live[1] or now >= tonumber(live[4]) * 1000 then return {'unknown'} end
  local outcome
  if presented == live[1] then
    redis.call('HSET', KEYS[1], 'prevJti', presented, 'prevIat', live[6], 'rotatedAt', now, 'jti', ARGV[2], 'iat', ARGV[3], 'refreshedAt', now, 'seenAt', now)
    -- keyExpiry() in store.ts
    local expiresAt = math.min(tonumber(ARGV[6]), tonumber(live[4]) * 1000) + tonumber(live[5]) * 1000
    redis.call('PEXPIREAT', KEYS[1], expiresAt)
    outcome = 'rotated'
  elseif presented == live[2] and now - tonumber(live[3]) < grace then
    outcome = 'replayed'
  else
    redis.call('DEL', KEYS[1])
    return {'reused'}
  end
  return {outcome, unpack(redis.call('HMGET', KEYS[1], ${FIELDS.map((f) => `'${f}'`).join(', ')}))}
`);

// The pages' check (SessionStore.seen): live, before its end, used within the idle timeout; the
// use written at most once per interval, with the key kept for another idle period. Idle: ended.
const SEEN = script(`
  local fields = redis.call('HMGET', KEYS[1], 'seenAt', 'createdAt', 'end', 'accessTtl')
  if not fields[2] then return 0 end
  local now, idle, every = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
  local seen, ends = tonumber(fields[1] or fields[2]), tonumber(fields[3]) * 1000
  if now >= ends then return 0 end
  if now - seen >= idle then
    redis.call('DEL', KEYS[1])
    return 0
  end
  if now - seen >= every then
    redis.call('HSET', KEYS[1], 'seenAt', now)
    redis.call('PEXPIREAT', KEYS[1], math.min(now + idle, ends) + tonumber(fields[4]) * 1000, 'GT')
  end
  return 1
`);

// The user's live sessions; ids whose session has gone are pruned from the index.
const LIST = script(`
  local found = {}
  for _, sid in ipairs(redis.call('SMEMBERS', KEYS[1])) do
    local fields = redis.call('HMGET', 'session:' .. sid, 'createdAt', 'refreshedAt', 'userAgent')
    if fields[1] then
      table.insert(found, sid)
      table.insert(found, fields[1])
      table.insert(found, fields[2])
      table.insert(found, fields[3])
    else
      redis.call('SREM', KEYS[1], sid)
    end
  end
  return found
`);

// One session, if it is the user's.
const REVOKE_OWNED = script(`
  if redis.call('HGET', KEYS[1], 'userId') ~= ARGV[1] then return 0 end
  redis.call('DEL', KEYS[1])
  redis.call('SREM', KEYS[2], ARGV[2])
  return 1
`);

// Every session of the user but ARGV[1] (if any); the number that were live.
const REVOKE_ALL = script(`
  local ended = 0
  for _, sid in ipairs(redis.call('SMEMBERS', KEYS[1])) do
    if sid ~= ARGV[1] then
      ended = ended + redis.call('DEL', 'session:' .. sid)
      redis.call('SREM', KEYS[1], sid)
    end
  end
  return ended
`);

/** Sessions in Redis, on the shared connection: seen alike by every instance, and failing closed when Redis is not. */
export class RedisStore implements SessionStore {
  constructor(private readonly redis: RedisConnection) {}

  async create(sid: string, session: SessionRecord, expiresAt: number): Promise<void> {
    const fields = [...FIELDS.flatMap((field) => [field, String(session[field] ?? '')]), 'seenAt', String(session.createdAt)];
    // The index lives as long as the longest a session key can.
    const latest = session.end * 1000 + session.accessTtl * 1000;
    await this.redis.eval(CREATE, [key(sid), index(session.userId)], [sid, expiresAt, latest, Date.now(), MAX_SESSIONS_PER_USER, ...fields]);
  }

  async isLive(sid: string): Promise<boolean> {
    return (await this.redis.run((c) => c.exists(key(sid)))) === 1;
  }

  async seen(sid: string, now: number, { idleMs, writeEveryMs }: PageUse): Promise<boolean> {
    return (await this.redis.eval(SEEN, [key(sid)], [now, idleMs, writeEveryMs])) === 1;
  }

  async rotate(sid: string, r: RotateRequest): Promise<Rotation> {
    const args = [r.presented, r.next.jti, r.next.iat, r.now, r.graceMs, r.refreshExpiresAt, r.deadline];
    const [outcome, ...fields] = (await this.redis.eval(ROTATE, [key(sid)], args)) as string[];
    if (outcome === 'unknown' || outcome === 'reused' || outcome === 'late') return { outcome };
    return { outcome: outcome as 'rotated' | 'replayed', session: record(fields) };
  }

  async revoke(sid: string): Promise<void> {
    await this.redis.run((c) => c.del(key(sid)));
  }

  async spent(sid: string): Promise<SpentToken | null> {
    const [jti, iat, rotatedAt, end] = await this.redis.run((c) => c.hmGet(key(sid), ['prevJti', 'prevIat', 'rotatedAt', 'end']));
    return jti ? { jti, iat: Number(iat), rotatedAt: Number(rotatedAt), end: Number(end) } : null;
  }

  async listForUser(userId: string): Promise<SessionSummary[]> {
    const flat = (await this.redis.eval(LIST, [index(userId)], [])) as string[];
    const sessions: SessionSummary[] = [];
    for (let i = 0; i < flat.length; i += 4) {
      sessions.push({ sid: flat[i]!, createdAt: Number(flat[i + 1]), refreshedAt: orNull(flat[i + 2]), userAgent: flat[i + 3] ?? '' });
    }
    return sessions.sort((a, b) => a.createdAt - b.createdAt);
  }

  async revokeForUser(userId: string, sid: string): Promise<boolean> {
    return (await this.redis.eval(REVOKE_OWNED, [key(sid), index(userId)], [userId, sid])) === 1;
  }

  async revokeAllForUser(userId: string, keep = ''): Promise<number> {
    return Number(await this.redis.eval(REVOKE_ALL, [index(userId)], [keep]));
  }
}

const orNull = (text: string | undefined) => (text ? Number(text) : null);

function record(fields: string[]): SessionRecord {
  const [userId, user, role, accessTtl, end, jti, iat, createdAt, refreshedAt, userAgent] = fields;
  return {
    userId: userId!,
    user: user!,
    role: role as Role,
    accessTtl: Number(accessTtl),
    end: Number(end),
    jti: jti!,
    iat: Number(iat),
    createdAt: Number(createdAt),
    refreshedAt: orNull(refreshedAt),
    userAgent: userAgent ?? '',
  };
}
