import 'server-only';
import {
  DEFAULT_ACCESS_TTL_SECONDS,
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  DEFAULT_REFRESH_TTL_SECONDS,
  DEFAULT_SESSION_LIFETIME_SECONDS,
  DEFAULT_TTL_SECONDS,
  MAX_ACCESS_TTL_SECONDS,
  MIN_SECRET_BYTES,
} from './limits';
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
  /** A session's absolute life, in seconds: no token of it, the pages' cookie included, outlives it. */
  sessionLifetimeSeconds: number;
  /** The password any username logs in to GET /login with, as in the tutorial. */
  demoPassword: string;
  /** True when DEMO_PASSWORD is not set: anyone who has read the tutorial can get a tutorial token. */
  usingTutorialPassword: boolean;
  /** The `iss` of session tokens (RFC 8725 §3.8): who issued them. Both layers require it. */
  issuer: string;
  /** The `aud` of session tokens (RFC 8725 §3.9): who they are for. Both layers require it. */
  audience: string;
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

  if ((env.DEMO_USERS ?? '').trim() !== '') {
    // Never echo the value: it holds passwords.
    throw new AuthConfigError(
      'DEMO_USERS is replaced by SEED_USERS, whose users have roles and hashed passwords ("alice:admin:<password or argon2id hash>;bob:user:…"); GET /login takes any username with DEMO_PASSWORD, as in the tutorial.',
    );
  }
  return {
    secret,
    previousSecrets,
    ttlSeconds: seconds(env, 'TOKEN_TTL_SECONDS', DEFAULT_TTL_SECONDS),
    accessTtlSeconds: seconds(env, 'ACCESS_TTL_SECONDS', DEFAULT_ACCESS_TTL_SECONDS, MAX_ACCESS_TTL_SECONDS),
    refreshTtlSeconds: seconds(env, 'REFRESH_TTL_SECONDS', DEFAULT_REFRESH_TTL_SECONDS),
    sessionLifetimeSeconds: seconds(env, 'SESSION_LIFETIME_SECONDS', DEFAULT_SESSION_LIFETIME_SECONDS),
    demoPassword: env.DEMO_PASSWORD || 'password',
    usingTutorialPassword: !env.DEMO_PASSWORD,
    issuer: claimValue(env, 'JWT_ISSUER', DEFAULT_ISSUER),
    audience: claimValue(env, 'JWT_AUDIENCE', DEFAULT_AUDIENCE),
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

// A claim value from the environment: printable ASCII with no spaces, as a URI or a name is.
function claimValue(env: Env, name: string, fallback: string): string {
  const value = env[name] || fallback;
  if (!/^[\x21-\x7e]{1,256}$/.test(value)) throw new AuthConfigError(`${name} must be 1 to 256 printable characters with no spaces (default ${fallback}).`);
  return value;
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
    SESSION_LIFETIME_SECONDS: process.env.SESSION_LIFETIME_SECONDS,
    DEMO_PASSWORD: process.env.DEMO_PASSWORD,
    DEMO_USERS: process.env.DEMO_USERS,
    JWT_ISSUER: process.env.JWT_ISSUER,
    JWT_AUDIENCE: process.env.JWT_AUDIENCE,
  };
  const key = JSON.stringify(env);
  if (cached?.key !== key) cached = { key, config: loadAuthConfig(env) };
  return cached.config;
}
