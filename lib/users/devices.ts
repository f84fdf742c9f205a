import 'server-only';
import { base64url } from 'jose';
import type { AuthConfig } from '../auth/config';
import { timingSafeEqual } from '../auth/credentials';
import { getKeyRing } from '../auth/keys';
import { nameKey } from './names';

// OWASP's "Slow Down Online Guessing Attacks with Device Cookies": after a good login the browser
// or client holds a cookie, signed here, that names the user. Its attempts at that name count in a
// bucket of the device's own, so that someone who only guesses, and can lock the name for everyone
// else, cannot lock the user out of a device they logged in from before. The cookie is
// `<id>.<issued, seconds>.<HMAC>`: nothing is stored, and it authorizes nothing but its own bucket.

/** How long a device stays known after its last good login. */
export const DEVICE_LIFETIME_SECONDS = 90 * 86_400;

const encoder = new TextEncoder();

async function mac(key: CryptoKey, name: string, id: string, issued: number): Promise<string> {
  // Domain-separated from token signatures and CSRF tokens: neither signing input starts with "device:".
  const input = encoder.encode(`device:${nameKey(name)}:${id}:${issued}`);
  return base64url.encode(new Uint8Array(await crypto.subtle.sign('HMAC', key, input)));
}

/** A new device cookie's value for a user who has just logged in as `name`. */
export async function deviceTokenFor(config: AuthConfig, name: string, now = Date.now()): Promise<string> {
  const id = crypto.randomUUID();
  const issued = Math.floor(now / 1000);
  return `${id}.${issued}.${await mac((await getKeyRing(config)).current.key, name, id, issued)}`;
}

/** The device's id when `token` is a device cookie of ours for `name`, still within its lifetime; else null. */
export async function trustedDevice(config: AuthConfig, name: string, token: string | null, now = Date.now()): Promise<string | null> {
  const [id, issuedText, presented, ...rest] = (token ?? '').split('.');
  if (!id || !issuedText || !presented || rest.length > 0 || !/^\d{1,12}$/.test(issuedText)) return null;
  const issued = Number(issuedText);
  const age = now / 1000 - issued;
  if (age < -60 || age > DEVICE_LIFETIME_SECONDS) return null;
  const { all } = await getKeyRing(config);
  const matches = await Promise.all(all.map(async ({ key }) => timingSafeEqual(presented, await mac(key, name, id, issued))));
  return matches.includes(true) ? id : null;
}
