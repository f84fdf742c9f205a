import 'server-only';
import {
  decodeProtectedHeader,
  errors,
  jwtVerify,
  SignJWT,
  type JWTHeaderParameters,
  type JWTPayload,
  type JWTVerifyOptions,
} from 'jose';
import { ROLES, TOKEN_TYPES, type InvalidTokenReason, type Role } from '../contract';
import type { AuthConfig } from './config';
import { getKeyRing, type KeyRing } from './keys';
import { CLOCK_TOLERANCE_SECONDS, MAX_TOKEN_LENGTH } from './limits';
import { VerifiedTokens } from './verified-tokens';


/** Who a session's tokens speak for, and what they may do: the claims both of its kinds carry. */
export interface SessionSubject {
  /** The user's public id (`sub`): opaque, never the name. */
  sub: string;
  /** The user's name, for display. */
  user: string;
  /** RFC 9068 §2.2.3.1's `roles`. */
  roles: Role[];
}

/** A token of a session: who, which session, and which token of it. */
export interface SessionClaims extends SessionSubject {
  sid: string;
  jti: string;
}

export type VerifyResult =
  | { ok: true; user: string; session?: SessionClaims }
  | { ok: false; reason: InvalidTokenReason };

export type RefreshResult = ({ ok: true } & SessionClaims) | { ok: false; reason: InvalidTokenReason };

// Each kind of token this server issues, told apart by its `typ` header, with its one algorithm
// and the longest life one of its kind can have.
interface TokenKind {
  typ: string;
  /**
   * Access tokens are ES256, so that another service can verify them with the public key alone
   * (GET /.well-known/jwks.json). The rest are HS256: the tutorial's as the video has them, and the
   * refresh token and pages' cookie because no one but this server ever verifies them.
   */
  alg: 'HS256' | 'ES256';
  maxLifetime(config: AuthConfig): number;
  /** Session tokens must name their session and themselves. */
  session: boolean;
}
const TUTORIAL: TokenKind = { typ: TOKEN_TYPES.tutorial, alg: 'HS256', maxLifetime: (c) => c.ttlSeconds, session: false };
const ACCESS: TokenKind = { typ: TOKEN_TYPES.access, alg: 'ES256', maxLifetime: (c) => c.accessTtlSeconds, session: true };
const REFRESH: TokenKind = { typ: TOKEN_TYPES.refresh, alg: 'HS256', maxLifetime: (c) => c.refreshTtlSeconds, session: true };
// The pages' session cookie: it lives until the session's absolute end (the store ends an idle
// one sooner), and is told apart from a refresh token by `typ`.
const PAGE: TokenKind = { typ: TOKEN_TYPES.page, alg: 'HS256', maxLifetime: (c) => c.sessionLifetimeSeconds, session: true };

// The keys that sign and verify one kind of token.
const keysFor = (ring: KeyRing, kind: TokenKind) => (kind.alg === 'ES256' ? ring.access : ring);

// Three base64url segments; the signature may be empty so that `alg: none` is refused by name.
const JWS_COMPACT = /^[\w-]+\.[\w-]+\.[\w-]*$/;

/** Signs an HS256 token for `user` that expires `ttlSeconds` from now. */
export async function signToken(config: AuthConfig, user: string, ttlSeconds: number): Promise<string> {
  const iat = Math.floor(Date.now() / 1000);
  return sign(config, TUTORIAL, { user }, iat, iat + ttlSeconds);
}

/** Signs a session's access token (ES256), with a new `jti`; it expires `ttlSeconds` from now. */
export async function signAccessToken(
  config: AuthConfig,
  { sub, user, roles, sid }: SessionSubject & { sid: string },
  ttlSeconds: number,
): Promise<{ token: string; jti: string; exp: number }> {
  const iat = Math.floor(Date.now() / 1000);
  const jti = crypto.randomUUID();
  const exp = iat + ttlSeconds;
  return { token: await sign(config, ACCESS, { sub, user, roles, sid, jti }, iat, exp), jti, exp };
}

/** Signs a session's refresh token. The same claims always give the same token (HS256 is deterministic). */
export async function signRefreshToken(config: AuthConfig, claims: SessionClaims & { iat: number; exp: number }): Promise<string> {
  const { iat, exp, sub, user, roles, sid, jti } = claims;
  return sign(config, REFRESH, { sub, user, roles, sid, jti }, iat, exp);
}

/** Signs the pages' session cookie: it names the session to Server Components, and can do nothing else. */
export async function signPageToken(config: AuthConfig, claims: SessionClaims & { iat: number; exp: number }): Promise<string> {
  const { iat, exp, sub, user, roles, sid, jti } = claims;
  return sign(config, PAGE, { sub, user, roles, sid, jti }, iat, exp);
}

async function sign(config: AuthConfig, kind: TokenKind, claims: JWTPayload, iat: number, exp: number): Promise<string> {
  const { current } = keysFor(await getKeyRing(config), kind);
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: kind.alg, typ: kind.typ, kid: current.kid })
    .setIssuedAt(iat)
    .setExpirationTime(exp);
  // The tutorial's tokens stay as the video has them; a session's name who issued them and for whom.
  // An access token is also for each resource server configured to verify it (RFC 9068 §3).
  if (kind.session) jwt.setIssuer(config.issuer).setAudience(kind === ACCESS && config.resourceAudiences.length > 0 ? [config.audience, ...config.resourceAudiences] : config.audience);
  return jwt.sign(current.key);
}

const verified = new VerifiedTokens<{ kind: TokenKind; payload: JWTPayload }>();

/**
 * Verifies a bearer token (the tutorial's, or a session's access token): form, algorithm,
 * signature and claims, against the configured keys. A token failure is a result; only a bug or a
 * WebCrypto failure throws. A session token's session is the caller's to check.
 */
export async function verifyToken(config: AuthConfig, token: string): Promise<VerifyResult> {
  if (token.length > MAX_TOKEN_LENGTH || !JWS_COMPACT.test(token)) return { ok: false, reason: 'malformed' };
  const ring = await getKeyRing(config);
  const known = verified.get(ring, token);
  if (known) return checkClaims(config, known.kind, known.payload);

  // The header only picks which rules apply; jose then checks the signature before the `typ`, so
  // a forged token is a bad signature whatever it claims to be. A refresh token is never a bearer.
  const kind = headerType(token) === ACCESS.typ ? ACCESS : TUTORIAL;
  const result = await verifyKind(config, ring, token, kind);
  if (!result.ok) return result;
  const checked = checkClaims(config, kind, result.payload);
  if (checked.ok) verified.remember(ring, token, { kind, payload: result.payload });
  return checked;
}

/** Verifies a session's refresh token, as the refresh cookie carries it. */
export function verifyRefreshToken(config: AuthConfig, token: string): Promise<RefreshResult> {
  return verifyCookieToken(config, REFRESH, token);
}

/** Verifies the pages' session cookie; at the edge too, where the gate checks it before /account renders. */
export function verifyPageToken(config: AuthConfig, token: string): Promise<RefreshResult> {
  return verifyCookieToken(config, PAGE, token);
}

async function verifyCookieToken(config: AuthConfig, kind: TokenKind, token: string): Promise<RefreshResult> {
  if (token.length > MAX_TOKEN_LENGTH || !JWS_COMPACT.test(token)) return { ok: false, reason: 'malformed' };
  const result = await verifyKind(config, await getKeyRing(config), token, kind);
  if (!result.ok) return result;
  const checked = checkClaims(config, kind, result.payload);
  if (!checked.ok) return checked;
  return { ok: true, ...checked.session! };
}

function headerType(token: string): unknown {
  try {
    return decodeProtectedHeader(token).typ;
  } catch {
    return undefined; // not decodable: jose says why below
  }
}

class KeyMismatch extends Error {}

async function verifyKind(
  config: AuthConfig,
  ring: KeyRing,
  token: string,
  kind: TokenKind,
): Promise<{ ok: true; payload: JWTPayload } | { ok: false; reason: InvalidTokenReason }> {
  const options: JWTVerifyOptions = {
    // Pinned per kind (RFC 8725 §3.1): an access token HS256-signed with the public key as its
    // HMAC secret is refused by name, never tried against a key.
    algorithms: [kind.alg],
    typ: kind.typ,
    requiredClaims: ['exp'],
    // Requires `iat`, refuses one in the future, and one older than any token of this kind could be.
    maxTokenAge: kind.maxLifetime(config),
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    // RFC 8725 §3.8–3.9: a session token signed with our key but issued for another audience, or by
    // another issuer sharing the key, is not ours to accept.
    ...(kind.session ? { issuer: config.issuer, audience: config.audience } : {}),
  };
  let failure: unknown;
  // A token names its key by `kid`; one without a `kid` is tried against each accepted key in turn.
  for (const candidate of keysFor(ring, kind).all) {
    try {
      const { payload } = await jwtVerify(
        token,
        (header: JWTHeaderParameters) => {
          if (header.kid !== undefined && header.kid !== candidate.kid) throw new KeyMismatch();
          return candidate.key;
        },
        options,
      );
      return { ok: true, payload };
    } catch (error) {
      failure = error;
      // Only a key that does not match tries the next one; any other failure is the token's own.
      if (!(error instanceof KeyMismatch || isSignatureMismatch(error))) break;
    }
  }
  const reason = reasonFor(failure);
  if (reason === null) throw failure;
  return { ok: false, reason };
}

// jose reports a WebCrypto failure as a failed verification, with the failure as its `cause`: that
// is a broken server, not a bad token.
function isSignatureMismatch(error: unknown): boolean {
  return error instanceof errors.JWSSignatureVerificationFailed && error.cause === undefined;
}

// What jose cannot check: claims this server would never issue, and checks a remembered token
// must pass again on every request.
function checkClaims(config: AuthConfig, kind: TokenKind, payload: JWTPayload): VerifyResult {
  // jose accepts any JSON number, and 1e400 parses as Infinity. No check of its own is needed: an
  // infinite exp fails the lifetime bound below (or, if negative, the expiry), jose's maxTokenAge
  // refuses an infinite iat, and an infinite nbf fails jose's nbf check or `nbf < 0`.
  const { exp, iat, nbf } = payload as { exp: number; iat: number; nbf?: number };
  if (exp <= Date.now() / 1000) return { ok: false, reason: 'expired' };
  if (iat < 0 || (nbf !== undefined && nbf < 0)) return { ok: false, reason: 'invalid_claims' };
  if (exp - iat > kind.maxLifetime(config) + CLOCK_TOLERANCE_SECONDS) return { ok: false, reason: 'invalid_claims' };
  if (!isName(payload.user)) return { ok: false, reason: 'invalid_claims' };
  if (!kind.session) return { ok: true, user: payload.user };
  const { sub, sid, jti, roles } = payload;
  if (!isName(sub) || !isName(sid) || !isName(jti) || !isRoles(roles)) return { ok: false, reason: 'invalid_claims' };
  return { ok: true, user: payload.user, session: { sub, user: payload.user, roles, sid, jti } };
}

const isName = (value: unknown): value is string => typeof value === 'string' && value !== '';

// One or more of our roles, each once: anything else was never issued here.
const isRoles = (value: unknown): value is Role[] =>
  Array.isArray(value) && value.length > 0 && value.every((role) => (ROLES as readonly unknown[]).includes(role)) && new Set(value).size === value.length;

// Mapped from jose's stable error codes, never from message text. Null: not a token failure.
function reasonFor(error: unknown): InvalidTokenReason | null {
  if (error instanceof KeyMismatch || isSignatureMismatch(error)) return 'bad_signature';
  if (!(error instanceof errors.JOSEError) || error instanceof errors.JWSSignatureVerificationFailed) return null;
  switch (error.code) {
    case 'ERR_JWT_EXPIRED':
      // maxTokenAge reports an `iat` too far in the past as expired; no token we issue has one.
      return (error as errors.JWTExpired).claim === 'iat' ? 'invalid_claims' : 'expired';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'unsupported_algorithm';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED': {
      const { claim, reason } = error as errors.JWTClaimValidationFailed;
      return claim === 'nbf' && reason === 'check_failed' ? 'not_yet_valid' : 'invalid_claims';
    }
    default:
      return 'malformed';
  }
}
