import 'server-only';
import type { PostgresConnection } from '../store/postgres';
import type { ResetRecord, ResetStore } from './resets';

/**
 * Reset links in PostgreSQL (migrations/003_password_resets.sql). A link is used by one DELETE …
 * RETURNING: of uses at once, the row is gone for all but the first, which alone gets its user.
 */
export class PostgresResets implements ResetStore {
  constructor(private readonly db: PostgresConnection) {}

  create(tokenHash: string, { userId, expiresAt }: ResetRecord): Promise<void> {
    return this.db.transaction(async (query) => {
      await query('DELETE FROM password_resets WHERE user_id = $1 OR expires_at <= $2', [userId, Date.now()]);
      await query('INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [tokenHash, userId, expiresAt]);
    });
  }

  async peek(tokenHash: string, now: number): Promise<string | null> {
    const [row] = await this.db.query<{ user_id: string }>('SELECT user_id FROM password_resets WHERE token_hash = $1 AND expires_at > $2', [tokenHash, now]);
    return row?.user_id ?? null;
  }

  async consume(tokenHash: string, now: number): Promise<string | null> {
    const [row] = await this.db.query<{ user_id: string; expires_at: string }>('DELETE FROM password_resets WHERE token_hash = $1 RETURNING user_id, expires_at', [tokenHash]);
    return row && Number(row.expires_at) > now ? row.user_id : null;
  }
}
