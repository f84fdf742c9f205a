import 'server-only';
import { keyExpiry, type RotateRequest, type Rotation, type SessionRecord, type SessionStore, type SpentToken } from './store';

interface Entry {
  session: SessionRecord;
  expiresAt: number;
  /** The token the live one replaced, and when. */
  previous?: Omit<SpentToken, 'end'>;
}

/**
 * Sessions in this process's memory: the default in development, and AUTH_STORE=memory for a
 * single-process server. Every method runs to completion without yielding, so a rotation is atomic
 * within the process. Lost on restart, and invisible to any other instance.
 */
export class MemoryStore implements SessionStore {
  private readonly entries = new Map<string, Entry>();

  async create(sid: string, session: SessionRecord, expiresAt: number): Promise<void> {
    this.sweep(Date.now());
    this.entries.set(sid, { session: { ...session }, expiresAt });
  }

  async isLive(sid: string, now: number): Promise<boolean> {
    return this.live(sid, now) !== undefined;
  }

  async rotate(sid: string, { presented, next, now, graceMs, refreshExpiresAt, deadline }: RotateRequest): Promise<Rotation> {
    if (Date.now() > deadline) return { outcome: 'late' };
    const entry = this.live(sid, now);
    // Past its end a session only lingers for its last access tokens: it is never refreshed.
    if (!entry || now >= entry.session.end * 1000) return { outcome: 'unknown' };
    if (presented === entry.session.jti) {
      entry.previous = { jti: presented, iat: entry.session.iat, rotatedAt: now };
      entry.session = { ...entry.session, ...next };
      entry.expiresAt = keyExpiry(entry.session, refreshExpiresAt);
      return { outcome: 'rotated', session: { ...entry.session } };
    }
    if (presented === entry.previous?.jti && now - entry.previous.rotatedAt < graceMs) {
      return { outcome: 'replayed', session: { ...entry.session } };
    }
    this.entries.delete(sid);
    return { outcome: 'reused' };
  }

  async revoke(sid: string): Promise<void> {
    this.entries.delete(sid);
  }

  async spent(sid: string, now: number): Promise<SpentToken | null> {
    const entry = this.live(sid, now);
    return entry?.previous ? { ...entry.previous, end: entry.session.end } : null;
  }

  private live(sid: string, now: number): Entry | undefined {
    const entry = this.entries.get(sid);
    if (entry && entry.expiresAt <= now) this.entries.delete(sid);
    return entry && entry.expiresAt > now ? entry : undefined;
  }

  // Expired sessions go when a new one comes, so the map never holds more than the live ones.
  private sweep(now: number) {
    for (const [sid, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(sid);
  }
}
