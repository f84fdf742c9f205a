import 'server-only';
import { base64url, calculateJwkThumbprint } from 'jose';
import type { AuthConfig, PrivateJwk, PublicJwk } from './config';

export interface SigningKey {
  /** A short hash naming the key in the token header; it reveals nothing usable about the secret. */
  kid: string;
  key: CryptoKey;
}

/** A public key of the JWKS (RFC 7517): what a resource server needs to verify an access token. */
export interface PublishedKey extends PublicJwk {
  kid: string;
  use: 'sig';
  alg: 'ES256';
}

export interface KeyRing {
  /** Signs every new HS256 token: the tutorial's, and a session's refresh token and pages' cookie. */
  current: SigningKey;
  /** Every HMAC key that still verifies, current first. */
  all: SigningKey[];
  /** Access tokens' ES256 keys: a private key signs, and the public halves verify and are published. */
  access: {
    current: SigningKey;
    /** Public keys, current first, each with its `kid` (the RFC 7638 thumbprint). */
    all: SigningKey[];
    jwks: PublishedKey[];
  };
}

const encoder = new TextEncoder();
const ES256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;

async function importKey(secret: string): Promise<SigningKey> {
  const bytes = encoder.encode(secret);
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(`kid:${secret}`));
  const kid = base64url.encode(new Uint8Array(digest).slice(0, 9));
  // Imported once and reused: importing a raw key on every verify costs more than the HMAC itself.
  const key = await crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  return { kid, key };
}

// PKCS#8 (RFC 5208) around an RFC 5915 ECPrivateKey on P-256 that holds the 32-byte scalar only.
const P256_PKCS8_PREFIX = base64url.decode('MEECAQAwEwYHKoZIzj0CAQYIKoZIzj0DAQcEJzAlAgEBBCA');

// Outside production with no JWT_SIGNING_KEY (config.ts refuses that in production): the scalar is
// derived from JWT_SECRET, so that a test or a second dev process gets the same key without one more
// variable. The label keeps it apart from the HMAC key itself.
async function derivedPkcs8(secret: string): Promise<Uint8Array<ArrayBuffer>> {
  const scalar = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(`es256-signing-key:${secret}`)));
  return new Uint8Array([...P256_PKCS8_PREFIX, ...scalar]);
}

async function privateJwk(config: AuthConfig): Promise<PrivateJwk> {
  if (config.signingKey && 'jwk' in config.signingKey) return config.signingKey.jwk;
  const der = config.signingKey ? base64ToBytes(config.signingKey.pkcs8) : await derivedPkcs8(config.secret);
  // Extractable for this one export only, to learn the public half; the key that signs is not.
  const key = await crypto.subtle.importKey('pkcs8', der, ES256, true, ['sign']);
  const { x, y, d } = await crypto.subtle.exportKey('jwk', key);
  return { kty: 'EC', crv: 'P-256', x: x!, y: y!, d: d! };
}

function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

async function publicKey(jwk: PublicJwk): Promise<SigningKey> {
  const { kty, crv, x, y } = jwk;
  const kid = await calculateJwkThumbprint({ kty, crv, x, y });
  return { kid, key: await crypto.subtle.importKey('jwk', { kty, crv, x, y }, ES256, true, ['verify']) };
}

async function accessKeys(config: AuthConfig): Promise<KeyRing['access']> {
  const { kty, crv, x, y, d } = await privateJwk(config);
  const current = await publicKey({ kty, crv, x, y });
  const signer = await crypto.subtle.importKey('jwk', { kty, crv, x, y, d }, ES256, false, ['sign']);
  const previous = await Promise.all(config.previousPublicKeys.map(publicKey));
  // A previous key that is the current one again (a rotation rolled back) is listed once.
  const all = [current, ...previous.filter((key, i) => key.kid !== current.kid && previous.findIndex((k) => k.kid === key.kid) === i)];
  const jwks = await Promise.all(
    all.map(async ({ kid, key }): Promise<PublishedKey> => {
      const { x, y } = await crypto.subtle.exportKey('jwk', key);
      return { kty: 'EC', crv: 'P-256', x: x!, y: y!, kid, use: 'sig', alg: 'ES256' };
    }),
  );
  return { current: { kid: current.kid, key: signer }, all, jwks };
}

let cached: { id: string; ring: Promise<KeyRing> } | undefined;

/** The configured keys, HMAC and ES256, imported once per configuration of them. */
export function getKeyRing(config: AuthConfig): Promise<KeyRing> {
  const secrets = [config.secret, ...config.previousSecrets];
  // JSON, not a join: a secret holding the separator must not pass for two secrets.
  const id = JSON.stringify([secrets, config.signingKey, config.previousPublicKeys]);
  if (cached?.id !== id) {
    const ring = Promise.all([Promise.all(secrets.map(importKey)), accessKeys(config)]).then(([all, access]) => ({ current: all[0]!, all, access }));
    // A failed import is not kept: the next request imports again instead of failing for the
    // life of the process.
    ring.catch(() => cached?.ring === ring && (cached = undefined));
    cached = { id, ring };
  }
  return cached.ring;
}
