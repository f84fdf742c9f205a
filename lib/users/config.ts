import 'server-only';
import { ROLES, type Role } from '../contract';
import { AuthConfigError, type Env } from '../auth/config';
import { isValidName } from './names';
import { isPasswordHash } from './passwords';
import { DEFAULT_THROTTLE, type ThrottleRules } from './throttle';

/** A user the directory starts with: a plain password (hashed when seeded) or a ready argon2id hash. */
export interface SeedUser {
  name: string;
  role: Role;
  secret: { password: string } | { hash: string };
}

export interface UsersConfig {
  /** The users the directory is seeded with: SEED_USERS; in development with none set, alice and bob. */
  seeds: SeedUser[];
  /** True in production with no SEED_USERS: nobody can log in to a session, and the server says so once. */
  noUsers: boolean;
  throttle: ThrottleRules;
}

/**
 * Development's users when SEED_USERS is not set: the README's alice and bob, password `password`,
 * for development only (production never seeds them). Given as argon2id hashes: a plain seed is a
 * new password, checked against the length rule and the blocklist, which `password` fails.
 */
export const DEVELOPMENT_SEEDS: SeedUser[] = [
  { name: 'alice', role: 'admin', secret: { hash: '$argon2id$v=19$m=19456,t=2,p=1$B5vuZG2UAvrPK83unGEgOQ$5bz/9Ja4UAa9F4ozUT4QUvDElnEQzkRH8V9ADk2BUck' } },
  { name: 'bob', role: 'user', secret: { hash: '$argon2id$v=19$m=19456,t=2,p=1$hhUC3kVxDNcpwVRsY2WLBw$3hkVnITq394McYeTWaEaOUnHzfH6M4jqFEAfDR+lIfs' } },
];

/** NIST SP 800-63B-4 §3.1.1.2: at least 15 characters for a password used alone; no composition rules. */
export const MIN_PASSWORD_LENGTH = 15;
/** Longer passwords are allowed than anyone types (at least 64 must be); this bounds the work of hashing one. */
export const MAX_PASSWORD_LENGTH = 256;

const SEED_FORMAT = 'SEED_USERS must look like "alice:admin:<password or argon2id hash>;bob:user:<…>": entries separated by ";", each a name, a role (admin or user) and a password of 15 to 256 characters or an argon2id hash.';

/** Validates the users' environment; throws AuthConfigError with one sentence saying what to fix, never echoing a password. */
export function loadUsersConfig(env: Env): UsersConfig {
  const text = (env.SEED_USERS ?? '').trim();
  const seeds = text === '' ? null : text.split(';').map(parseSeed);
  if (seeds && new Set(seeds.map((s) => s.name.toLowerCase())).size !== seeds.length) {
    throw new AuthConfigError('SEED_USERS names a user twice (names are compared in any case).');
  }
  if (seeds && !seeds.some((s) => s.role === 'admin')) throw new AuthConfigError('SEED_USERS needs at least one admin, so that someone can manage the users.');
  const production = env.NODE_ENV === 'production';
  return {
    seeds: seeds ?? (production ? [] : DEVELOPMENT_SEEDS),
    noUsers: seeds === null && production,
    throttle: {
      maxFailuresPerName: count(env, 'LOGIN_MAX_FAILURES', DEFAULT_THROTTLE.maxFailuresPerName),
      maxFailuresPerIp: count(env, 'LOGIN_MAX_FAILURES_PER_IP', DEFAULT_THROTTLE.maxFailuresPerIp),
      lockSeconds: count(env, 'LOGIN_LOCK_SECONDS', DEFAULT_THROTTLE.lockSeconds),
    },
  };
}

function parseSeed(entry: string): SeedUser {
  const [name, role, ...rest] = entry.trim().split(':');
  const secret = rest.join(':');
  if (name === undefined || !isValidName(name) || !(ROLES as readonly string[]).includes(role ?? '')) throw new AuthConfigError(SEED_FORMAT);
  if (isPasswordHash(secret)) return { name, role: role as Role, secret: { hash: secret } };
  if (secret.length < MIN_PASSWORD_LENGTH || secret.length > MAX_PASSWORD_LENGTH) throw new AuthConfigError(SEED_FORMAT);
  return { name, role: role as Role, secret: { password: secret } };
}

function count(env: Env, name: string, fallback: number): number {
  const text = env[name] ?? '';
  const value = text === '' ? fallback : Number(text);
  if (!/^\d*$/.test(text) || !Number.isSafeInteger(value) || value < 1 || value > 1_000_000) {
    throw new AuthConfigError(`${name} must be a whole number from 1 to 1000000 (default ${fallback}).`);
  }
  return value;
}

let cached: { key: string; config: UsersConfig } | undefined;

/** The users' config from process.env, read at call time (so `next build` needs none of it) and cached. */
export function getUsersConfig(): UsersConfig {
  const env: Env = {
    NODE_ENV: process.env.NODE_ENV,
    SEED_USERS: process.env.SEED_USERS,
    LOGIN_MAX_FAILURES: process.env.LOGIN_MAX_FAILURES,
    LOGIN_MAX_FAILURES_PER_IP: process.env.LOGIN_MAX_FAILURES_PER_IP,
    LOGIN_LOCK_SECONDS: process.env.LOGIN_LOCK_SECONDS,
  };
  const key = JSON.stringify(env);
  if (cached?.key !== key) cached = { key, config: loadUsersConfig(env) };
  return cached.config;
}
