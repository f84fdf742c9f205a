import 'server-only';
import { base64url } from 'jose';
import type { AuthConfig } from './config';

export interface SigningKey {
  /** A short hash naming the key in the token header; it reveals nothing usable about the secret. */
  kid: string;
  key: CryptoKey;
}

export interface KeyRing {
  /** Signs every new token. */
  current: SigningKey;
  /** Every key that still verifies, current first. */
  all: SigningKey[];
}

const encoder = new TextEncoder();

async function importKey(secret: string): Promise<SigningKey> {
  const bytes = encoder.encode(secret);
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(`kid:${secret}`));
  const kid = base64url.encode(new Uint8Array(digest).slice(0, 9));
  // Imported once and reused: importing a raw key on every verify costs more than the HMAC itself.
  const key = await crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  return { kid, key };
}

let cached: { secrets: string; ring: Promise<KeyRing> } | undefined;

/** The HMAC keys for the configured secrets, imported once per set of secrets. */
export function getKeyRing(config: AuthConfig): Promise<KeyRing> {
  const secrets = [config.secret, ...config.previousSecrets];
  // JSON, not a join: a secret holding the separator must not pass for two secrets.
  const id = JSON.stringify(secrets);
  if (cached?.secrets !== id) {
    const ring = Promise.all(secrets.map(importKey)).then((all) => ({ current: all[0]!, all }));
    // A failed import is not kept: the next request imports again instead of failing for the
    // life of the process.
    ring.catch(() => cached?.ring === ring && (cached = undefined));
    cached = { secrets: id, ring };
  }
  return cached.ring;
}
