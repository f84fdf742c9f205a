import 'server-only';
import type { Role } from '../contract';

export { StoreUnavailableError } from '../store/unavailable';

/** A session as the store keeps it. Times are milliseconds since the epoch unless named otherwise. */
export interface SessionRecord {
  /** The user's public id: the `sub` of the session's tokens. */
  userId: string;
  /** The user's name, for display. */
  user: string;
  /** The user's role when the session started; a change of role ends the session. */
  role: Role;
  /** Life of each access token the session is given, in seconds. */
  accessTtl: number;
  /** The session's absolute end, in seconds: no refresh token outlives it. */
  end: number;
  /** The live refresh token: its `jti`, and its `iat` in seconds (enough to sign it again, byte for byte). */
  jti: string;
  iat: number;
  /** When the session started, and when it was last refreshed (null: never). */
  createdAt: number;
  refreshedAt: number | null;
  /** The browser or client it started in, shortened for a list of sessions. */
  userAgent: string;
}

/** What a list of a user's sessions shows of each. */
export interface SessionSummary {
  sid: string;
  createdAt: number;
  refreshedAt: number | null;
  userAgent: string;
}

/** What spending a refresh token did. In `rotated` and `replayed`, `session.jti` is the successor. */
export type Rotation =
  | { outcome: 'rotated'; session: SessionRecord }
  /** The token was spent within the grace window: its successor, unchanged, and no new branch. */
  | { outcome: 'replayed'; session: SessionRecord }
  /** A spent token, after the grace window: the whole session is now revoked. */
  | { outcome: 'reused' }
  /** No such session: logged out, revoked, expired, or never issued here. */
  | { outcome: 'unknown' }
  /** The rotation reached the store after its deadline, when its caller had given up: nothing changed. */
  | { outcome: 'late' };

export interface RotateRequest {
  /** The `jti` of the refresh token presented. */
  presented: string;
  /** The successor to install if it is the live token. */
  next: { jti: string; iat: number };
  now: number;
  graceMs: number;
  /** When the successor would expire by REFRESH_TTL_SECONDS alone; the store caps it at the session's end. */
  refreshExpiresAt: number;
  /**
   * The latest time, by the store's own clock (Redis's TIME, PostgreSQL's clock_timestamp(), this
   * process's for memory), at which the rotation may still be carried out. One that reaches the
   * store later (it was queued behind a frozen Redis, or waited for a locked row, say) does
   * nothing: its caller has answered 503 by then, and the cookie it holds must still be the live one.
   */
  deadline: number;
}

/** How the pages' check of a session treats its use (sessions.ts pageUse). */
export interface PageUse {
  /** A session unused this long ends. */
  idleMs: number;
  /** Its time of last use is written at most this often. */
  writeEveryMs: number;
}

/** How many sessions one user may have at once; a login past it ends that user's oldest session. */
export const MAX_SESSIONS_PER_USER = 100;

/**
 * When a session's key may go: its refresh token's expiry, never past the session's end, plus one
 * access token's life, so that the last access token issued can still be checked against it.
 */
export function keyExpiry(session: Pick<SessionRecord, 'end' | 'accessTtl'>, refreshExpiresAt: number): number {
  return Math.min(refreshExpiresAt, session.end * 1000) + session.accessTtl * 1000;
}

/**
 * Where sessions live: the memory store in development; in production Redis, or PostgreSQL when
 * it is the only store. All pass the same contract suite (store-contract.test.ts). Each user's
 * sessions are indexed, so that listing or ending them never scans the keyspace.
 */
export interface SessionStore {
  /** Stores a new session, kept until `expiresAt`; past MAX_SESSIONS_PER_USER, the user's oldest ends. */
  create(sid: string, session: SessionRecord, expiresAt: number): Promise<void>;
  /** True while the session exists: not logged out, not revoked, not expired. */
  isLive(sid: string, now: number): Promise<boolean>;
  /**
   * The pages' check, atomically: true while the session exists, is before its end, and was used
   * (started, refreshed, or seen here) within `idleMs`; its use is then recorded (at most once per
   * `writeEveryMs`) and its key kept for another idle period, never past its end. A session idle
   * longer is ended.
   */
  seen(sid: string, now: number, use: PageUse): Promise<boolean>;
  /** Spends the presented refresh token, atomically: rotated, replayed within grace, reused, or unknown. */
  rotate(sid: string, request: RotateRequest): Promise<Rotation>;
  /** Ends the session. Ending one that is already gone is fine. */
  revoke(sid: string): Promise<void>;
  /** The refresh token the last rotation spent, and when; null for no live session, or one never rotated. */
  spent(sid: string, now: number): Promise<SpentToken | null>;
  /** The user's live sessions, oldest first. */
  listForUser(userId: string, now: number): Promise<SessionSummary[]>;
  /** Ends one of the user's sessions; false when the user has no such live session. */
  revokeForUser(userId: string, sid: string): Promise<boolean>;
  /** Ends every session of the user but `keep` (if given); says how many ended. */
  revokeAllForUser(userId: string, keep?: string): Promise<number>;
}

/** A refresh token that a rotation spent: enough to sign it again, byte for byte. */
export interface SpentToken {
  jti: string;
  /** Its `iat`, in seconds. */
  iat: number;
  rotatedAt: number;
  /** The session's end, in seconds, which capped its `exp`. */
  end: number;
}
