import 'server-only';
import { DEFAULT_ACCESS_TTL_SECONDS, DEFAULT_REFRESH_TTL_SECONDS, DEFAULT_TTL_SECONDS, MAX_ACCESS_TTL_SECONDS, MIN_SECRET_BYTES } from './limits';
/** Raised when the environment cannot run auth; its message names the variable and the fix. */
export class AuthConfigError extends Error {
  override name = 'AuthConfigError';
}

export interface AuthConfig {
  /** Signs new tokens. */
  secret: string;
  /** Still accepted for verification while tokens signed with them expire. */
  previousSecrets: string[];
  /** Default and longest life of the tutorial's tokens, in seconds. */
  ttlSeconds: number;
  /** Default and longest life of a session's access tokens, in seconds. */
  accessTtlSeconds: number;
  /** Life of a session's refresh token, in seconds (never past the session's absolute end). */
  refreshTtlSeconds: number;
  /** The password any username may log in with, unless `users` is set. */
  demoPassword: string;
  /** When set, only these users may log in, each with their own password. */
  users: ReadonlyMap<string, string> | null;
  /** True when neither DEMO_PASSWORD nor DEMO_USERS is set: anyone who has read the tutorial can log in. */
  usingTutorialPassword: boolean;
}


const MAKE_ONE = 'Generate one with `openssl rand -base64 32`.';

export type Env = Record<string, string | undefined>;

/** Validates the auth environment; throws AuthConfigError with one sentence saying what to fix. */
export function loadAuthConfig(env: Env): AuthConfig {
  const secret = env.JWT_SECRET ?? '';
  // No fixed development secret: one in the source would let anyone who has read it forge tokens
  // for any dev server they can reach. `npm run dev` makes one per checkout (scripts/dev-secret.mjs).
  if (secret === '') {
    const fix = env.NODE_ENV === 'production' ? '' : ' `npm run dev` makes one for this checkout in .env.development.local, or';
    throw new AuthConfigError(`JWT_SECRET is not set:${fix} set it to at least ${MIN_SECRET_BYTES} random bytes. ${MAKE_ONE}`);
  }
  if (byteLength(secret) < MIN_SECRET_BYTES) {
    throw new AuthConfigError(`JWT_SECRET is shorter than ${MIN_SECRET_BYTES} bytes. ${MAKE_ONE}`);
  }

  const previousSecrets = (env.JWT_PREVIOUS_SECRETS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (previousSecrets.some((s) => byteLength(s) < MIN_SECRET_BYTES)) {
    throw new AuthConfigError(`Every secret in JWT_PREVIOUS_SECRETS must be at least ${MIN_SECRET_BYTES} bytes.`);
  }

  const users = parseUsers(env.DEMO_USERS ?? '');
  return {
    secret,
    previousSecrets,
    ttlSeconds: seconds(env, 'TOKEN_TTL_SECONDS', DEFAULT_TTL_SECONDS),
    accessTtlSeconds: seconds(env, 'ACCESS_TTL_SECONDS', DEFAULT_ACCESS_TTL_SECONDS, MAX_ACCESS_TTL_SECONDS),
    refreshTtlSeconds: seconds(env, 'REFRESH_TTL_SECONDS', DEFAULT_REFRESH_TTL_SECONDS),
    demoPassword: env.DEMO_PASSWORD || 'password',
    users,
    usingTutorialPassword: !env.DEMO_PASSWORD && users === null,
  };
}

/** A whole number of seconds from 1 to `max`, from `env[name]`; `fallback` when unset. */
export function seconds(env: Env, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const text = env[name] ?? '';
  const value = text === '' ? fallback : Number(text);
  if (!/^\d*$/.test(text) || !Number.isSafeInteger(value) || value < 1 || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? ', 1 or more' : ` from 1 to ${max}`;
    throw new AuthConfigError(`${name} must be a whole number of seconds${range} (default ${fallback}).`);
  }
  return value;
}

function parseUsers(text: string): Map<string, string> | null {
  if (text.trim() === '') return null;
  const users = new Map<string, string>();
  for (const entry of text.split(',')) {
    const colon = entry.indexOf(':');
    const user = entry.slice(0, colon).trim();
    if (colon < 1 || user === '' || colon === entry.length - 1) {
      // Never echo the entry: it holds a password.
      throw new AuthConfigError('DEMO_USERS must look like "alice:pw1,bob:pw2": each entry a user, a colon and a password.');
    }
    users.set(user, entry.slice(colon + 1));
  }
  return users;
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

let cached: { key: string; config: AuthConfig } | undefined;

/** The auth config from process.env, read at call time (so `next build` needs no secret) and cached. */
export function getAuthConfig(): AuthConfig {
  const env: Env = {
    NODE_ENV: process.env.NODE_ENV,
    JWT_SECRET: process.env.JWT_SECRET,
    JWT_PREVIOUS_SECRETS: process.env.JWT_PREVIOUS_SECRETS,
    TOKEN_TTL_SECONDS: process.env.TOKEN_TTL_SECONDS,
    ACCESS_TTL_SECONDS: process.env.ACCESS_TTL_SECONDS,
    REFRESH_TTL_SECONDS: process.env.REFRESH_TTL_SECONDS,
    DEMO_PASSWORD: process.env.DEMO_PASSWORD,
    DEMO_USERS: process.env.DEMO_USERS,
  };
  const key = JSON.stringify(env);
  if (cached?.key !== key) cached = { key, config: loadAuthConfig(env) };
  return cached.config;
}
