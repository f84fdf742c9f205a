import 'server-only';
import {
  keyExpiry,
  MAX_SESSIONS_PER_USER,
  type PageUse,
  type RotateRequest,
  type Rotation,
  type SessionRecord,
  type SessionStore,
  type SessionSummary,
  type SpentToken,
} from './store';

interface Entry {
  session: SessionRecord;
  expiresAt: number;
  /** When the session was last used: started, refreshed, or seen by the pages. */
  seenAt: number;
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
  private readonly byUser = new Map<string, Set<string>>();

  async create(sid: string, session: SessionRecord, expiresAt: number): Promise<void> {
    const now = Date.now();
    this.sweep(now);
    const sids = this.byUser.get(session.userId) ?? new Set<string>();
    if (sids.size >= MAX_SESSIONS_PER_USER) {
      const oldest = this.summaries(sids).sort((a, b) => a.createdAt - b.createdAt)[0];
      if (oldest) this.delete(oldest.sid);
    }
    this.entries.set(sid, { session: { ...session }, expiresAt, seenAt: session.createdAt });
    this.byUser.set(session.userId, sids.add(sid));
  }

  async isLive(sid: string, now: number): Promise<boolean> {
    return this.live(sid, now) !== undefined;
  }

  async seen(sid: string, now: number, { idleMs, writeEveryMs }: PageUse): Promise<boolean> {
    const entry = this.live(sid, now);
    const end = (entry?.session.end ?? 0) * 1000;
    if (!entry || now >= end) return false;
    if (now - entry.seenAt >= idleMs) {
      this.delete(sid);
      return false;
    }
    if (now - entry.seenAt >= writeEveryMs) {
      entry.seenAt = now;
      entry.expiresAt = Math.max(entry.expiresAt, Math.min(now + idleMs, end) + entry.session.accessTtl * 1000);
    }
    return true;
  }

  async rotate(sid: string, { presented, next, now, graceMs, refreshExpiresAt, deadline }: RotateRequest): Promise<Rotation> {
    if (Date.now() > deadline) return { outcome: 'late' };
    const entry = this.live(sid, now);
    // Past its end a session only lingers for its last access tokens: it is never refreshed.
    if (!entry || now >= entry.session.end * 1000) return { outcome: 'unknown' };
    if (presented === entry.session.jti) {
      entry.previous = { jti: presented, iat: entry.session.iat, rotatedAt: now };
      entry.session = { ...entry.session, ...next, refreshedAt: now };
      entry.seenAt = now;
      entry.expiresAt = keyExpiry(entry.session, refreshExpiresAt);
      return { outcome: 'rotated', session: { ...entry.session } };
    }
    if (presented === entry.previous?.jti && now - entry.previous.rotatedAt < graceMs) {
      return { outcome: 'replayed', session: { ...entry.session } };
    }
    this.delete(sid);
    return { outcome: 'reused' };
  }

  async revoke(sid: string): Promise<void> {
    this.delete(sid);
  }

  async spent(sid: string, now: number): Promise<SpentToken | null> {
    const entry = this.live(sid, now);
    return entry?.previous ? { ...entry.previous, end: entry.session.end } : null;
  }

  async listForUser(userId: string, now: number): Promise<SessionSummary[]> {
    const sids = [...(this.byUser.get(userId) ?? [])].filter((sid) => this.live(sid, now));
    return this.summaries(sids).sort((a, b) => a.createdAt - b.createdAt);
  }

  async revokeForUser(userId: string, sid: string): Promise<boolean> {
    const live = this.live(sid, Date.now());
    if (!live || live.session.userId !== userId) return false;
    this.delete(sid);
    return true;
  }

  async revokeAllForUser(userId: string, keep?: string): Promise<number> {
    let ended = 0;
    for (const sid of [...(this.byUser.get(userId) ?? [])]) {
      if (sid === keep) continue;
      if (this.live(sid, Date.now())) ended++;
      this.delete(sid);
    }
    return ended;
  }

  private summaries(sids: Iterable<string>): SessionSummary[] {
    return [...sids].flatMap((sid) => {
      const session = this.entries.get(sid)?.session;
      return session ? [{ sid, createdAt: session.createdAt, refreshedAt: session.refreshedAt, userAgent: session.userAgent }] : [];
    });
  }

  private live(sid: string, now: number): Entry | undefined {
    const entry = this.entries.get(sid);
    if (entry && entry.expiresAt <= now) this.delete(sid);
    return entry && entry.expiresAt > now ? entry : undefined;
  }

  private delete(sid: string): void {
    const entry = this.entries.get(sid);
    if (!entry) return;
    this.entries.delete(sid);
    const sids = this.byUser.get(entry.session.userId);
    sids?.delete(sid);
    if (sids?.size === 0) this.byUser.delete(entry.session.userId);
  }

  // Expired sessions go when a new one comes, so the map never holds more than the live ones.
  private sweep(now: number) {
    for (const [sid, entry] of this.entries) if (entry.expiresAt <= now) this.delete(sid);
  }
}
