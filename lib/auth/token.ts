import { errors, jwtVerify, SignJWT, type JWTHeaderParameters, type JWTPayload } from 'jose';
import type { AuthConfig } from './config';
import { getKeyRing, type KeyRing } from './keys';
import type { InvalidTokenReason } from './messages';

/** Longest token accepted, checked before any decoding. Ours are about 200 characters. */
export const MAX_TOKEN_LENGTH = 8192;

/** Skew allowed for `nbf` and `iat` stamped by another instance's clock. `exp` gets none. */
export const CLOCK_TOLERANCE_SECONDS = 5;

export type VerifyResult =
  | { ok: true; user: string; payload: JWTPayload }
  | { ok: false; reason: InvalidTokenReason };

// Three base64url segments; the signature may be empty so that `alg: none` is refused by name.
const JWS_COMPACT = /^[\w-]+\.[\w-]+\.[\w-]*$/;

const VERIFY_OPTIONS = {
  algorithms: ['HS256'],
  requiredClaims: ['exp'],
  clockTolerance: CLOCK_TOLERANCE_SECONDS,
};

/** Signs an HS256 token for `user` that expires `ttlSeconds` from now. */
export async function signToken(config: AuthConfig, user: string, ttlSeconds: number): Promise<string> {
  const { current } = await getKeyRing(config);
  const iat = Math.floor(Date.now() / 1000);
  return new SignJWT({ user })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: current.kid })
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .sign(current.key);
}

/** Verifies a token's form, algorithm, signature and claims against the configured keys; never throws. */
export async function verifyToken(config: AuthConfig, token: string): Promise<VerifyResult> {
  if (token.length > MAX_TOKEN_LENGTH || !JWS_COMPACT.test(token)) return { ok: false, reason: 'malformed' };
  try {
    const ring = await getKeyRing(config);
    const known = verifiedPayloads(ring).get(token);
    if (known) return checkClaims(known);
    const result = checkClaims(await verifySignature(token, ring));
    if (result.ok) remember(ring, token, result.payload);
    return result;
  } catch (error) {
    return { ok: false, reason: reasonFor(error) };
  }
}

/** How many verified tokens are remembered; the oldest is forgotten first. */
export const VERIFIED_CACHE_SIZE = 1000;

// A client sends the same token on every call until it expires, so most verifies repeat one already
// done, and the WebCrypto HMAC call is most of a verify's cost. (Middleware and routes are bundled
// apart, so each keeps its own cache.)
// Only tokens that passed every check are kept, by their exact text, and only for the key ring that
// verified them: new secrets start an empty cache. A hit runs checkClaims again, so expiry is
// checked on every request; what jose checked (algorithm, signature, nbf once passed) cannot
// change for the same text under the same keys.
let verified: { ring: KeyRing; payloads: Map<string, JWTPayload> } | undefined;

function verifiedPayloads(ring: KeyRing): Map<string, JWTPayload> {
  if (verified?.ring !== ring) verified = { ring, payloads: new Map() };
  return verified.payloads;
}

function remember(ring: KeyRing, token: string, payload: JWTPayload) {
  const payloads = verifiedPayloads(ring);
  if (payloads.size >= VERIFIED_CACHE_SIZE) payloads.delete(payloads.keys().next().value!);
  payloads.set(token, Object.freeze(payload));
}

class KeyMismatch extends Error {}

async function verifySignature(token: string, ring: KeyRing): Promise<JWTPayload> {
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
        VERIFY_OPTIONS,
      );
      return payload;
    } catch (error) {
      if (!(error instanceof KeyMismatch || error instanceof errors.JWSSignatureVerificationFailed)) throw error;
      failure = error;
    }
  }
  throw failure;
}

function checkClaims(payload: JWTPayload): VerifyResult {
  const now = Date.now() / 1000;
  // jose accepts any JSON number; 1e400 parses as Infinity, a token that would never expire.
  for (const claim of ['exp', 'iat', 'nbf'] as const) {
    const value = payload[claim];
    if (value !== undefined && !Number.isFinite(value)) return { ok: false, reason: 'invalid_claims' };
  }
  if (payload.exp! <= now) return { ok: false, reason: 'expired' };
  if (payload.iat !== undefined && payload.iat > now + CLOCK_TOLERANCE_SECONDS) {
    return { ok: false, reason: 'invalid_claims' };
  }
  if (typeof payload.user !== 'string' || payload.user === '') return { ok: false, reason: 'invalid_claims' };
  return { ok: true, user: payload.user, payload };
}

// Mapped from jose's stable error codes, never from message text.
function reasonFor(error: unknown): InvalidTokenReason {
  const code = error instanceof errors.JOSEError ? error.code : undefined;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'expired';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'unsupported_algorithm';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'bad_signature';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED': {
      const { claim, reason } = error as errors.JWTClaimValidationFailed;
      return claim === 'nbf' && reason === 'check_failed' ? 'not_yet_valid' : 'invalid_claims';
    }
    default:
      return error instanceof KeyMismatch ? 'bad_signature' : 'malformed';
  }
}
