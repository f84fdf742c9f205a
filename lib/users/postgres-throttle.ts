import 'server-only';
import type { PostgresConnection, Query } from '../store/postgres';
import { afterRelease, afterReserve, EMPTY_BUCKET, forgetAt, type Bucket, type BucketState, type LoginThrottle } from './throttle';

// One row per bucket (migrations/002_sessions_throttle.sql), holding a BucketState and when it may
// be forgotten; a row past its forget_at reads as an empty bucket.
type Row = { key: string; failures: number; window_start: string; locked_until: string; lockouts: number; last_lockout: string; locked_by: string; forget_at: string };

const SWEEP_LIMIT = 100;

/**
 * The login throttle's buckets in PostgreSQL, for a deploy with DATABASE_URL alone: every instance
 * counts the same attempts. Each call is one transaction that holds its buckets' rows, taken in
 * one order (by key) so that two attempts sharing buckets wait for each other rather than
 * deadlock; the counting is throttle.ts's afterReserve and afterRelease, as the memory throttle's.
 */
export class PostgresThrottle implements LoginThrottle {
  constructor(private readonly db: PostgresConnection) {}

  async reserve(buckets: Bucket[], lockSeconds: number, now: number, id: string): Promise<number> {
    if (buckets.length === 0) return 0;
    // Forgotten buckets go first, in a statement of their own that skips the rows others hold: it
    // never waits, so it takes no part in a deadlock with the reservations' row locks.
    await this.db.query('DELETE FROM throttle_buckets WHERE key IN (SELECT key FROM throttle_buckets WHERE forget_at <= $1 LIMIT $2 FOR UPDATE SKIP LOCKED)', [now, SWEEP_LIMIT]);
    return this.db.transaction(async (query) => {
      // Inserted if new, and held either way: a no-op update locks an existing row and returns it.
      const rows = await query<Row>(
        'INSERT INTO throttle_buckets (key) SELECT unnest($1::text[]) ORDER BY 1 ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key RETURNING *',
        [keys(buckets)],
      );
      const states = new Map(rows.map((row) => [row.key, Number(row.forget_at) > now ? state(row) : EMPTY_BUCKET]));
      const locked = Math.max(0, ...[...states.values()].map((s) => s.lockedUntil - now));
      if (locked > 0) return locked;
      for (const { key, limit } of buckets) await write(query, key, afterReserve(states.get(key)!, limit, lockSeconds, now, id));
      return 0;
    });
  }

  async release(buckets: Bucket[], id: string, now: number): Promise<void> {
    if (buckets.length === 0) return;
    await this.db.transaction(async (query) => {
      const rows = await query<Row>('SELECT * FROM throttle_buckets WHERE key = ANY($1) AND forget_at > $2 ORDER BY key FOR UPDATE', [keys(buckets), now]);
      for (const row of rows) await write(query, row.key, afterRelease(state(row), id, now));
    });
  }
}

// Each key once, in one order: a bucket named twice would be counted twice.
const keys = (buckets: Bucket[]) => [...new Set(buckets.map((bucket) => bucket.key))].sort();

async function write(query: Query, key: string, s: BucketState): Promise<void> {
  await query(
    'UPDATE throttle_buckets SET failures = $2, window_start = $3, locked_until = $4, lockouts = $5, last_lockout = $6, locked_by = $7, forget_at = $8 WHERE key = $1',
    [key, s.failures, s.windowStart, s.lockedUntil, s.lockouts, s.lastLockout, s.lockedBy, forgetAt(s)],
  );
}

// bigint columns arrive as strings: milliseconds fit a double exactly.
function state(row: Row): BucketState {
  return {
    failures: row.failures,
    windowStart: Number(row.window_start),
    lockedUntil: Number(row.locked_until),
    lockouts: row.lockouts,
    lastLockout: Number(row.last_lockout),
    lockedBy: row.locked_by,
  };
}
