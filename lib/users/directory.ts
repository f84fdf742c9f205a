import 'server-only';
import type { Role } from '../contract';

/** A user as the directory keeps them. */
export interface UserRecord {
  /** Opaque and public: the `sub` of the user's tokens, never derived from the name. */
  id: string;
  /** Unique, compared case-insensitively (see names.ts). */
  name: string;
  /** argon2id, as a PHC string. Never leaves the server. */
  passwordHash: string;
  role: Role;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

/** How many users the directory holds at most, so that a public deploy cannot be filled up. */
export const MAX_USERS = 1000;

export type CreateOutcome = 'created' | 'name_taken' | 'full';
export type ChangeOutcome = 'changed' | 'not_found' | 'last_admin';

/**
 * Where users live: memory in development, Redis in production, the same store as sessions. Both
 * pass one contract suite (directory-contract.test.ts). The rule that one admin always remains is
 * kept here, atomically, so that two admins demoting each other at once cannot both succeed.
 */
export interface UserDirectory {
  /** Adds a user, unless the name (in any case) is taken or the directory is full. */
  create(user: UserRecord): Promise<CreateOutcome>;
  byId(id: string): Promise<UserRecord | null>;
  /** The user of this name, in any case. */
  byName(name: string): Promise<UserRecord | null>;
  /** Every user, oldest first. */
  list(): Promise<UserRecord[]>;
  /** Changes a user's role; never demotes the last admin. */
  setRole(id: string, role: Role): Promise<ChangeOutcome>;
  /** Stores a new hash of the same password (a rehash at login). */
  setPasswordHash(id: string, passwordHash: string): Promise<void>;
  /** Removes a user; never the last admin. */
  remove(id: string): Promise<ChangeOutcome>;
}
