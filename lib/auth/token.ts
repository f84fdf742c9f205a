import { errors, jwtVerify, SignJWT, type JWTHeaderParameters, type JWTPayload, type JWTVerifyOptions } from 'jose';
import type { InvalidTokenReason } from '../contract';
import type { AuthConfig } from './config';
import { getKeyRing, type KeyRing } from './keys';
import { VerifiedTokens } from './verified-tokens';

/** Longest token accepted, checked before any decoding. Ours are about 200 characters. */
export const MAX_TOKEN_LENGTH = 8192;

/** Skew allowed for `nbf` and `iat` stamped by another instance's clock. `exp` gets none. */
export const CLOCK_TOLERANCE_SECONDS = 5;

/** The `typ` header of every token this server issues; a token with any other is refused. */
export const TOKEN_TYPE = 'JWT';

export type VerifyResult = { ok: true; user: string } | { ok: false; reason: InvalidTokenReason };

// Three base64url segments; the signature may be empty so that `alg: none` is refused by name.
const JWS_COMPACT = /^[\w-]+\.[\w-]+\.[\w-]*$/;

/** Signs an HS256 token for `user` that expires `ttlSeconds` from now. */
export async function signToken(config: AuthConfig, user: string, ttlSeconds: number): Promise<string> {
  const { current } = await getKeyRing(config);
  const iat = Math.floor(Date.now() / 1000);
  return new SignJWT({ user })
    .setProtectedHeader({ alg: 'HS256', typ: TOKEN_TYPE, kid: current.kid })
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .sign(current.key);
}

const verified = new VerifiedTokens();

/**
 * Verifies a token's form, algorithm, signature and claims against the configured keys. A token
 * failure is a result; only a bug or a WebCrypto failure throws.
 */
export async function verifyToken(config: AuthConfig, token: string): Promise<VerifyResult> {
  if (token.length > MAX_TOKEN_LENGTH || !JWS_COMPACT.test(token)) return { ok: false, reason: 'malformed' };
  const ring = await getKeyRing(config);
  const known = verified.get(ring, token);
  if (known) return checkClaims(config, known);

  let payload: JWTPayload;
  try {
    payload = await verifySignature(config, token, ring);
  } catch (error) {
    const reason = reasonFor(error);
    if (reason === null) throw error;
    return { ok: false, reason };
  }
  const result = checkClaims(config, payload);
  if (result.ok) verified.remember(ring, token, payload);
  return result;
}

class KeyMismatch extends Error {}

async function verifySignature(config: AuthConfig, token: string, ring: KeyRing): Promise<JWTPayload> {
  const options: JWTVerifyOptions = {
    algorithms: ['HS256'],
    typ: TOKEN_TYPE,
    requiredClaims: ['exp'],
    // Requires `iat`, refuses one in the future, and one older than any token we issue could be.
    maxTokenAge: config.ttlSeconds,
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
  };
  let failure: unknown;
  // A token names its key by `kid`; one without a `kid` is tried against each accepted key in turn.
  for (const candidate of ring.all) {
    try {
      const { payload } = await jwtVerify(
        token,
        (header: JWTHeaderParameters) => {
          if (header.kid !== undefined && header.kid !== candidate.kid) throw new KeyMismatch();
          return candidate.key;
        },
        options,
      );
      return payload;
    } catch (error) {
      if (!(error instanceof KeyMismatch || isSignatureMismatch(error))) throw error;
      failure = error;
    }
  }
  throw failure;
}

// jose reports a WebCrypto failure as a failed verification, with the failure as its `cause`: that
// is a broken server, not a bad token.
function isSignatureMismatch(error: unknown): boolean {
  return error instanceof errors.JWSSignatureVerificationFailed && error.cause === undefined;
}

// What jose cannot check: claims this server would never issue, and checks a remembered token
// must pass again on every request.
function checkClaims(config: AuthConfig, payload: JWTPayload): VerifyResult {
  // jose accepts any JSON number; 1e400 parses as Infinity, a token that would never expire.
  for (const claim of ['exp', 'iat', 'nbf'] as const) {
    const value = payload[claim];
    if (value !== undefined && !Number.isFinite(value)) return { ok: false, reason: 'invalid_claims' };
  }
  const { exp, iat, nbf } = payload as { exp: number; iat: number; nbf?: number };
  if (exp <= Date.now() / 1000) return { ok: false, reason: 'expired' };
  if (iat < 0 || (nbf !== undefined && nbf < 0)) return { ok: false, reason: 'invalid_claims' };
  if (exp - iat > config.ttlSeconds + CLOCK_TOLERANCE_SECONDS) return { ok: false, reason: 'invalid_claims' };
  if (typeof payload.user !== 'string' || payload.user === '') return { ok: false, reason: 'invalid_claims' };
  return { ok: true, user: payload.user };
}

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
