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
  /** More `aud` values for access tokens only: the resource servers that verify them with the JWKS. */
  resourceAudiences: string[];
  /**
   * The ES256 private key that signs access tokens, as a private JWK or PKCS#8 (base64 DER). Null
   * outside production when JWT_SIGNING_KEY is not set: a key derived from JWT_SECRET then signs.
   */
  signingKey: SigningKeyInput | null;
  /** Public halves of earlier signing keys, still accepted and published while their tokens expire. */
  previousPublicKeys: PublicJwk[];
}

export type SigningKeyInput = { jwk: PrivateJwk } | { pkcs8: string };

/** A P-256 public key as a JWK (RFC 7518 §6.2.1). */
export interface PublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

export interface PrivateJwk extends PublicJwk {
  d: string;
}

const MAKE_ONE = 'Generate one with `openssl rand -base64 32`.';
const MAKE_KEY = 'Generate one with `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256`.';

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
    signingKey: signingKey(env),
    previousPublicKeys: previousPublicKeys(env),
    resourceAudiences: resourceAudiences(env),
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
  if (!isClaimValue(value)) throw new AuthConfigError(`${name} must be 1 to 256 printable characters with no spaces (default ${fallback}).`);
  return value;
}

const isClaimValue = (value: string) => /^[\x21-\x7e]{1,256}$/.test(value);

// JWT_RESOURCE_AUDIENCES: the `aud` of each service that verifies access tokens with the JWKS.
function resourceAudiences(env: Env): string[] {
  const values = (env.JWT_RESOURCE_AUDIENCES ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (!values.every(isClaimValue)) throw new AuthConfigError('JWT_RESOURCE_AUDIENCES must be comma-separated values of 1 to 256 printable characters with no spaces.');
  return values;
}

const PEM = /^-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\s]+)-----END PRIVATE KEY-----$/;
const B64URL = /^[\w-]+$/;

// JWT_SIGNING_KEY: a private JWK, or a PKCS#8 PEM (its newlines as they are, or written `\n`).
function signingKey(env: Env): SigningKeyInput | null {
  const text = (env.JWT_SIGNING_KEY ?? '').trim().replaceAll('\\n', '\n');
  if (text === '') {
    // Production signs only with a key it was given: one derived from JWT_SECRET would let whoever
    // holds the HMAC secret mint the tokens that other services trust.
    if (env.NODE_ENV === 'production') {
      throw new AuthConfigError(`JWT_SIGNING_KEY is not set: set it to the ES256 private key that signs access tokens, a P-256 private JWK or PKCS#8 PEM. ${MAKE_KEY}`);
    }
    return null;
  }
  const pem = PEM.exec(text);
  if (pem) return { pkcs8: pem[1]!.replace(/\s/g, '') };
  const jwk = parseJson(text);
  if (!isP256(jwk) || typeof jwk.d !== 'string' || !B64URL.test(jwk.d)) {
    // Never echo the value: it is a private key.
    throw new AuthConfigError(`JWT_SIGNING_KEY must be a P-256 private key for ES256: a JWK with kty "EC", crv "P-256", x, y and d, or a PKCS#8 PEM. ${MAKE_KEY}`);
  }
  return { jwk: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, d: jwk.d } };
}

// JWT_PREVIOUS_PUBLIC_KEYS: the JWK Set GET /.well-known/jwks.json served before a rotation, or any
// P-256 public keys in one.
function previousPublicKeys(env: Env): PublicJwk[] {
  const text = (env.JWT_PREVIOUS_PUBLIC_KEYS ?? '').trim();
  if (text === '') return [];
  const set = parseJson(text) as { keys?: unknown } | null;
  const keys: unknown[] | null = set !== null && Array.isArray(set.keys) ? set.keys : null;
  if (keys === null || !keys.every(isP256)) {
    throw new AuthConfigError('JWT_PREVIOUS_PUBLIC_KEYS must be a JWK Set ({"keys": [...]}) of P-256 public keys, as GET /.well-known/jwks.json serves it.');
  }
  if (keys.some((key) => 'd' in (key as object))) {
    throw new AuthConfigError('JWT_PREVIOUS_PUBLIC_KEYS must hold public keys only: remove each key\'s "d".');
  }
  return (keys as PublicJwk[]).map(({ x, y }) => ({ kty: 'EC', crv: 'P-256', x, y }));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function isP256(value: unknown): value is PublicJwk & Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const { kty, crv, x, y } = value as Record<string, unknown>;
  return kty === 'EC' && crv === 'P-256' && typeof x === 'string' && B64URL.test(x) && typeof y === 'string' && B64URL.test(y);
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
    JWT_SIGNING_KEY: process.env.JWT_SIGNING_KEY,
    JWT_PREVIOUS_PUBLIC_KEYS: process.env.JWT_PREVIOUS_PUBLIC_KEYS,
    JWT_RESOURCE_AUDIENCES: process.env.JWT_RESOURCE_AUDIENCES,
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
