import 'server-only';
import type { Role } from '../contract';
import type { PostgresConnection, Query } from '../store/postgres';
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

// One row per session (migrations/002_sessions_throttle.sql). A row past its expires_at is read as
// gone, and the sweep in create() deletes such rows a hundred at a time.
type Row = {
  sid: string;
  user_id: string;
  user_name: string;
  role: Role;
  access_ttl: number;
  ends_at: string;
  jti: string;
  iat: string;
  created_at: string;
  refreshed_at: string | null;
  seen_at: string;
  user_agent: string;
  prev_jti: string | null;
  prev_iat: string | null;
  rotated_at: string | null;
};
const COLUMNS = 'sid, user_id, user_name, role, access_ttl, ends_at, jti, iat, created_at, refreshed_at, seen_at, user_agent, prev_jti, prev_iat, rotated_at';

// The database's own clock, in milliseconds, when the statement reads it: not now(), which is the
// transaction's start.
const CLOCK = 'floor(extract(epoch FROM clock_timestamp()) * 1000)';
// Two-key advisory locks are a key space of their own: this number names the sessions' (any
// fixed number, the same for every instance of this app).
const USER_LOCK = 7_300_002;
const SWEEP_LIMIT = 100;

/**
 * Sessions in PostgreSQL, for a deploy with DATABASE_URL alone: seen alike by every instance, and
 * failing closed (StoreUnavailableError) when the database is not. A rotation is one transaction
 * holding the session's row (SELECT … FOR UPDATE): concurrent rotations of one token wait for each
 * other, and the second finds the first's successor. A new session and the eviction of its user's
 * oldest hold the user's advisory lock, so the cap holds however many logins come at once.
 */
export class PostgresSessionStore implements SessionStore {
  constructor(private readonly db: PostgresConnection) {}

  async create(sid: string, session: SessionRecord, expiresAt: number): Promise<void> {
    const now = Date.now();
    await sweep(this.db.query, now);
    await this.db.transaction(async (query) => {
      await query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [USER_LOCK, session.userId]);
      // Room for the new one: the user's newest MAX - 1 live sessions stay, any older go.
      await query(
        `DELETE FROM sessions WHERE sid IN (SELECT sid FROM sessions WHERE user_id = $1 AND expires_at > $2 ORDER BY created_at DESC, sid DESC OFFSET $3)`,
        [session.userId, now, MAX_SESSIONS_PER_USER - 1],
      );
      await query(
        `INSERT INTO sessions (sid, user_id, user_name, role, access_ttl, ends_at, jti, iat, created_at, refreshed_at, seen_at, user_agent, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $9, $11, $12)`,
        [sid, session.userId, session.user, session.role, session.accessTtl, session.end * 1000, session.jti, session.iat, session.createdAt, session.refreshedAt, session.userAgent, expiresAt],
      );
    });
  }

  async isLive(sid: string, now: number): Promise<boolean> {
    return (await this.db.query('SELECT 1 FROM sessions WHERE sid = $1 AND expires_at > $2', [sid, now])).length === 1;
  }

  async seen(sid: string, now: number, { idleMs, writeEveryMs }: PageUse): Promise<boolean> {
    const [row] = await this.db.query<Row>(`SELECT ${COLUMNS} FROM sessions WHERE sid = $1 AND expires_at > $2`, [sid, now]);
    if (!row || now >= Number(row.ends_at)) return false;
    const idleFor = now - Number(row.seen_at);
    if (idleFor >= idleMs) {
      // Only if unused since it was read: a use meanwhile keeps it.
      await this.db.query('DELETE FROM sessions WHERE sid = $1 AND seen_at = $2', [sid, row.seen_at]);
      return false;
    }
    if (idleFor >= writeEveryMs) {
      await this.db.query(
        `UPDATE sessions SET seen_at = greatest(seen_at, $2), expires_at = greatest(expires_at, least($2 + $3, ends_at) + access_ttl * 1000) WHERE sid = $1`,
        [sid, now, idleMs],
      );
    }
    return true;
  }

  rotate(sid: string, { presented, next, now, graceMs, refreshExpiresAt, deadline }: RotateRequest): Promise<Rotation> {
    return this.db.transaction(async (query): Promise<Rotation> => {
      const [row] = await query<Row>(`SELECT ${COLUMNS} FROM sessions WHERE sid = $1 AND expires_at > $2 FOR UPDATE`, [sid, now]);
      // Past its end a session only lingers for its last access tokens: it is never refreshed.
      if (!row || now >= Number(row.ends_at)) return { outcome: 'unknown' };
      // The deadline is checked by the database's clock, in the statement that makes the change,
      // once the row is held: a rotation that waited for it past its deadline changes nothing.
      if (presented === row.jti) {
        const [rotated] = await query<Row>(
          `UPDATE sessions SET prev_jti = jti, prev_iat = iat, rotated_at = $2, jti = $3, iat = $4, refreshed_at = $2, seen_at = $2,
             expires_at = least($5, ends_at) + access_ttl * 1000
           WHERE sid = $1 AND ${CLOCK} <= $6 RETURNING ${COLUMNS}`,
          [sid, now, next.jti, next.iat, refreshExpiresAt, deadline],
        );
        return rotated ? { outcome: 'rotated', session: record(rotated) } : { outcome: 'late' };
      }
      if (presented === row.prev_jti && now - Number(row.rotated_at) < graceMs) return { outcome: 'replayed', session: record(row) };
      const ended = await query(`DELETE FROM sessions WHERE sid = $1 AND ${CLOCK} <= $2 RETURNING sid`, [sid, deadline]);
      return ended.length === 1 ? { outcome: 'reused' } : { outcome: 'late' };
    });
  }

  async revoke(sid: string): Promise<void> {
    await this.db.query('DELETE FROM sessions WHERE sid = $1', [sid]);
  }

  async spent(sid: string, now: number): Promise<SpentToken | null> {
    const [row] = await this.db.query<Row>(`SELECT ${COLUMNS} FROM sessions WHERE sid = $1 AND expires_at > $2 AND prev_jti IS NOT NULL`, [sid, now]);
    return row ? { jti: row.prev_jti!, iat: Number(row.prev_iat), rotatedAt: Number(row.rotated_at), end: Number(row.ends_at) / 1000 } : null;
  }

  async listForUser(userId: string, now: number): Promise<SessionSummary[]> {
    const rows = await this.db.query<Row>(`SELECT ${COLUMNS} FROM sessions WHERE user_id = $1 AND expires_at > $2 ORDER BY created_at, sid`, [userId, now]);
    return rows.map((row) => ({ sid: row.sid, createdAt: Number(row.created_at), refreshedAt: orNull(row.refreshed_at), userAgent: row.user_agent }));
  }

  async revokeForUser(userId: string, sid: string): Promise<boolean> {
    return (await this.db.query('DELETE FROM sessions WHERE sid = $1 AND user_id = $2 AND expires_at > $3 RETURNING sid', [sid, userId, Date.now()])).length === 1;
  }

  async revokeAllForUser(userId: string, keep = ''): Promise<number> {
    const ended = await this.db.query<{ live: boolean }>('DELETE FROM sessions WHERE user_id = $1 AND sid <> $2 RETURNING expires_at > $3 AS live', [userId, keep, Date.now()]);
    return ended.filter((row) => row.live).length;
  }
}

/**
 * Deletes up to SWEEP_LIMIT sessions whose time is up. A statement of its own, outside any
 * transaction, that skips the rows others hold: it never waits, so it can take no part in a deadlock.
 */
async function sweep(query: Query, now: number): Promise<void> {
  await query('DELETE FROM sessions WHERE sid IN (SELECT sid FROM sessions WHERE expires_at <= $1 LIMIT $2 FOR UPDATE SKIP LOCKED)', [now, SWEEP_LIMIT]);
}

const orNull = (text: string | null) => (text === null ? null : Number(text));

// bigint columns arrive as strings: milliseconds fit a double exactly.
function record(row: Row): SessionRecord {
  return {
    userId: row.user_id,
    user: row.user_name,
    role: row.role,
    accessTtl: row.access_ttl,
    end: Number(row.ends_at) / 1000,
    jti: row.jti,
    iat: Number(row.iat),
    createdAt: Number(row.created_at),
    refreshedAt: orNull(row.refreshed_at),
    userAgent: row.user_agent,
  };
}
