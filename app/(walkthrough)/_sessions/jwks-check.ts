// Client-safe: verifies an access token in the browser with the public keys of the JWKS, as any
// other service would. No secret is needed, and none is here. jose is loaded only when a check
// runs, so the page's first load carries none of it.
import type { JSONWebKeySet, JWTPayload } from 'jose';
import { TOKEN_TYPES } from '@/lib/contract';

/** What a check found: the key that signed the token and its claims, or why it was refused. */
export type JwksVerdict = { ok: true; kid: string; claims: JWTPayload } | { ok: false; reason: string };

// jose's stable error codes, in words; any other code is shown as it is.
const REASONS: Record<string, string> = {
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: 'the signature does not match the header and payload',
  ERR_JWKS_NO_MATCHING_KEY: 'no key of the JWKS has the token’s kid',
  ERR_JWT_EXPIRED: 'the token has expired',
  ERR_JOSE_ALG_NOT_ALLOWED: 'its algorithm is not ES256',
  ERR_JWS_INVALID: 'it is not a signed token',
  ERR_JWT_INVALID: 'its payload is not a set of claims',
};

/**
 * Verifies `token` with the keys of `jwks`, as the Flask API does: ES256 only, whatever the
 * token's header names, and an access token's `typ` (RFC 9068 §2.1). A service also requires its
 * own `aud` and this app's `iss`, which the page, being no such service, leaves out.
 */
export async function verifyWithJwks(token: string, jwks: JSONWebKeySet): Promise<JwksVerdict> {
  const { createLocalJWKSet, errors, jwtVerify } = await import('jose');
  try {
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(jwks), { algorithms: ['ES256'], typ: TOKEN_TYPES.access });
    return { ok: true, kid: protectedHeader.kid ?? '', claims: payload };
  } catch (error) {
    if (error instanceof errors.JWTClaimValidationFailed) return { ok: false, reason: `its ${error.claim} is missing or not what an access token has` };
    if (!(error instanceof errors.JOSEError)) throw error;
    return { ok: false, reason: REASONS[error.code] ?? error.code };
  }
}
