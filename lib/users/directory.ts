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
  /**
   * When a user made for a while (a throwaway, a guest) is gone: from then on the directory finds
   * them nowhere, and the next sweep (accounts.ts) removes them with their sessions and data.
   * Milliseconds since the epoch; absent for a user who stays.
   */
  expiresAt?: number;
}

/** True once a user's time is up. */
export const hasExpired = (user: UserRecord, now = Date.now()) => user.expiresAt !== undefined && user.expiresAt <= now;

/**
 * How many users the memory directory holds at most, so that a public deploy cannot fill a
 * process's memory. PostgreSQL's is not capped: a database is sized for its records.
 */
export const MAX_USERS = 1000;

export type CreateOutcome = 'created' | 'name_taken' | 'full';
export type ChangeOutcome = 'changed' | 'not_found' | 'last_admin';
/** What applying a seed did: `applied_before` when this directory had applied that seed's name already. */
export type SeedOutcome = CreateOutcome | 'applied_before';

/**
 * Where users live: PostgreSQL from DATABASE_URL, or memory in development without it. Both pass
 * one contract suite (directory-contract.test.ts). The rule that one admin always remains is kept
 * here, atomically, so that two admins demoting each other at once cannot both succeed.
 */
export interface UserDirectory {
  /** Adds a user, unless the name (in any case) is taken or a capped directory is full. */
  create(user: UserRecord): Promise<CreateOutcome>;
  /**
   * Adds a seed user once in the directory's life: a name applied before (in any case) is never
   * added again, even after that user was removed. The name is recorded as applied in the same
   * step as the user's creation, and also when a user of that name already exists; not when full.
   */
  seed(user: UserRecord): Promise<SeedOutcome>;
  /** True once a seed of this name (in any case) has been applied to this directory. */
  wasSeeded(name: string): Promise<boolean>;
  /** The user of this id; null once their time is up, as for every read. */
  byId(id: string): Promise<UserRecord | null>;
  /** The user of this name, in any case. */
  byName(name: string): Promise<UserRecord | null>;
  /** Every user, oldest first. */
  list(): Promise<UserRecord[]>;
  /** The ids of the users whose time was up at `now`, not yet removed. */
  expired(now: number): Promise<string[]>;
  /** Changes a user's role; never demotes the last admin. */
  setRole(id: string, role: Role): Promise<ChangeOutcome>;
  /** Stores a new hash of the same password (a rehash at login). */
  setPasswordHash(id: string, passwordHash: string): Promise<void>;
  /** Removes a user; never the last admin. */
  remove(id: string): Promise<ChangeOutcome>;
}
