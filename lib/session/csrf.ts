import 'server-only';
import { base64url } from 'jose';
import type { AuthConfig } from '../auth/config';
import { timingSafeEqual } from '../auth/credentials';
import { getKeyRing } from '../auth/keys';

const encoder = new TextEncoder();

async function derive(key: CryptoKey, sid: string): Promise<string> {
  // Domain-separated from token signatures: a JWS signing input never starts with "csrf:".
  return base64url.encode(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(`csrf:${sid}`))));
}

/** A session's CSRF token: an HMAC of its id under the signing key, so no store needs to keep it. */
export async function csrfTokenFor(config: AuthConfig, sid: string): Promise<string> {
  return derive((await getKeyRing(config)).current.key, sid);
}

/** True when `presented` is the session's CSRF token under any accepted key, compared in constant time. */
export async function checkCsrfToken(config: AuthConfig, sid: string, presented: string | null): Promise<boolean> {
  if (presented === null) return false;
  const { all } = await getKeyRing(config);
  const matches = await Promise.all(all.map(async ({ key }) => timingSafeEqual(presented, await derive(key, sid))));
  return matches.includes(true);
}
