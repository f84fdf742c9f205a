import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import type { Stores } from '../stores';
import { checkNewPassword } from './accounts';
import type { UserRecord } from './directory';
import { hashPassword } from './passwords';

// One-time links to set a new password, made by an admin for a user (there are no email addresses
// to send one to: SECURITY.md). A link's token is 32 random bytes, base64url, shown once; the store
// keeps only its SHA-256, which is enough for a secret of 256 bits that nobody can guess (a slow
// hash is for passwords people choose) and lets the link be found by it. A link lasts 30 minutes,
// a user has one at a time, and using it is one atomic step: of any number of uses at once, one
// sets the password. It then ends every session of that user.

/** How long a link lasts. */
export const RESET_LINK_SECONDS = 30 * 60;

/** A link as the store keeps it: whose it is and when it ends (milliseconds since the epoch), never the token. */
export interface ResetRecord {
  userId: string;
  expiresAt: number;
}

/** Where links live: in memory for one process, or PostgreSQL (migrations/003_password_resets.sql). One contract suite (resets-contract.test.ts). */
export interface ResetStore {
  /** Keeps a new link for its user, in place of any link that user had; drops the links that have ended. */
  create(tokenHash: string, reset: ResetRecord): Promise<void>;
  /** The user a live link is for, leaving it live; null for one used, ended or unknown. */
  peek(tokenHash: string, now: number): Promise<string | null>;
  /** Uses a live link: the user it is for, to exactly one caller however many ask at once; null to the rest. */
  consume(tokenHash: string, now: number): Promise<string | null>;
}

/** A link just made: its token, in the path `/reset/<token>`, and when it ends. */
export interface IssuedReset {
  token: string;
  expiresAt: number;
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The form a token is kept and looked up in. */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Makes a user a new link, ending the one they had; null for no such user. */
export async function createResetLink(stores: Stores, userId: string, now = Date.now()): Promise<IssuedReset | null> {
  if (!(await stores.users.byId(userId))) return null;
  const token = randomBytes(32).toString('base64url');
  const expiresAt = now + RESET_LINK_SECONDS * 1000;
  await stores.resets.create(tokenHash(token), { userId, expiresAt });
  return { token, expiresAt };
}

/** The user a live link is for, the link left live; null for one used, ended, unknown or malformed. */
export async function resetLinkUser(stores: Stores, token: string): Promise<UserRecord | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const userId = await stores.resets.peek(tokenHash(token), Date.now());
  return userId === null ? null : stores.users.byId(userId);
}

export type ResetOutcome = { ok: true } | { ok: false; reason: 'gone' } | { ok: false; reason: 'refused'; message: string };

/**
 * Sets a new password with a link: checked against the length rule and the blocklist first (a
 * refused one leaves the link live, to try another), then the link is used, once, and only the one
 * use that got it stores the new hash and ends every session of the user.
 */
export async function redeemResetLink(stores: Stores, token: string, newPassword: unknown): Promise<ResetOutcome> {
  const user = await resetLinkUser(stores, token);
  if (!user) return { ok: false, reason: 'gone' };
  const checked = await checkNewPassword(newPassword, user.name);
  if (!checked.ok) return { ok: false, reason: 'refused', message: checked.message };
  if ((await stores.resets.consume(tokenHash(token), Date.now())) !== user.id) return { ok: false, reason: 'gone' };
  if (!(await stores.users.setPasswordHash(user.id, await hashPassword(checked.value), null))) return { ok: false, reason: 'gone' };
  await stores.sessions.revokeAllForUser(user.id);
  return { ok: true };
}
